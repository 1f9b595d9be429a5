/**
 * Which mount holds a path that may not exist yet: walk up to the nearest existing ancestor with shell
 * builtins only (no fork per level), then ONE `findmnt -T` on it (`-T` fails for a missing path).
 * `-P` prints KEY="value" pairs with unsafe bytes as \xHH, so spaces in sources or targets cannot shift columns.
 */
import { ParseError } from '../../src/errors.js';
import { assertSafePath, quoteArg } from '../../src/shell/quote.js';

export interface MountInfo {
  target: string;
  source: string;
  fstype: string;
  options: string[];
}

export interface PathMount {
  /** The nearest existing path at or above the asked path. */
  probedPath: string;
  probedIsDirectory: boolean;
  /** The mount holding probedPath; undefined when findmnt is not installed. */
  mount?: MountInfo;
}

/** Trailing slashes dropped ("/a/b/" → "/a/b"), after checking the path is plain and absolute. */
export function normalizePath(path: string): string {
  assertSafePath(path, 'path');
  return path.length > 1 ? path.replace(/\/+$/, '') : path;
}

export function pathMountCommand(path: string): { sh: string } {
  return {
    sh: [
      `p=${quoteArg(normalizePath(path))}`,
      'while [ ! -e "$p" ]; do p=${p%/*}; [ -n "$p" ] || p=/; done',
      'if [ -d "$p" ]; then t=dir; else t=other; fi',
      "printf 'path %s %s\\n' \"$t\" \"$p\"",
      'findmnt -n -P -o TARGET,SOURCE,FSTYPE,OPTIONS -T "$p"',
    ].join('\n'),
  };
}

function unescapeFindmnt(value: string): string {
  return value.replace(/\\x([0-9a-fA-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

export function parseFindmntPairs(line: string): MountInfo {
  const pairs = new Map<string, string>();
  const rest = line.replace(/([A-Z-]+)="((?:[^"\\]|\\.)*)"\s*/g, (_, key: string, value: string) => {
    pairs.set(key, unescapeFindmnt(value));
    return '';
  });
  const [target, source, fstype, options] = ['TARGET', 'SOURCE', 'FSTYPE', 'OPTIONS'].map((k) => pairs.get(k));
  if (rest !== '' || target === undefined || source === undefined || fstype === undefined || options === undefined) {
    throw new ParseError('findmnt -P', line);
  }
  return { target, source, fstype, options: options === '' ? [] : options.split(',') };
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
