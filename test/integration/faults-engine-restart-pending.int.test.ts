/**
 * A pending engine restart without engineApi (issue #13): the property write leaves a marker on the manager and the
 * restart handler removes it only once the engine answered healthy, so `check` sees a change ovirt-floppy stored
 * but the running engine never read: the marker is newer than the engine service's main process. Fault: the restart
 * fails (systemctl's own "Job ... failed" for `restart ovirt-engine`); everything else is real. Repaired, apply
 * restarts the engine and check is clean.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import type { RunReport } from '../../src/result/model.js';
import { sshRoot, startGroup, type LabGroup } from '../lab/api.js';
import { systemctlWrapperCommands } from '../support/lab-scene.js';
import { runCli, runJson } from '../support/run-cli.js';

const MARKER = '/var/lib/ovirt-floppy/engine-restart-pending';
const FAILING_SYSTEMCTL = [
  '#!/bin/sh',
  'case "$*" in *restart*ovirt-engine*) printf \'%s\\n\' "Job for ovirt-engine.service failed because the control process exited with error code." >&2; exit 1;; esac',
  'exec /usr/bin/systemctl.real "$@"',
].join('\n');

let group: LabGroup;
let configPath: string;
let mgr: string;
const pending = (r: RunReport) => r.hosts[0]!.checks.find((c) => c.id === 'manager-engine-restart-pending')!;

beforeAll(async () => {
  group = await startGroup({ manager: true });
  mgr = group.manager!.address;
  // No engineApi (and nothing that needs it): the running engine's values cannot be asked.
  const config = parse(readFileSync(group.configPath, 'utf8'));
  delete config.engineApi;
  delete config.smoke;
  delete config.discover;
  configPath = group.configPath.replace(/\.yaml$/, '-noapi.yaml');
  writeFileSync(configPath, stringify(config));
  const setup = await sshRoot(mgr, systemctlWrapperCommands(FAILING_SYSTEMCTL).join(' && '));
  expect(setup.code, setup.stderr).toBe(0);
});
afterAll(async () => {
  await group?.stop();
});

describe('engine restart pending, no engineApi', () => {
  it('apply stores the property but the restart fails: exit 3, the marker stays (root-only)', async () => {
    const r = await runJson(['apply', '-c', configPath, '--yes']);
    expect(r.code, r.stderr).toBe(3);
    expect(r.report.hosts[0]!.handlers.map((h) => [h.name, h.status])).toEqual([['restart-engine', 'failed']]);
    const stat = await sshRoot(mgr, `stat -c '%a %U' ${MARKER} $(dirname ${MARKER})`);
    expect(stat.stdout).toBe('600 root\n700 root\n');
  });

  it('check exits 1 naming the pending restart, with both times; Nagios not OK', async () => {
    const r = await runJson(['check', '-c', configPath]);
    expect(r.code, JSON.stringify(r.report.hosts[0]!.checks.filter((c) => c.status !== 'ok' && c.status !== 'skipped'))).toBe(1);
    expect(r.report.hosts[0]!.checks.find((c) => c.id === 'manager-floppy-property')?.status).toBe('ok');
    const c = pending(r.report);
    expect(c.status).toBe('drift');
    expect(c.findings).toHaveLength(1);
    expect(c.findings[0]!.code).toBe('engine-restart-pending');
    expect(c.findings[0]!.message).toMatch(
      /^engine restart pending: ovirt-floppy changed UserDefinedVMProperties at \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ, ovirt-engine running since \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/,
    );
    const [changed, since] = c.findings[0]!.message.match(/\d{4}-[\dT:-]+Z/g)!;
    expect(Date.parse(since!)).toBeLessThan(Date.parse(changed!));
    expect(c.changes.map((x) => x.notify)).toEqual(['restart-engine']);
    const nagios = await runCli(['check', '-c', configPath, '--format', 'nagios']);
    expect(nagios.code).not.toBe(0);
    expect(nagios.stdout).toContain('manager-engine-restart-pending');
  });

  it('with the restart repaired, apply restarts the engine and removes the marker; check exits 0 and says its scope', async () => {
    expect((await sshRoot(mgr, 'mv -f /usr/bin/systemctl.real /usr/bin/systemctl')).code).toBe(0);
    const a = await runJson(['apply', '-c', configPath, '--yes']);
    expect(a.code, JSON.stringify(a.report.hosts[0]!.checks.filter((c) => !['ok', 'fixed', 'skipped'].includes(c.status)))).toBe(0);
    expect(a.report.hosts[0]!.handlers.map((h) => [h.name, h.status])).toEqual([['restart-engine', 'applied']]);
    expect(pending(a.report).status).toBe('fixed');
    expect((await sshRoot(mgr, `test -e ${MARKER}`)).code).toBe(1);

    const r = await runJson(['check', '-c', configPath]);
    expect(r.code).toBe(0);
    expect(pending(r.report).status).toBe('ok');
    expect(pending(r.report).findings.map((f) => [f.code, f.severity])).toEqual([['restart-pending-scope', 'info']]);
    expect(pending(r.report).findings[0]!.message).toContain('without engineApi only changes made by ovirt-floppy are seen');
  });
});
