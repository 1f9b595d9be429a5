/**
 * One remote script for all read-only probes of a host (DESIGN §3): the runner sends it on the stdin of a
 * single `sh -s` exec, so an audit costs one handshake and one round trip per host.
 *
 * Framing is length-prefixed, not delimiter-based: each command's stdout is captured in a variable and
 * emitted after a header `@@OF:<nonce> <key> <exit> <bytes>`. The splitter then takes exactly <bytes> bytes,
 * so output that happens to contain header-like text can never be mistaken for a boundary. The nonce guards
 * against noise before the first header (motd, profile scripts) and makes the status marker (below)
 * impossible to forge by accident. <exit> is `?` when the command's status could not be recovered (see
 * "exec" below); the splitter reports that as `statusUnknown`, never as a made-up number.
 *
 * Why each piece of the shell looks the way it does (one fork per command, measured in bench/README.md §2):
 *  - `eval` of a quoted string: a fragment with a syntax error fails alone (status 2) instead of breaking the
 *    whole script (dash and `bash --posix` leave the substitution shell on such an error; the trap still runs).
 *  - `$( trap '… $?' EXIT; eval … )`: the substitution shell is the fragment's only process of its own. The
 *    EXIT trap set inside it runs however it ends — normally, `exit N`, `return`, `set -e`, a syntax error —
 *    and prints the marker `@@OF:<nonce>:<status>` after the fragment's output, so a fragment that calls
 *    `exit` ends only itself, and the status leaves the subshell. Shells that exec a subshell's last command
 *    instead of forking it skip that when an EXIT trap is set, so an external last command keeps the trap
 *    (tested: dash 0.5.12, bash 5.2 plain, --posix and started as sh, busybox 1.35 ash).
 *  - `</dev/null`: the script itself is stdin; a command reading stdin would eat the rest of the script.
 *  - the marker after the output: command substitution strips trailing newlines; the marker keeps them.
 *  - `exec`: a fragment that execs a program replaces the substitution shell (no trap, no marker), one that
 *    does `exec >file` sends the marker elsewhere, and one that sets its own EXIT trap replaces ours. A
 *    fragment that names `exec` or `trap` anywhere (a loose match: `-exec`, a quoted 'exec' count too; a
 *    false positive only costs one fork) therefore runs in the old two-fork form, `$( ( eval … ); printf
 *    marker )`, where the marker is printed by the substitution shell itself, outside the fragment's
 *    subshell. Whatever escapes that match (an `exec` built at run time) still cannot be mis-read: without
 *    a well-formed marker at the end, the status is `?` and the probe fails on its own with a distinct
 *    error (probe-host.ts), instead of its output's last bytes being taken for a status.
 *  - identical commands (a cross-host check repeating a host check's probe) run once: the first key runs
 *    the command, each further key re-emits the same output and status under its own key right after it
 *    (`__of_same`, builtins only, no fork), so the output still has one frame per key.
 *  - `${#var}` counts bytes because LC_ALL=C (dash is byte-oriented anyway).
 *  - `command printf` in the trap: a fragment that defines a function named printf cannot hijack the marker.
 */
import { randomBytes } from 'node:crypto';
import { quoteArg } from '../shell/quote.js';
import { decodeBytes } from './byte-text.js';

export interface ScriptCommand {
  /** Unique within the script, no whitespace: `<checkId>/<probeName>` or `@facts/<name>`. */
  key: string;
  /** Shell command line (already quoted). */
  command: string;
}

export interface ProbeOutput {
  stdout: string;
  exitCode: number;
  /**
   * The command ended without reporting its status (it exec'd, redirected the script's stdout or replaced
   * the EXIT trap): `exitCode` is then STATUS_UNKNOWN_EXIT_CODE and means nothing; callers fail the probe.
   */
  statusUnknown?: true;
}

/** exitCode of a ProbeOutput whose status is unknown (only with statusUnknown). */
export const STATUS_UNKNOWN_EXIT_CODE = 255;

/** One fork per command: the substitution shell's EXIT trap reports the status. */
const RUNNER_FUNCTION = '__of_run';
/** Two forks per command: for fragments that may exec, redirect the shell's stdout or set traps. */
const ISOLATED_RUNNER_FUNCTION = '__of_run_sub';
/** No fork: re-emit the previous command's output and status under another key (identical command). */
const SAME_FUNCTION = '__of_same';
const SAFE_PATH = 'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:$PATH; export PATH';

/**
 * Fragments that may replace the substitution shell, redirect its stdout or replace its EXIT trap. Loose on
 * purpose (any `exec`/`trap` not inside a longer identifier): a false positive costs one fork, a miss is
 * still caught by the marker check.
 */
const NEEDS_ISOLATION = /(?<![A-Za-z0-9_])(?:exec|trap)(?![A-Za-z0-9_])/;

export function needsIsolation(command: string): boolean {
  return NEEDS_ISOLATION.test(command);
}

export function newNonce(): string {
  return randomBytes(8).toString('hex');
}

export function buildProbeScript(commands: readonly ScriptCommand[], nonce: string): string {
  // The nonce is pasted into shell patterns and printf formats: hex only (newNonce), nothing to quote.
  if (!/^[0-9a-f]+$/.test(nonce)) throw new Error(`probe nonce ${JSON.stringify(nonce)} must be lowercase hex`);
  const marker = `@@OF:${nonce}:`;
  const lines = [
    'export LC_ALL=C',
    SAFE_PATH,
    `${RUNNER_FUNCTION}() {`,
    `  __of_o=$( trap 'command printf "${marker}%s" "$?"' EXIT; eval "$2" </dev/null 2>/dev/null )`,
    '  __of_end "$1"',
    '}',
    `${ISOLATED_RUNNER_FUNCTION}() {`,
    `  __of_o=$( ( eval "$2" ) </dev/null 2>/dev/null; printf '${marker}%s' "$?" )`,
    '  __of_end "$1"',
    '}',
    // The last marker is ours (the trap prints after everything else); output before it may contain anything.
    '__of_end() {',
    `  case $__of_o in *${marker}*) __of_c=\${__of_o##*${marker}}; __of_o=\${__of_o%${marker}*} ;; *) __of_c= ;; esac`,
    `  case $__of_c in ''|*[!0-9]*) __of_c='?' ;; esac`,
    `  ${SAME_FUNCTION} "$1"`,
    '}',
    `${SAME_FUNCTION}() {`,
    `  printf '@@OF:${nonce} %s %s %s\\n' "$1" "$__of_c" "\${#__of_o}"`,
    `  printf '%s\\n' "$__of_o"`,
    '}',
  ];
  // Keys per distinct command, in order of first appearance.
  const byCommand = new Map<string, string[]>();
  for (const { key, command } of commands) {
    if (!/^[^\s']+$/.test(key)) throw new Error(`probe key ${JSON.stringify(key)} must not contain whitespace or quotes`);
    const keys = byCommand.get(command);
    if (keys) keys.push(key);
    else byCommand.set(command, [key]);
  }
  for (const [command, [first, ...same]] of byCommand) {
    const runner = needsIsolation(command) ? ISOLATED_RUNNER_FUNCTION : RUNNER_FUNCTION;
    lines.push(`${runner} ${quoteArg(first!)} ${quoteArg(command)}`);
    for (const key of same) lines.push(`${SAME_FUNCTION} ${quoteArg(key)}`);
  }
  return lines.join('\n') + '\n';
}

/**
 * The (key, command) pairs of a script made by buildProbeScript, one per key (a key that reuses an identical
 * command's output comes with that command, right after the key that runs it); test fakes answer each from a
 * table. `distinct: true` gives only the commands the script actually runs.
 */
export function parseProbeScript(script: string, options: { distinct?: boolean } = {}): ScriptCommand[] {
  const commands: ScriptCommand[] = [];
  const runners = [`${RUNNER_FUNCTION} `, `${ISOLATED_RUNNER_FUNCTION} `];
  const same = `${SAME_FUNCTION} `;
  let last: string | undefined;
  for (const line of splitShellLines(script)) {
    const runner = runners.find((prefix) => line.startsWith(prefix));
    if (runner) {
      const words = shellWords(line.slice(runner.length));
      if (words.length !== 2) continue;
      commands.push({ key: words[0]!, command: words[1]! });
      last = words[1]!;
    } else if (line.startsWith(same) && last !== undefined && !options.distinct) {
      const words = shellWords(line.slice(same.length));
      if (words.length === 1) commands.push({ key: words[0]!, command: last });
    }
  }
  return commands;
}

/** Frame one answer the way the script does (for fakes and tests). */
export function frameProbeOutput(nonce: string, key: string, output: ProbeOutput): Buffer {
  const body = Buffer.from(output.stdout, 'utf8');
  return Buffer.concat([
    Buffer.from(`@@OF:${nonce} ${key} ${output.statusUnknown ? '?' : output.exitCode} ${body.length}\n`),
    body,
    Buffer.from('\n'),
  ]);
}

export class ProbeFramingError extends Error {}
ProbeFramingError.prototype.name = 'ProbeFramingError';

/**
 * Split the script's stdout back into per-key outputs. Text before the first header is ignored (noise);
 * anything malformed after it is a framing error (the script was cut short or mangled). A `?` status becomes
 * `statusUnknown` (the command's own problem, not the framing's).
 */
export function splitProbeOutput(raw: Buffer, nonce: string): Map<string, ProbeOutput> {
  const results = new Map<string, ProbeOutput>();
  const marker = Buffer.from(`@@OF:${nonce} `);
  // The first header starts a line; noise before it is skipped.
  let pos = raw.subarray(0, marker.length).equals(marker) ? 0 : raw.indexOf(Buffer.concat([Buffer.from('\n'), marker]));
  if (pos < 0) return results;
  if (pos > 0) pos += 1;
  while (pos < raw.length) {
    const eol = raw.indexOf(0x0a, pos);
    if (eol < 0) throw new ProbeFramingError(`truncated header at byte ${pos}`);
    const header = raw.subarray(pos, eol).toString('utf8');
    const m = /^@@OF:([0-9a-f]+) (\S+) (\d+|\?) (\d+)$/.exec(header);
    if (!m || m[1] !== nonce) throw new ProbeFramingError(`malformed header ${JSON.stringify(header.slice(0, 120))}`);
    const length = Number(m[4]);
    const start = eol + 1;
    const end = start + length;
    if (end + 1 > raw.length || raw[end] !== 0x0a) throw new ProbeFramingError(`output of ${m[2]} is cut short`);
    // Lossless: a Latin-1 byte in a host file survives to the parser and back into a rewritten file.
    const stdout = decodeBytes(raw.subarray(start, end));
    results.set(
      m[2]!,
      m[3] === '?' ? { stdout, exitCode: STATUS_UNKNOWN_EXIT_CODE, statusUnknown: true } : { stdout, exitCode: Number(m[3]) },
    );
    pos = end + 1;
  }
  return results;
}

// Lines of the script, honouring single quotes that span newlines (quoted commands may contain newlines).
function splitShellLines(script: string): string[] {
  const lines: string[] = [];
  let current = '';
  let inQuote = false;
  let escaped = false;
  for (const ch of script) {
    if (escaped) escaped = false;
    else if (ch === '\\' && !inQuote) escaped = true;
    else if (ch === "'") inQuote = !inQuote;
    if (ch === '\n' && !inQuote && !escaped) {
      lines.push(current);
      current = '';
    } else current += ch;
  }
  if (current) lines.push(current);
  return lines;
}

// Words of a line made of quoteArg() outputs: plain words, '…' and the \' escape between them.
function shellWords(text: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === "'") {
      const close = text.indexOf("'", i + 1);
      word += text.slice(i + 1, close);
      i = close;
      inWord = true;
    } else if (ch === '\\') {
      word += text[i + 1] ?? '';
      i++;
      inWord = true;
    } else if (ch === ' ') {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += ch;
      inWord = true;
    }
  }
  if (inWord) words.push(word);
  return words;
}
