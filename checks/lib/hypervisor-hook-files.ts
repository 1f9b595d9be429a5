/**
 * The two floppy hook scripts and one `stat` for both (facts §2.1): vdsm keeps only regular files executable
 * for the vdsm user and finds them at each call, so no restart is needed (facts §2.3). Shared with the bundled
 * hook check of issue #6, which installs its own scripts at the same paths (facts §2.4).
 */
import { ParseError } from '../../src/errors.js';
import { statArgv } from './stat-lines.js';

export const HOOKS_DIR = '/usr/libexec/vdsm/hooks';
export const HOOK_FILES = [`${HOOKS_DIR}/before_vm_start/50_floppy`, `${HOOKS_DIR}/before_vm_migrate_source/50_floppy`];

/** `%f` raw mode in hex, owner and group names, then the path (last: the only field that could hold spaces). */
export const HOOK_STAT_FORMAT = '%f %U %G %n';

/** One `stat -L` over hook paths of our own (fixed absolute paths, so no `--`). */
export function hookStatArgv(paths: readonly string[]): string[] {
  return statArgv(paths, true, { format: HOOK_STAT_FORMAT, endOfOptions: false });
}

export interface FileStat {
  path: string;
  /** Full st_mode. */
  mode: number;
  owner: string;
  group: string;
}

/** One line per path that exists; missing paths print nothing on stdout (stat exits 1). */
export function parseStatLines(stdout: string, exitCode: number, paths: readonly string[]): Map<string, FileStat> {
  const found = new Map<string, FileStat>();
  if (exitCode === 127) throw new ParseError('stat', stdout, 'stat is not installed');
  for (const line of stdout.split('\n').filter((l) => l !== '')) {
    const m = /^([0-9a-f]+) (\S+) (\S+) (.+)$/.exec(line);
    if (!m || !paths.includes(m[4]!)) throw new ParseError(`stat -c "${HOOK_STAT_FORMAT}"`, line);
    found.set(m[4]!, { path: m[4]!, mode: parseInt(m[1]!, 16), owner: m[2]!, group: m[3]! });
  }
  if (exitCode === 0 && found.size !== paths.length) throw new ParseError('stat', stdout, 'exit 0 but not every path listed');
  return found;
}

const S_IFMT = 0o170000;
const S_IFREG = 0o100000;

export function isRegularFile(s: FileStat): boolean {
  return (s.mode & S_IFMT) === S_IFREG;
}

/** Octal permission bits, e.g. "0755". */
export function permissions(s: FileStat): string {
  return `0${(s.mode & 0o7777).toString(8).padStart(3, '0')}`;
}

/**
 * Readable and executable for vdsm, judged from the mode as the kernel does: owner bits if vdsm owns the file,
 * else group bits if the group is one of vdsm's (kvm primary; qemu and sanlock supplementary, facts §5.1), else
 * other bits. A python script needs read as well as execute.
 */
const VDSM_GROUPS = ['kvm', 'qemu', 'sanlock'];

export function isRunnableByVdsm(s: FileStat): boolean {
  const shift = s.owner === 'vdsm' ? 6 : VDSM_GROUPS.includes(s.group) ? 3 : 0;
  return ((s.mode >> shift) & 0o5) === 0o5;
}
