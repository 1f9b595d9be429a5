import { describe, expect, it } from 'vitest';
import type { CliDeps } from '../../../src/cli/deps.js';
import { runSmokeCommand, type SmokeCommandOptions } from '../../../src/cli/commands/smoke.js';
import { decideExitCode } from '../../../src/result/exit-code.js';
import type { RunReport, SmokeStage } from '../../../src/result/model.js';
import { summarize } from '../../../src/result/summary.js';
import type { SmokeDeps, SmokeOptions } from '../../../src/smoke/types.js';
import { runCli } from '../cli/harness.js';
import { smokeConfig } from './support.js';

function report(stages: SmokeStage[]): RunReport {
  return {
    schemaVersion: 1,
    tool: { name: 'ovirt-floppy', version: '0' },
    command: 'smoke',
    startedAt: '2025-01-01T00:00:00.000Z',
    durationMs: 5,
    summary: summarize([]),
    hosts: [],
    smoke: { stages },
  };
}

const okStages: SmokeStage[] = [
  { name: 'preflight', status: 'ok', durationMs: 3, message: '30 checks on 4 hosts pass' },
  { name: 'vm', status: 'skipped', durationMs: 0, message: 'no smoke.vm configured' },
];

function deps(overrides: Partial<CliDeps> = {}) {
  const out = { stdout: '', stderr: '' };
  const base: CliDeps = {
    loadConfig: () => ({ config: smokeConfig(), warnings: [{ path: 'floppy.propertyRegex', message: 'loose' }], file: '/etc/of.yaml' }),
    run: async () => {
      throw new Error('the runner belongs to runSmoke here');
    },
    loadRegistry: () => ({ checks: [], crossHostChecks: [], handlers: [] }),
    createConnector: () => ({
      connect: async () => {
        throw new Error('no');
      },
    }),
    engineFactsSource: async () => undefined,
    starterConfigYaml: () => '',
    createProgress: () => {
      throw new Error('smoke draws its own progress lines');
    },
    stdout: { write: (t: string) => (out.stdout += t) },
    stderr: { write: (t: string) => (out.stderr += t) },
    isTTY: { stdin: false, stdout: false, stderr: false },
    env: {},
    cwd: '/tmp',
    prompt: async () => '',
    ...overrides,
  };
  return { base, out };
}

const options: SmokeCommandOptions = { keep: true, format: 'json', acceptNewHostKeys: true, color: false };

describe('smoke command', () => {
  it('hands the config, flags and the runner to runSmoke, prints the report and returns its exit code', async () => {
    const { base, out } = deps();
    const seen: { options?: SmokeOptions; deps?: SmokeDeps } = {};
    const code = decideExitCode(
      await runSmokeCommand(options, base, {
        runSmoke: async (o, d) => {
          Object.assign(seen, { options: o, deps: d });
          return report(okStages);
        },
        createEngineApi: async () => undefined,
      }),
    );
    expect(code).toBe(0);
    expect(seen.options).toMatchObject({ keep: true, acceptNewHostKeys: true });
    expect(seen.deps!.runChecks).toBe(base.run);
    expect(seen.deps!.progress).toBeUndefined();
    expect(JSON.parse(out.stdout).smoke.stages).toEqual(okStages);
    expect(out.stderr).toBe('warning: /etc/of.yaml: floppy.propertyRegex: loose\n');
  });

  it('exits 1 when a stage failed, and shows progress lines only on a terminal in human format', async () => {
    const { base, out } = deps({ isTTY: { stdin: true, stdout: false, stderr: true } });
    const failed: SmokeStage = { name: 'upload', status: 'failed', durationMs: 9, message: 'sftp refused the key' };
    const code = decideExitCode(
      await runSmokeCommand({ ...options, format: 'human' }, base, {
        runSmoke: async (_o, d) => {
          d.progress!.stageStarted('upload');
          d.progress!.stageFinished(failed);
          return report([failed]);
        },
        createEngineApi: async () => undefined,
      }),
    );
    expect(code).toBe(1);
    expect(out.stderr).toContain('smoke: upload …\nsmoke: upload failed (9 ms)\n');
    expect(out.stdout).toContain('sftp refused the key');
  });

  it('maps a failed stage to CRITICAL under nagios', async () => {
    const { base } = deps();
    const code = decideExitCode(
      await runSmokeCommand({ ...options, format: 'nagios' }, base, {
        runSmoke: async () => report([{ name: 'hook', status: 'failed', durationMs: 1, message: 'x' }]),
        createEngineApi: async () => undefined,
      }),
    );
    expect(code).toBe(2);
  });

  it('refuses a missing engine API password before contacting anything (exit 2)', async () => {
    const config = smokeConfig((c) => {
      c.engineApi = { url: 'https://127.0.1.10/ovirt-engine/api', user: 'admin@internal', passwordEnv: 'OF_PW' };
      c.smoke = { vm: 'floppy-smoke', vmTimeout: 60 };
    });
    const r = await runCli(['smoke'], { loadConfig: () => ({ config, warnings: [], file: '/x.yaml' }) });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('environment variable OF_PW is not set');
    expect(r.connectorCreated).toBe(0);
    expect(r.runCalls).toEqual([]);
  });
});
