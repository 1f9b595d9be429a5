/**
 * The smoke's device choice (payload-choice.ts) from what the preflight's hypervisor-payload-device says per host,
 * and the build stage's CD image: an ISO the real isoinfo reads, named for floppy.cdPropertyRegex.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunReport } from '../../../src/result/model.js';
import { chipsetOf, chooseSmokeDevice } from '../../../src/smoke/payload-choice.js';
import { runBuildStage } from '../../../src/smoke/stage-build.js';
import type { SmokeState } from '../../../src/smoke/types.js';
import { smokeConfig } from './support.js';

/** A preflight report as the runner writes it, reduced to the payload-device finding of each hypervisor. */
function report(verdicts: Record<string, string>): RunReport {
  const hosts = Object.entries(verdicts).map(([name, actual]) => ({
    name,
    checks: [{ id: 'hypervisor-payload-device', findings: [{ code: 'payload-device', severity: 'info', message: 'm', actual }] }],
  }));
  return { hosts } as unknown as RunReport;
}

describe('chooseSmokeDevice', () => {
  const auto = smokeConfig();
  it('auto: the CD when any host gives the VM chipset a CD, else the floppy', () => {
    const mixed = report({ hv1: 'i440fx=floppy q35=floppy', hv2: 'i440fx=floppy q35=cdrom' });
    expect(chooseSmokeDevice(auto, mixed, 'q35')).toEqual({
      device: 'cdrom',
      why: 'the smoke VM (Q35) gets a CD-ROM on hv2 (hypervisor-payload-device)',
    });
    expect(chooseSmokeDevice(auto, mixed, 'i440fx')).toEqual({
      device: 'floppy',
      why: 'the smoke VM (i440fx) gets a floppy on every hypervisor',
    });
    expect(chooseSmokeDevice(auto, report({ hv1: 'i440fx=cdrom q35=cdrom' }), 'i440fx').device).toBe('cdrom');
    expect(chooseSmokeDevice(auto, undefined, 'q35')).toEqual({ device: 'floppy', why: 'no hypervisor verdict (preflight off)' });
  });

  it('payload floppy or cdrom decides alone', () => {
    const cd = report({ hv1: 'i440fx=cdrom q35=cdrom' });
    expect(chooseSmokeDevice({ ...auto, payload: 'floppy' }, cd, 'q35').device).toBe('floppy');
    expect(chooseSmokeDevice({ ...auto, payload: 'cdrom' }, undefined, undefined).device).toBe('cdrom');
  });

  it("the VM's chipset from its bios as assessed (own, cluster default or level default)", () => {
    expect(chipsetOf({ bios: 'q35_ovmf (cluster default)' })).toBe('q35');
    expect(chipsetOf({ bios: 'i440fx_sea_bios' })).toBe('i440fx');
    expect(chipsetOf({ bios: 'unknown' })).toBeUndefined();
  });
});

describe('build stage for the CD', () => {
  it('an ISO with Unattend.xml and the marker, named .iso for floppycd, that isoinfo reads back', () => {
    const state: SmokeState = {};
    const outcome = runBuildStage(
      {
        config: smokeConfig(),
        randomHex: (n) => 'ab'.repeat(n),
        now: new Date('2026-12-04T00:00:00Z'),
        choice: { device: 'cdrom', why: 'test' },
      },
      state,
    );
    expect(outcome.status).toBe('ok');
    const image = state.image!;
    expect([image.device, image.property, image.name]).toEqual(['cdrom', 'floppycd', 'ovirt-floppy-smoke-abababab.iso']);
    expect(outcome.message).toMatch(/ISO 9660 \+ Joliet for floppycd \(test\).*the floppycd regex accepts .*\.iso$/);
    const dir = mkdtempSync(join(tmpdir(), 'of-smoke-iso-'));
    try {
      writeFileSync(join(dir, 'x.iso'), image.data);
      const r = spawnSync('isoinfo', ['-J', '-x', '/SMOKE.TXT;1', '-i', join(dir, 'x.iso')], { encoding: 'utf8' });
      expect(r.stdout).toBe(`ovirt-floppy smoke test marker ${image.marker}\r\n`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
