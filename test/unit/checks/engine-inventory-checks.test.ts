/**
 * The checks that judge the engine's inventory (ctx.engine.inventory): manager-engine-hosts,
 * manager-engine-host-hooks, manager-payload-exposure, hypervisor-hook-checksum, hypervisor-payload-chipset.
 * Inventories come from captured lab API answers (lib/engine-inventory-fixture.ts); probe outputs from the lab.
 */
import { describe, expect, it } from 'vitest';
import hostHooks from '../../../checks/manager-engine-host-hooks.js';
import engineHosts from '../../../checks/manager-engine-hosts.js';
import exposure from '../../../checks/manager-payload-exposure.js';
import hookChecksum, { parseDigests } from '../../../checks/hypervisor-hook-checksum.js';
import payloadChipset from '../../../checks/hypervisor-payload-chipset.js';
import { bundledHookFiles } from '../../../checks/lib/bundled-hook.js';
import { cdPropertyInUse } from '../../../checks/lib/payload-properties.js';
import type { Check, EngineInventory } from '../../../src/check-api.js';
import type { Config } from '../../../src/config/types.js';
import { evaluateCheck } from '../../../src/runner/evaluate.js';
import { makeContext, probeWithFake } from '../../support/check-harness.js';
import { labInventory } from './lib/engine-inventory-fixture.js';
import { fixture, preflight } from './lib/fixtures.js';

const LAB = {
  manager: { host: '127.0.215.10' },
  hypervisors: [
    { host: '127.0.215.11', name: 'hv1' },
    { host: '127.0.215.12', name: 'hv2' },
  ],
} as const;
const mgr = (inventory: EngineInventory | undefined, config: Partial<Config> = {}) => {
  const ctx = makeContext({
    host: { name: 'mgr', role: 'manager', address: '127.0.215.10' },
    engine: inventory ? { inventory } : undefined,
    config: LAB as never,
  });
  return { ...ctx, config: { ...ctx.config, ...config } };
};
const hv = (inventory: EngineInventory | undefined, name = 'hv1', address = '127.0.215.11') =>
  makeContext({ host: { name, role: 'hypervisor', address }, engine: inventory ? { inventory } : undefined, config: LAB as never });
const codes = (fs: { code: string; severity?: string }[]) => fs.map((f) => `${f.code}${f.severity ? `:${f.severity}` : ''}`);

describe('manager-engine-hosts', () => {
  it("lab: both configured hosts known; hv2 in maintenance and each cluster's level and bios are info", () => {
    const f = engineHosts.compare({}, mgr(labInventory()));
    expect(codes(f)).toEqual(['host-not-up:info', 'cluster-payload:info', 'cluster-payload:info']);
    expect(f.map((x) => x.message)).toEqual([
      'hv2 (127.0.215.12, cluster Default) has status maintenance in the engine',
      'cluster Default: level 4.7, bios type q35_ovmf (Q35 by default)',
      'cluster Legacy43: level 4.3, bios type i440fx_sea_bios (i440fx by default)',
    ]);
  });

  it('a configured host the engine does not know and an unknown discover cluster are warnings; oVirt Node is explained', () => {
    const inv = labInventory();
    inv.hosts[0]!.type = 'ovirt_node';
    const f = engineHosts.compare(
      {},
      mgr(inv, { hypervisors: [...LAB.hypervisors, { host: '10.1.1.1', name: 'ghost' }], discover: { clusters: ['Prod'] } }),
    );
    expect(codes(f)).toEqual(['discover-cluster-unknown', 'host-unknown-to-engine', 'cluster-payload:info', 'cluster-payload:info']);
    expect(f[1]!.message).toBe(
      "hypervisor ghost (10.1.1.1) is configured but the engine has no host of that name or address: a typo, a retired host or another engine's",
    );
    const all = engineHosts.compare({}, mgr(inv, {}));
    expect(all.find((x) => x.code === 'ovirt-node')?.message).toMatch(
      /^hv1 is an oVirt Node: an oVirt Node image update .* run `ovirt-floppy apply` after every Node upgrade/,
    );
  });

  it('not applicable without engineApi; an unreadable API makes it error, not drift', () => {
    expect(preflight(engineHosts, mgr(undefined))).toMatchObject({ status: 'skipped', reason: 'engineApi not configured' });
    const broken = { ...labInventory(), hosts: [], clusters: [], vms: [], error: 'login as admin@internal failed (HTTP 400)' };
    const r = evaluateCheck(engineHosts as unknown as Check<unknown, Config>, { ok: true, observed: {} }, mgr(broken), new Map()).result;
    expect(r).toMatchObject({ status: 'error', reason: 'engine API: login as admin@internal failed (HTTP 400)' });
  });
});

describe('manager-engine-host-hooks', () => {
  it('lab: hv1 lists both hooks (no checksum from vdsm 4.30 under engine 4.5) → ok; hv2 in maintenance is left out', () => {
    const inv = labInventory();
    inv.hosts[1]!.hooks = [];
    expect(hostHooks.compare({}, mgr(inv))).toEqual([]);
  });

  it('a hook the engine does not list is an error naming the host; on oVirt Node with the explanation', () => {
    const inv = labInventory();
    inv.hosts[0]!.hooks = inv.hosts[0]!.hooks!.filter((h) => h.event !== 'before_vm_start');
    inv.hosts[0]!.type = 'ovirt_node';
    const f = hostHooks.compare({}, mgr(inv));
    expect(codes(f)).toEqual(['api-hook-missing']);
    expect(f[0]!.message).toMatch(
      /^hv1: the engine lists no before_vm_start\/50_floppy hook \(vdsm .*; hv1 is an oVirt Node: .*vdsm issue 132/,
    );
  });

  it('vdsm ≥ 4.40 reports sha256: ours matches, another copy is named with both checksums', () => {
    const inv = labInventory();
    const config = mgr(inv).config;
    const [start, migrate] = bundledHookFiles(config.floppy.clientPath, cdPropertyInUse(config));
    inv.hosts[0]!.hooks = [
      { event: 'before_vm_start', name: '50_floppy', checksum: start!.sha256 },
      { event: 'before_vm_migrate_source', name: '50_floppy', checksum: migrate!.sha256 },
    ];
    expect(hostHooks.compare({}, mgr(inv))).toEqual([]);
    inv.hosts[0]!.hooks[0]!.checksum = 'f'.repeat(64);
    const f = hostHooks.compare({}, mgr(inv));
    expect(f).toMatchObject([{ code: 'api-hook-checksum', expected: start!.sha256, actual: 'f'.repeat(64) }]);
    // md5 (engine 4.3 + vdsm-hook-floppy): the package's bytes, compared by the SSH-side check only.
    inv.hosts[0]!.hooks[0]!.checksum = 'a'.repeat(32);
    expect(hostHooks.compare({}, mgr(inv))).toEqual([]);
  });

  it('with discover, every in-scope engine host is audited, also one not in the hypervisors list', () => {
    const inv = labInventory();
    inv.hosts[1]!.status = 'up';
    inv.hosts[1]!.hooks = [];
    const f = hostHooks.compare({}, mgr(inv, { hypervisors: [], discover: {} }));
    expect(f.map((x) => x.message.split(':')[0])).toEqual(['hv2', 'hv2']);
    expect(hostHooks.compare({}, mgr(inv, { hypervisors: [], discover: { clusters: ['Legacy43'] } }))).toEqual([]);
  });
});

describe('manager-payload-exposure', () => {
  const maxAge = 24;
  it('lab: floppy-smoke set 55 minutes before the read, Down → ok', () => {
    expect(exposure.compare({}, mgr(labInventory('2026-12-03T09:00:00.000Z')))).toEqual([]);
  });

  it('set longer than floppy.maxAgeHours → a warning naming VM and cluster; a running VM says what that means', () => {
    const inv = labInventory('2026-12-04T09:00:00.000Z');
    const f = exposure.compare({}, mgr(inv));
    expect(codes(f)).toEqual(['payload-left-set']);
    expect(f[0]!.message).toBe(
      'VM floppy-smoke (cluster Default, not running) has carried floppy=/rhev/data-center/mnt/127.0.215.20:_exports_iso/floppy/win10-0042.vfd ' +
        `for at least 24 h (since 2026-12-03T08:04:51.016Z), longer than floppy.maxAgeHours (${maxAge} h): remove the property once the VM is deployed`,
    );
    inv.vms[0]!.status = 'up';
    inv.vms[0]!.hostId = inv.hosts[0]!.id;
    expect(exposure.compare({}, mgr(inv))[0]!.message).toContain('(cluster Default, host hv1) has carried');
    expect(exposure.compare({}, mgr(inv))[0]!.message).toContain(
      '; it is up: the image is attached (the guest can read the secrets) and the VM cannot migrate',
    );
  });

  it('a younger running VM is info; no change left in the audit log counts as old', () => {
    const inv = labInventory();
    inv.vms[0]!.status = 'up';
    expect(codes(exposure.compare({}, mgr(inv)))).toEqual(['payload-attached:info']);
    delete inv.vms[0]!.lastChangedAt;
    expect(exposure.compare({}, mgr(inv))[0]!.message).toContain('since before the oldest entry of the audit log');
  });

  it('Windows with sysprep on level ≤ 4.3 carrying floppy → error (duplicate fda); on 4.7 or without initialization → not', () => {
    const inv = labInventory();
    const legacy = inv.clusters.find((c) => c.name === 'Legacy43')!;
    Object.assign(inv.vms[0]!, { clusterId: legacy.id, hasInitialization: true });
    const f = exposure.compare({}, mgr(inv));
    expect(codes(f)).toEqual(['sysprep-floppy-duplicate:error']);
    expect(f[0]!.message).toMatch(
      /^VM floppy-smoke \(cluster Legacy43, not running\): windows_10x64 with sysprep initialization on level 4\.3 .*Duplicate ID 'drive-fdc0-0-0'/,
    );
    inv.vms[0]!.customCompatibilityVersion = '4.7';
    expect(exposure.compare({}, mgr(inv))).toEqual([]);
  });
});

describe('hypervisor-hook-checksum', () => {
  const ID = 'hypervisor-hook-checksum';
  it('parses sha256sum and md5sum output of the lab hv1', async () => {
    const o = await probeWithFake(hookChecksum, hv(labInventory()), fixture(ID, 'lab-hv1-package'));
    expect(o.digests.get('/usr/libexec/vdsm/hooks/before_vm_start/50_floppy')).toEqual({
      sha256: 'b44ae03fd6691464eb16f1e33111c081276ded53c52fa9c028a0457021461f7a',
      md5: '19c3b58a0a7554b336d371cfdd643d64',
    });
    expect(parseDigests('garbage\n')).toEqual(new Map());
  });

  it('lab: both views agree; without a checksum from the engine only presence is compared (info)', async () => {
    const ctx = hv(labInventory());
    const o = await probeWithFake(hookChecksum, ctx, fixture(ID, 'lab-hv1-package'));
    expect(codes(hookChecksum.compare(o, ctx))).toEqual(['api-hook-no-checksum:info', 'api-hook-no-checksum:info']);
  });

  it('the engine still lists a hook deleted on the host, or lists another checksum → stale (warn); md5 or sha256 may match', async () => {
    const inv = labInventory();
    const ctx = hv(inv);
    const deleted = await probeWithFake(hookChecksum, ctx, fixture(ID, 'lab-hv1-start-hook-deleted'));
    const f = hookChecksum.compare(deleted, ctx);
    expect(codes(f)).toEqual(['api-hook-stale', 'api-hook-no-checksum:info']);
    expect(f[0]!.message).toMatch(
      /^the engine still lists before_vm_start\/50_floppy, but \/usr\/libexec\/vdsm\/hooks\/before_vm_start\/50_floppy is not on the host \(POST \/hosts\/\S+\/refresh/,
    );
    const both = await probeWithFake(hookChecksum, ctx, fixture(ID, 'lab-hv1-package'));
    inv.hosts[0]!.hooks = [
      { event: 'before_vm_start', name: '50_floppy', checksum: '19c3b58a0a7554b336d371cfdd643d64' },
      { event: 'before_vm_migrate_source', name: '50_floppy', checksum: '0'.repeat(64) },
    ];
    expect(hookChecksum.compare(both, ctx)).toMatchObject([{ code: 'api-hook-checksum-mismatch', actual: '0'.repeat(64) }]);
    inv.hosts[0]!.hooks = [];
    expect(codes(hookChecksum.compare(both, ctx))).toEqual(['api-hook-stale', 'api-hook-stale']);
  });

  it('skipped without engineApi or when the engine has no such host', () => {
    expect(preflight(hookChecksum, hv(undefined))).toMatchObject({ status: 'skipped', reason: 'engineApi not configured' });
    expect(preflight(hookChecksum, hv(labInventory(), 'hv7', '127.0.215.17'))).toMatchObject({ status: 'skipped' });
  });
});

describe('hypervisor-payload-chipset', () => {
  const CAPABLE = 'hypervisor-floppy-capable';
  it("a Q35 VM of this host's cluster with floppy on a host whose QEMU has no Q35 floppy → error naming VM, cluster, host", async () => {
    const inv = labInventory();
    inv.vms[0]!.biosType = 'q35_ovmf';
    const ctx = hv(inv);
    const o = await probeWithFake(payloadChipset, ctx, fixture(CAPABLE, 'lab-qemu-rhel8'));
    const f = payloadChipset.compare(o, ctx);
    expect(codes(f)).toEqual(['payload-chipset-no-floppy']);
    expect(f[0]!.message).toMatch(
      /^VM floppy-smoke \(cluster Default, not running\) carries floppy=\S+ on Q35, but QEMU on hv1 offers no floppy device for Q35/,
    );
  });

  it('a VM carrying the CD property where the host runs vdsm-hook-floppy (vdsm < 4.40) → error: it would start without its payload', async () => {
    const inv = labInventory();
    inv.vms[0]!.customProperties = [{ name: 'floppycd', value: '/rhev/x/vm01.iso' }];
    const old = { ...hv(inv), facts: { ...hv(inv).facts, vdsmVersion: '4.30.46-1.el7' } };
    const o = await probeWithFake(payloadChipset, old, fixture(CAPABLE, 'lab-qemu-upstream'));
    const f = payloadChipset.compare(o, old);
    expect(codes(f)).toEqual(['payload-cd-needs-bundled-hook']);
    expect(f[0]!.message).toBe(
      'VM floppy-smoke (cluster Default, not running) carries floppycd=/rhev/x/vm01.iso, but hv1 runs vdsm 4.30.46-1.el7 with vdsm-hook-floppy, which ignores it: the VM starts here without its payload (the CD needs the bundled hook, vdsm 4.40+)',
    );
    const modern = { ...hv(inv), facts: { ...hv(inv).facts, vdsmVersion: '4.50.7-1.el9' } };
    expect(payloadChipset.compare(o, modern)).toEqual([]);
  });

  it("i440fx, cluster_default resolving to the cluster's i440fx, or a host with floppy on both → nothing", async () => {
    const inv = labInventory();
    const ctx = hv(inv);
    const noQ35 = await probeWithFake(payloadChipset, ctx, fixture(CAPABLE, 'lab-qemu-rhel8'));
    expect(payloadChipset.compare(noQ35, ctx)).toEqual([]); // floppy-smoke is i440fx_sea_bios
    inv.vms[0]!.biosType = 'q35_ovmf';
    const both = await probeWithFake(payloadChipset, ctx, fixture(CAPABLE, 'lab-qemu-upstream'));
    expect(payloadChipset.compare(both, ctx)).toEqual([]);
  });
});
