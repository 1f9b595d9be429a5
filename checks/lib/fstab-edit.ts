/**
 * Plan the fstab change for the chroot bind mount (howto "Setting up sftp access"; facts §6.5). The tool owns
 * exactly one line: `<source> <target> none bind 0 0`. Every other line is kept byte for byte. A line that
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
  return `${escapeFstab(spec.source)} ${escapeFstab(spec.target)} none bind 0 0`;
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
  if (matching.length > 0) return undefined;
  const ours = bindLine(spec);
  if (conflicting.length === 0) {
    const sep = content === '' || content.endsWith('\n') ? '' : '\n';
    return `${content}${sep}${ours}\n`;
  }
  const [first, ...rest] = conflicting;
  const out = lines.map((l) => (l === first ? ours : rest.includes(l) ? `# ovirt-floppy: replaced by line ${first!.lineNumber}: ${l.raw}` : l.raw));
  // Keep the file's own ending: a file without a final newline stays without one.
  return out.join('\n') + (content.endsWith('\n') ? '\n' : '');
}
