/**
 * The effective sshd configuration for the upload user: `sshd -T -C user=U,host=localhost,addr=127.0.0.1`
 * (all three for OpenSSH < 7.7, facts §6.4). Lower-case keywords, one per line, `none` for unset strings;
 * multi-valued keywords (subsystem, hostkey, listenaddress, ...) repeat.
 *
 * The probe falls back to `sshd -t 2>&1` when -T fails, so an invalid configuration arrives with sshd's own
 * words (exit 255, facts §6.4), and a missing sshd with exit 127.
 */
import { ParseError } from '../../src/errors.js';
import { quote } from '../../src/shell/quote.js';

export type SshdEffective =
  { state: 'ok'; values: Map<string, string[]> } | { state: 'invalid'; exitCode: number; message: string } | { state: 'missing' };

export function sshdEffectiveScript(user: string): string {
  const spec = `user=${user},host=localhost,addr=127.0.0.1`;
  return `${quote(['sshd', '-T', '-C', spec])} 2>/dev/null || { rc=$?; sshd -t 2>&1; exit $rc; }`;
}

export function parseSshdEffective(stdout: string, exitCode: number): SshdEffective {
  if (exitCode === 127) return { state: 'missing' };
  if (exitCode !== 0) {
    const message =
      stdout
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean)
        .slice(-3)
        .join(' / ') || `sshd -T exited ${exitCode}`;
    return { state: 'invalid', exitCode, message };
  }
  const values = new Map<string, string[]>();
  for (const line of stdout.split('\n')) {
    if (line === '') continue;
    const m = /^([a-z][a-z0-9]*)(?: (.*))?$/.exec(line);
    if (!m) throw new ParseError('sshd -T output', line, 'expected "keyword value"');
    values.set(m[1]!, [...(values.get(m[1]!) ?? []), m[2] ?? '']);
  }
  // Every OpenSSH -T dump has these; without them it is not sshd talking.
  if (!values.has('port') || !values.has('chrootdirectory'))
    throw new ParseError('sshd -T output', stdout, 'no port/chrootdirectory lines');
  return { state: 'ok', values };
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
