/**
 * The proof that the RUNNING sshd confines the upload user (issue #13 item 1): `sshd -T` reads the files, so after
 * a reload that failed or never ran (Ctrl-C, a dropped connection, a SIGSTOPped daemon) the files say "confined"
 * while the daemon still lets the partner's key run commands and open `ssh -N -L` forwards. So the runner makes a
 * NEW login as the upload user, with that user's own key only (no agent, no ~/.ssh/config: no other credential can
 * make it succeed), and tries what the Match block forbids: a shell command and a TCP forward to the server's own
 * sshd. The sftp-sshd-chroot check turns an escape into a finding that names the user. Runs in every probe round,
 * so after the reload-sshd handler it is the "new login after reload" proof.
 */
import type { SftpLiveFacts } from '../check-api.js';
import { uploadUserTarget } from '../config/resolve.js';
import type { Config, HostTarget } from '../config/types.js';
import { ConnectError } from '../errors.js';
import type { ConnectOptions, Connector, Transport } from '../ssh/transport.js';

function lastLine(text: string): string {
  return text.trim().split('\n').pop()?.trim() ?? '';
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function tryEscapes(transport: Transport, target: HostTarget, facts: SftpLiveFacts): Promise<void> {
  const r = await transport.exec('id', { privileged: false });
  if (r.exitCode === 0) facts.shell = `\`id\` ran: ${lastLine(r.stdout)}`;
  if (!transport.forwardOut) return;
  const to = `${target.host}:${target.port ?? 22}`;
  try {
    // To the server's own sshd, which certainly listens there.
    await transport.forwardOut(target.host, target.port ?? 22);
    facts.forwarding = `a TCP forward to ${to} opened`;
  } catch (error) {
    // RFC 4254 §5.1: reason 1 is "administratively prohibited", sshd's answer when forwarding is off. Any other
    // reason (2 connect failed, ...) means sshd allowed the forward and only the destination failed.
    const reason = ((error as { cause?: { reason?: unknown } }).cause ?? (error as { reason?: unknown }))?.reason;
    if (typeof reason === 'number' && reason !== 1)
      facts.forwarding = `sshd accepted a TCP forward to ${to} (${messageOf(error).replace(/^.*: \(SSH\) /, '')})`;
  }
}

export async function probeSftpLive(connector: Connector, config: Config, options: ConnectOptions): Promise<SftpLiveFacts | undefined> {
  const target = uploadUserTarget(config);
  if (!target) return undefined;
  const facts: SftpLiveFacts = { user: target.user!, login: 'refused' };
  let transport: Transport;
  try {
    transport = await connector.connect(target, { ...options, agent: false, useSshConfig: false, acceptNewHostKeys: false });
  } catch (error) {
    // An authentication failure is a result (no key installed: nothing can leak); anything else is unknown.
    if (error instanceof ConnectError && error.reason === 'auth') return facts;
    return { ...facts, error: messageOf(error) };
  }
  try {
    facts.login = 'ok';
    await tryEscapes(transport, target, facts);
  } catch (error) {
    facts.error = messageOf(error);
  } finally {
    await transport.close().catch(() => undefined);
  }
  return facts;
}
