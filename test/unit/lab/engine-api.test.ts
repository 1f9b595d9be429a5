// The engine REST API stand-in end to end on this machine, with the vdsm stand-in behind it (ovirt-facts.md §1.6,
// §2.3, §3, §4): engine.py and vdsmd.py run as local children on 127.0.0.1 with their state in a temp dir, and
// the tool's own client (src/engine-api) talks HTTPS to them with a CA made here by openssl. The same code runs
// inside lab hosts in test/lab/engine-api.int.test.ts.
import { type ChildProcess } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EngineApi, EngineApiError } from '../../../src/engine-api/client.js';
import { httpsRequest, type HttpResponse } from '../../../src/engine-api/http.js';
import { Secret } from '../../../src/engine-api/password.js';
import { PYTHON, STANDINS, freePort, hasCommand, py, run, sleep, start, stop, tempDir } from './standins-helpers.js';

const PASSWORD = 'lab-secret-1';
const asRoot = process.getuid?.() === 0;

let dir: { path: string; remove: () => void };
let engineEnv: Record<string, string>;
let vdsmEnv: Record<string, string>;
let httpPort: number;
let httpsPort: number;
let engine: ChildProcess | undefined;
let vdsmd: ChildProcess | undefined;
let api: EngineApi;
let caFile: string;
const p = (...parts: string[]) => join(dir.path, ...parts);
const base = () => `https://127.0.0.1:${httpsPort}`;

interface Vm {
  id: string;
  name: string;
  status: string;
  run_once?: string;
  next_run_configuration_exists: string;
  host?: { id: string };
  cluster: { id: string };
  custom_properties?: { custom_property: { name: string; value: string }[] };
}
interface Event {
  id: string;
  code: number;
  severity: string;
  description: string;
}

function openssl(args: string[]) {
  const r = run('openssl', args, { cwd: dir.path });
  if (r.status !== 0) throw new Error(`openssl ${args[0]}: ${r.stderr}`);
}

/** Start a stand-in in the foreground and wait for its `listening` lines. */
async function startListening(script: string, env: Record<string, string>, lines: number): Promise<ChildProcess> {
  const child = start(PYTHON, [join(STANDINS, script), 'run'], env);
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  await new Promise<void>((res, rej) => {
    let buf = '';
    child.stdout!.on('data', (d: Buffer) => {
      buf += d.toString();
      if (buf.split('\n').filter((l) => l.startsWith('listening')).length >= lines) res();
    });
    child.once('exit', () => rej(new Error(`${script} exited: ${err}`)));
  });
  return child;
}

async function startEngine(): Promise<void> {
  engine = await startListening('engine/engine.py', engineEnv, 2);
  await sleep(250); // startup_delay: 503 before
}

function raw(
  method: 'GET' | 'POST' | 'PUT',
  path: string,
  opts: { token?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<HttpResponse> {
  return httpsRequest({
    method,
    url: `${base()}${path}`,
    caFile,
    timeoutMs: 10_000,
    body: opts.body,
    headers: {
      Accept: 'application/json',
      Version: '4',
      ...(opts.token ? { Authorization: `Bearer ${opts.token}` } : {}),
      ...opts.headers,
    },
  });
}

function tokenRequest(form: Record<string, string>): Promise<HttpResponse> {
  return raw('POST', '/ovirt-engine/sso/oauth/token', {
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
  });
}

async function vm(name: string): Promise<Vm> {
  const r = await api.request<{ vm?: Vm[] }>('GET', `/vms?search=${encodeURIComponent(`name=${name}`)}`);
  return r.vm!.find((v) => v.name === name)!;
}

async function waitStatus(id: string, wanted: string[]): Promise<Vm> {
  for (let i = 0; ; i++) {
    const v = await api.request<Vm>('GET', `/vms/${id}`);
    if (wanted.includes(v.status) || i > 100) return v;
    await sleep(50);
  }
}

const runOnce = (props: [string, string][]) => ({
  vm: { custom_properties: { custom_property: props.map(([name, value]) => ({ name, value })) } },
});
const props = (v: Vm) => (v.custom_properties?.custom_property ?? []).map((c) => [c.name, c.value]);
const engineConfig = (...args: string[]) => py('engine/engine_config.py', args, { env: engineEnv });
const events = async (query: string) =>
  (await api.request<{ event?: Event[] }>('GET', `/events?search=${encodeURIComponent(query)}`)).event ?? [];
const domainFiles = () => readdirSync(p('domains'));

beforeAll(async () => {
  dir = tempDir('engine-api-');
  chmodSync(dir.path, 0o755); // qemu (uid 107) must reach the images below it
  [httpPort, httpsPort] = [await freePort(), await freePort()];
  const vdsmPort = await freePort();

  openssl([
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-days',
    '2',
    '-subj',
    '/O=lab/CN=unit-CA',
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-keyout',
    'ca.key',
    '-out',
    'ca.pem',
  ]);
  openssl(['req', '-newkey', 'rsa:2048', '-nodes', '-subj', '/O=lab/CN=127.0.0.1', '-keyout', 'srv.key', '-out', 'srv.csr']);
  writeFileSync(p('ext'), 'subjectAltName=IP:127.0.0.1\n');
  openssl([
    'x509',
    '-req',
    '-days',
    '2',
    '-in',
    'srv.csr',
    '-CA',
    'ca.pem',
    '-CAkey',
    'ca.key',
    '-set_serial',
    '7',
    '-extfile',
    'ext',
    '-out',
    'srv.pem',
  ]);
  caFile = p('ca.pem');

  mkdirSync(p('hooks/before_vm_start'), { recursive: true });
  copyFileSync(join(STANDINS, 'vdsm/floppy_before_vm_start.py'), p('hooks/before_vm_start/50_floppy'));
  chmodSync(p('hooks/before_vm_start/50_floppy'), 0o755);
  mkdirSync(p('domains'));
  mkdirSync(p('images'), { mode: 0o755 });
  writeFileSync(p('images/ok.vfd'), Buffer.alloc(1_474_560), { mode: 0o666 });
  chmodSync(p('images/ok.vfd'), 0o666);
  writeFileSync(p('password'), `${PASSWORD}\n`, { mode: 0o600 });
  writeFileSync(p('hosts.json'), JSON.stringify({ hosts: [{ name: 'hv1', address: '127.0.0.1', port: vdsmPort }] }));
  writeFileSync(p('vdsmd.json'), JSON.stringify({ address: '127.0.0.1', port: vdsmPort }));
  writeFileSync(
    p('engine.json'),
    JSON.stringify({
      address: '127.0.0.1',
      startup_delay: 0.2,
      db_down_flag: p('db-down'),
      listeners: [{ port: httpPort }, { port: httpsPort, tls: { cert: p('srv.pem'), key: p('srv.key') } }],
      api: {
        state: p('api-state.json'),
        hosts: p('hosts.json'),
        password_file: p('password'),
        ca: p('ca.pem'),
        engine_cert: p('srv.pem'),
        token_timeout: 2,
        vm_boot_delay: 0.05,
      },
    }),
  );
  engineEnv = {
    LAB_ENGINE_CONF: p('engine.json'),
    LAB_ENGINE_VDC_OPTIONS: p('vdc_options.json'),
    LAB_ENGINE_RUNNING: p('running.json'),
    LAB_ENGINE_PIDFILE: p('engine.pid'),
    LAB_ENGINE_LOG: p('engine.log'),
  };
  vdsmEnv = {
    // No libvirt on this machine: a recorder takes the domain (fake-virsh.sh); real libvirt is the lab's.
    LAB_VIRSH: fileURLToPath(new URL('./fake-virsh.sh', import.meta.url)),
    FAKE_VIRSH_DIR: p('domains'),
    LAB_VDSM_CONSOLE_DIR: p('console'),
    LAB_VDSM_VERSION: '4.30.46',
    LAB_VDSMD_CONF: p('vdsmd.json'),
    LAB_VDSM_PAYLOAD_DIR: p('payload'),
    LAB_VDSM_RUN_HOOKS: join(STANDINS, 'vdsm/run_hooks.py'),
    LAB_VDSM_HOOKS_DIR: p('hooks'),
    LAB_VDSM_RUN_AS: '',
    LAB_VDSM_HOOK_PYTHONPATH: join(STANDINS, 'vdsm'),
  };
  expect(py('engine/vdc_options.py', ['--seed'], { env: engineEnv }).status).toBe(0);
  expect(py('engine/api_state.py', ['--seed', p('api-state.json')]).status).toBe(0);
  vdsmd = await startListening('vdsm/vdsmd.py', vdsmEnv, 1);
  await startEngine();
  api = new EngineApi({ url: `${base()}/ovirt-engine/api`, user: 'admin@internal', caFile }, new Secret(PASSWORD));
}, 60_000);

afterAll(async () => {
  if (engine) await stop(engine);
  if (vdsmd) await stop(vdsmd);
  dir?.remove();
});

describe.skipIf(!hasCommand('openssl'))('engine REST API stand-in', () => {
  it('serves the CA at pki-resource on HTTP; the API and SSO only on HTTPS', async () => {
    const ca = await fetch(`http://127.0.0.1:${httpPort}/ovirt-engine/services/pki-resource?resource=ca-certificate&format=X509-PEM-CA`);
    expect([ca.status, ca.headers.get('content-type')]).toEqual([200, 'application/x-x509-ca-cert']);
    expect(await ca.text()).toBe(readFileSync(caFile, 'utf8'));
    expect((await fetch(`http://127.0.0.1:${httpPort}/ovirt-engine/api`)).status).toBe(404);
    expect((await fetch(`http://127.0.0.1:${httpPort}/ovirt-engine/sso/oauth/token`, { method: 'POST' })).status).toBe(404);
  });

  it('issues bearer tokens for admin@internal only, with the scope; the API needs one (401), and it expires idle', async () => {
    const ok = await tokenRequest({ grant_type: 'password', scope: 'ovirt-app-api', username: 'admin@internal', password: PASSWORD });
    const grant = JSON.parse(ok.body) as { access_token: string; token_type: string; scope: string; exp: string };
    expect([ok.status, grant.token_type, grant.scope, grant.exp]).toEqual([200, 'bearer', 'ovirt-app-api', '9223372036854775807']);
    for (const [form, code] of [
      [{ grant_type: 'password', scope: 'ovirt-app-api', username: 'admin@internal', password: 'wrong' }, 'access_denied'],
      [{ grant_type: 'password', scope: 'ovirt-app-api', username: 'root@internal', password: PASSWORD }, 'access_denied'],
      [{ grant_type: 'password', username: 'admin@internal', password: PASSWORD }, 'invalid_request'],
    ] as const) {
      const r = await tokenRequest(form);
      expect([r.status, (JSON.parse(r.body) as { error_code: string }).error_code]).toEqual([400, code]);
    }
    expect(
      JSON.parse((await tokenRequest({ grant_type: 'password', scope: 'ovirt-app-api', username: 'admin@internal', password: 'x' })).body),
    ).toEqual({ error_code: 'access_denied', error: "Cannot authenticate user 'admin@internal': The username or password is incorrect.." });

    expect((await raw('GET', '/ovirt-engine/api/vms')).status).toBe(401);
    expect((await raw('GET', '/ovirt-engine/api/vms', { token: 'forged' })).status).toBe(401);
    expect((await raw('GET', '/ovirt-engine/api/vms', { token: grant.access_token })).status).toBe(200);
    const basic = Buffer.from(`admin@internal:${PASSWORD}`).toString('base64');
    expect((await raw('GET', '/ovirt-engine/api/vms', { headers: { Authorization: `Basic ${basic}` } })).status).toBe(200);
    await sleep(2_200); // token_timeout 2 s of idleness
    expect((await raw('GET', '/ovirt-engine/api/vms', { token: grant.access_token })).status).toBe(401);
  });

  it('answers JSON for Version 4 only', async () => {
    const basic = `Basic ${Buffer.from(`admin@internal:${PASSWORD}`).toString('base64')}`;
    expect((await raw('GET', '/ovirt-engine/api/vms', { headers: { Authorization: basic, Version: '3' } })).status).toBe(400);
    expect((await raw('GET', '/ovirt-engine/api/vms', { headers: { Authorization: basic, Accept: 'application/xml' } })).status).toBe(406);
    expect((await raw('GET', '/ovirt-engine/api/v4/clusterlevels', { headers: { Authorization: basic } })).body).toContain('"id": "4.7"');
  });

  it('finds VMs by name (case-insensitive, * wildcard, max); no match is {}', async () => {
    const names = async (q: string) => ((await api.request<{ vm?: Vm[] }>('GET', `/vms?${q}`)).vm ?? []).map((v) => v.name);
    expect(await names('search=name%3DFLOPPY*')).toEqual(['floppy-smoke', 'floppy-sysprep']);
    expect(await names('search=name%3DFLOPPY*&case_sensitive=true')).toEqual([]);
    expect(await names('search=name%3Dfloppy*&max=1')).toEqual(['floppy-smoke']);
    expect(await api.request('GET', '/vms?search=name%3Dnothing')).toEqual({});
    const smoke = await vm('floppy-smoke');
    expect(props(smoke)).toEqual([['viodiskcache', 'writeback']]);
    const cluster = await api.request<{ name: string; version: unknown }>('GET', `/clusters/${smoke.cluster.id}`);
    expect([cluster.name, cluster.version]).toEqual(['Default', { major: 4, minor: 7 }]);
    expect(await api.request('GET', '/vms/00000000-0000-0000-0000-000000000000').catch((e: EngineApiError) => e.status)).toBe(404);
  });

  it('options are the RUNNING values: engine-config changes them only after a restart (facts §1.6)', async () => {
    type Opt = { name: string; values: { system_option_value: { value: string; version: string }[] } };
    expect(engineConfig('-s', 'UserDefinedVMProperties=floppy=^.*$', '--cver=4.7').status).toBe(0);
    expect(engineConfig('-s', 'UserDefinedVMProperties=hostusb=^0x[0-9a-fA-F]{4}:0x[0-9a-fA-F]{4}$;floppy=^.*$', '--cver=4.3').status).toBe(
      0,
    );
    const running = await api.request<Opt>('GET', '/options/UserDefinedVMProperties?version=4.7');
    expect(running).toMatchObject({ name: 'UserDefinedVMProperties', values: { system_option_value: [{ value: '', version: '4.7' }] } });
    const all = await api.request<Opt>('GET', '/options/UserDefinedVMProperties');
    expect(all.values.system_option_value.map((v) => v.version)).toEqual(['4.2', '4.3', '4.4', '4.5', '4.6', '4.7']);
    expect(await api.request('GET', '/options/UserDefinedVMProperties?version=4.1').catch((e: EngineApiError) => e.status)).toBe(404);
  });

  it('Run Once with an undefined property fails before the restart: "not configured by the system"', async () => {
    const smoke = await vm('floppy-smoke');
    const err = (await api
      .request('POST', `/vms/${smoke.id}/start`, runOnce([['floppy', p('images/ok.vfd')]]))
      .catch((e: unknown) => e)) as EngineApiError;
    expect(err.status).toBe(400);
    expect(err.message).toBe(
      `POST /vms/${smoke.id}/start failed (HTTP 400): [Cannot run VM if some of the specified custom ` +
        'properties are not configured by the system. The keys are: floppy]',
    );
    expect((await api.request<Vm>('GET', `/vms/${smoke.id}`)).status).toBe('down');
  });

  it('after the restart the new definitions apply (the client logs in again after its 401)', async () => {
    await stop(engine!);
    await startEngine();
    type Opt = { values: { system_option_value: { value: string }[] } };
    expect((await api.request<Opt>('GET', '/options/UserDefinedVMProperties?version=4.7')).values.system_option_value[0]!.value).toBe(
      'floppy=^.*$',
    );
    const smoke = await vm('floppy-smoke');
    const err = (await api
      .request('PUT', `/vms/${smoke.id}`, { custom_properties: { custom_property: [{ name: 'hostusb', value: '1' }] } })
      .catch((e: unknown) => e)) as EngineApiError;
    expect(err.message).toContain(
      '[Cannot update VM if some of the specified custom properties are not configured by the system. The keys are: hostusb]',
    );
  });

  it("Run Once boots the VM on the host with the hook's floppy; the permanent properties stay (facts §4.5)", async () => {
    const smoke = await vm('floppy-smoke');
    await api.request(
      'POST',
      `/vms/${smoke.id}/start`,
      runOnce([
        ['viodiskcache', 'writeback'],
        ['floppy', p('images/ok.vfd')],
      ]),
    );
    const up = await waitStatus(smoke.id, ['up', 'down']);
    expect([up.status, up.run_once]).toEqual(['up', true]);
    expect(props(up)).toEqual([['viodiskcache', 'writeback']]);
    const host = await api.request<{ name: string; address: string; status: string }>('GET', `/hosts/${up.host!.id}`);
    expect(host).toMatchObject({ name: 'hv1', address: '127.0.0.1', status: 'up' });
    const xml = readFileSync(p('domains', `${smoke.id}.xml`), 'utf8');
    expect(xml).toContain('<ovirt-vm:floppy>' + p('images/ok.vfd') + '</ovirt-vm:floppy>');
    // The domain as the hook left it, handed to libvirt (which adds its defaults; real in the lab).
    expect(xml).toMatch(
      new RegExp(`<disk type="file" device="floppy">\\s*<source file="${p('images/ok.vfd')}" />\\s*<target dev="fda" />`),
    );
    const again = (await api.request('POST', `/vms/${smoke.id}/start`, {}).catch((e: unknown) => e)) as EngineApiError;
    expect(again.message).toContain('[Cannot run VM. VM is running.]');
    expect((await events('vm.name=floppy-smoke'))[0]!.description).toBe('VM floppy-smoke started on Host hv1');
  });

  it('a PUT while it runs is the next-run configuration; stop makes it the configuration (facts §4.4)', async () => {
    const smoke = await vm('floppy-smoke');
    const put = await api.request<Vm>('PUT', `/vms/${smoke.id}`, {
      custom_properties: { custom_property: [{ name: 'floppy', value: '/x.vfd' }] },
    });
    expect([put.next_run_configuration_exists, props(put)]).toEqual([true, [['viodiskcache', 'writeback']]]);
    expect(props(await api.request<Vm>('GET', `/vms/${smoke.id}?next_run=true`))).toEqual([['floppy', '/x.vfd']]);
    await api.request('POST', `/vms/${smoke.id}/stop`, {});
    const down = await api.request<Vm>('GET', `/vms/${smoke.id}`);
    expect([down.status, down.next_run_configuration_exists, props(down), down.host]).toEqual([
      'down',
      false,
      [['floppy', '/x.vfd']],
      undefined,
    ]);
    expect(domainFiles()).toEqual([]);
    // While Down a PUT applies at once, and the list replaces all properties; an empty wrapper clears them.
    expect(
      props(
        await api.request<Vm>('PUT', `/vms/${smoke.id}`, {
          custom_properties: { custom_property: [{ name: 'viodiskcache', value: 'writeback' }] },
        }),
      ),
    ).toEqual([['viodiskcache', 'writeback']]);
    expect((await api.request<Vm>('PUT', `/vms/${smoke.id}`, { custom_properties: {} })).custom_properties).toBeUndefined();
    await api.request('PUT', `/vms/${smoke.id}`, {
      custom_properties: { custom_property: [{ name: 'viodiskcache', value: 'writeback' }] },
    });
  });

  it('a hook failure: the VM goes Down, the audit log quotes vdsm\'s "Hook Error" (facts §2.3)', async () => {
    const smoke = await vm('floppy-smoke');
    const before = (await events('vm.name=floppy-smoke'))[0]!.id;
    await api.request('POST', `/vms/${smoke.id}/start`, runOnce([['floppy', p('images/missing.vfd')]]));
    expect((await waitStatus(smoke.id, ['up', 'down'])).status).toBe('down');
    const fresh = (await api.request<{ event: Event[] }>('GET', `/events?from=${before}`)).event;
    expect(fresh.map((e) => [e.code, e.severity])).toEqual([
      [54, 'error'],
      [151, 'warning'],
      [119, 'error'],
      [153, 'normal'],
    ]);
    expect(fresh[2]!.description).toMatch(
      new RegExp(
        `^VM floppy-smoke is down with error\\. Exit message: Hook Error: floppy: file not exists or not enough permissions: ${p('images/missing.vfd')}\\n`,
      ),
    );
    expect(fresh[0]!.description).toBe('Failed to run VM floppy-smoke (User: admin@internal-authz).');
    expect((await events('severity>=error and vm.name=floppy-smoke')).map((e) => e.code).slice(0, 2)).toEqual([54, 119]);
  });

  it("sysprep without a floppy property: the engine's payload floppy from /var/run/vdsm/payload, then the VM is initialized", async () => {
    const sysprep = await vm('floppy-sysprep');
    await api.request('POST', `/vms/${sysprep.id}/start`, {});
    expect((await waitStatus(sysprep.id, ['up', 'down'])).status).toBe('up');
    const xml = readFileSync(p('domains', `${sysprep.id}.xml`), 'utf8');
    const payload = readdirSync(p('payload'));
    expect(payload).toEqual([expect.stringMatching(new RegExp(`^${sysprep.id}\\.[0-9a-f]{32}\\.img$`))]);
    expect(xml).toContain(`<source file="${p('payload', payload[0]!)}" startupPolicy="optional">`);
    await api.request('POST', `/vms/${sysprep.id}/stop`, {});
    expect(readdirSync(p('payload'))).toEqual([]);
    // Initialized now: the next start adds no payload, so the hook's floppy no longer collides.
    await api.request('POST', `/vms/${sysprep.id}/start`, runOnce([['floppy', p('images/ok.vfd')]]));
    expect((await waitStatus(sysprep.id, ['up', 'down'])).status).toBe('up');
    await api.request('POST', `/vms/${sysprep.id}/shutdown`, {});
    expect((await waitStatus(sysprep.id, ['down'])).status).toBe('down');
    expect((await events('vm.name=floppy-sysprep'))[0]!.description).toBe(
      'VM floppy-sysprep is down. Exit message: User shut down from within the guest',
    );
  });

  it('without a responsive host the start is refused; hosts report their hooks (facts §2.3)', async () => {
    const hosts = (await api.request<{ host: { id: string; name: string }[] }>('GET', '/hosts')).host;
    const hooks = await api.request<{ hook: { event_name: string; name: string; md5: string }[] }>('GET', `/hosts/${hosts[0]!.id}/hooks`);
    expect(hooks.hook.map((h) => [h.event_name, h.name])).toEqual([['before_vm_start', '50_floppy']]);
    // vdsm 4.30 reports md5 under "md5"; engine 4.5 reads "checksum" (vdsm 402bde5a9, ovirt-engine 04777f76ca1):
    // listed without a checksum.
    expect(hooks.hook[0]!.md5).toBeUndefined();
    const saved = readFileSync(p('hosts.json'), 'utf8');
    writeFileSync(p('hosts.json'), JSON.stringify({ hosts: [{ name: 'hv9', address: '127.0.0.1', port: 1 }] }));
    try {
      const smoke = await vm('floppy-smoke');
      const err = (await api.request('POST', `/vms/${smoke.id}/start`, {}).catch((e: unknown) => e)) as EngineApiError;
      expect(err.message).toContain('[Cannot run VM. There is no host that satisfies current scheduling constraints.');
    } finally {
      writeFileSync(p('hosts.json'), saved);
    }
  });

  it('api_state.py --set changes a VM between two requests, as an admin would', async () => {
    expect(py('engine/api_state.py', ['--set', p('api-state.json'), 'floppy-smoke', 'os_type="rhel_8x64"']).status).toBe(0);
    expect((await api.request<{ os: { type: string } }>('GET', `/vms/${(await vm('floppy-smoke')).id}`)).os.type).toBe('rhel_8x64');
    expect(py('engine/api_state.py', ['--set', p('api-state.json'), 'floppy-smoke', 'nope=1']).status).toBe(2);
  });
});
