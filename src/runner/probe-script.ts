/**
 * One remote script for all read-only probes of a host (DESIGN §3): the runner sends it on the stdin of a
 * single `sh -s` exec, so an audit costs one handshake and one round trip per host.
 *
 * Framing is length-prefixed, not delimiter-based: each command's stdout is captured in a variable and
 * emitted after a header `@@OF:<nonce> <key> <exit> <bytes>`. The splitter then takes exactly <bytes> bytes,
 * so output that happens to contain header-like text can never be mistaken for a boundary. The nonce only
 * guards against noise before the first header (motd, profile scripts).
 *
 * Why each piece of the shell looks the way it does:
 *  - `eval` of a quoted string: a fragment with a syntax error fails alone (status 2) instead of breaking the
 *    whole script.
 *  - the extra `( … )` subshell: a fragment that calls `exit` ends only itself.
 *  - `</dev/null`: the script itself is stdin; a command reading stdin would eat the rest of the script.
 *  - `printf x$?` inside the substitution: command substitution strips trailing newlines; the marker keeps
 *    them and carries the exit status out of the subshell.
 *  - `${#var}` counts bytes because LC_ALL=C (dash is byte-oriented anyway).
 */
import { randomBytes } from 'node:crypto';
import { quoteArg } from '../ssh/quote.js';

export interface ScriptCommand {
  /** Unique within the script, no whitespace: `<checkId>/<probeName>` or `@facts/<name>`. */
  key: string;
  /** Shell command line (already quoted). */
  command: string;
}

export interface ProbeOutput {
  stdout: string;
  exitCode: number;
}

const RUNNER_FUNCTION = '__of_run';
const SAFE_PATH = 'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:$PATH; export PATH';

export function newNonce(): string {
  return randomBytes(8).toString('hex');
}

export function buildProbeScript(commands: readonly ScriptCommand[], nonce: string): string {
  const lines = [
    'export LC_ALL=C',
    SAFE_PATH,
    `${RUNNER_FUNCTION}() {`,
    `  __of_o=$( ( eval "$2" ) </dev/null 2>/dev/null; printf 'x%s' "$?" )`,
    '  __of_c=${__of_o##*x}; __of_o=${__of_o%x*}',
    `  printf '@@OF:${nonce} %s %s %s\\n' "$1" "$__of_c" "\${#__of_o}"`,
    `  printf '%s\\n' "$__of_o"`,
    '}',
  ];
  for (const { key, command } of commands) {
    if (!/^[^\s']+$/.test(key)) throw new Error(`probe key ${JSON.stringify(key)} must not contain whitespace or quotes`);
    lines.push(`${RUNNER_FUNCTION} ${quoteArg(key)} ${quoteArg(command)}`);
  }
  return lines.join('\n') + '\n';
}

/** The (key, command) pairs of a script made by buildProbeScript; test fakes answer each from a table. */
export function parseProbeScript(script: string): ScriptCommand[] {
  const commands: ScriptCommand[] = [];
  const prefix = `${RUNNER_FUNCTION} `;
  for (const line of splitShellLines(script)) {
    if (!line.startsWith(prefix)) continue;
    const words = shellWords(line.slice(prefix.length));
    if (words.length !== 2) continue;
    commands.push({ key: words[0]!, command: words[1]! });
  }
  return commands;
}

/** Frame one answer the way the script does (for fakes and tests). */
export function frameProbeOutput(nonce: string, key: string, output: ProbeOutput): Buffer {
  const body = Buffer.from(output.stdout, 'utf8');
  return Buffer.concat([
    Buffer.from(`@@OF:${nonce} ${key} ${output.exitCode} ${body.length}\n`),
    body,
    Buffer.from('\n'),
  ]);
}

export class ProbeFramingError extends Error {}
ProbeFramingError.prototype.name = 'ProbeFramingError';

/**
 * Split the script's stdout back into per-key outputs. Text before the first header is ignored (noise);
 * anything malformed after it is a framing error (the script was cut short or mangled).
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
    const m = /^@@OF:([0-9a-f]+) (\S+) (\d+) (\d+)$/.exec(header);
    if (!m || m[1] !== nonce) throw new ProbeFramingError(`malformed header ${JSON.stringify(header.slice(0, 120))}`);
    const length = Number(m[4]);
    const start = eol + 1;
    const end = start + length;
    if (end + 1 > raw.length || raw[end] !== 0x0a) throw new ProbeFramingError(`output of ${m[2]} is cut short`);
    results.set(m[2]!, { stdout: raw.subarray(start, end).toString('utf8'), exitCode: Number(m[3]) });
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
