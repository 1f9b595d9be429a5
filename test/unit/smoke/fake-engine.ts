/**
 * An in-memory engine REST API behind the real EngineApi client: an HttpClient that answers the calls the VM
 * stage makes (facts §4) from a small state, records every request, and plays a start as configured (up after
 * some polls, a hook error, a refusal). JSON shapes as facts §4.2 describes them (numbers as strings, wrappers).
 */
import type { HttpClient, HttpRequest, HttpResponse } from '../../../src/engine-api/http.js';
import type { ClusterJson, EventJson, HostJson, VmJson } from '../../../src/smoke/vm-json.js';

export const API = 'https://127.0.1.10/ovirt-engine/api';

export type StartPlay =
  | { kind: 'up'; pollsUntilUp: number }
  | { kind: 'fails'; pollsUntilDown: number; events: string[] }
  | { kind: 'refused'; status: number; detail: string }
  | { kind: 'never-up' };

export class FakeEngine {
  readonly requests: HttpRequest[] = [];
  vms: VmJson[] = [];
  clusters: ClusterJson[] = [{ id: 'c1', name: 'Default', version: { major: '4', minor: '6' } }];
  hosts: HostJson[] = [
    { id: 'h1', name: 'hv1', address: '127.0.1.11' },
    { id: 'h2', name: 'hv2', address: '127.0.1.12' },
  ];
  events: EventJson[] = [{ id: '41', description: 'User admin@internal-authz logged in.' }];
  play: StartPlay = { kind: 'up', pollsUntilUp: 2 };
  runOnHost = 'h2';
  /** A broken engine that keeps a Run Once's properties as the VM's own after the stop. */
  keepRunPropertiesAfterStop = false;
  /** Answer the OAuth password grant with access_denied (facts §4.1). */
  refuseLogin = false;
  private polls = 0;
  private runProperties: unknown;

  vm(overrides: Partial<VmJson> = {}): VmJson {
    const vm: VmJson = {
      id: 'vm-1',
      name: 'floppy-smoke',
      status: 'down',
      os: { type: 'windows_2019x64' },
      bios: { type: 'i440fx_sea_bios' },
      cluster: { id: 'c1' },
      custom_properties: { custom_property: [{ name: 'hostusb', value: '0x1234:0x5678' }] },
      ...overrides,
    };
    this.vms.push(vm);
    return vm;
  }

  readonly http: HttpClient = async (req) => {
    this.requests.push(req);
    const url = new URL(req.url);
    if (url.pathname === '/ovirt-engine/sso/oauth/token') {
      if (this.refuseLogin) return json(400, { error_code: 'access_denied', error: 'Cannot authenticate user admin@internal.' });
      return json(200, { access_token: 'tok-1', token_type: 'bearer' });
    }
    const path = url.pathname.replace('/ovirt-engine/api', '');
    return this.route(req.method, path, url.searchParams, req.body ? (JSON.parse(req.body) as Record<string, unknown>) : undefined);
  };

  private route(method: string, path: string, q: URLSearchParams, body: Record<string, unknown> | undefined): HttpResponse {
    if (method === 'GET' && path === '/vms') {
      const wanted = (q.get('search') ?? '').replace(/^name=/, '').toLowerCase();
      const found = this.vms.filter((v) => v.name?.toLowerCase() === wanted);
      return json(200, found.length ? { vm: found } : {});
    }
    let m = /^\/vms\/([^/]+)$/.exec(path);
    if (method === 'GET' && m) return this.getVm(m[1]!);
    m = /^\/vms\/([^/]+)\/(start|stop)$/.exec(path);
    if (method === 'POST' && m) return m[2] === 'start' ? this.start(m[1]!, body) : this.stop(m[1]!);
    m = /^\/(clusters|hosts)\/([^/]+)$/.exec(path);
    if (method === 'GET' && m) {
      const list: { id: string }[] = m[1] === 'clusters' ? this.clusters : this.hosts;
      const found = list.find((x) => x.id === m![2]);
      return found ? json(200, found) : json(404, { reason: 'Not Found', detail: 'Entity not found' });
    }
    if (method === 'GET' && path === '/events') {
      const from = q.get('from');
      const all = [...this.events].reverse().filter((e) => from === null || Number(e.id) > Number(from)); // strictly greater (facts §8.4);
      return json(200, { event: q.get('max') === '1' ? all.slice(0, 1) : all });
    }
    return json(404, { reason: 'Not Found', detail: `no route ${method} ${path}` });
  }

  private getVm(id: string): HttpResponse {
    const vm = this.vms.find((v) => v.id === id);
    if (!vm) return json(404, { detail: 'Entity not found' });
    if (vm.status === 'wait_for_launch') this.advance(vm);
    return json(200, vm);
  }

  private advance(vm: VmJson): void {
    this.polls += 1;
    const p = this.play;
    if (p.kind === 'up' && this.polls >= p.pollsUntilUp) {
      vm.status = 'up';
      vm.host = { id: this.runOnHost };
    }
    if (p.kind === 'fails' && this.polls >= p.pollsUntilDown) {
      vm.status = 'down';
      for (const d of p.events)
        this.events.push({ id: String(Number(this.events.at(-1)!.id) + 1), description: d, severity: 'error', vm: { id: vm.id } });
    }
  }

  private start(id: string, body: Record<string, unknown> | undefined): HttpResponse {
    const vm = this.vms.find((v) => v.id === id)!;
    if (this.play.kind === 'refused') return json(this.play.status, { reason: 'Operation Failed', detail: this.play.detail });
    vm.status = 'wait_for_launch';
    this.polls = 0;
    this.events.push({
      id: String(Number(this.events.at(-1)!.id) + 1),
      description: `VM ${vm.name} was started by admin@internal-authz (Host: hv2).`,
      vm: { id },
    });
    this.runProperties = (body?.vm as { custom_properties?: unknown } | undefined)?.custom_properties;
    return json(200, { status: 'complete' });
  }

  private stop(id: string): HttpResponse {
    const vm = this.vms.find((v) => v.id === id)!;
    if (vm.status === 'down') return json(409, { reason: 'Operation Failed', detail: '[Cannot stop VM. VM is not running.]' });
    vm.status = 'down';
    delete vm.host;
    if (this.keepRunPropertiesAfterStop) vm.custom_properties = this.runProperties as VmJson['custom_properties'];
    return json(200, { status: 'complete' });
  }

  /** Requests to the API (not the token), as `METHOD path?query`. */
  get calls(): string[] {
    return this.requests.filter((r) => !r.url.includes('/sso/')).map((r) => `${r.method} ${r.url.slice(API.length)}`);
  }

  bodyOf(call: string): unknown {
    const r = this.requests.find((x) => `${x.method} ${x.url.slice(API.length)}` === call);
    return r?.body ? JSON.parse(r.body) : undefined;
  }
}

function json(status: number, body: unknown): HttpResponse {
  return { status, body: JSON.stringify(body) };
}
