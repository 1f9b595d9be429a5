/**
 * hypervisor-floppy-capable on captured `virsh -r domcapabilities` output (fixtures' source.txt), and the pure
 * verdict helpers the smoke test reuses per VM (checks/lib/domcaps-verdict.ts).
 */
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import check from '../../../checks/hypervisor-floppy-capable.js';
import { domcapsCommand, floppyByChipset, parseDomcaps, parseDomcapsByChipset } from '../../../checks/lib/domcaps.js';
import { describeHostFloppy, effectiveChipset, floppyVerdict, sysprepFloppyCollides, type VmFloppyInput } from '../../../checks/lib/domcaps-verdict.js';
import { ParseError } from '../../../src/errors.js';
import { commandOf, makeContext, probeWithFake } from '../../support/check-harness.js';
import { fixture, preflight } from './lib/fixtures.js';

const ID = 'hypervisor-floppy-capable';
const hv = () => makeContext({ facts: { vdsmVersion: '4.50.5-1.el8' } });
const probe = async (name: string) => (await probeWithFake(check, hv(), fixture(ID, name))).domcaps;
const observed = async (name: string) => probeWithFake(check, hv(), fixture(ID, name));

describe('hypervisor-floppy-capable', () => {
  it('probe: ONE command, virsh read-only per chipset alias, stderr folded in, a status line after each', () => {
    const p = check.probe(hv());
    expect(Object.keys(p)).toEqual(['domcaps']);
    expect(commandOf(p.domcaps)).toBe(
      'for m in pc q35; do virsh -r domcapabilities --machine "$m" 2>&1; printf \'\\n@@domcaps %s exit %s\\n\' "$m" "$?"; done',
    );
    expect(domcapsCommand()).toEqual({ sh: commandOf(p.domcaps) });
    // No extra process to trim the documents on the host (see lib/domcaps.ts).
    expect(commandOf(p.domcaps)).not.toMatch(/sed|awk|grep|\|/);
  });

  it('needs vdsm (a host without it is not a hypervisor)', () => {
    expect(preflight(check, hv(), { 'hypervisor-vdsm-installed': 'error' })).toMatchObject({ status: 'skipped', reason: 'needs hypervisor-vdsm-installed (error)' });
  });

  it('floppy for both chipsets: ok, with the machine types in an info finding', async () => {
    const o = await observed('lab-floppy-both');
    expect(o.domcaps.q35).toEqual({
      state: 'ok', machine: 'pc-q35-rhel8.6.0', diskDevices: ['disk', 'cdrom', 'floppy', 'lun'], diskBuses: ['fdc', 'scsi', 'virtio', 'usb', 'sata'], floppy: true,
    });
    expect(check.compare(o, hv())).toEqual([{
      code: 'floppy-supported', severity: 'info',
      message: 'QEMU offers a floppy device for both chipsets (i440fx: pc-i440fx-rhel7.6.0 has a floppy device; Q35: pc-q35-rhel8.6.0 has a floppy device)',
    }]);
  });

  it('no floppy for Q35 (RHEL 8 qemu): still ok, an info finding says only i440fx VMs can use it', async () => {
    const o = await observed('lab-no-floppy-q35');
    expect(o.domcaps.q35).toMatchObject({ state: 'ok', floppy: false, diskDevices: ['disk', 'cdrom', 'lun'] });
    expect(check.compare(o, hv())).toEqual([{
      code: 'floppy-chipset-only', severity: 'info',
      message: 'floppy payloads work here only for i440fx VMs: i440fx: pc-i440fx-rhel7.6.0 has a floppy device; Q35: pc-q35-rhel8.6.0 lists no floppy device; ' +
        'a Q35 VM with the floppy property fails to start (Q35 is the cluster default from level 4.4: set such VMs to bios type i440fx_sea_bios)',
    }]);
  });

  it('no floppy at all (RHEL 10 qemu): "floppy payloads cannot work here", not fixable', async () => {
    const expected = (detail: string) => [{
      code: 'qemu-no-floppy',
      message: `floppy payloads cannot work here: QEMU on this host offers no floppy device (${detail}), so a VM with the floppy property fails to start ` +
        '(RHEL qemu has no floppy controller for Q35 from RHEL 8 and none at all from RHEL 10)',
      expected: 'floppy in the disk diskDevice enum',
      actual: 'absent',
      fixable: false,
    }];
    expect(check.compare(await observed('lab-no-floppy'), hv())).toEqual(expected('i440fx: pc-i440fx-rhel7.6.0 lists no floppy device; Q35: pc-q35-rhel8.6.0 lists no floppy device'));
    const noI440fx = await observed('composed-no-i440fx');
    expect(noI440fx.domcaps.i440fx).toEqual({ state: 'machine-unsupported', message: "error: failed to get emulator capabilities; error: invalid argument: the machine 'pc' is not supported by emulator '/usr/libexec/qemu-kvm'" });
    expect(check.compare(noI440fx, hv())).toEqual(expected('i440fx: no i440fx machine type; Q35: pc-q35-rhel8.6.0 lists no floppy device'));
  });

  it('virsh missing or libvirtd down: cannot tell, not fixable', async () => {
    expect(check.compare(await observed('lab-virsh-missing'), hv())).toEqual([
      { code: 'virsh-missing', message: 'virsh is not installed (libvirt-client): cannot ask libvirt whether QEMU offers a floppy device', fixable: false },
    ]);
    expect(check.compare(await observed('composed-libvirtd-down'), hv())).toEqual([{
      code: 'domcaps-failed',
      message: "virsh -r domcapabilities --machine pc|q35 failed: error: failed to connect to the hypervisor; error: Failed to connect socket to '/var/run/libvirt/libvirt-sock-ro': No such file or directory; " +
        'cannot tell whether QEMU offers a floppy device (is libvirtd running?)',
      fixable: false,
    }]);
  });

  it('garbage with exit 0: ParseError', async () => {
    expect(() => parseDomcaps('hello\n', 0)).toThrow(ParseError);
    const garbage = (stdout: string) => probeWithFake(check, hv(), { domcaps: { stdout, exitCode: 0 } });
    await expect(garbage('<capabilities/>\n\n@@domcaps pc exit 0\n\n@@domcaps q35 exit 0\n')).rejects.toBeInstanceOf(ParseError);
    // The status lines are the frame: missing, out of order, a third one, or text after the last are garbage.
    const doc = fixture(ID, 'lab-floppy-both').domcaps!.stdout;
    const [pc, q35] = doc.split(/(?<=@@domcaps pc exit 0\n)/) as [string, string];
    await expect(garbage(pc)).rejects.toBeInstanceOf(ParseError);
    await expect(garbage(`${q35}${pc}`)).rejects.toBeInstanceOf(ParseError);
    await expect(garbage(`${pc}${q35.replace('q35 exit', 'Q35 exit')}`)).rejects.toBeInstanceOf(ParseError);
    await expect(garbage(`${doc}\n@@domcaps q35 exit 0\n`)).rejects.toBeInstanceOf(ParseError);
    await expect(garbage(`${doc}trailing\n`)).rejects.toBeInstanceOf(ParseError);
    await expect(garbage('')).rejects.toBeInstanceOf(ParseError);
  });

  it('splitting gives each machine its own output and exit status (captured lab outputs)', () => {
    const both = parseDomcapsByChipset(fixture(ID, 'composed-no-i440fx').domcaps!.stdout);
    expect(both.i440fx).toMatchObject({ state: 'machine-unsupported' });
    expect(both.q35).toMatchObject({ state: 'ok', machine: 'pc-q35-rhel8.6.0', floppy: false });
  });

  it('only the <disk> element under <devices> is read: other sections, a disk elsewhere, the self-closing form', () => {
    const wrap = (devices: string, before = '') =>
      `<domainCapabilities>\n  <machine>pc-q35-rhel9.4.0</machine>\n${before}  <devices>\n${devices}  </devices>\n</domainCapabilities>\n`;
    const floppyDisk = "    <disk supported='yes'>\n      <enum name='diskDevice'>\n        <value>floppy</value>\n      </enum>\n      <enum name=\"bus\">\n        <value>fdc</value>\n      </enum>\n    </disk>\n";
    // A large <cpu> section before <devices> (real libvirt: dozens of models) is not parsed, and cannot mislead.
    const cpu = `  <cpu>\n${"    <model usable='yes'>Skylake-Server</model>\n".repeat(200)}  </cpu>\n`;
    expect(parseDomcaps(wrap(floppyDisk, cpu), 0)).toEqual({ state: 'ok', machine: 'pc-q35-rhel9.4.0', diskDevices: ['floppy'], diskBuses: ['fdc'], floppy: true });
    // libvirt writes an unsupported device as <disk supported='no'/>: no floppy, and the next element is not taken for it.
    expect(parseDomcaps(wrap("    <disk supported='no'/>\n    <graphics supported='yes'/>\n"), 0)).toMatchObject({ state: 'ok', diskDevices: [], floppy: false });
    expect(parseDomcaps(wrap("    <graphics supported='yes'/>\n"), 0)).toMatchObject({ state: 'ok', diskDevices: [], floppy: false });
    expect(parseDomcaps(wrap(floppyDisk.replace("'yes'", "'no'")), 0)).toMatchObject({ state: 'ok', diskDevices: [], floppy: false });
    // floppy without the fdc bus is no floppy the hook can attach.
    expect(parseDomcaps(wrap(floppyDisk.replace('fdc', 'sata')), 0)).toMatchObject({ diskDevices: ['floppy'], diskBuses: ['sata'], floppy: false });
  });

  it('the same result as XML-parsing the whole document (the previous parser), for every captured document', () => {
    // The previous parseDomcaps, verbatim in what it computed: the whole document through fast-xml-parser.
    const whole = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', parseTagValue: false, parseAttributeValue: false, isArray: (n) => n === 'enum' || n === 'value' });
    type Node = { '@supported'?: string; enum?: { '@name'?: string; value?: unknown[] }[] };
    const previous = (doc: string) => {
      const caps = (whole.parse(doc) as { domainCapabilities: { machine?: unknown; devices?: { disk?: Node } } }).domainCapabilities;
      const disk = caps.devices?.disk?.['@supported'] === 'yes' ? caps.devices.disk : undefined;
      const values = (name: string) => (disk?.enum?.find((e) => e['@name'] === name)?.value ?? []).map((v) => String(v).trim());
      return { state: 'ok', machine: String(caps.machine ?? '').trim(), diskDevices: values('diskDevice'), diskBuses: values('bus'), floppy: values('diskDevice').includes('floppy') && values('bus').includes('fdc') };
    };
    let compared = 0;
    for (const name of ['lab-floppy-both', 'lab-no-floppy-q35', 'lab-no-floppy', 'composed-no-i440fx']) {
      const parts = fixture(ID, name).domcaps!.stdout.split(/\n@@domcaps \S+ exit 0\n/).filter((d) => d.includes('<domainCapabilities>'));
      for (const doc of parts) {
        expect(parseDomcaps(doc, 0), name).toEqual(previous(doc));
        compared++;
      }
    }
    expect(compared).toBe(7);
  });

  it('floppyByChipset: per chipset true/false, unknown left out', async () => {
    expect(floppyByChipset(await probe('lab-no-floppy-q35'))).toEqual({ i440fx: true, q35: false });
    expect(floppyByChipset(await probe('composed-no-i440fx'))).toEqual({ i440fx: false, q35: false });
    expect(floppyByChipset(await probe('composed-libvirtd-down'))).toEqual({});
    expect(describeHostFloppy({ i440fx: true, q35: false })).toBe('i440fx: floppy, Q35: no floppy');
  });
});

describe('floppyVerdict (per VM)', () => {
  const base: VmFloppyInput = { biosType: 'i440fx_sea_bios', clusterLevel: '4.7', osType: 'windows_2019x64', hasInitialization: false, domcapsFloppy: { i440fx: true, q35: false } };

  it('chipset from the bios type, cluster_default through the cluster, else the level default', () => {
    expect(effectiveChipset('q35_ovmf', undefined, '4.2')).toBe('q35');
    expect(effectiveChipset('I440FX_SEA_BIOS', 'q35_sea_bios', '4.7')).toBe('i440fx');
    expect(effectiveChipset('cluster_default', 'q35_secure_boot', '4.3')).toBe('q35');
    expect([effectiveChipset('cluster_default', undefined, '4.3'), effectiveChipset(undefined, undefined, '4.4'), effectiveChipset('cluster_default', undefined, 'x')]).toEqual(['i440fx', 'q35', undefined]);
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
      verdict: 'ok', chipset: 'i440fx',
      reasons: [
        { code: 'chipset-floppy', message: 'the VM is i440fx and QEMU on its host offers a floppy device for it' },
        { code: 'fda-free', message: 'the engine adds no floppy of its own on this start: fda stays free' },
      ],
    });
    expect(floppyVerdict({ ...base, hasInitialization: true }).reasons[1]).toEqual({ code: 'fda-free', message: "the engine's sysprep payload is a CD-ROM at cluster level 4.7: fda stays free" });
  });

  it('blocked: Q35 where QEMU has no floppy for Q35', () => {
    expect(floppyVerdict({ ...base, biosType: 'q35_ovmf' })).toEqual({
      verdict: 'blocked', chipset: 'q35',
      reasons: [
        { code: 'chipset-no-floppy', message: 'the VM is Q35 and QEMU on its host offers no floppy device for Q35: the start would fail; use bios type i440fx_sea_bios if QEMU offers a floppy there' },
        { code: 'fda-free', message: 'the engine adds no floppy of its own on this start: fda stays free' },
      ],
    });
  });

  it('blocked: the sysprep floppy on a 4.3 Windows VM started with initialization', () => {
    const v = floppyVerdict({ ...base, clusterLevel: '4.3', hasInitialization: true });
    expect(v.verdict).toBe('blocked');
    expect(v.reasons[0]).toEqual({
      code: 'sysprep-floppy-collision',
      message: "the engine adds its own sysprep floppy at fda to this Windows VM (cluster level 4.3 ≤ 4.3, initialization on this start), so the hook refuses to add a second one; " +
        'start it without initialization (no use_sysprep/use_initialization, no Initialization data, or a VM that is already initialized), ' +
        'or raise its cluster level to 4.4 or later (the sysprep payload is a CD-ROM there), or set a non-Windows OS type for this start',
    });
  });

  it('unknown: the host was not asked, or the chipset cannot be told', () => {
    expect(floppyVerdict({ ...base, domcapsFloppy: undefined })).toMatchObject({ verdict: 'unknown', reasons: [{ code: 'domcaps-unknown' }, { code: 'fda-free' }] });
    expect(floppyVerdict({ ...base, biosType: undefined, clusterLevel: 'latest' })).toMatchObject({ verdict: 'unknown', reasons: [{ code: 'chipset-unknown' }, { code: 'fda-free' }] });
  });
});
