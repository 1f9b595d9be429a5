/**
 * engine-config hangs (issue #13): a JVM waiting for its database never answers. Every engine-config run is bounded
 * by manager.engineConfigTimeout, which the config rules keep inside ssh.execTimeout, so the hang is reported as
 * engine-config's own timeout — the property check an error naming the manager, engine-config and the bound — while
 * the manager's other checks, the hypervisor and the sftp server are audited in full, instead of the whole manager
 * probe timing out. GNU timeout ends the command's whole process group: nothing is left running on the manager.
 * The same bound holds for apply's `engine-config -s`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import type { RunReport } from '../../src/result/model.js';
import { sshRoot, startGroup, type LabGroup } from '../lab/api.js';
import { runCli, runJson } from '../support/run-cli.js';

const BOUND = 3;
// A sleep no other process of the host runs, so a leftover is recognisable.
const HANG = 'sleep 3171';
const ENGINE_CONFIG = '/usr/bin/engine-config';
const STANDIN = '/usr/share/lab-engine/engine_config.py';

let group: LabGroup;
let configPath: string;
let mgr: string;
const manager = (r: RunReport) => r.hosts.find((h) => h.role === 'manager')!;
const checkOf = (r: RunReport, id: string) => manager(r).checks.find((c) => c.id === id)!;

/** engine-config replaced by a script that hangs for `when` (a case pattern over its arguments), else runs the stand-in. */
async function engineConfigHangs(when: string): Promise<void> {
  const script = ['#!/bin/sh', `case "$1" in ${when}) ${HANG} ;; esac`, `exec ${STANDIN} "$@"`].join('\n');
  const r = await sshRoot(mgr, `rm -f ${ENGINE_CONFIG} && printf '%s\\n' '${script}' > ${ENGINE_CONFIG} && chmod 0755 ${ENGINE_CONFIG}`);
  expect(r.code, r.stderr).toBe(0);
}

/** Processes on the manager whose command line names engine-config or the hang (the bracket keeps grep out). */
async function leftovers(): Promise<string> {
  const r = await sshRoot(
    mgr,
    "for p in /proc/[0-9]*; do tr '\\0' ' ' < $p/cmdline 2>/dev/null; echo; done | grep -e 'engine-confi[g]' -e 'sleep 317[1]' || true",
  );
  expect(r.code, r.stderr).toBe(0);
  return r.stdout.trim();
}

beforeAll(async () => {
  group = await startGroup({ manager: true, hypervisors: [{}], sftp: true });
  mgr = group.manager!.address;
  const config = parse(readFileSync(group.configPath, 'utf8'));
  config.manager.engineConfigTimeout = BOUND;
  configPath = group.configPath.replace(/\.yaml$/, '-ec3.yaml');
  writeFileSync(configPath, stringify(config));
});
afterAll(async () => {
  await group?.stop();
});

describe('engine-config hangs', () => {
  it('check: exit 3, the property check an error naming manager, engine-config and the bound; every other host in full', async () => {
    await engineConfigHangs('-g');
    const r = await runJson(['check', '-c', configPath]);
    expect(r.code, r.stderr).toBe(3);
    // Well inside ssh.execTimeout (60 s): the bound ended engine-config, not the whole-host timeout.
    expect(r.report.durationMs).toBeLessThan(60_000);
    const m = manager(r.report);
    expect(m.reachable).toBe(true);
    expect(m.error).toBeUndefined();
    const prop = checkOf(r.report, 'manager-floppy-property');
    expect(prop.status).toBe('error');
    expect(prop.reason).toBe(
      `${group.id}-mgr: engine-config -g UserDefinedVMProperties did not answer within ${BOUND} s (manager.engineConfigTimeout); ended by timeout`,
    );
    // Checks that do not need engine-config still ran; the one that needs the stored value waits for it.
    for (const id of ['manager-engine-installed', 'manager-floppy-regex', 'manager-engine-healthy']) {
      expect(checkOf(r.report, id).status, id).toBe('ok');
    }
    expect(checkOf(r.report, 'manager-engine-restart-pending')).toMatchObject({
      status: 'skipped',
      reason: 'needs manager-floppy-property (error)',
    });
    for (const h of r.report.hosts.filter((x) => x.role !== 'manager')) {
      expect(h.reachable, h.name).toBe(true);
      expect(h.checks.length, h.name).toBeGreaterThan(3);
      expect(
        h.checks.filter((c) => c.status === 'error').map((c) => [c.id, c.reason]),
        h.name,
      ).toEqual([]);
    }
    expect(await leftovers()).toBe('');

    const nagios = await runCli(['check', '-c', configPath, '--format', 'nagios']);
    expect([2, 3], nagios.stdout).toContain(nagios.code);
    expect(nagios.stdout).toMatch(/^OVIRT-FLOPPY (CRITICAL|UNKNOWN)/);
    expect(nagios.stdout).toContain('did not answer within');
    expect(await leftovers()).toBe('');
  });

  it('apply: an `engine-config -s` that hangs fails its step after the same bound, naming it; nothing left running', async () => {
    await engineConfigHangs('-s');
    const r = await runJson(['apply', '-c', configPath, '--yes', '--only', 'manager']);
    expect(r.code, r.stderr).toBe(3);
    const prop = checkOf(r.report, 'manager-floppy-property');
    expect(prop.status).toBe('error');
    expect(prop.reason).toContain(`engine-config -s UserDefinedVMProperties for level`);
    expect(prop.reason).toContain(`engine-config did not answer within ${BOUND} s`);
    // The first failed step stops the host: no engine restart for a change that did not happen.
    expect(manager(r.report).handlers).toEqual([]);
    expect(await leftovers()).toBe('');
  });
});
