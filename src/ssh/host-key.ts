/**
 * The host-key gate every connection passes: ssh2 auto-accepts any key unless a `hostVerifier` says otherwise
 * (DESIGN §3 "SSH rules"), so this one is always installed. Unknown keys are refused unless the run was started
 * with `--accept-new-host-keys`; changed and revoked keys are always refused (ssh's `accept-new` semantics).
 */
import { ConnectError, HostKeyError } from '../errors.js';
import { appendKnownHost } from './known-hosts-file.js';
import {
  fingerprintSha256,
  keyTypeOfBlob,
  knownHostName,
  verifyHostKey,
  type HostKeyVerdict,
  type ParsedKnownHosts,
} from './known-hosts.js';

export interface HostKeyCheck {
  /** How the host is named in messages (see hostLabel()). */
  label: string;
  /** The name and port looked up in known_hosts: the resolved HostName, as ssh(1) does. */
  host: string;
  port: number;
  knownHostsFile: string;
  known: ParsedKnownHosts;
  acceptNew: boolean;
}

export interface HostKeyGate {
  /** ssh2's asynchronous `hostVerifier(key, verify)`; `key` is the raw public key blob. */
  verify(keyBlob: Buffer, done: (accepted: boolean) => void): void;
  /** Why the key was refused, once verify() answered false. */
  readonly refusal: ConnectError | undefined;
}

/** `name (host)` when the display name differs from the known_hosts name, else just the latter. */
export function hostLabel(name: string, host: string, port: number): string {
  const known = knownHostName(host, port);
  return name === host ? known : `${name} (${known})`;
}

// Modern host key algorithms only (what OpenSSH ≥ 8.8 offers by default): no ssh-rsa (SHA-1), no ssh-dss.
const HOST_KEY_ALGORITHMS = [
  'ssh-ed25519',
  'ecdsa-sha2-nistp256',
  'ecdsa-sha2-nistp384',
  'ecdsa-sha2-nistp521',
  'rsa-sha2-512',
  'rsa-sha2-256',
];

/**
 * The server host key algorithms to offer: types already in known_hosts for this host first (as ssh(1)
 * orders them), so a host with a known ECDSA key is not reported "unknown" for also having an ed25519 key.
 */
export function preferredHostKeyAlgorithms(knownKeyTypes: readonly string[]): string[] {
  const preferred = knownKeyTypes.flatMap((type) => (type === 'ssh-rsa' ? ['rsa-sha2-512', 'rsa-sha2-256'] : [type]));
  return [...new Set([...preferred.filter((a) => HOST_KEY_ALGORITHMS.includes(a)), ...HOST_KEY_ALGORITHMS])];
}

export function createHostKeyGate(check: HostKeyCheck): HostKeyGate {
  let refusal: ConnectError | undefined;
  return {
    get refusal() {
      return refusal;
    },
    verify(keyBlob, done) {
      const keyType = keyTypeOfBlob(keyBlob);
      if (!keyType) {
        refusal = new ConnectError(check.label, 'hostkey', 'the server sent a malformed host key');
        return done(false);
      }
      const verdict = verifyHostKey(check.known.entries, check.host, check.port, keyType, keyBlob);
      if (verdict.status === 'match') return done(true);
      if (verdict.status === 'unknown' && check.acceptNew) {
        appendKnownHost(check.knownHostsFile, { host: check.host, port: check.port, keyType, keyBlob }).then(
          () => done(true),
          (error: Error) => {
            refusal = new ConnectError(
              check.label,
              'hostkey',
              `cannot add the ${keyType} host key to ${check.knownHostsFile}: ${error.message}`,
              { cause: error },
            );
            done(false);
          },
        );
        return;
      }
      refusal = refusalFor(check, verdict, keyType, keyBlob);
      done(false);
    },
  };
}

function refusalFor(check: HostKeyCheck, verdict: HostKeyVerdict, keyType: string, keyBlob: Buffer): HostKeyError {
  const why = verdict.status === 'match' ? 'unknown' : verdict.status;
  return new HostKeyError(check.label, keyType, fingerprintSha256(keyBlob), why, hintFor(check, verdict, keyType));
}

function hintFor(check: HostKeyCheck, verdict: HostKeyVerdict, keyType: string): string {
  const file = check.knownHostsFile;
  const line = verdict.line ?? 0;
  if (verdict.status === 'revoked') return `line ${line} of ${file} marks this key @revoked; it is never accepted`;
  if (verdict.status === 'changed') {
    const name = knownHostName(check.host, check.port);
    return (
      `it differs from the ${keyType} key on line ${line} of ${file}: the host was re-keyed or reinstalled, or ` +
      `someone is intercepting the connection. If the change is expected, remove line ${line} ` +
      `(ssh-keygen -R '${name}' -f ${file}) and run again with --accept-new-host-keys`
    );
  }
  const notes = [`it is not in ${file}`];
  if (verdict.certAuthorityLines.length > 0) {
    notes.push(
      `only @cert-authority lines (${verdict.certAuthorityLines.join(', ')}) match this host and host ` +
        'certificates are not supported in this version; add the host key itself',
    );
  }
  if (verdict.knownKeyTypes.length > 0) {
    const types = verdict.knownKeyTypes.join(', ');
    notes.push(`known_hosts has ${types} keys for this host, which the server did not offer`);
  }
  const short = keyType.replace(/^ssh-/, '').replace(/^ecdsa-.*/, 'ecdsa');
  notes.push(
    `compare the fingerprint with \`ssh-keygen -lf /etc/ssh/ssh_host_${short}_key.pub\` on the host, ` +
      'then run again with --accept-new-host-keys',
  );
  return notes.join('; ');
}
