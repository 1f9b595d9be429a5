/**
 * hypervisor-floppy-capable on captured QEMU probe output (real Debian QEMU 7.2 in the lab behind the RHEL policy
 * wrapper; fixtures' source.txt), libvirt's domcapabilities parser (lib/domcaps.ts) on captured documents, and the
 * pure verdict helpers the smoke test reuses per VM (checks/lib/domcaps-verdict.ts).
 */
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import check from '../../../checks/hypervisor-floppy-capable.js';
import { floppyByChipset, parseDomcaps, parseDomcapsByChipset } from '../../../checks/lib/domcaps.js';
import {
  describeHostFloppy,
  effectiveChipset,
  floppyVerdict,
  sysprepFloppyCollides,
  type VmFloppyInput,
} from '../../../checks/lib/domcaps-verdict.js';
import { floppyByFamily, floppyFamiliesText, parseQemuFloppy, qemuFloppyCommand } from '../../../checks/lib/qemu-floppy.js';
import { ParseError } from '../../../src/errors.js';
import { commandOf, makeContext, probeWithFake } from '../../support/check-harness.js';
import { fixture, preflight } from './lib/fixtures.js';

const ID = 'hypervisor-floppy-capable';
const hv = () => makeContext({ facts: { vdsmVersion: '4.50.5-1.el8' } });
const observed = async (name: string) => probeWithFake(check, hv(), fixture(ID, name));
const domcaps = (name: string) => parseDomcapsByChipset(fixture(ID, name).domcaps!.stdout);

describe('hypervisor-floppy-capable', () => {
  it('probe: ONE command asking QEMU itself, Q35 first, a status line after each start', () => {
    const p = check.probe(hv());
    expect(Object.keys(p)).toEqual(['qemu']);
    expect(commandOf(p.qemu)).toBe(qemuFloppyCommand().sh);
    expect(commandOf(p.qemu)).toContain('-machine "$m" -accel kvm -accel tcg -nodefaults -display none -S -device isa-fdc -qmp stdio');
    expect(commandOf(p.qemu)).toMatch(/for m in q35 pc;/);
    expect(commandOf(p.qemu)).not.toMatch(/virsh/);
  });

  it('needs vdsm (a host without it is not a hypervisor)', () => {
    expect(preflight(check, hv(), { 'hypervisor-vdsm-installed': 'error' })).toMatchObject({
      status: 'skipped',
      reason: 'needs hypervisor-vdsm-installed (error)',
    });
  });

  it('upstream QEMU: floppy for both families, an info finding', async () => {
    const o = await observed('lab-qemu-upstream');
    expect(o.qemu).toEqual({
      state: 'probed',
      binary: '/usr/libexec/qemu-kvm',
      families: { i440fx: { floppy: 'ok' }, q35: { floppy: 'ok' } },
    });
    expect(check.compare(o, hv())).toEqual([
      {
        code: 'floppy-supported',
        severity: 'info',
        message: 'floppy works for i440fx and Q35 VMs: QEMU (/usr/libexec/qemu-kvm) accepts a floppy controller for both chipsets',
      },
    ]);
  });

  it('RHEL 8 policy: i440fx only, the finding names Q35 and quotes QEMU', async () => {
    const o = await observed('lab-qemu-rhel8');
    expect(o.qemu).toMatchObject({
      families: {
        i440fx: { floppy: 'ok' },
        q35: { floppy: 'refused', message: 'Device isa-fdc is not supported with machine type pc-q35-7.2' },
      },
    });
    expect(check.compare(o, hv())).toEqual([
      {
        code: 'floppy-chipset-only',
        severity: 'info',
        message:
          'floppy works for i440fx VMs only; Q35 VMs need another payload (a CD-ROM payload): QEMU (/usr/libexec/qemu-kvm) says ' +
          "Q35 (-machine q35): Device isa-fdc is not supported with machine type pc-q35-7.2 (Q35 is the cluster default from level 4.4; libvirt's domcapabilities still lists floppy for it)",
      },
    ]);
  });

  it('RHEL 9/10 policy, payload auto on vdsm 4.50: no floppy at all, every VM gets the CD payload, an info finding', async () => {
    const o = await observed('lab-qemu-rhel9');
    expect(check.compare(o, hv())).toEqual([
      {
        code: 'qemu-no-floppy-cd-payload',
        severity: 'info',
        message:
          'floppy works for no VM here; i440fx and Q35 VMs need another payload (a CD-ROM payload); QEMU (/usr/libexec/qemu-kvm) has no floppy controller (' +
          "i440fx (-machine pc): 'isa-fdc' is not a valid device model name; Q35 (-machine q35): the same): VMs here get the CD payload (floppycd)",
      },
    ]);
  });

  it('RHEL 9/10 policy with payload floppy (or a vdsm without the bundled hook): one QEMU start, drift not fixable', async () => {
    const o = await observed('lab-qemu-rhel9');
    expect(fixture(ID, 'lab-qemu-rhel9').qemu!.stdout).not.toContain('@@qemu pc');
    const old = makeContext({ facts: { vdsmVersion: '4.30.46-1.el7' } });
    expect(check.compare(o, old).map((f) => f.code)).toEqual(['qemu-no-floppy']);
    const floppyOnly = makeContext({ facts: { vdsmVersion: '4.50.5-1.el8' }, config: { payload: 'floppy' } });
    expect(check.compare(o, floppyOnly)).toEqual([
      {
        code: 'qemu-no-floppy',
        message:
          'floppy payloads cannot work here: floppy works for no VM here; i440fx and Q35 VMs need another payload (a CD-ROM payload); QEMU (/usr/libexec/qemu-kvm) refuses a floppy controller: ' +
          "i440fx (-machine pc): 'isa-fdc' is not a valid device model name; Q35 (-machine q35): the same",
        expected: 'QEMU accepts -device isa-fdc',
        actual: 'refused',
        fixable: false,
      },
    ]);
  });

  it('no QEMU, or QEMU failing for another reason: said, not guessed', () => {
    expect(parseQemuFloppy('@@qemu missing\n')).toEqual({ state: 'qemu-missing' });
    expect(check.compare({ qemu: { state: 'qemu-missing' } }, hv())).toMatchObject([{ code: 'qemu-missing', fixable: false }]);
    const broken = parseQemuFloppy(
      '@@qemu binary /usr/libexec/qemu-kvm\nqemu-kvm: -accel kvm: failed to initialize kvm: Permission denied\n@@qemu q35 exit 1\n' +
        'qemu-kvm: -accel kvm: failed to initialize kvm: Permission denied\n@@qemu pc exit 1\n',
    );
    expect(broken).toMatchObject({
      families: { q35: { floppy: 'unknown', message: '-accel kvm: failed to initialize kvm: Permission denied' } },
    });
    expect(check.compare({ qemu: broken }, hv())).toMatchObject([{ code: 'qemu-probe-failed', fixable: false }]);
    expect(() => parseQemuFloppy('hello\n')).toThrow(ParseError);
    expect(() => parseQemuFloppy('@@qemu binary /x\n')).toThrow(ParseError);
  });

  it('the verdict helpers #12 builds on: per family text and booleans', async () => {
    const rhel8 = (await observed('lab-qemu-rhel8')).qemu;
    if (rhel8.state !== 'probed') throw new Error('probed expected');
    expect(floppyFamiliesText(rhel8.families)).toBe('floppy works for i440fx VMs only; Q35 VMs need another payload (a CD-ROM payload)');
    expect(floppyByFamily(rhel8.families)).toEqual({ i440fx: true, q35: false });
    expect(floppyByFamily({ i440fx: { floppy: 'unknown', message: 'x' }, q35: { floppy: 'ok' } })).toEqual({ q35: true });
  });

  it('libvirt domcapabilities parser (lib/domcaps.ts): garbage is a ParseError', () => {
    expect(() => parseDomcaps('hello\n', 0)).toThrow(ParseError);
    expect(() => parseDomcapsByChipset('<capabilities/>\n')).toThrow(ParseError);
  });

  it('splitting gives each machine its own output and exit status (captured lab outputs)', () => {
    const both = parseDomcapsByChipset(fixture(ID, 'composed-no-i440fx').domcaps!.stdout);
    expect(both.i440fx).toMatchObject({ state: 'machine-unsupported' });
    expect(both.q35).toMatchObject({ state: 'ok', machine: 'pc-q35-rhel8.6.0', floppy: false });
  });

  it('only the <disk> element under <devices> is read: other sections, a disk elsewhere, the self-closing form', () => {
    const wrap = (devices: string, before = '') =>
      `<domainCapabilities>\n  <machine>pc-q35-rhel9.4.0</machine>\n${before}  <devices>\n${devices}  </devices>\n</domainCapabilities>\n`;
    const floppyDisk =
      "    <disk supported='yes'>\n      <enum name='diskDevice'>\n        <value>floppy</value>\n      </enum>\n      <enum name=\"bus\">\n        <value>fdc</value>\n      </enum>\n    </disk>\n";
    // A large <cpu> section before <devices> (real libvirt: dozens of models) is not parsed, and cannot mislead.
    const cpu = `  <cpu>\n${"    <model usable='yes'>Skylake-Server</model>\n".repeat(200)}  </cpu>\n`;
    expect(parseDomcaps(wrap(floppyDisk, cpu), 0)).toEqual({
      state: 'ok',
      machine: 'pc-q35-rhel9.4.0',
      diskDevices: ['floppy'],
      diskBuses: ['fdc'],
      floppy: true,
    });
    // libvirt writes an unsupported device as <disk supported='no'/>: no floppy, and the next element is not taken for it.
    expect(parseDomcaps(wrap("    <disk supported='no'/>\n    <graphics supported='yes'/>\n"), 0)).toMatchObject({
      state: 'ok',
      diskDevices: [],
      floppy: false,
    });
    expect(parseDomcaps(wrap("    <graphics supported='yes'/>\n"), 0)).toMatchObject({ state: 'ok', diskDevices: [], floppy: false });
    expect(parseDomcaps(wrap(floppyDisk.replace("'yes'", "'no'")), 0)).toMatchObject({ state: 'ok', diskDevices: [], floppy: false });
    // floppy without the fdc bus is no floppy the hook can attach.
    expect(parseDomcaps(wrap(floppyDisk.replace('fdc', 'sata')), 0)).toMatchObject({
      diskDevices: ['floppy'],
      diskBuses: ['sata'],
      floppy: false,
    });
  });

  it('the same result as XML-parsing the whole document (the previous parser), for every captured document', () => {
    // The previous parseDomcaps, verbatim in what it computed: the whole document through fast-xml-parser.
    const whole = new XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: '@',
      parseTagValue: false,
      parseAttributeValue: false,
      isArray: (n) => n === 'enum' || n === 'value',
    });
    type Node = { '@supported'?: string; enum?: { '@name'?: string; value?: unknown[] }[] };
    const previous = (doc: string) => {
      const caps = (whole.parse(doc) as { domainCapabilities: { machine?: unknown; devices?: { disk?: Node } } }).domainCapabilities;
      const disk = caps.devices?.disk?.['@supported'] === 'yes' ? caps.devices.disk : undefined;
      const values = (name: string) => (disk?.enum?.find((e) => e['@name'] === name)?.value ?? []).map((v) => String(v).trim());
      return {
        state: 'ok',
        machine: String(caps.machine ?? '').trim(),
        diskDevices: values('diskDevice'),
        diskBuses: values('bus'),
        floppy: values('diskDevice').includes('floppy') && values('bus').includes('fdc'),
      };
    };
    let compared = 0;
    for (const name of ['lab-floppy-both', 'lab-no-floppy-q35', 'lab-no-floppy', 'composed-no-i440fx']) {
      const parts = fixture(ID, name)
        .domcaps!.stdout.split(/\n@@domcaps \S+ exit 0\n/)
        .filter((d) => d.includes('<domainCapabilities>'));
      for (const doc of parts) {
        expect(parseDomcaps(doc, 0), name).toEqual(previous(doc));
        compared++;
      }
    }
    expect(compared).toBe(7);
  });

  it('floppyByChipset: per chipset true/false, unknown left out', () => {
    expect(floppyByChipset(domcaps('lab-no-floppy-q35'))).toEqual({ i440fx: true, q35: false });
    expect(floppyByChipset(domcaps('composed-no-i440fx'))).toEqual({ i440fx: false, q35: false });
    expect(floppyByChipset(domcaps('composed-libvirtd-down'))).toEqual({});
    expect(describeHostFloppy({ i440fx: true, q35: false })).toBe('i440fx: floppy, Q35: no floppy');
  });
});

describe('floppyVerdict (per VM)', () => {
  const base: VmFloppyInput = {
    biosType: 'i440fx_sea_bios',
    clusterLevel: '4.7',
    osType: 'windows_2019x64',
    hasInitialization: false,
    domcapsFloppy: { i440fx: true, q35: false },
  };

  it('chipset from the bios type, cluster_default through the cluster, else the level default', () => {
    expect(effectiveChipset('q35_ovmf', undefined, '4.2')).toBe('q35');
    expect(effectiveChipset('I440FX_SEA_BIOS', 'q35_sea_bios', '4.7')).toBe('i440fx');
    expect(effectiveChipset('cluster_default', 'q35_secure_boot', '4.3')).toBe('q35');
    expect([
      effectiveChipset('cluster_default', undefined, '4.3'),
      effectiveChipset(undefined, undefined, '4.4'),
      effectiveChipset('cluster_default', undefined, 'x'),
    ]).toEqual(['i440fx', 'q35', undefined]);
  });

  it('sysprep collision only for Windows, with initialization, at level ≤ 4.3', () => {
    expect(sysprepFloppyCollides('windows_10x64', '4.3', true)).toBe(true);
    expect(sysprepFloppyCollides('windows_10x64', '4.4', true)).toBe(false);
    expect(sysprepFloppyCollides('windows_10x64', '4.2', false)).toBe(false);
    expect(sysprepFloppyCollides('rhel_8x64', '4.2', true)).toBe(false);
    expect(sysprepFloppyCollides('windows_2022', 'cluster', true)).toBeUndefined();
  });

  it('ok: i440fx with floppy, no sysprep floppy', () => {
    expect(floppyVerdict(base)).toEqual({
      verdict: 'ok',
      chipset: 'i440fx',
      reasons: [
        { code: 'chipset-floppy', message: 'the VM is i440fx and QEMU on its host offers a floppy device for it' },
        { code: 'fda-free', message: 'the engine adds no floppy of its own on this start: fda stays free' },
      ],
    });
    expect(floppyVerdict({ ...base, hasInitialization: true }).reasons[1]).toEqual({
      code: 'fda-free',
      message: "the engine's sysprep payload is a CD-ROM at cluster level 4.7: fda stays free",
    });
  });

  it('blocked: Q35 where QEMU has no floppy for Q35', () => {
    expect(floppyVerdict({ ...base, biosType: 'q35_ovmf' })).toEqual({
      verdict: 'blocked',
      chipset: 'q35',
      reasons: [
        {
          code: 'chipset-no-floppy',
          message:
            'the VM is Q35 and QEMU on its host offers no floppy device for Q35: the start would fail; use bios type i440fx_sea_bios if QEMU offers a floppy there',
        },
        { code: 'fda-free', message: 'the engine adds no floppy of its own on this start: fda stays free' },
      ],
    });
  });

  it('blocked: the sysprep floppy on a 4.3 Windows VM started with initialization', () => {
    const v = floppyVerdict({ ...base, clusterLevel: '4.3', hasInitialization: true });
    expect(v.verdict).toBe('blocked');
    expect(v.reasons[0]).toEqual({
      code: 'sysprep-floppy-collision',
      message:
        'the engine adds its own sysprep floppy at fda to this Windows VM (cluster level 4.3 ≤ 4.3, initialization on this start), so the hook refuses to add a second one; ' +
        'start it without initialization (no use_sysprep/use_initialization, no Initialization data, or a VM that is already initialized), ' +
        'or raise its cluster level to 4.4 or later (the sysprep payload is a CD-ROM there), or set a non-Windows OS type for this start',
    });
  });

  it('unknown: the host was not asked, or the chipset cannot be told', () => {
    expect(floppyVerdict({ ...base, domcapsFloppy: undefined })).toMatchObject({
      verdict: 'unknown',
      reasons: [{ code: 'domcaps-unknown' }, { code: 'fda-free' }],
    });
    expect(floppyVerdict({ ...base, biosType: undefined, clusterLevel: 'latest' })).toMatchObject({
      verdict: 'unknown',
      reasons: [{ code: 'chipset-unknown' }, { code: 'fda-free' }],
    });
  });
});
