import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { HostResult, RunReport, SmokeStage } from '../../../src/result/model.js';
import { exitCodeFor } from '../../../src/result/exit-code.js';
import { summarize } from '../../../src/result/summary.js';
import { smokeDomainXml } from '../../../src/smoke/domain-xml.js';
import { runSmoke } from '../../../src/smoke/run-smoke.js';
import { missingFileMessage } from '../../../src/smoke/stage-hook.js';
import type { SmokeDeps, SmokeOptions } from '../../../src/smoke/types.js';
import type { ExecOptions } from '../../../src/ssh/transport.js';
import type { FakeAnswer } from '../../support/fake-transport.js';
import { labFakes } from './support.js';

function checksReport(status: 'ok' | 'drift'): RunReport {
  const hosts: HostResult[] = [
    {
      name: 'sftp',
      role: 'sftp',
      address: '127.0.1.20',
      reachable: true,
      stats: { connections: 1, execs: 1 },
      handlers: [],
      checks: [
        {
          id: 'sftp-bind-mount',
          title: 't',
          status,
          severity: 'error',
          changes: [],
          durationMs: 1,
          findings: status === 'ok' ? [] : [{ code: 'not-mounted', message: 'nothing is mounted on /srv/floppy_chroot/floppy' }],
        },
      ],
    },
  ];
  return {
    schemaVersion: 1,
    tool: { name: 'ovirt-floppy', version: '0' },
    command: 'check',
    startedAt: '',
    durationMs: 1,
    summary: summarize(hosts),
    hosts,
  };
}

/** A lab whose hosts answer like a healthy, applied environment, computed from what was really uploaded. */
function healthyLab() {
  const f = labFakes();
  const uploaded = () => [...f.uploadSftp.files.values()][0]?.data;
  const sha = () =>
    createHash('sha256')
      .update(uploaded() ?? Buffer.alloc(0))
      .digest('hex');
  const hypervisor = (options: ExecOptions | undefined): FakeAnswer => {
    const script = options?.stdin?.toString() ?? '';
    if (script.includes('echo present')) return { stdout: uploaded() ? 'present\n' : 'gone\n' };
    if (script.includes('sha256sum')) return { stdout: `sha256 ${sha()}\nvdsm-read 0\nqemu-rw 0\n` };
    const floppy = /floppy=(\S+) /.exec(script)![1]!;
    if (floppy.includes('/missing-')) return { stdout: `@@rc 2\n${smokeDomainXml('u')}`, stderr: `${missingFileMessage(floppy)}\n` };
    const disk = `<disk type="file" device="floppy"><source file="${floppy}"/><target dev="fda"/></disk>`;
    return { stdout: `@@rc 0\n${smokeDomainXml('u').replace('</devices>', `${disk}</devices>`)}` };
  };
  f.hv1.answer('sh -s', hypervisor);
  f.hv2.answer('sh -s', hypervisor);
  f.sftpRoot.answer('sh -s', () => ({ stdout: `sha256 ${sha()}\n` }));
  return f;
}

function run(f: ReturnType<typeof labFakes>, report: RunReport, options: Partial<SmokeOptions> = {}) {
  const events: string[] = [];
  let checksRun = 0;
  const deps: SmokeDeps = {
    connector: f.connector,
    registry: { checks: [], crossHostChecks: [], handlers: [] },
    runChecks: async () => {
      checksRun += 1;
      return report;
    },
    randomHex: (n) => '5'.repeat(n * 2),
    progress: { stageStarted: (n) => events.push(`start ${n}`), stageFinished: (s) => events.push(`${s.status} ${s.name}`) },
  };
  return runSmoke({ config: f.config, keep: false, acceptNewHostKeys: false, ...options }, deps).then((r) => ({
    report: r,
    events,
    checksRun,
  }));
}

const statuses = (stages: SmokeStage[]) => stages.map((s) => `${s.name}:${s.status}`);

describe('runSmoke', () => {
  it('runs every stage in order on a healthy environment, without a VM when smoke.vm is not set', async () => {
    const f = healthyLab();
    const { report, events } = await run(f, checksReport('ok'));
    expect(statuses(report.smoke!.stages)).toEqual([
      'preflight:ok',
      'build:ok',
      'upload:ok',
      'confinement:ok',
      'visibility:ok',
      'hook:ok',
      'vm:skipped',
      'cleanup:ok',
    ]);
    expect(report.command).toBe('smoke');
    expect(report.hosts.map((h) => h.name)).toEqual(['sftp']);
    expect(exitCodeFor(report)).toBe(0);
    expect(events.slice(0, 4)).toEqual(['start preflight', 'ok preflight', 'start build', 'ok build']);
    expect(f.uploadSftp.files.size).toBe(0);
    // Every connection the run opened is closed.
    for (const t of [f.hv1, f.hv2, f.sftpRoot, f.upload]) expect(t.closed).toBe(true);
    expect(f.connector.calls.filter((c) => c.key === 'root@127.0.1.11')).toHaveLength(1);
  });

  it('stops at a failed preflight: nothing uploaded, nothing to clean, exit 1', async () => {
    const f = healthyLab();
    const { report } = await run(f, checksReport('drift'));
    const stages = report.smoke!.stages;
    expect(statuses(stages)).toEqual([
      'preflight:failed',
      'build:skipped',
      'upload:skipped',
      'confinement:skipped',
      'visibility:skipped',
      'hook:skipped',
      'vm:skipped',
      'cleanup:skipped',
    ]);
    expect(stages[0]!.message).toContain('sftp sftp-bind-mount');
    expect(stages[1]!.message).toBe('not run: preflight failed');
    expect(stages[7]!.message).toBe('not run: nothing was uploaded before preflight failed');
    expect(f.connector.calls).toEqual([]);
    expect(exitCodeFor(report)).toBe(1);
  });

  it('still cleans up after a later stage fails', async () => {
    const f = healthyLab();
    f.hv2.answer('sh -s', { stdout: 'dir missing\n' });
    const { report } = await run(f, checksReport('ok'));
    expect(statuses(report.smoke!.stages)).toEqual([
      'preflight:ok',
      'build:ok',
      'upload:ok',
      'confinement:ok',
      'visibility:failed',
      'hook:skipped',
      'vm:skipped',
      'cleanup:ok',
    ]);
    expect(report.smoke!.stages[4]!.message).toMatch(/^hv2: .* does not exist: the shared floppy directory is not mounted/);
    expect(f.uploadSftp.files.size).toBe(0);
    expect(exitCodeFor(report)).toBe(1);
  });

  it('turns an unexpected error into the failure of its stage', async () => {
    const f = healthyLab();
    f.hv1.answer('sh -s', () => {
      throw new Error('hv1 (127.0.1.11): the connection was closed');
    });
    const { report } = await run(f, checksReport('ok'));
    const visibility = report.smoke!.stages[4]!;
    expect(visibility).toMatchObject({ status: 'failed', message: 'hv1: hv1 (127.0.1.11): the connection was closed' });
  });

  it('can leave out the preflight (tests proving a later stage on its own)', async () => {
    const f = healthyLab();
    const { report, checksRun } = await run(f, checksReport('drift'), { preflight: false });
    expect(checksRun).toBe(0);
    expect(report.smoke!.stages[0]).toEqual({
      name: 'preflight',
      status: 'skipped',
      durationMs: 0,
      message: 'not run: preflight turned off',
    });
    expect(report.smoke!.stages[7]!.status).toBe('ok');
    expect(report.hosts).toEqual([]);
  });

  it('keeps the image with --keep', async () => {
    const f = healthyLab();
    const { report } = await run(f, checksReport('ok'), { keep: true });
    expect(report.smoke!.stages[7]!.status).toBe('skipped');
    expect(f.uploadSftp.files.size).toBe(1);
    expect(exitCodeFor(report)).toBe(0);
  });
});
