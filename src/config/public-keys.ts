/**
 * Checks of OpenSSH public key lines beyond the schema's pattern: the base64 blob must decode and name the same
 * key type as the line (a truncated or mismatched paste otherwise only shows up as a failed login).
 */

/** The key type encoded inside the blob (RFC 4253 §6.6: uint32 length + type name), or undefined. */
export function blobKeyType(base64: string): string | undefined {
  const blob = Buffer.from(base64, 'base64');
  // Buffer.from ignores invalid characters; re-encoding shows whether the text was canonical base64.
  if (blob.toString('base64').replace(/=+$/, '') !== base64.replace(/=+$/, '')) return undefined;
  if (blob.length < 4) return undefined;
  const len = blob.readUInt32BE(0);
  if (len === 0 || len > 64 || blob.length < 4 + len) return undefined;
  return blob.subarray(4, 4 + len).toString('latin1');
}

/** A problem with one key line, or undefined if it is fine. Assumes the line passed the schema pattern. */
export function publicKeyProblem(line: string): string | undefined {
  const [type, data] = line.split(' ');
  if (!type || !data) return 'must be TYPE BASE64 [comment]';
  const inner = blobKeyType(data);
  if (inner === undefined) return 'the base64 key data is damaged (copy the whole line from the .pub file)';
  if (inner !== type) return `the key data is a ${inner} key but the line says ${type}`;
  return undefined;
}

/** The part of a key line that identifies the key (type and data, not the comment). */
export function keyIdentity(line: string): string {
  return line.split(' ').slice(0, 2).join(' ');
}
