// The engine API stand-in's pure logic, called in python as the engine calls it: custom-property definitions
// and validation (ovirt-facts.md §1.4, §1.7, §4.4), the API list's replace-all parsing (§4.4), the search
// subset (§4.3), and the domain XML the engine sends to vdsm (§3, §4.4, §4.7).
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { PYTHON, STANDINS, run } from './standins-helpers.js';

/** Run `code` with the engine's modules importable; `data` is the parsed stdin, `out(x)` prints JSON. */
function py<T>(code: string, data: unknown = null): T {
  const prelude = 'import json, sys\ndata = json.load(sys.stdin)\ndef out(x): print(json.dumps(x))\n';
  const r = run(PYTHON, ['-c', prelude + code], { env: { PYTHONPATH: join(STANDINS, 'engine') }, input: JSON.stringify(data) });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout) as T;
}

// A RunningOptions over rows like vdc_options.json holds them (engine_runtime.py).
const OPTIONS = `
import engine_runtime
def row(n, v, ver): return {'option_name': n, 'option_value': v, 'version': ver, 'default_value': ''}
opts = engine_runtime.RunningOptions([row(n, v, ver) for n, ver, v in data['rows']])
`;

describe('custom property definitions of the running engine', () => {
  it('joins PredefinedVMProperties and UserDefinedVMProperties of the level; a later name wins', () => {
    const defs = py<Record<string, string>>(
      `${OPTIONS}
import api_props
out(api_props.definitions(opts, data['version']))`,
      {
        version: '4.7',
        rows: [
          ['PredefinedVMProperties', '4.7', 'sap_agent=^(true|false)$;viodiskcache=^(none|writeback)$'],
          ['UserDefinedVMProperties', '4.7', 'floppy=^/a/.*$;floppy=^.*$;bare'],
          ['UserDefinedVMProperties', '4.3', 'hostusb=^x$'],
        ],
      },
    );
    expect(defs).toEqual({ sap_agent: '^(true|false)$', viodiskcache: '^(none|writeback)$', floppy: '^.*$', bare: '[^;]*' });
  });
});

describe('custom property validation (facts §1.4)', () => {
  const validate = (defs: Record<string, string>, pairs: [string, string][], action = 'run') =>
    py<string[]>(
      `
import api_props
out(api_props.messages(api_props.validate(data['defs'], data['pairs']), data['action']))`,
      { defs, pairs, action },
    );

  it('an undefined name: "not configured by the system", the AppErrors text', () => {
    expect(
      validate({ viodiskcache: '^(none|writeback)$' }, [
        ['viodiskcache', 'writeback'],
        ['floppy', '/x.vfd'],
      ]),
    ).toEqual(['Cannot run VM if some of the specified custom properties are not configured by the system. The keys are: floppy']);
  });

  it('a value that does not match the whole regex: "illegal values"; both kinds in ValidationFailureReason order', () => {
    const defs = { floppy: '/rhev/[a-z]+\\.vfd', sndbuf: '^[0-9]+$' };
    expect(
      validate(
        defs,
        [
          ['floppy', '/rhev/ab.vfd.bak'],
          ['sndbuf', '12a'],
          ['usb', '1'],
          ['cd', '2'],
        ],
        'update',
      ),
    ).toEqual([
      'Cannot update VM if some of the specified custom properties are not configured by the system. The keys are: usb,cd',
      'Cannot update VM if some of the specified custom properties have illegal values. The keys are: floppy,sndbuf',
    ]);
    expect(
      validate(defs, [
        ['floppy', '/rhev/ab.vfd'],
        ['sndbuf', '12'],
      ]),
    ).toEqual([]);
  });

  it('a name outside [a-zA-Z0-9_], or a value with ";": the syntax error alone', () => {
    expect(
      validate({ 'a-b': '.*' }, [
        ['a-b', '1'],
        ['nope', '1'],
      ]),
    ).toEqual(['Cannot run VM if custom properties are in invalid format. Please check the input.']);
    expect(validate({ a: '.*' }, [['a', '1;b=2']])).toHaveLength(1);
  });
});

describe('the API custom_properties list (facts §4.2, §4.4)', () => {
  const parse = (v: unknown) => py<[string, string][]>('import api_props\nout(api_props.from_api(data))', v);

  it('reads the JAXB wrapper or a bare list; keeps only entries with name and value; a repeat keeps the last value', () => {
    expect(
      parse({
        custom_property: [{ name: 'a', value: '1' }, { name: 'b' }, { value: '2' }, { name: 'c', value: '' }, { name: 'a', value: '3' }],
      }),
    ).toEqual([
      ['a', '3'],
      ['c', ''],
    ]);
    expect(parse([{ name: 'x', value: 'y' }])).toEqual([['x', 'y']]);
    expect(parse({ custom_property: { name: 'one', value: 'v' } })).toEqual([['one', 'v']]);
    expect(parse({})).toEqual([]);
  });

  it('an empty set is omitted from the VM (the field appears only when the VM has properties)', () => {
    expect(py('import api_props\nout([api_props.to_api([]), api_props.to_api([{"name": "a", "value": "1"}])])')).toEqual([
      null,
      { custom_property: [{ name: 'a', value: '1' }] },
    ]);
  });
});

describe('search (facts §4.3)', () => {
  const search = (query: string, fields: Record<string, string>, caseSensitive = false) =>
    py<boolean | { status: number; detail: string }>(
      `
import api_search
from api_http import ApiError
try:
    out(api_search.matches(api_search.parse(data['q']), data['f'], data['cs'], {'severity': api_search.SEVERITY_ORDER}))
except ApiError as e:
    out({'status': e.status, 'detail': e.detail})`,
      { q: query, f: fields, cs: caseSensitive },
    );

  it('name=… is case-insensitive unless case_sensitive=true; * is a wildcard; the whole name must match', () => {
    expect(search('name=FLOPPY-smoke', { name: 'floppy-smoke' })).toBe(true);
    expect(search('name=FLOPPY-smoke', { name: 'floppy-smoke' }, true)).toBe(false);
    expect(search('name=floppy*', { name: 'floppy-smoke' })).toBe(true);
    expect(search('name=floppy', { name: 'floppy-smoke' })).toBe(false);
    expect(search('name="floppy-smoke" and status!=up', { name: 'floppy-smoke', status: 'down' })).toBe(true);
  });

  it('orders severities; an unknown field is a 400', () => {
    expect(search('severity>=error', { severity: 'alert' })).toBe(true);
    expect(search('severity>=error', { severity: 'warning' })).toBe(false);
    expect(search('colour=red', { name: 'x' })).toEqual({ status: 400, detail: '[Cannot search. Unknown search field: colour]' });
  });
});

describe('the domain XML the engine sends (facts §3, §4.4, §4.7)', () => {
  type Disk = {
    '@_device': string;
    '@_type': string;
    source: Record<string, unknown>;
    target: Record<string, string>;
    readonly?: string;
    alias?: { '@_name': string };
  };
  type Dom = {
    domain: {
      name: string;
      uuid: string;
      os: { type: { '@_machine': string } };
      devices: { disk: Disk[] };
      metadata: {
        'ovirt-vm:vm': { 'ovirt-vm:clusterVersion': string; 'ovirt-vm:custom': Record<string, string>; 'ovirt-vm:device'?: unknown };
      };
    };
  };
  const build = (vm: Record<string, unknown>, clusterVersion: string, sysprep: boolean) => {
    const xml = py<string>(
      `
import api_domxml, api_state
vm = api_state.vm(data['name'], 'C', **data['fields'])
cluster = api_state.cluster('C', data['level'], 'q35_ovmf')
out(api_domxml.build(vm, cluster, [('viodiskcache', 'writeback'), ('floppy', '/rhev/f.vfd')], data['sysprep'])[0])`,
      { name: 'w1', fields: vm, level: clusterVersion, sysprep },
    );
    return new XMLParser({ ignoreAttributes: false, parseTagValue: false, isArray: (n) => n === 'disk' }).parse(xml) as Dom;
  };
  const windows = { os_type: 'windows_10x64', bios_type: 'i440fx_sea_bios' };

  it("names the domain by the VM, and carries the run's custom properties in <ovirt-vm:custom>", () => {
    const dom = build(windows, '4.7', false).domain;
    expect(dom.name).toBe('w1');
    expect(dom.uuid).toMatch(/^[0-9a-f-]{36}$/);
    expect(dom.metadata['ovirt-vm:vm']['ovirt-vm:clusterVersion']).toBe('4.7');
    expect(dom.metadata['ovirt-vm:vm']['ovirt-vm:custom']).toEqual({
      'ovirt-vm:viodiskcache': 'writeback',
      'ovirt-vm:floppy': '/rhev/f.vfd',
    });
    expect(dom.os.type['@_machine']).toMatch(/^pc-i440fx-/);
    expect(dom.devices.disk.map((d) => d['@_device'])).toEqual(['disk', 'cdrom']);
  });

  it("sysprep on a 4.3 level: the engine's own floppy at fda (readonly, fdc, ua- alias, relabel=no, PAYLOAD:)", () => {
    const disks = build(windows, '4.3', true).domain.devices.disk;
    const floppy = disks.find((d) => d['@_device'] === 'floppy')!;
    expect(floppy.target).toEqual({ '@_bus': 'fdc', '@_dev': 'fda' });
    expect(floppy.source['@_file']).toBe('PAYLOAD:');
    expect(floppy.source.seclabel).toEqual({ '@_model': 'dac', '@_relabel': 'no', '@_type': 'none' });
    expect(floppy.readonly).toBe('');
    expect(floppy.alias!['@_name']).toMatch(/^ua-[0-9a-f-]{36}$/);
  });

  it('sysprep on 4.4+ is a CD-ROM; the custom compatibility version counts as the level; q35 from the cluster', () => {
    const onCd = build({ ...windows, bios_type: 'cluster_default' }, '4.7', true).domain;
    expect(onCd.devices.disk.filter((d) => d['@_device'] === 'floppy')).toEqual([]);
    expect(onCd.devices.disk.filter((d) => d['@_device'] === 'cdrom').map((d) => d.source['@_file'])).toEqual(['', 'PAYLOAD:']);
    expect(onCd.os.type['@_machine']).toMatch(/^pc-q35-/);
    const pinned = build({ ...windows, custom_compatibility_version: '4.3' }, '4.7', true).domain;
    expect(pinned.devices.disk.filter((d) => d['@_device'] === 'floppy')).toHaveLength(1);
  });
});
