/**
 * sshd's ChrootDirectory rule (facts §6.1, openssh session.c safely_chroot): every component from `/` down to and
 * including the chroot directory must stat (following symlinks) as a directory owned by uid 0 with no group or
 * other write bit. sshd checks this only at session start, so `sshd -t` never notices; we walk it ourselves.
 */
import type { StatEntry } from './stat-lines.js';
import { isDirectory, isGroupOrOtherWritable, octal } from './stat-lines.js';

// The components themselves come from the resolved config (src/config/resolved.ts, ResolvedSftp.chrootComponents).

export type ComponentProblem =
  | { kind: 'missing'; path: string }
  | { kind: 'not-directory'; path: string; type: string }
  | { kind: 'owner'; path: string; uid: number; user: string }
  | { kind: 'writable'; path: string; mode: number; shared: boolean };

/**
 * Problems from the top down. Below the first missing component nothing exists, so nothing more is reported.
 * `shared`: a world-writable sticky directory (/tmp, /var/tmp) — tightening it would break the system.
 */
export function inspectChrootComponents(components: readonly string[], stats: ReadonlyMap<string, StatEntry>): ComponentProblem[] {
  const problems: ComponentProblem[] = [];
  for (const path of components) {
    const s = stats.get(path);
    if (!s) {
      problems.push({ kind: 'missing', path });
      break;
    }
    if (!isDirectory(s)) {
      problems.push({ kind: 'not-directory', path, type: s.type });
      break;
    }
    if (s.uid !== 0) problems.push({ kind: 'owner', path, uid: s.uid, user: s.user });
    if (isGroupOrOtherWritable(s.mode)) problems.push({ kind: 'writable', path, mode: s.mode, shared: (s.mode & 0o1002) === 0o1002 });
  }
  return problems;
}

export function describeProblem(p: ComponentProblem): string {
  switch (p.kind) {
    case 'missing':
      return `${p.path} does not exist`;
    case 'not-directory':
      return `${p.path} is a ${p.type}, not a directory`;
    case 'owner':
      return `${p.path} is owned by ${p.user} (uid ${p.uid}), not root`;
    case 'writable':
      return `${p.path} has mode ${octal(p.mode)}: group/other may write${p.shared ? ' (a shared sticky directory)' : ''}`;
  }
}

/**
 * Whether apply may fix it. Never `/` (a wrong `/` is a broken system, not ours to repair), never a shared sticky
 * directory like /tmp (removing its write bits breaks every other user: choose another chrootDir), never a
 * non-directory (it holds someone's data).
 */
export function isFixable(p: ComponentProblem): boolean {
  if (p.path === '/' || p.kind === 'not-directory') return false;
  return !(p.kind === 'writable' && p.shared);
}

/** Components that do not exist yet: the first missing one and everything below it. */
export function missingComponents(components: readonly string[], stats: ReadonlyMap<string, StatEntry>): string[] {
  const first = components.findIndex((c) => !stats.has(c));
  return first < 0 ? [] : components.slice(first);
}
