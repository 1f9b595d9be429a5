/**
 * Compile a planned Step into what the transport runs. Only the runner executes steps (DESIGN §3).
 *
 * A file write is one `sh -s` exec whose script (on stdin, never argv) does, in order: temp file in the same
 * directory (so the final rename is atomic), content decoded from base64 (no heredoc delimiter can collide
 * with content), owner and mode set on the temp file, fsync, the check's validation against the candidate,
 * a timestamped backup of the live file, then the rename. Any failure before the rename leaves the live file
 * untouched and removes the candidate.
 *
 * Under faults (issue #13): the backup is written to `<bak>.part`, fsynced and renamed, so a full disk leaves no
 * partial backup and no change (exit 4, the live file untouched); the directory is fsynced after the rename so
 * the rename itself survives a crash; `validateLive` runs after the rename, and when it fails the previous file
 * (kept as a hard link, the same inode) is renamed back (exit 5).
 */
import type { Step, WriteFile } from '../check-api.js';
import { assertSafePath, quoteArg } from '../shell/quote.js';
import { encodeText } from './byte-text.js';
import { commandLine } from './command-line.js';

export interface CompiledStep {
  command: string;
  stdin?: string;
}

/** UTC stamp for backup names: 20261125T044312Z. */
export function backupStamp(now: Date): string {
  return now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
}

// `{}` in a validate argv stands for the candidate path, which only exists at run time as "$tmp".
function validateCommand(argv: readonly string[]): string {
  return argv
    .map((arg) =>
      arg.includes('{}')
        ? arg
            .split('{}')
            .map((part) => (part ? quoteArg(part) : ''))
            .join('"$tmp"')
        : quoteArg(arg),
    )
    .join(' ');
}

export function writeFileScript(file: WriteFile, now: Date): string {
  const path = assertSafePath(file.path, 'file path');
  if (!/^[0-7]{3,4}$/.test(file.mode)) throw new Error(`bad mode ${file.mode} for ${path}`);
  const owner = file.owner || file.group ? `${file.owner ?? ''}${file.group ? `:${file.group}` : ''}` : undefined;
  const lines = [
    'set -e',
    'umask 077',
    `path=${quoteArg(path)}`,
    'tmp=$(mktemp "$(dirname "$path")/.ovirt-floppy.XXXXXX")',
    `trap 'rm -f "$tmp"' EXIT`,
    `printf '%s' ${quoteArg(encodeText(file.content).toString('base64'))} | base64 -d > "$tmp"`,
    ...(owner ? [`chown ${quoteArg(owner)} "$tmp"`] : []),
    `chmod ${file.mode} "$tmp"`,
    // coreutils `sync FILE` fsyncs just that file (8.24+); older ones fall back to a global sync.
    'sync "$tmp" 2>/dev/null || sync',
  ];
  if (file.validate) {
    lines.push(
      `if ! __of_v=$(${validateCommand(file.validate)} 2>&1); then`,
      `  printf 'validation failed (%s): %s\\n' ${quoteArg(file.validate[0] ?? 'validate')} "$__of_v" >&2`,
      '  exit 3',
      'fi',
    );
  }
  lines.push(
    // The backup is created 0600 from the start (umask 177): a backup of an executable vdsm hook must never be
    // executable, since vdsm runs every executable file in a hook directory (facts §2.3).
    'bak=; prev=',
    'if [ -e "$path" ]; then',
    `  bak="$path.ovirt-floppy-${backupStamp(now)}.bak"`,
    `  trap 'rm -f "$tmp" "$bak.part"' EXIT`,
    '  if ! __of_e=$( (umask 177; cat "$path" > "$bak.part") 2>&1 ); then',
    `    printf 'cannot write the backup %s (%s): %s left untouched\\n' "$bak" "$__of_e" "$path" >&2`,
    '    exit 4',
    '  fi',
    '  touch -r "$path" "$bak.part"',
    '  sync "$bak.part" 2>/dev/null || sync',
    '  mv -f "$bak.part" "$bak"',
    ...(file.validateLive ? ['  prev="$path.ovirt-floppy-prev"', '  ln -f "$path" "$prev"'] : []),
    'fi',
    'mv -f "$tmp" "$path"',
    'trap - EXIT',
    // fsync the directory: without it the rename may be lost on a crash even though both files were synced.
    'sync "$(dirname "$path")" 2>/dev/null || sync',
  );
  if (file.validateLive) {
    lines.push(
      `if ! __of_v=$(${file.validateLive.map(quoteArg).join(' ')} 2>&1); then`,
      '  if [ -n "$prev" ]; then mv -f "$prev" "$path"; what=\'the previous file is back\'; else rm -f "$path"; what=\'the new file is removed\'; fi',
      '  sync "$(dirname "$path")" 2>/dev/null || sync',
      `  printf 'validation after activation failed (%s): %s; %s\\n' ${quoteArg(file.validateLive.join(' '))} "$__of_v" "$what" >&2`,
      '  exit 5',
      'fi',
      '[ -z "$prev" ] || rm -f "$prev"',
    );
  }
  return lines.join('\n') + '\n';
}

export function compileStep(step: Step, now: Date): CompiledStep {
  const run = step.run;
  if ('writeFile' in run) return { command: 'sh -s', stdin: writeFileScript(run.writeFile, now) };
  return { command: commandLine('argv' in run ? run.argv : run) };
}
