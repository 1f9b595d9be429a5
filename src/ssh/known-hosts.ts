/**
 * OpenSSH known_hosts, parsed and matched the way ssh(1) does it (sshd(8) "SSH_KNOWN_HOSTS FILE FORMAT"):
 * plain host lists with `*`/`?` wildcards and `!` negation, `[host]:port` for non-default ports, hashed
 * `|1|salt|hash` names, and the `@revoked` / `@cert-authority` markers. Pure: file I/O is in known-hosts-file.ts.
 */
import { createHash, createHmac } from 'node:crypto';

export type KnownHostsMarker = 'revoked' | 'cert-authority';

/** How a line names its hosts: a hashed name (HashKnownHosts) or a comma-separated pattern list. */
export type HostNames = { kind: 'hashed'; salt: Buffer; hash: Buffer } | { kind: 'patterns'; patterns: string[] };

export interface KnownHostsEntry {
  /** 1-based line number in the file (what a user removes when a key changed). */
  line: number;
  marker?: KnownHostsMarker;
  names: HostNames;
  /** The key type named inside the key blob (e.g. `ssh-ed25519`, `ssh-rsa`). */
  keyType: string;
  keyBlob: Buffer;
}

export interface ParsedKnownHosts {
  entries: KnownHostsEntry[];
  /** Lines that are neither comments, blank nor valid entries; ssh(1) skips them too. */
  invalidLines: number[];
}

export type HostKeyStatus = 'match' | 'unknown' | 'changed' | 'revoked';

export interface HostKeyVerdict {
  status: HostKeyStatus;
  /** The deciding line: the matching, revoked or conflicting (changed) entry. */
  line?: number;
  /** `@cert-authority` lines matching this host; host certificates are not supported in this version. */
  certAuthorityLines: number[];
  /** Key types known for this host (plain entries), to prefer them in the key exchange. */
  knownKeyTypes: string[];
}

/** The name ssh(1) looks up and writes: `host` on port 22, `[host]:port` otherwise; lower-cased. */
export function knownHostName(host: string, port: number): string {
  const name = host.toLowerCase();
  return port === 22 ? name : `[${name}]:${port}`;
}

/** `SHA256:` + unpadded base64 of the SHA-256 of the key blob, as `ssh-keygen -lf` prints it. */
export function fingerprintSha256(keyBlob: Buffer): string {
  return `SHA256:${createHash('sha256').update(keyBlob).digest('base64').replace(/=+$/, '')}`;
}

/** The key type recorded at the start of an SSH public key blob (RFC 4253 §6.6), or undefined if malformed. */
export function keyTypeOfBlob(blob: Buffer): string | undefined {
  if (blob.length < 4) return undefined;
  const length = blob.readUInt32BE(0);
  if (length === 0 || length > 64 || 4 + length > blob.length) return undefined;
  const type = blob.subarray(4, 4 + length).toString('latin1');
  return /^[\x21-\x7e]+$/.test(type) ? type : undefined;
}

/** One known_hosts line for `host`/`port` (plain, not hashed), without the newline. */
export function formatKnownHostsLine(host: string, port: number, keyType: string, keyBlob: Buffer): string {
  return `${knownHostName(host, port)} ${keyType} ${keyBlob.toString('base64')}`;
}

export function parseKnownHosts(text: string): ParsedKnownHosts {
  const entries: KnownHostsEntry[] = [];
  const invalidLines: number[] = [];
  text.split('\n').forEach((raw, index) => {
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    const entry = parseLine(trimmed, index + 1);
    if (entry) entries.push(entry);
    else invalidLines.push(index + 1);
  });
  return { entries, invalidLines };
}

function parseLine(line: string, lineNumber: number): KnownHostsEntry | undefined {
  const fields = line.split(/[ \t]+/);
  let marker: KnownHostsMarker | undefined;
  if (fields[0]?.startsWith('@')) {
    const name = fields.shift();
    if (name === '@revoked') marker = 'revoked';
    else if (name === '@cert-authority') marker = 'cert-authority';
    else return undefined;
  }
  const [hostField, typeField, keyField] = fields;
  if (!hostField || !typeField || !keyField || !/^[A-Za-z0-9+/]+={0,2}$/.test(keyField)) return undefined;
  const keyBlob = Buffer.from(keyField, 'base64');
  // The type inside the blob is authoritative; a line whose two types disagree is corrupt.
  if (keyTypeOfBlob(keyBlob) !== typeField) return undefined;
  const names = parseHostNames(hostField);
  if (!names) return undefined;
  return { line: lineNumber, ...(marker ? { marker } : {}), names, keyType: typeField, keyBlob };
}

function parseHostNames(field: string): HostNames | undefined {
  if (!field.startsWith('|')) return { kind: 'patterns', patterns: field.split(',').filter((p) => p !== '') };
  // |1|base64(salt)|base64(HMAC-SHA1(salt, name)); 1 is the only hash type OpenSSH defines.
  const parts = field.split('|');
  if (parts.length !== 4 || parts[1] !== '1' || !parts[2] || !parts[3]) return undefined;
  const salt = Buffer.from(parts[2], 'base64');
  const hash = Buffer.from(parts[3], 'base64');
  return salt.length === 20 && hash.length === 20 ? { kind: 'hashed', salt, hash } : undefined;
}

/** Does this entry name `lookupName` (the output of knownHostName())? */
export function namesMatch(names: HostNames, lookupName: string): boolean {
  if (names.kind === 'hashed') {
    return createHmac('sha1', names.salt).update(lookupName).digest().equals(names.hash);
  }
  // match_hostname(): any matching negated pattern vetoes the whole line; otherwise one positive match suffices.
  let matched = false;
  for (const pattern of names.patterns) {
    const negated = pattern.startsWith('!');
    if (!globMatches(negated ? pattern.slice(1) : pattern, lookupName)) continue;
    if (negated) return false;
    matched = true;
  }
  return matched;
}

// A fleet audit matches every host against every line: plain names are compared directly, and each wildcard
// pattern is compiled once per process (bench/README.md measured the old per-call RegExp as quadratic).
const compiledGlobs = new Map<string, RegExp>();

function globMatches(pattern: string, name: string): boolean {
  const lower = pattern.toLowerCase();
  if (!lower.includes('*') && !lower.includes('?')) return lower === name;
  let re = compiledGlobs.get(lower);
  if (!re) {
    const source = lower
      .split('')
      .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[\\^$.|+()[\]{}]/g, '\\$&')))
      .join('');
    re = new RegExp(`^${source}$`, 's');
    compiledGlobs.set(lower, re);
  }
  return re.test(name);
}

/**
 * Decide on the key a server presented, as ssh(1)'s check_host_key() does: a matching `@revoked` line wins,
 * then an identical key (`match`), then a different key of the same type (`changed`), else `unknown`.
 */
export function verifyHostKey(
  entries: readonly KnownHostsEntry[],
  host: string,
  port: number,
  keyType: string,
  keyBlob: Buffer,
): HostKeyVerdict {
  const lookupName = knownHostName(host, port);
  const forHost = entries.filter((e) => namesMatch(e.names, lookupName));
  const plain = forHost.filter((e) => e.marker === undefined);
  const base = {
    certAuthorityLines: forHost.filter((e) => e.marker === 'cert-authority').map((e) => e.line),
    knownKeyTypes: [...new Set(plain.map((e) => e.keyType))],
  };
  const same = (e: KnownHostsEntry) => e.keyType === keyType && e.keyBlob.equals(keyBlob);
  const revoked = forHost.find((e) => e.marker === 'revoked' && same(e));
  if (revoked) return { status: 'revoked', line: revoked.line, ...base };
  const match = plain.find(same);
  if (match) return { status: 'match', line: match.line, ...base };
  const conflicting = plain.find((e) => e.keyType === keyType);
  if (conflicting) return { status: 'changed', line: conflicting.line, ...base };
  return { status: 'unknown', ...base };
}
