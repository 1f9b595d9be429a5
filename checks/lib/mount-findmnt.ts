/**
 * Which mount holds a path that may not exist yet: walk up to the nearest existing ancestor with shell
 * builtins only (no fork per level), then ONE `findmnt -T` on it (`-T` fails for a missing path).
 * `-P` prints KEY="value" pairs with unsafe bytes as \xHH (parsed in findmnt.ts), so spaces cannot shift columns.
 */
import { ParseError } from '../../src/errors.js';
import { safeRemotePath } from '../../src/config/resolved.js';
import { quoteArg } from '../../src/shell/quote.js';
import { type MountInfo, parseFindmntPairs } from './findmnt.js';

export interface PathMount {
  /** The nearest existing path at or above the asked path. */
  probedPath: string;
  probedIsDirectory: boolean;
  /** The mount holding probedPath; undefined when findmnt is not installed. */
  mount?: MountInfo;
}

export function pathMountCommand(path: string): { sh: string } {
  return {
    sh: [
      `p=${quoteArg(safeRemotePath(path))}`,
      'while [ ! -e "$p" ]; do p=${p%/*}; [ -n "$p" ] || p=/; done',
      'if [ -d "$p" ]; then t=dir; else t=other; fi',
      'printf \'path %s %s\\n\' "$t" "$p"',
      'findmnt -n -P -o TARGET,SOURCE,FSTYPE,OPTIONS -T "$p"',
    ].join('\n'),
  };
}

export function parsePathMount(stdout: string, exitCode: number): PathMount {
  const lines = stdout.split('\n').filter((l) => l !== '');
  const head = /^path (dir|other) (\/.*)$/.exec(lines[0] ?? '');
  if (!head) throw new ParseError('nearest existing path', stdout);
  const probed = { probedPath: head[2]!, probedIsDirectory: head[1] === 'dir' };
  if (exitCode === 127 && lines.length === 1) return probed;
  if (exitCode !== 0 || lines.length !== 2) throw new ParseError('findmnt -T', stdout, `exit ${exitCode}`);
  return { ...probed, mount: parseFindmntPairs(lines[1]!) };
}
