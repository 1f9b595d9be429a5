/**
 * One `stat` for many paths (probes stay lean: one fork, not one per path). The format puts the name last so a
 * `|` inside a path cannot shift the other fields; GNU coreutils stat (EL and Debian) prints `%a` without a
 * leading zero and `%U`/`%G` as `UNKNOWN` when the id has no name.
 */
import { ParseError } from '../../src/errors.js';

export const STAT_FORMAT = '%u|%U|%g|%G|%a|%F|%n';

export interface StatEntry {
  path: string;
  uid: number;
  user: string;
  gid: number;
  group: string;
  /** Permission bits including setuid/setgid/sticky, e.g. 0o2770. */
  mode: number;
  /** `%F`: "directory", "regular file", "regular empty file", "symbolic link", ... */
  type: string;
}

/**
 * argv of one stat over `paths`; `follow` dereferences symlinks (`-L`), as sshd's checks do (facts §6.1).
 * A missing path prints nothing on stdout (stat's complaint goes to stderr, which the runner discards): it is
 * simply absent from the parsed map, and stat exits 1. `format` defaults to {@link STAT_FORMAT}; `--` keeps a
 * path from the config from being read as an option, and is left out only for the hook checks' fixed paths.
 */
export function statArgv(
  paths: readonly string[],
  follow: boolean,
  { format = STAT_FORMAT, endOfOptions = true }: { format?: string; endOfOptions?: boolean } = {},
): string[] {
  return ['stat', ...(follow ? ['-L'] : []), '-c', format, ...(endOfOptions ? ['--'] : []), ...paths];
}

const LINE = /^(\d+)\|([^|]*)\|(\d+)\|([^|]*)\|([0-7]{1,4})\|([^|]+)\|(.+)$/;

export function parseStatLines(stdout: string, what = 'stat output'): Map<string, StatEntry> {
  const entries = new Map<string, StatEntry>();
  for (const line of stdout.split('\n')) {
    if (line === '') continue;
    const m = LINE.exec(line);
    if (!m) throw new ParseError(what, line, `expected ${STAT_FORMAT}`);
    entries.set(m[7]!, {
      path: m[7]!,
      uid: Number(m[1]),
      user: m[2]!,
      gid: Number(m[3]),
      group: m[4]!,
      mode: parseInt(m[5]!, 8),
      type: m[6]!,
    });
  }
  return entries;
}

export function isDirectory(entry: StatEntry | undefined): boolean {
  return entry?.type === 'directory';
}

/** "0755", "2770": the octal form used in messages and chmod. */
export function octal(mode: number): string {
  return mode.toString(8).padStart(4, '0');
}

/** Group or other may write (the bits sshd's chroot and StrictModes checks refuse). */
export function isGroupOrOtherWritable(mode: number): boolean {
  return (mode & 0o022) !== 0;
}
