// cross-payload-images: the engine's payload properties (captured lab inventory) against the sftp server's floppy
// directory (captured `find` output of sftp-stale-images, the same command): a deleted image is a warning on the
// manager naming the VM; an image no VM carries is an info on the sftp server.
import { describe, expect, it } from 'vitest';
import check from '../../../checks/cross-payload-images.js';
import type { CrossHostObservation, EngineInventory } from '../../../src/check-api.js';
import type { Config } from '../../../src/config/types.js';
import { debianFacts, elFacts, labConfig } from '../../support/check-harness.js';
import { labInventory } from './lib/engine-inventory-fixture.js';
import type { PayloadImagesObserved } from '../../../checks/cross-payload-images.js';

// The captured inventory's VM floppy-smoke carries floppy=<this directory>/win10-0042.vfd.
const CLIENT = '/rhev/data-center/mnt/127.0.215.20:_exports_iso/floppy';
const config = (): Config => {
  const c = labConfig();
  return { ...c, floppy: { ...c.floppy, clientPath: CLIENT } };
};

function sftpObs(stdout: string, exitCode = 0): CrossHostObservation<PayloadImagesObserved> {
  const probe = check.probe({ config: config(), host: { name: 'sftp', role: 'sftp', address: '127.0.215.20' }, flags: {} });
  return {
    host: { name: 'sftp', role: 'sftp', address: '127.0.215.20' },
    facts: debianFacts(),
    observed: { listing: probe.listing!.parse(stdout, exitCode) },
  };
}
const mgrObs = (inventory: EngineInventory | undefined): CrossHostObservation<PayloadImagesObserved> => ({
  host: { name: 'mgr', role: 'manager', address: '127.0.215.10' },
  facts: elFacts(),
  observed: {},
  ...(inventory ? { engine: { inventory } } : {}),
});
const codes = (r: Map<string, { code: string }[]>) => Object.fromEntries([...r].map(([h, f]) => [h, f.map((x) => x.code)]));

describe('cross-payload-images', () => {
  it('probes only the sftp server, with the floppy directory listing; the manager runs nothing', () => {
    const cfg = config();
    expect(check.probe({ config: cfg, host: { name: 'mgr', role: 'manager', address: '' }, flags: {} })).toEqual({});
    expect(check.probe({ config: cfg, host: { name: 'sftp', role: 'sftp', address: '' }, flags: {} }).listing?.run).toEqual({
      sh: "date +%s && find /exports/iso/floppy -maxdepth 1 -type f -printf '%T@ %s %f\\n'",
    });
  });

  it('the image is there → nothing on the manager; another image nobody carries → info on the sftp server', () => {
    const r = check.compare(
      [mgrObs(labInventory()), sftpObs('1795583153\n1795580000.5 1474560 win10-0042.vfd\n1795580000.5 1474560 old.vfd\n')],
      config(),
    );
    expect(codes(r)).toEqual({ mgr: [], sftp: ['payload-image-unreferenced'] });
    expect(r.get('sftp')![0]!.message).toBe(
      'no VM in the engine carries old.vfd (in /exports/iso/floppy): delete what no deployment needs any more',
    );
  });

  it('the image was deleted → a warning on the manager naming VM, cluster, image and the sftp server', () => {
    const r = check.compare([mgrObs(labInventory()), sftpObs('1795583153\n')], config());
    expect(r.get('mgr')).toEqual([
      {
        code: 'payload-image-missing',
        severity: 'warn',
        message:
          `VM floppy-smoke (cluster Default, not running) carries floppy=${CLIENT}/win10-0042.vfd, but win10-0042.vfd is not in /exports/iso/floppy ` +
          'on sftp: the VM\'s next start fails in the hook ("file not exists"); upload the image again or remove the property',
        expected: '/exports/iso/floppy/win10-0042.vfd',
        actual: '(missing)',
        fixable: false,
      },
    ]);
    // The directory itself missing (find fails, no listing) counts the same.
    expect(codes(check.compare([mgrObs(labInventory()), sftpObs('1795583153\n', 1)], config()))).toEqual({
      mgr: ['payload-image-missing'],
    });
  });

  it('a running VM says the deleted image is still open; a value outside the directory is left to the property regex', () => {
    const inv = labInventory();
    inv.vms[0]!.hostId = inv.hosts[0]!.id;
    expect(check.compare([mgrObs(inv), sftpObs('1795583153\n')], config()).get('mgr')![0]!.message).toMatch(
      /; it runs now, with the deleted image still open;/,
    );
    inv.vms[0]!.customProperties = [{ name: 'floppy', value: '/somewhere/else/win10-0042.vfd' }];
    expect(codes(check.compare([mgrObs(inv), sftpObs('1795583153\n')], config()))).toEqual({ mgr: [] });
  });

  it('without the engine inventory nothing is compared, and every host says why (info)', () => {
    const r = check.compare([mgrObs(undefined), sftpObs('1795583153\n')], config());
    expect(codes(r)).toEqual({ mgr: ['payload-images-not-compared'], sftp: ['payload-images-not-compared'] });
  });
});
