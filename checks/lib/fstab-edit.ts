/**
 * Plan the fstab change for the chroot bind mount (howto "Setting up sftp access"; facts §6.5). The tool owns
 * exactly one line: `<source> <target> none bind,nofail 0 0`. Every other line is kept byte for byte.
 *
 * Why `nofail`: without it systemd-fstab-generator makes the mount a requirement of local-fs.target
 * (`local-fs.target.requires/`), so a missing source (the export directory gone, a disk not there) fails
 * local-fs.target and the server boots into emergency mode, with sshd down: nobody can log in to repair it.
 * With `nofail` the unit is only wanted (`local-fs.target.wants/`): the server boots, sshd runs, and the
 * upload user simply sees an empty floppy directory until the source is back, which `check` reports
 * (not-mounted). Proven with the real generator in test/integration/fstab-nofail.int.test.ts. An existing
 * line of ours without `nofail` is rewritten in place with its other options kept.
 *
 * A line that
 * mounts something else on the same target conflicts: the first such line is replaced in place (the diff shows
 * it); further ones are commented out, because two fstab entries on one mount point stack at boot.
 */
import { normalizeRemotePath } from '../../src/config/remote-path.js';
import { escapeFstab, isBindEntry, parseFstab, type FstabLine } from './fstab-parse.js';

export interface BindSpec {
  source: string;
  target: string;
}

export interface FstabInspection {
  /** Lines that already bind `source` onto `target`. */
  matching: FstabLine[];
  /** Lines that mount something else (or not as a bind) on `target`. */
  conflicting: FstabLine[];
}

export function bindLine(spec: BindSpec): string {
  return `${escapeFstab(spec.source)} ${escapeFstab(spec.target)} none bind,nofail 0 0`;
}

export function hasNofail(line: FstabLine): boolean {
  return line.entry?.options.includes('nofail') ?? false;
}

/** The same entry with `nofail` added to its options; fields re-joined by single spaces. */
export function withNofail(line: FstabLine): string {
  const e = line.entry!;
  return [escapeFstab(e.spec), escapeFstab(e.file), e.vfstype, [...e.options, 'nofail'].join(','), e.freq, e.passno].join(' ');
}

export function inspectFstab(lines: readonly FstabLine[], spec: BindSpec): FstabInspection {
  const target = normalizeRemotePath(spec.target);
  const source = normalizeRemotePath(spec.source);
  const onTarget = lines.filter((l) => l.entry && normalizeRemotePath(l.entry.file) === target);
  const isOurs = (l: FstabLine) => isBindEntry(l.entry!) && normalizeRemotePath(l.entry!.spec) === source;
  return { matching: onTarget.filter(isOurs), conflicting: onTarget.filter((l) => !isOurs(l)) };
}

/**
 * The new fstab content, or undefined when nothing needs to change. Conflicts are resolved only when no
 * matching line exists (otherwise the extra lines are the user's to sort out: the compare reports them).
 */
export function planFstabBind(content: string, spec: BindSpec): string | undefined {
  const lines = parseFstab(content);
  const { matching, conflicting } = inspectFstab(lines, spec);
  const eol = content.endsWith('\n') ? '\n' : '';
  if (matching.some(hasNofail)) return undefined;
  if (matching.length > 0) return lines.map((l) => (l === matching[0] ? withNofail(l) : l.raw)).join('\n') + eol;
  const ours = bindLine(spec);
  if (conflicting.length === 0) {
    const sep = content === '' || content.endsWith('\n') ? '' : '\n';
    return `${content}${sep}${ours}\n`;
  }
  const [first, ...rest] = conflicting;
  const out = lines.map((l) =>
    l === first ? ours : rest.includes(l) ? `# ovirt-floppy: replaced by line ${first!.lineNumber}: ${l.raw}` : l.raw,
  );
  // Keep the file's own ending: a file without a final newline stays without one.
  return out.join('\n') + eol;
}
