import { describe, expect, it } from 'vitest';
import { ParseError } from '../../../../src/errors.js';
import { bindLine, inspectFstab, planFstabBind } from '../../../../checks/lib/fstab-edit.js';
import { escapeFstab, parseFstab, unescapeFstab } from '../../../../checks/lib/fstab-parse.js';
import { fixture } from './fixtures.js';

const SPEC = { source: '/exports/iso/floppy', target: '/srv/floppy_chroot/floppy' };
const OURS = '/exports/iso/floppy /srv/floppy_chroot/floppy none bind,nofail 0 0';
const OLD_OURS = '/exports/iso/floppy /srv/floppy_chroot/floppy none bind 0 0';
// Captured from the sandbox (sftp-bind-mount/drift.json): tabs, UUID=, LABEL=, \040, a commented copy of our line.
const REAL = fixture('sftp-bind-mount', 'drift').fstab!.stdout;

describe('fstab parser', () => {
  it('reads tabs, UUID=, LABEL=, \\040 escapes, 4-field lines; comments are not entries', () => {
    const entries = parseFstab(REAL)
      .filter((l) => l.entry)
      .map((l) => l.entry!);
    expect(entries.map((e) => [e.spec, e.file, e.vfstype, e.options.join(','), e.freq, e.passno])).toEqual([
      ['UUID=0a1b2c3d-1111-2222-3333-444455556666', '/', 'ext4', 'errors=remount-ro', '0', '1'],
      ['LABEL=boot', '/boot', 'ext4', 'defaults', '0', '2'],
      ['/dev/sdb1', '/mnt/data dir', 'xfs', 'defaults', '0', '0'],
    ]);
  });

  it('escapes round-trip', () => {
    expect(escapeFstab('/a b\tc\\d')).toBe('/a\\040b\\011c\\134d');
    expect(unescapeFstab(escapeFstab('/a b\tc\\d'))).toBe('/a b\tc\\d');
  });

  it('a line mount(8) cannot use is a ParseError', () => {
    expect(() => parseFstab('/dev/sda1 /\n')).toThrow(ParseError);
  });
});

describe('fstab bind planner', () => {
  it('appends our line and keeps every other line byte for byte (a commented copy does not count)', () => {
    const out = planFstabBind(REAL, SPEC)!;
    expect(out).toBe(`${REAL}${OURS}\n`);
  });

  it('adds the missing final newline before appending; an empty file gets just our line', () => {
    expect(planFstabBind('proc /proc proc defaults 0 0', SPEC)).toBe(`proc /proc proc defaults 0 0\n${OURS}\n`);
    expect(planFstabBind('', SPEC)).toBe(`${OURS}\n`);
  });

  it('nothing to do when a bind or rbind line exists, options in any order, trailing slashes, tabs', () => {
    expect(planFstabBind(`${REAL}/exports/iso/floppy/\t/srv/floppy_chroot/floppy/\tnone\tnofail,rbind\n`, SPEC)).toBeUndefined();
    expect(planFstabBind(`${OURS}\n`, SPEC)).toBeUndefined();
  });

  it('adds nofail to our line written without it (older versions), keeping its other options and every other line', () => {
    expect(planFstabBind(`proc /proc proc defaults 0 0\n${OLD_OURS}\n# end`, SPEC)).toBe(`proc /proc proc defaults 0 0\n${OURS}\n# end`);
    expect(planFstabBind('/exports/iso/floppy\t/srv/floppy_chroot/floppy\tnone\trbind,ro\n', SPEC)).toBe(
      '/exports/iso/floppy /srv/floppy_chroot/floppy none rbind,ro,nofail 0 0\n',
    );
  });

  it('replaces a conflicting line for the same mount point in place, comments out a second one, keeps CRLF lines', () => {
    const before =
      'UUID=x / ext4 defaults 0 1\r\n/old/dir /srv/floppy_chroot/floppy none bind 0 0\ntmpfs /srv/floppy_chroot/floppy tmpfs defaults 0 0\n/dev/sdc /data xfs defaults 0 0\n';
    expect(inspectFstab(parseFstab(before), SPEC).conflicting.map((l) => l.lineNumber)).toEqual([2, 3]);
    expect(planFstabBind(before, SPEC)).toBe(
      'UUID=x / ext4 defaults 0 1\r\n' +
        `${OURS}\n` +
        '# ovirt-floppy: replaced by line 2: tmpfs /srv/floppy_chroot/floppy tmpfs defaults 0 0\n' +
        '/dev/sdc /data xfs defaults 0 0\n',
    );
  });

  it('escapes unusual paths in the line it writes', () => {
    expect(bindLine({ source: '/a b', target: '/c' })).toBe('/a\\040b /c none bind,nofail 0 0');
  });
});
