import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { labConfig } from '../../support/check-harness.js';
import { check, host, mixedReport, okReport, report, warnOnlyReport } from '../report/sample-report.js';
import { runCli, tempCwd } from './harness.js';

const driftReport = () =>
  report([host('hv1', 'hypervisor', [check('a', 'ok'), check('b', 'drift', { findings: [{ code: 'x', message: 'x is wrong' }] })])]);

describe('check', () => {
  it('maps argv to the run options', async () => {
    const r = await runCli(['check', '-c', 'prod.yaml', '--only', 'hv1', 'sftp', '--accept-new-host-keys', '--format', 'json'], {
      loadConfig: (options) => {
        expect(options).toMatchObject({ path: 'prod.yaml', env: {} });
        return { config: labConfig(), warnings: [], file: 'prod.yaml' };
      },
      run: async () => okReport(),
    });
    expect(r.code).toBe(0);
    const options = r.runCalls[0]!;
    expect(options).toMatchObject({
      command: 'check',
      only: ['hv1', 'sftp'],
      dryRun: false,
      flags: {},
      acceptNewHostKeys: true,
      confirm: undefined,
    });
    expect(options.registry).toEqual({ checks: [], crossHostChecks: [], handlers: [] });
    expect(r.connectorCreated).toBe(1);
  });

  it.each([
    ['all ok', okReport(), 0],
    ['drift', driftReport(), 1],
    ['warn-only drift', warnOnlyReport(), 1],
    ['unreachable host / errored check', mixedReport(), 3],
  ] as const)('exit code per DESIGN §2: %s → %i', async (_name, rep, code) => {
    const r = await runCli(['check'], { run: async () => rep });
    expect(r.code).toBe(code);
    expect(r.exitCodeSet).toEqual([code]);
  });

  it.each([
    ['all ok', okReport(), 0, 'OK'],
    ['warn-only drift', warnOnlyReport(), 1, 'WARNING'],
    ['error drift', driftReport(), 2, 'CRITICAL'],
    ['unreachable host', mixedReport(), 2, 'CRITICAL'],
  ] as const)('--format nagios: %s → %i %s', async (_name, rep, code, state) => {
    const r = await runCli(['check', '--format', 'nagios'], { run: async () => rep });
    expect(r.code).toBe(code);
    expect(r.stdout.split('\n')[0]).toMatch(new RegExp(`^OVIRT-FLOPPY ${state} - `));
  });

  it('prints human by default, uncoloured off a TTY', async () => {
    const r = await runCli(['check'], { run: async () => driftReport() });
    expect(r.stdout).toMatch(/^ovirt-floppy check — 1 host/);
    expect(r.stdout).toContain('✖ drift    b');
    expect(r.stdout).not.toMatch(/\x1b\[/);
    expect(r.stderr).toBe('');
  });

  it('colours human output on a TTY unless --no-color or NO_COLOR', async () => {
    const tty = { stdin: false, stdout: true, stderr: false };
    expect((await runCli(['check'], { isTTY: tty, run: async () => driftReport() })).stdout).toMatch(/\x1b\[/);
    expect((await runCli(['check', '--no-color'], { isTTY: tty, run: async () => driftReport() })).stdout).not.toMatch(/\x1b\[/);
    expect((await runCli(['check'], { isTTY: tty, env: { NO_COLOR: '1' }, run: async () => driftReport() })).stdout).not.toMatch(/\x1b\[/);
  });

  it.each([
    ['json', (out: string) => expect(JSON.parse(out).hosts[0].name).toBe('hv1')],
    ['junit', (out: string) => expect(XMLValidator.validate(out)).toBe(true)],
    ['prometheus', (out: string) => expect(out).toContain('ovirt_floppy_check_ok{host="hv1",role="hypervisor",check="b"} 0')],
  ] as const)('--format %s goes to stdout', async (format, verify) => {
    const r = await runCli(['check', '--format', format], { run: async () => driftReport() });
    verify(r.stdout);
    expect(r.stderr).toBe('');
  });

  it('shows progress only for human output with stderr on a TTY, for the selected hosts', async () => {
    const tty = { stdin: false, stdout: false, stderr: true };
    const human = await runCli(['check', '--only', 'hypervisor'], { isTTY: tty, run: async () => okReport() });
    expect(human.progressHosts).toEqual([
      [
        { name: 'hv1', role: 'hypervisor', address: '127.0.1.11' },
        { name: 'hv2', role: 'hypervisor', address: '127.0.1.12' },
      ],
    ]);
    expect((await runCli(['check', '--format', 'json'], { isTTY: tty, run: async () => okReport() })).progressHosts).toEqual([]);
    expect((await runCli(['check'], { run: async () => okReport() })).progressHosts).toEqual([]);
  });

  it('refuses an --only value that matches no host before contacting anything', async () => {
    const r = await runCli(['check', '--only', 'nosuchhost']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('nosuchhost');
    expect(r.connectorCreated).toBe(0);
    expect(r.runCalls).toHaveLength(0);
  });

  it('--output writes the report to the file (atomically, no temp left) and nothing to stdout', async () => {
    const cwd = await tempCwd();
    const path = join(cwd, 'ovirt_floppy.prom');
    const r = await runCli(['check', '--format', 'prometheus', '--output', path], { cwd, run: async () => driftReport() });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(await readFile(path, 'utf8')).toContain('# TYPE ovirt_floppy_run_success gauge');
    expect(await readdir(cwd)).toEqual(['ovirt_floppy.prom']);
  });

  it('--output into a missing directory is a usage error before the run', async () => {
    const cwd = await tempCwd();
    const r = await runCli(['check', '--output', join(cwd, 'nope', 'x.json')], { cwd, run: async () => okReport() });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('does not exist');
    expect(r.runCalls).toHaveLength(0);
  });
});
