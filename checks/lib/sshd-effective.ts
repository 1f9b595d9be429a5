/**
 * The effective sshd configuration for the upload user, asked of sshd itself (`sshd -T -C`, facts §6.4). Lower-case
 * keywords, one per line, `none` for unset strings; multi-valued keywords (subsystem, hostkey, ...) repeat.
 *
 * Match blocks are evaluated with REAL connection parameters (issue #13): a `Match Address`/`LocalAddress`/
 * `LocalPort` block is only evaluated when -C names that parameter (servconf.c match_cfg_line: a test spec without
 * it never matches). So the probe reads `$SSH_CONNECTION` of the tool's own login (client addr/port, local addr/
 * port) and asks sshd for `user=U,host=A,addr=A,laddr=L,lport=P` (host = the address: UseDNS is off by default), and
 * once more per `sftp.uploadFrom` address (the partners connect from elsewhere) with the same laddr/lport. Without
 * SSH_CONNECTION (sudo's env_reset drops it) the login view is the old `host=localhost,addr=127.0.0.1`. `Match Group`
 * needs nothing more: sshd -T resolves the groups of `user=` itself (match_cfg_line_group: getpwnam + ga_init).
 * OpenSSH < 7.7 wants all of user, host and addr; an sshd that refuses laddr/lport is asked again without them.
 *
 * Each view is preceded by a marker line (sshd -T never prints a `#`). Output without a marker is one view (the
 * captured fixtures). The probe falls back to `sshd -t 2>&1` when -T fails, so an invalid configuration arrives
 * with sshd's own words (exit 255, facts §6.4), and a missing sshd with exit 127.
 */
import { ParseError } from '../../src/errors.js';
import { quoteArg } from '../../src/shell/quote.js';

/** One `sshd -T -C` answer: the connection spec it was asked with, and the values. */
export interface SshdView {
  connection: string;
  values: Map<string, string[]>;
}

export type SshdEffective =
  | { state: 'ok'; values: Map<string, string[]>; views: SshdView[] }
  | { state: 'invalid'; exitCode: number; message: string }
  | { state: 'missing' };

export const VIEW_MARKER = '#ovirt-floppy-connection ';
/** The view of output that carries no marker (the spec used before real parameters were read). */
export const DEFAULT_CONNECTION = 'host=localhost,addr=127.0.0.1';

/**
 * `one SPEC [FALLBACK]` prints the marker and sshd's dump; rc keeps the first failure's code. SSH_CONNECTION's four
 * fields are used only when they are address characters and digits (they come from sshd, but this is a root shell).
 */
export function sshdEffectiveScript(user: string, uploadFrom: readonly string[] = []): string {
  return buildScript(quoteArg(user), uploadFrom.map(quoteArg).join(' '));
}

function buildScript(u: string, from: string): string {
  return [
    'rc=0',
    'one() {',
    `  printf '%s%s\\n' ${quoteArg(VIEW_MARKER)} "$1"`,
    '  sshd -T -C "$1" 2>/dev/null && return 0',
    '  r=$?',
    `  if [ -n "$2" ]; then printf '%s%s\\n' ${quoteArg(VIEW_MARKER)} "$2"; sshd -T -C "$2" 2>/dev/null && return 0; fi`,
    // sshd -t passes while -T fails when the spec lacks a parameter a Match needs (`Match LocalPort` without lport):
    // then -T's own complaint is the message.
    '  sshd -t 2>&1 && sshd -T -C "$1" 2>&1 >/dev/null',
    '  [ "$rc" -ne 0 ] || rc=$r',
    '}',
    `u=${u}`,
    'set -- $SSH_CONNECTION',
    'case "$1$2$3$4" in *[!0-9A-Fa-f.:]*) set --;; esac',
    'if [ "$#" -eq 4 ]; then',
    '  l=",laddr=$3,lport=$4"',
    '  one "user=$u,host=$1,addr=$1$l" "user=$u,host=$1,addr=$1"',
    'else',
    '  l=',
    `  one "user=$u,${DEFAULT_CONNECTION}"`,
    'fi',
    ...(from === '' ? [] : [`for a in ${from}; do one "user=$u,host=$a,addr=$a$l" "user=$u,host=$a,addr=$a"; done`]),
    'exit "$rc"',
  ].join('\n');
}

/** One plain `sshd -T` dump (no markers). */
export function parseSshdDump(text: string): Map<string, string[]> {
  const values = new Map<string, string[]>();
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const m = /^([a-z][a-z0-9]*)(?: (.*))?$/.exec(line);
    if (!m) throw new ParseError('sshd -T output', line, 'expected "keyword value"');
    values.set(m[1]!, [...(values.get(m[1]!) ?? []), m[2] ?? '']);
  }
  // Every OpenSSH -T dump has these; without them it is not sshd talking.
  if (!values.has('port') || !values.has('chrootdirectory')) throw new ParseError('sshd -T output', text, 'no port/chrootdirectory lines');
  return values;
}

/** The output split at the markers; a marker followed by nothing (a refused spec, asked again) is dropped. */
function splitViews(stdout: string): { connection: string; text: string }[] {
  const parts: { connection: string; lines: string[] }[] = [];
  for (const line of stdout.split('\n')) {
    if (line.startsWith(VIEW_MARKER)) parts.push({ connection: line.slice(VIEW_MARKER.length), lines: [] });
    else if (parts.length === 0) parts.push({ connection: DEFAULT_CONNECTION, lines: [line] });
    else parts[parts.length - 1]!.lines.push(line);
  }
  return parts.map((p) => ({ connection: p.connection, text: p.lines.join('\n') })).filter((p) => p.text.trim() !== '');
}

export function parseSshdEffective(stdout: string, exitCode: number): SshdEffective {
  if (exitCode === 127) return { state: 'missing' };
  if (exitCode !== 0) {
    const message =
      stdout
        .split('\n')
        .map((l) => l.trim())
        .filter((l, i, all) => l !== '' && !l.startsWith(VIEW_MARKER.trim()) && all.indexOf(l) === i)
        .slice(-3)
        .join(' / ') || `sshd -T exited ${exitCode}`;
    return { state: 'invalid', exitCode, message };
  }
  const views = splitViews(stdout).map((v) => ({ connection: v.connection, values: parseSshdDump(v.text) }));
  if (views.length === 0) throw new ParseError('sshd -T output', stdout, 'no sshd -T dump');
  return { state: 'ok', values: views[0]!.values, views };
}

export function first(values: ReadonlyMap<string, string[]>, key: string): string | undefined {
  return values.get(key)?.[0];
}

/** Forwarding settings that are not off, in the wording of sshd_config. */
export function forwardingLeaks(values: ReadonlyMap<string, string[]>): string[] {
  const leaks: string[] = [];
  // PermitTunnel is not covered by DisableForwarding (sshd_config.5 lists X11, agent, TCP and StreamLocal).
  if ((first(values, 'permittunnel') ?? 'no') !== 'no') leaks.push(`PermitTunnel ${first(values, 'permittunnel')}`);
  if (first(values, 'disableforwarding') === 'yes') return leaks;
  const individual: [string, string][] = [
    ['allowtcpforwarding', 'AllowTcpForwarding'],
    ['x11forwarding', 'X11Forwarding'],
    ['allowagentforwarding', 'AllowAgentForwarding'],
    ['allowstreamlocalforwarding', 'AllowStreamLocalForwarding'],
  ];
  for (const [key, name] of individual) {
    const v = first(values, key);
    if (v !== undefined && v !== 'no') leaks.push(`${name} ${v}`);
  }
  return leaks;
}

/** `subsystem sftp /usr/lib/openssh/sftp-server` lines → the command of the `sftp` one. */
export function sftpSubsystem(values: ReadonlyMap<string, string[]>): string | undefined {
  for (const v of values.get('subsystem') ?? []) {
    const m = /^sftp\s+(.+)$/.exec(v);
    if (m) return m[1];
  }
  return undefined;
}
