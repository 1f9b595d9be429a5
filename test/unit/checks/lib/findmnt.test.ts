import { describe, expect, it } from 'vitest';
import { ParseError } from '../../../../src/errors.js';
import { parseFindmntRaw, pathInFilesystem } from '../../../../checks/lib/findmnt.js';

const COLS = ['MAJ:MIN', 'FSROOT', 'TARGET', 'SOURCE', 'FSTYPE', 'OPTIONS'];

describe('findmnt -r parser', () => {
  it('unescapes \\x20 (captured on this machine: a bind of "/tmp/fm/a b")', () => {
    const out =
      '254:0 /tmp/fm/a\\x20b /tmp/fm/t /dev/vda[/tmp/fm/a\\x20b] ext4 rw,relatime,discard,resv_strict,resuid=65534,resgid=65534\n';
    expect(parseFindmntRaw(out, 0, COLS)).toEqual([
      {
        'MAJ:MIN': '254:0',
        FSROOT: '/tmp/fm/a b',
        TARGET: '/tmp/fm/t',
        SOURCE: '/dev/vda[/tmp/fm/a b]',
        FSTYPE: 'ext4',
        OPTIONS: 'rw,relatime,discard,resv_strict,resuid=65534,resgid=65534',
      },
    ]);
  });

  it('exit 1 without output is "no such mount"; other output is a ParseError', () => {
    expect(parseFindmntRaw('', 1, COLS)).toEqual([]);
    expect(() => parseFindmntRaw('only two\n', 0, COLS)).toThrow(ParseError);
    expect(() => parseFindmntRaw('findmnt: bad usage\n', 1, COLS)).toThrow(ParseError);
  });

  it('maps a path below a mount to its path inside the filesystem (what a bind shows as FSROOT)', () => {
    expect(pathInFilesystem({ FSROOT: '/tmp/of-sbx/exports-iso', TARGET: '/exports/iso' }, '/exports/iso/floppy')).toBe(
      '/tmp/of-sbx/exports-iso/floppy',
    );
    expect(pathInFilesystem({ FSROOT: '/', TARGET: '/' }, '/exports/iso/floppy')).toBe('/exports/iso/floppy');
    expect(pathInFilesystem({ FSROOT: '/', TARGET: '/exports' }, '/exports')).toBe('/');
    expect(pathInFilesystem({ FSROOT: '/', TARGET: '/exports' }, '/exportsX/a')).toBeUndefined();
  });
});
