/**
 * `getent passwd` / `getent group` lines. getent exits 2 when a key is not found, which is data (the user or
 * group does not exist), not an error.
 */
import { ParseError } from '../../src/errors.js';

export interface PasswdEntry {
  name: string;
  uid: number;
  gid: number;
  gecos: string;
  home: string;
  shell: string;
}

export interface GroupEntry {
  name: string;
  gid: number;
  members: string[];
}

export function parsePasswdLine(line: string): PasswdEntry {
  const f = line.split(':');
  if (f.length !== 7 || !/^\d+$/.test(f[2]!) || !/^\d+$/.test(f[3]!) || !f[5]!.startsWith('/')) {
    throw new ParseError('getent passwd', line, 'expected name:x:uid:gid:gecos:home:shell');
  }
  return { name: f[0]!, uid: Number(f[2]), gid: Number(f[3]), gecos: f[4]!, home: f[5]!, shell: f[6]! };
}

/** stdout of `getent passwd NAME` → the entry, or undefined when getent says "not found" (exit 2). */
export function parseGetentPasswd(stdout: string, exitCode: number): PasswdEntry | undefined {
  if (exitCode === 2 && stdout.trim() === '') return undefined;
  const lines = stdout.split('\n').filter((l) => l !== '');
  if (exitCode !== 0 || lines.length !== 1) throw new ParseError('getent passwd', stdout, `exit ${exitCode}, ${lines.length} lines`);
  return parsePasswdLine(lines[0]!);
}

/**
 * stdout of `getent group KEY...` (names or gids). Exit 2 means at least one key was not found; the lines
 * printed are the ones that were.
 */
export function parseGetentGroups(stdout: string, exitCode: number): GroupEntry[] {
  if (exitCode !== 0 && exitCode !== 2) throw new ParseError('getent group', stdout, `exit ${exitCode}`);
  const groups: GroupEntry[] = [];
  for (const line of stdout.split('\n')) {
    if (line === '') continue;
    const f = line.split(':');
    if (f.length !== 4 || f[0] === '' || !/^\d+$/.test(f[2]!)) throw new ParseError('getent group', line, 'expected name:x:gid:members');
    groups.push({ name: f[0]!, gid: Number(f[2]), members: f[3] ? f[3].split(',') : [] });
  }
  return groups;
}
