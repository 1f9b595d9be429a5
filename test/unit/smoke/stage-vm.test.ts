import { describe, expect, it } from 'vitest';
import { EngineApi } from '../../../src/engine-api/client.js';
import { Secret } from '../../../src/engine-api/password.js';
import { smokeDomainXml } from '../../../src/smoke/domain-xml.js';
import { runVmStage } from '../../../src/smoke/stage-vm.js';
import type { SmokeState } from '../../../src/smoke/types.js';
import { assessVm, defaultBiosForLevel } from '../../../src/smoke/vm-assess.js';
import { mergePayloadProperty } from '../../../src/smoke/vm-json.js';
import { API, FakeEngine } from './fake-engine.js';
import { labFakes, smokeConfig } from './support.js';

const PATH = '/rhev/data-center/mnt/127.0.1.20:_exports_iso/floppy/ovirt-floppy-smoke-0a1b2c3d.vfd';
const PASSWORD = 'pw-Secret-123';

function state(): SmokeState {
  return {
    uploadStarted: true,
    image: {
      device: 'floppy',
      property: 'floppy',
      name: 'ovirt-floppy-smoke-0a1b2c3d.vfd',
      data: Buffer.alloc(0),
      sha256: '',
      marker: '',
      uploadPath: '',
      serverPath: '',
      clientPath: PATH,
    },
  };
}

/** libvirt's XML of the running VM as the lab's vdsm stand-in keeps it: the hook's disk with libvirt's defaults. */
function runningXml(floppy = PATH): string {
  const disk = `<disk type='file' device='floppy'><driver name='qemu' type='raw'/><source file='${floppy}'/><target dev='fda' bus='fdc'/><alias name='fdc0-0-0'/></disk>`;
  return smokeDomainXml('vm-1').replace('</devices>', `${disk}\n  </devices>`);
}

function setup(change: (engine: FakeEngine) => void = () => {}) {
  const config = smokeConfig((c) => {
    c.engineApi = { url: API, user: 'admin@internal', passwordEnv: 'OVIRT_PW' };
    c.smoke = { vm: 'floppy-smoke', vmTimeout: 30 };
  });
  const f = labFakes(config);
  const engine = new FakeEngine();
  change(engine);
  if (engine.vms.length === 0) engine.vm();
  f.hv2.answer(`virsh -r dumpxml vm-1`, { stdout: runningXml() });
  let now = 0;
  const clock = { now: () => now, sleep: async (ms: number) => void (now += ms) };
  const api = new EngineApi(config.engineApi!, new Secret(PASSWORD), engine.http);
  const run = () => runVmStage({ config, connections: f.connections, api, clock, pollMs: 1000 }, state());
  return { f, engine, run, config };
}

describe('VM stage', () => {
  it('Run-Onces the VM with floppy merged into its own properties, sees the floppy in libvirt, stops it', async () => {
    const { f, engine, run } = setup();
    const outcome = await run();
    expect(outcome.status).toBe('ok');
    expect(outcome.message).toBe(
      `VM floppy-smoke (level 4.6, i440fx_sea_bios) was up on hv2 after 1.0 s with ${PATH} at fda in libvirt's XML (pc-i440fx-rhel7.6.0, bus fdc); stopped; its custom properties are unchanged (hostusb=0x1234:0x5678)`,
    );
    // No console file in this domain (a real oVirt VM): evidence from libvirt's XML only, no guestSha256.
    expect(outcome.evidence).toEqual({
      host: 'hv2',
      machine: 'pc-i440fx-rhel7.6.0',
      device: 'floppy',
      bus: 'fdc',
      target: 'fda',
      imageSha256: expect.any(String),
    });
    expect(engine.calls).toEqual([
      'GET /vms?search=name%3Dfloppy-smoke',
      'GET /vms/vm-1',
      'GET /clusters/c1',
      'GET /events?max=1',
      'POST /vms/vm-1/start',
      'GET /vms/vm-1', // wait_for_launch
      'GET /vms/vm-1', // up, one poll interval later
      'GET /hosts/h2',
      'POST /vms/vm-1/stop',
      'GET /vms/vm-1', // down
      'GET /vms/vm-1', // its permanent custom properties
    ]);
    // Never replace the VM's properties; never ask for sysprep/initialization (facts §4.4-4.6, §3).
    expect(engine.bodyOf('POST /vms/vm-1/start')).toEqual({
      vm: {
        custom_properties: {
          custom_property: [
            { name: 'hostusb', value: '0x1234:0x5678' },
            { name: 'floppy', value: PATH },
          ],
        },
      },
    });
    expect(f.hv2.calls.map((c) => c.command)).toEqual(['virsh -r dumpxml vm-1']);
    expect(f.hv1.calls).toEqual([]);
    expect(outcome.details).toContain(
      'a VM carrying the floppy property cannot migrate (the hook refuses before_vm_migrate_source, facts §2.2); this Run Once sets it for this run only',
    );
  });

  it('keeps the password out of every URL and every API request; only the token request carries it', async () => {
    const { engine, run } = setup();
    await run();
    const token = engine.requests.filter((r) => r.url.endsWith('/sso/oauth/token'));
    expect(token).toHaveLength(1);
    expect(token[0]!.body).toContain(`password=${PASSWORD}`);
    expect(token[0]!.body).toContain('scope=ovirt-app-api');
    for (const r of engine.requests) expect(r.url).not.toContain(PASSWORD);
    for (const r of engine.requests.filter((x) => x !== token[0])) {
      expect(r.body ?? '').not.toContain(PASSWORD);
      expect(r.headers.Authorization).toBe('Bearer tok-1');
    }
  });

  it('is skipped without smoke.vm or without engineApi, asking nothing', async () => {
    const { engine, config, f } = setup();
    delete config.smoke!.vm;
    expect(
      await runVmStage({ config, connections: f.connections, clock: { now: () => 0, sleep: async () => {} }, pollMs: 1 }, state()),
    ).toMatchObject({
      status: 'skipped',
      message: expect.stringContaining('no smoke.vm configured'),
    });
    config.smoke!.vm = 'floppy-smoke';
    delete config.engineApi;
    expect(
      (await runVmStage({ config, connections: f.connections, clock: { now: () => 0, sleep: async () => {} }, pollMs: 1 }, state()))
        .message,
    ).toContain('no engineApi configured');
    expect(engine.requests).toEqual([]);
  });

  it('compares names exactly and refuses an ambiguous or missing VM', async () => {
    let t = setup((e) => {
      e.vm({ id: 'vm-0', name: 'Floppy-Smoke' });
      e.vm();
    });
    expect((await t.run()).status).toBe('ok');

    t = setup((e) => {
      e.vm({ id: 'a' });
      e.vm({ id: 'b' });
    });
    expect(await t.run()).toEqual({ status: 'failed', message: '2 VMs are named floppy-smoke (a, b): smoke.vm must name exactly one' });

    t = setup((e) => e.vm({ name: 'Floppy-Smoke' }));
    expect((await t.run()).message).toBe(
      'no VM is named floppy-smoke (the search found Floppy-Smoke): create a dedicated test VM or fix smoke.vm',
    );
  });

  it('refuses a VM that is not Down and starts nothing', async () => {
    const { engine, run } = setup((e) => e.vm({ status: 'up', host: { id: 'h1' } }));
    const outcome = await run();
    expect(outcome).toMatchObject({
      status: 'failed',
      message: 'VM floppy-smoke is up, not down: smoke Run-Onces a dedicated test VM that is Down',
    });
    expect(engine.calls.filter((c) => c.startsWith('POST'))).toEqual([]);
  });

  it('quotes the hook error from the events when the VM goes down', async () => {
    const hookError = `VM floppy-smoke is down with error. Exit message: Hook Error: floppy: file not exists or not enough permissions: ${PATH}.`;
    const { engine, run } = setup(
      (e) =>
        (e.play = { kind: 'fails', pollsUntilDown: 2, events: [hookError, 'Failed to run VM floppy-smoke (User: admin@internal-authz).'] }),
    );
    const outcome = await run();
    expect(outcome.status).toBe('failed');
    expect(outcome.message).toBe(`VM floppy-smoke went down instead of up: ${hookError}`);
    expect(outcome.details?.[0]).toMatch(/^event 43: VM floppy-smoke is down with error/);
    expect(engine.calls).toContain('GET /events?from=41'); // ids strictly greater than the baseline 41 (facts §8.4)
    expect(engine.calls.filter((c) => c.endsWith('/stop'))).toEqual([]);
  });

  it('names the duplicate fda for Windows with initialization on level 4.3', async () => {
    const duplicate =
      "VM floppy-smoke is down with error. Exit message: internal error process exited while connecting to monitor: qemu-kvm: -drive file=/var/run/vdsm/payload/vm-1.img,if=none,id=drive-fdc0-0-0,format=raw: Duplicate ID 'drive-fdc0-0-0' for drive.";
    const { run } = setup((e) => {
      e.clusters = [{ id: 'c1', version: { major: 4, minor: 3 } }];
      e.vm({ initialization: { user_name: 'Administrator' } });
      e.play = { kind: 'fails', pollsUntilDown: 1, events: [duplicate] };
    });
    const outcome = await run();
    expect(outcome.message).toMatch(
      /^VM floppy-smoke went down instead of up: .*Duplicate ID 'drive-fdc0-0-0' for drive\. — duplicate fda: Windows VM with initialization \(sysprep\) on cluster level 4\.3/,
    );
    expect(outcome.details).toContainEqual(expect.stringMatching(/^warning: duplicate fda: /));
  });

  it('says the engine was not restarted when the running engine does not know the property', async () => {
    const detail = '[Cannot run VM if some of the specified custom properties are not configured by the system. The keys are: floppy]';
    const { run } = setup((e) => (e.play = { kind: 'refused', status: 400, detail }));
    const outcome = await run();
    expect(outcome.message).toBe(
      `the running engine does not know the floppy property for level 4.6: restart ovirt-engine after engine-config (manager-engine-restart-pending), or define it for this level (manager-floppy-property) — POST /vms/vm-1/start failed (HTTP 400): ${detail}`,
    );
  });

  it('stops a VM that does not come up in time', async () => {
    const { engine, run } = setup((e) => (e.play = { kind: 'never-up' }));
    const outcome = await run();
    expect(outcome.message).toBe('VM floppy-smoke was not up within 30 s (smoke.vmTimeout; last status wait_for_launch)');
    expect(engine.calls.at(-1)).toBe('POST /vms/vm-1/stop');
  });

  it('fails and stops the VM when libvirt has no floppy for it, or it runs on an unknown host', async () => {
    let t = setup();
    t.f.hv2.answer('virsh -r dumpxml vm-1', { stdout: smokeDomainXml('vm-1') });
    let outcome = await t.run();
    expect(outcome.message).toBe('hv2: the running domain of the VM has no floppy disk in the domain XML');
    expect(t.engine.calls.at(-1)).toBe('POST /vms/vm-1/stop');

    t = setup((e) => {
      e.hosts.push({ id: 'h9', name: 'hv9', address: '10.0.0.9' });
      e.runOnHost = 'h9';
    });
    outcome = await t.run();
    expect(outcome.message).toBe(
      'the VM runs on host hv9 (10.0.0.9), which is not a configured hypervisor, so its libvirt XML cannot be checked',
    );
    expect(t.engine.calls.at(-1)).toBe('POST /vms/vm-1/stop');
  });
});

describe('VM stage when the engine misbehaves', () => {
  it('stops the VM when an error is thrown after the start, and sends no stop when it came before', async () => {
    let t = setup((e) => e.hosts.splice(0));
    await expect(t.run()).rejects.toThrow(/GET \/hosts\/h2 failed \(HTTP 404\)/);
    expect(t.engine.calls.at(-1)).toBe('POST /vms/vm-1/stop');

    t = setup();
    const http = t.engine.http;
    const failing = async (req: Parameters<typeof http>[0]) =>
      req.url.includes('/events') ? { status: 500, body: '{"detail":"db down"}' } : http(req);
    const api = new EngineApi(t.config.engineApi!, new Secret(PASSWORD), failing);
    await expect(
      runVmStage(
        { config: t.config, connections: t.f.connections, api, clock: { now: () => 0, sleep: async () => {} }, pollMs: 1 },
        state(),
      ),
    ).rejects.toThrow(/db down/);
    expect(t.engine.calls.filter((c) => c.startsWith('POST'))).toEqual([]);
  });

  it('fails on a refused login, saying so without the password', async () => {
    const { engine, run } = setup((e) => (e.refuseLogin = true));
    const error = await run().catch((e: unknown) => e as Error);
    expect(error.message).toBe('login as admin@internal failed (HTTP 400): Cannot authenticate user admin@internal.');
    expect(error.message).not.toContain(PASSWORD);
    expect(engine.calls).toEqual([]);
  });

  it('fails when the permanent custom properties changed across the run', async () => {
    const { run } = setup((e) => (e.keepRunPropertiesAfterStop = true));
    const outcome = await run();
    expect(outcome).toMatchObject({
      status: 'failed',
      message: `the VM's permanent custom properties changed: before hostusb=0x1234:0x5678, after hostusb=0x1234:0x5678;floppy=${PATH}`,
    });
  });
});

describe('VM assessment and property merge', () => {
  const cluster = (minor: number, bios?: string) => ({
    id: 'c1',
    version: { major: '4', minor: String(minor) },
    ...(bios ? { bios_type: bios } : {}),
  });

  it('uses the VM level over the cluster level, and the engine default chipset per level', () => {
    const a = assessVm(
      { id: 'v', status: 'down', custom_compatibility_version: { major: 4, minor: 2 }, bios: { type: 'cluster_default' } },
      cluster(7),
    );
    expect(a.level).toBe('4.2');
    expect(a.bios).toBe('i440fx_sea_bios (default of level 4.2)');
    expect(defaultBiosForLevel('4.4')).toBe('q35_sea_bios');
    expect(defaultBiosForLevel('4.7')).toBe('q35_ovmf');
    expect(defaultBiosForLevel('4.10')).toBe('q35_ovmf');
  });

  it('warns about Q35 (own or the cluster default) and floppy payloads, not about i440fx', () => {
    expect(assessVm({ id: 'v', status: 'down', bios: { type: 'cluster_default' } }, cluster(6, 'q35_sea_bios')).warnings[0]).toMatch(
      /^Q35 chipset \(q35_sea_bios \(cluster default\)\)/,
    );
    expect(assessVm({ id: 'v', status: 'down', bios: { type: 'q35_ovmf' } }, cluster(3)).warnings).toHaveLength(1);
    expect(assessVm({ id: 'v', status: 'down', bios: { type: 'i440fx_sea_bios' } }, cluster(6)).warnings).toEqual([]);
    const payload = assessVm(
      { id: 'v', status: 'down', bios: { type: 'i440fx_sea_bios' }, payloads: { payload: [{ type: 'floppy' }] } },
      cluster(6),
    );
    expect(payload.warnings).toEqual(['duplicate fda: the VM has a floppy payload, which takes fda as well (facts §3)']);
  });

  it('warns about sysprep only for Windows with initialization on level ≤ 4.3', () => {
    const vm = {
      id: 'v',
      status: 'down',
      os: { type: 'windows_10x64' },
      bios: { type: 'i440fx_sea_bios' },
      initialization: { user_name: 'a' },
    };
    expect(assessVm(vm, cluster(3)).warnings[0]).toMatch(/^duplicate fda: Windows VM with initialization/);
    expect(assessVm(vm, cluster(4)).warnings.filter((w) => w.startsWith('duplicate'))).toEqual([]);
    expect(assessVm({ ...vm, os: { type: 'rhel_8x64' } }, cluster(3)).warnings).toEqual([]);
    expect(assessVm({ ...vm, initialization: undefined }, cluster(3)).warnings).toEqual([]);
  });

  it('replaces an existing floppy value in place and appends otherwise, keeping every other property', () => {
    const props = [
      { name: 'a', value: '1' },
      { name: 'floppy', value: '/old.vfd' },
      { name: 'b', value: '2' },
    ];
    expect(mergePayloadProperty(props, '/new.vfd')).toEqual([
      { name: 'a', value: '1' },
      { name: 'floppy', value: '/new.vfd' },
      { name: 'b', value: '2' },
    ]);
    expect(mergePayloadProperty([], '/new.vfd')).toEqual([{ name: 'floppy', value: '/new.vfd' }]);
  });
});
