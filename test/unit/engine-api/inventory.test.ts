/**
 * The inventory read: captured answers of the lab's engine API (test/fixtures/outputs/engine-api, see source.txt)
 * served through the real client with an injected HTTP function; the parsers on their own; and the password only
 * ever in the token request body.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EngineApi } from '../../../src/engine-api/client.js';
import type { HttpRequest, HttpResponse } from '../../../src/engine-api/http.js';
import { fetchInventory } from '../../../src/engine-api/inventory.js';
import { dateText, lastConfigChange, parseHooks, versionText } from '../../../src/engine-api/inventory-json.js';
import { Secret } from '../../../src/engine-api/password.js';

const DIR = new URL('../../fixtures/outputs/engine-api/', import.meta.url);
const text = (name: string) => readFileSync(new URL(name, DIR), 'utf8');
const json = (name: string) => JSON.parse(text(name)) as unknown;
const HV1 = '811ca62c-2982-5f10-95bc-29f9c8b77885';
const HV2 = '6aeebbce-db9b-5f24-93fb-2f156d5a3079';
const SMOKE = 'b430d50a-9cc1-5670-8578-626ab653c84f';

function fakeEngine(routes: Record<string, HttpResponse>) {
  const seen: HttpRequest[] = [];
  const http = async (req: HttpRequest): Promise<HttpResponse> => {
    seen.push(req);
    if (req.url.endsWith('/sso/oauth/token')) return { status: 200, body: JSON.stringify({ access_token: 'tok' }) };
    const path = req.url.replace('https://engine/ovirt-engine/api', '');
    const answer = routes[path];
    if (!answer) throw new Error(`unexpected request ${req.method} ${path}`);
    return answer;
  };
  const api = new EngineApi({ url: 'https://engine/ovirt-engine/api', user: 'admin@internal' }, new Secret('s3cret pw'), http);
  return { api, seen };
}

const ok = (body: string): HttpResponse => ({ status: 200, body });

describe('fetchInventory', () => {
  const routes = {
    '/clusters': ok(text('lab-clusters.json')),
    '/hosts': ok(text('lab-hosts.json')),
    '/vms': ok(text('lab-vms.json')),
    [`/hosts/${HV1}/hooks`]: ok(text('lab-host-hooks-hv1.json')),
    [`/hosts/${HV2}/hooks`]: { status: 500, body: JSON.stringify({ reason: 'Operation Failed', detail: 'vdsm timeout' }) },
    [`/events?search=${encodeURIComponent('vm.name=floppy-smoke')}`]: ok(text('lab-events-floppy-smoke.json')),
  };

  it('reads clusters, hosts with their hooks, and only the VMs carrying a payload property with their last change', async () => {
    const { api, seen } = fakeEngine(routes);
    const inv = await fetchInventory(api, ['floppy'], () => new Date('2026-12-03T09:00:00Z'));
    expect(inv.error).toBeUndefined();
    expect(inv.clusters.map((c) => [c.name, c.version, c.biosType])).toEqual([
      ['Default', '4.7', 'q35_ovmf'],
      ['Legacy43', '4.3', 'i440fx_sea_bios'],
    ]);
    expect(inv.hosts.map((h) => [h.name, h.address, h.status, h.clusterName, h.type])).toEqual([
      ['hv1', '127.0.215.11', 'up', 'Default', 'rhel'],
      ['hv2', '127.0.215.12', 'maintenance', 'Default', 'rhel'],
    ]);
    // vdsm 4.30 under engine 4.5: listed, without a checksum.
    expect(inv.hosts[0]!.hooks).toEqual([
      { event: 'before_vm_migrate_source', name: '50_floppy' },
      { event: 'before_vm_start', name: '50_floppy' },
    ]);
    expect(inv.hosts[1]!.hooks).toBeUndefined();
    expect(inv.hosts[1]!.hooksError).toContain('HTTP 500): vdsm timeout');
    expect(inv.vms).toHaveLength(1);
    expect(inv.vms[0]).toMatchObject({
      id: SMOKE,
      name: 'floppy-smoke',
      status: 'down',
      osType: 'windows_10x64',
      biosType: 'i440fx_sea_bios',
      hasInitialization: false,
      lastChangedAt: '2026-12-03T08:04:51.016Z',
    });
    expect(inv.vms[0]!.customProperties).toContainEqual({
      name: 'floppy',
      value: '/rhev/data-center/mnt/127.0.215.20:_exports_iso/floppy/win10-0042.vfd',
    });
    // The password travels only in the token request's body, never in a URL or header.
    const withPassword = seen.filter((r) => `${r.url} ${JSON.stringify(r.headers)} ${r.body ?? ''}`.includes('s3cret'));
    expect(withPassword.map((r) => new URL(r.url).pathname)).toEqual(['/ovirt-engine/sso/oauth/token']);
    for (const r of seen) expect(r.url + JSON.stringify(r.headers)).not.toContain('s3cret');
  });

  it('an API that does not answer gives an empty inventory with the error, never a throw', async () => {
    const { api } = fakeEngine({});
    const inv = await fetchInventory(api, ['floppy']);
    expect(inv).toMatchObject({ hosts: [], clusters: [], vms: [] });
    expect(inv.error).toMatch(/unexpected request GET \/(clusters|hosts|vms)/);
  });
});

describe('JSON helpers', () => {
  it('accept the native JSON of the real API and the quoted scalars of older writers', () => {
    expect(versionText({ major: 4, minor: 7 })).toBe('4.7');
    expect(versionText({ major: '4', minor: '3' })).toBe('4.3');
    expect(versionText(undefined)).toBeUndefined();
    expect(dateText(1796285091016)).toBe('2026-12-03T08:04:51.016Z');
    expect(dateText('2016-09-08T09:53:35.138+02:00')).toBe('2016-09-08T07:53:35.138Z');
    expect(dateText('soon')).toBeUndefined();
  });

  it('hooks: md5 as the API names the checksum; an empty collection is {}', () => {
    expect(parseHooks({ hook: [{ event_name: 'before_vm_start', name: '50_floppy', md5: 'ab'.repeat(32) }] })).toEqual([
      { event: 'before_vm_start', name: '50_floppy', checksum: 'ab'.repeat(32) },
    ]);
    expect(parseHooks({})).toEqual([]);
  });

  it("lastConfigChange takes the VM's newest USER_ADD_VM/USER_UPDATE_VM event, ignoring other VMs and codes", () => {
    const e = (id: string, code: number, time: number, vm = SMOKE) => ({ id, code, time, vm: { id: vm } });
    const events = { event: [e('3', 32, 3000), e('2', 35, 2000), e('4', 35, 9000, 'other'), e('1', 34, 1000)] };
    expect(lastConfigChange(events, SMOKE)).toBe(new Date(2000).toISOString());
    expect(lastConfigChange(json('lab-events-floppy-smoke.json'), 'nobody')).toBeUndefined();
  });
});
