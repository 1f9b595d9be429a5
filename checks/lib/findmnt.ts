/**
 * findmnt's output, parsed once. `-r` (`findmnt -n -r -o COL,...`): one mount per line, columns separated by one
 * space; `-P`: KEY="value" pairs. Both write every unsafe character of a value (space, tab, newline, backslash)
 * as `\xHH`, so splitting is exact. Exit 1 with no output means "no such mount" (data, not an error).
 *
 * A bind mount shows SOURCE as `device[/path/inside/that/filesystem]` and FSROOT as that path; comparing
 * MAJ:MIN plus FSROOT identifies "the same directory" whatever the device is called (NFS, overlay, LVM).
 */
import { ParseError } from '../../src/errors.js';

export interface MountRow {
  [column: string]: string;
}

export function unescapeFindmnt(value: string): string {
  return value.replace(/\\x([0-9a-fA-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** Rows of a raw findmnt listing with the given columns (the same list as passed to `-o`). */
export function parseFindmntRaw(stdout: string, exitCode: number, columns: readonly string[]): MountRow[] {
  if (exitCode === 1 && stdout.trim() === '') return [];
  if (exitCode !== 0) throw new ParseError('findmnt', stdout, `exit ${exitCode}`);
  const rows: MountRow[] = [];
  for (const line of stdout.split('\n')) {
    if (line === '') continue;
    const values = line.split(' ');
    if (values.length !== columns.length) throw new ParseError('findmnt', line, `expected ${columns.length} columns: ${columns.join(',')}`);
    const row: MountRow = {};
    columns.forEach((c, i) => (row[c] = unescapeFindmnt(values[i]!)));
    rows.push(row);
  }
  return rows;
}

export interface MountInfo {
  target: string;
  source: string;
  fstype: string;
  options: string[];
}

/** One line of `findmnt -P -o TARGET,SOURCE,FSTYPE,OPTIONS`. */
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

/** argv for the mounts exactly at `target` (`-M`); several rows when mounts are stacked (the last is on top). */
export function findmntAtArgv(target: string, columns: readonly string[]): string[] {
  return ['findmnt', '-n', '-r', '-o', columns.join(','), '-M', target];
}

/** argv for the mount that holds `path` (`-T`; the path must exist). */
export function findmntHoldingArgv(path: string, columns: readonly string[]): string[] {
  return ['findmnt', '-n', '-r', '-o', columns.join(','), '-T', path];
}

/** The directory `path` (canonical, below `mount.TARGET`) as a path inside the mount's filesystem. */
export function pathInFilesystem(mount: { FSROOT: string; TARGET: string }, path: string): string | undefined {
  const target = mount.TARGET === '/' ? '' : mount.TARGET;
  if (path !== mount.TARGET && !path.startsWith(`${target}/`)) return undefined;
  const rest = path.slice(target.length);
  const root = mount.FSROOT === '/' ? '' : mount.FSROOT;
  return `${root}${rest}` || '/';
}
