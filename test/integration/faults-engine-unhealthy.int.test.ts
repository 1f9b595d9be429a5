/**
 * The engine restart never gets healthy (issue #13 item 2, "Must show"): a stock manager, `restartTimeout: 10`,
 * and the engine stand-in's db-down flag, so after `systemctl restart ovirt-engine` the health servlet answers
 * "DB Down" (facts §1.6 health servlet texts) and never 200. The restart-engine handler times out; apply must
 * fail — exit 3, Nagios CRITICAL — naming host, check, the handler's command and what the servlet answered;
 * the stored property change is reported as not active.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { sshRoot, startGroup, type LabGroup } from '../lab/api.js';
import { runCli, runJson } from '../support/run-cli.js';

let group: LabGroup;
let configPath: string;

beforeAll(async () => {
  group = await startGroup({ manager: true });
  const config = parse(readFileSync(group.configPath, 'utf8'));
  config.manager.restartTimeout = 10;
  configPath = group.configPath.replace(/\.yaml$/, '-restart10.yaml');
  writeFileSync(configPath, stringify(config));
  const flag = await sshRoot(group.manager!.address, 'mkdir -p /var/lib/lab-engine && touch /var/lib/lab-engine/db-down');
  expect(flag.code, flag.stderr).toBe(0);
});
afterAll(async () => {
  await group?.stop();
});

describe('engine never healthy after the restart', () => {
  it('apply --format nagios: CRITICAL (exit 2); apply --format json: exit 3, the property check an error naming the handler', async () => {
    const nagios = await runCli(['apply', '-c', configPath, '--yes', '--format', 'nagios']);
    expect(nagios.code, nagios.stdout + nagios.stderr).toBe(2);
    expect(nagios.stdout).toMatch(/^OVIRT-FLOPPY CRITICAL/);

    // The stored value is in place now; the restart is still pending, and a second apply must not call it done.
    const r = await runJson(['apply', '-c', configPath, '--yes']);
    expect(r.code).toBe(3);
    const mgr = r.report.hosts[0]!;
    const bad = mgr.checks.filter((c) => c.status === 'error' || c.status === 'drift').map((c) => c.id);
    expect(bad.length).toBeGreaterThan(0);
    expect(mgr.checks.every((c) => c.status !== 'fixed' || c.id !== 'manager-engine-healthy')).toBe(true);
  });

  it('the first apply names host, check, handler command and the servlet answer', async () => {
    // Fresh evidence from a run that changes something: put back a stock value, apply again.
    const reset = await sshRoot(group.manager!.address, "engine-config -s UserDefinedVMProperties='' --cver=4.7");
    expect(reset.code, reset.stderr).toBe(0);
    const r = await runJson(['apply', '-c', configPath, '--yes']);
    expect(r.code).toBe(3);
    const mgr = r.report.hosts[0]!;
    expect(mgr.handlers.map((h) => [h.name, h.status])).toEqual([['restart-engine', 'failed']]);
    const prop = mgr.checks.find((c) => c.id === 'manager-floppy-property')!;
    expect(prop.status).toBe('error');
    expect(prop.reason).toContain('restart-engine handler failed');
    expect(prop.reason).toContain(`${group.id}-mgr: \`wait up to 10 s for`);
    // root can still log in
    expect((await sshRoot(group.manager!.address, 'true')).code).toBe(0);
  });
});
