/**
 * Issue #15 end to end: the engine as the source of truth. A lab group whose config has NO `hypervisors:` list
 * and `discover: {}`: the hypervisors come from the engine stand-in's hosts (test/lab/standins/engine,
 * route_api_infra.py), a host the engine holds in maintenance is skipped with that status, a VM left with its
 * floppy property for longer than floppy.maxAgeHours is named, and a hook file deleted on a hypervisor is
 * reported by the SSH check and by the API check (the stand-in's `GET /hosts/{id}/hooks` is computed by the
 * host's vdsm stand-in from the real hook files, as vdsm's `hooks.installed()` does).
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { EngineApi } from '../../src/engine-api/client.js';
import { readEngineApiPassword } from '../../src/engine-api/password.js';
import type { RunReport } from '../../src/result/model.js';
import { sshRoot, startGroup, type LabGroup } from '../lab/api.js';
import { runJson } from '../support/run-cli.js';

const STATE = '/var/lib/lab-engine/api-state.json';
const API_STATE = 'python3 /usr/share/lab-engine/api_state.py';
const HOOK = '/usr/libexec/vdsm/hooks/before_vm_start/50_floppy';

let group: LabGroup;
let configPath: string;
let api: EngineApi;
let clientPath: string;
let serverPath: string;
const cfg = () => ['-c', configPath];
const host = (report: RunReport, name: string) => report.hosts.find((h) => h.name === name);
const checkOf = (report: RunReport, name: string, id: string) => host(report, name)?.checks.find((c) => c.id === id);

async function onManager(command: string): Promise<string> {
  const r = await sshRoot(group.manager!.address, command);
  expect(r.code, r.stderr).toBe(0);
  return r.stdout;
}

interface Vm {
  id: string;
  custom_properties?: { custom_property: { name: string; value: string }[] };
}

async function setFloppy(vmName: string, value: string | undefined): Promise<void> {
  const found = await api.request<{ vm?: Vm[] }>('GET', `/vms?search=${encodeURIComponent(`name=${vmName}`)}`);
  const vm = found.vm![0]!;
  // Read-modify-write: the list replaces all of the VM's properties (facts §4.4).
  const keep = (vm.custom_properties?.custom_property ?? []).filter((p) => p.name !== 'floppy');
  const props = value === undefined ? keep : [...keep, { name: 'floppy', value }];
  await api.request('PUT', `/vms/${vm.id}`, { custom_properties: { custom_property: props } });
}

beforeAll(async () => {
  group = await startGroup({
    manager: true,
    hypervisors: [{ vdsmVersion: '4.30' }, { vdsmVersion: '4.30', selinux: 'enforcing', virtUseNfs: false }],
    sftp: true,
  });
  const config = parse(await fs.readFile(group.configPath, 'utf8')) as Record<string, any>;
  delete config.hypervisors;
  config.discover = {};
  clientPath = config.floppy.clientPath;
  serverPath = config.floppy.serverPath;
  configPath = path.join(path.dirname(group.configPath), 'discover.yaml');
  await fs.writeFile(configPath, stringify(config));
  api = new EngineApi(config.engineApi, readEngineApiPassword(config.engineApi, {}));
}, 600_000);

afterAll(async () => {
  await group?.stop();
});

describe('discover: {} with no hypervisors list', () => {
  it('apply --yes, then check exits 0 and audits both engine hosts over SSH', async () => {
    const applied = await runJson(['apply', '--yes', ...cfg()]);
    expect(applied.code, applied.stderr).toBe(0);
    const r = await runJson(['check', ...cfg()]);
    expect(r.code, r.stderr).toBe(0);
    const hvs = r.report.hosts.filter((h) => h.role === 'hypervisor');
    expect(hvs.map((h) => h.address).sort()).toEqual(group.hypervisors.map((h) => h.address).sort());
    for (const h of hvs) {
      expect(h.stats).toEqual({ connections: 1, execs: 1 });
      expect(h.checks.find((c) => c.id === 'hypervisor-hook-files')?.status).toBe('ok');
    }
    expect(checkOf(r.report, group.manager!.name, 'manager-engine-host-hooks')?.status).toBe('ok');
    expect(checkOf(r.report, group.manager!.name, 'manager-engine-hosts')?.findings.map((f) => f.message)).toContain(
      'cluster Default: level 4.7, bios type q35_ovmf (Q35 by default)',
    );
  }, 600_000);

  it('a host the engine holds in maintenance is skipped ("maintenance"), the run still exits 0 for the rest', async () => {
    const hv2 = group.hypervisors[1]!;
    await onManager(`${API_STATE} --set-host ${STATE} ${hv2.name} 'status="maintenance"'`);
    try {
      const r = await runJson(['check', ...cfg()]);
      expect(r.code, r.stderr).toBe(0);
      expect(host(r.report, hv2.name)).toMatchObject({ reachable: false, skipped: 'maintenance', stats: { connections: 0, execs: 0 } });
      expect(checkOf(r.report, hv2.name, 'engine-host-status')).toMatchObject({ status: 'skipped' });
      expect(checkOf(r.report, hv2.name, 'engine-host-status')?.reason).toContain('maintenance');
      const hv1 = host(r.report, group.hypervisors[0]!.name)!;
      expect(hv1.stats).toEqual({ connections: 1, execs: 1 });
      expect(hv1.checks.every((c) => c.status === 'ok' || c.status === 'skipped')).toBe(true);
    } finally {
      await onManager(`${API_STATE} --set-host ${STATE} ${hv2.name} 'status=null'`);
    }
  }, 300_000);
});

describe('exposure audit', () => {
  it('a VM that has carried floppy for longer than floppy.maxAgeHours (24) gets a warning naming it', async () => {
    const sftp = group.sftp!.address;
    await setFloppy('floppy-smoke', `${clientPath}/floppy-smoke.vfd`);
    const image = `${serverPath}/floppy-smoke.vfd`;
    expect((await sshRoot(sftp, `truncate -s 1474560 ${image}`)).code).toBe(0);
    try {
      const fresh = await runJson(['check', ...cfg()]);
      expect(fresh.code, fresh.stderr).toBe(0);
      expect(checkOf(fresh.report, group.manager!.name, 'manager-payload-exposure')?.status).toBe('ok');
      expect(checkOf(fresh.report, group.manager!.name, 'cross-payload-images')).toMatchObject({ status: 'ok', findings: [] });

      // The audit log is the only clock the engine keeps for a property: move the VM's entries a day back.
      await onManager(`${API_STATE} --backdate ${STATE} floppy-smoke 25`);
      const old = await runJson(['check', ...cfg()]);
      expect(old.code, old.stderr).toBe(1);
      const exposure = checkOf(old.report, group.manager!.name, 'manager-payload-exposure')!;
      expect(exposure).toMatchObject({ status: 'drift', severity: 'warn' });
      expect(exposure.findings).toHaveLength(1);
      expect(exposure.findings[0]).toMatchObject({ code: 'payload-left-set', fixable: false });
      expect(exposure.findings[0]!.message).toMatch(
        /^VM floppy-smoke \(cluster Default, not running\) has carried floppy=\S+floppy-smoke\.vfd for at least 25 h/,
      );

      // The image deleted on the sftp server while the property stays: the VM's next start would fail in the hook.
      expect((await sshRoot(sftp, `rm ${image}`)).code).toBe(0);
      const gone = await runJson(['check', ...cfg()]);
      const images = checkOf(gone.report, group.manager!.name, 'cross-payload-images')!;
      expect(images).toMatchObject({ status: 'drift', severity: 'warn' });
      expect(images.findings.map((f) => f.code)).toEqual(['payload-image-missing']);
      expect(images.findings[0]!.message).toMatch(
        /^VM floppy-smoke \(cluster Default, not running\) carries floppy=\S+\/floppy-smoke\.vfd, but floppy-smoke\.vfd is not in \S+ on \S+: the VM's next start fails/,
      );
    } finally {
      await setFloppy('floppy-smoke', undefined);
      await sshRoot(sftp, `rm -f ${image}`);
    }
    const cleared = await runJson(['check', ...cfg()]);
    expect(cleared.code, cleared.stderr).toBe(0);
  }, 300_000);
});

describe('the hook as vdsm reports it', () => {
  it('the hook file deleted on hv1: the SSH check and the API check both report it; apply restores it', async () => {
    const hv1 = group.hypervisors[0]!;
    const rm = await sshRoot(hv1.address, `rm ${HOOK}`);
    expect(rm.code).toBe(0);
    const r = await runJson(['check', ...cfg()]);
    expect(r.code, r.stderr).toBe(1);
    const ssh = checkOf(r.report, hv1.name, 'hypervisor-hook-files')!;
    expect(ssh.status).toBe('drift');
    expect(ssh.findings.map((f) => f.code)).toEqual(['hook-file-missing']);
    const viaApi = checkOf(r.report, group.manager!.name, 'manager-engine-host-hooks')!;
    expect(viaApi.status).toBe('drift');
    expect(viaApi.findings.map((f) => [f.code, f.message.split(':')[0]])).toEqual([['api-hook-missing', hv1.name]]);
    expect(viaApi.findings[0]!.message).toContain('before_vm_start/50_floppy');
    // The other host's hook is untouched and not reported.
    expect(checkOf(r.report, group.hypervisors[1]!.name, 'hypervisor-hook-files')?.status).toBe('ok');

    const applied = await runJson(['apply', '--yes', ...cfg()]);
    expect(applied.code, applied.stderr).toBe(0);
    const after = await runJson(['check', ...cfg()]);
    expect(after.code, after.stderr).toBe(0);
  }, 600_000);
});
