import { describe, expect, it } from 'vitest';
import { inspectChrootComponents, isFixable, missingComponents } from '../../../../checks/lib/chroot-components.js';
import { chrootComponents } from '../../../../src/config/remote-path.js';
import { parseStatLines } from '../../../../checks/lib/stat-lines.js';
import { fixture } from './fixtures.js';

describe('chroot component walk', () => {
  it('lists every component from / down to the chroot itself', () => {
    expect(chrootComponents('/srv/floppy_chroot/')).toEqual(['/', '/srv', '/srv/floppy_chroot']);
    expect(chrootComponents('/')).toEqual(['/']);
    expect(chrootComponents('/a//b')).toEqual(['/', '/a', '/a/b']);
  });

  it('stops at the first missing component; everything below it is to be created', () => {
    const stats = parseStatLines('0|root|0|root|755|directory|/\n');
    const comps = chrootComponents('/srv/jail/x');
    expect(inspectChrootComponents(comps, stats)).toEqual([{ kind: 'missing', path: '/srv' }]);
    expect(missingComponents(comps, stats)).toEqual(['/srv', '/srv/jail', '/srv/jail/x']);
  });

  it('captured drift: owner and write bits, fixable; / and sticky dirs never fixable; a file stops the walk', () => {
    const stats = parseStatLines(fixture('sftp-chroot-path', 'drift').stats!.stdout);
    const problems = inspectChrootComponents(chrootComponents('/srv/floppy_chroot'), stats);
    expect(problems.map((p) => [p.kind, p.path, isFixable(p)])).toEqual([
      ['owner', '/srv', true],
      ['writable', '/srv/floppy_chroot', true],
    ]);
    const odd = parseStatLines('0|root|0|root|777|directory|/\n0|root|0|root|1777|directory|/tmp\n0|root|0|root|644|regular file|/tmp/f\n');
    expect(inspectChrootComponents(['/', '/tmp', '/tmp/f', '/tmp/f/x'], odd).map((p) => [p.kind, p.path, isFixable(p)])).toEqual([
      ['writable', '/', false],
      ['writable', '/tmp', false],
      ['not-directory', '/tmp/f', false],
    ]);
  });
});
