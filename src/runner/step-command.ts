/**
 * Compile a planned Step into what the transport runs. Only the runner executes steps (DESIGN §3).
 *
 * A file write is one `sh -s` exec whose script (on stdin, never argv) does, in order: temp file in the same
 * directory (so the final rename is atomic), content decoded from base64 (no heredoc delimiter can collide
 * with content), owner and mode set on the temp file, fsync, the check's validation against the candidate,
 * a timestamped backup of the live file, then the rename. Any failure before the rename leaves the live file
 * untouched and removes the candidate.
 */
import type { Step, WriteFile } from '../check-api.js';
import { assertSafePath, quoteArg } from '../shell/quote.js';
import { commandLine } from './command-line.js';

export interface CompiledStep {
  command: string;
  stdin?: string;
}

/** UTC stamp for backup names: 20261125T044312Z. */
export function backupStamp(now: Date): string {
  return now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
}

// `{}` in a validate argv stands for the candidate path, which only exists at run time as "$tmp".
function validateCommand(argv: readonly string[]): string {
  return argv
    .map((arg) => (arg.includes('{}') ? arg.split('{}').map((part) => (part ? quoteArg(part) : '')).join('"$tmp"') : quoteArg(arg)))
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
    `printf '%s' ${quoteArg(Buffer.from(file.content, 'utf8').toString('base64'))} | base64 -d > "$tmp"`,
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
    `if [ -e "$path" ]; then bak="$path.ovirt-floppy-${backupStamp(now)}.bak"; (umask 177; cat "$path" > "$bak"); touch -r "$path" "$bak"; fi`,
    'mv -f "$tmp" "$path"',
    'trap - EXIT',
  );
  return lines.join('\n') + '\n';
}

export function compileStep(step: Step, now: Date): CompiledStep {
  const run = step.run;
  if ('writeFile' in run) return { command: 'sh -s', stdin: writeFileScript(run.writeFile, now) };
  return { command: commandLine('argv' in run ? run.argv : run) };
}
