/**
 * authorized_keys lines (sshd(8) AUTHORIZED_KEYS FILE FORMAT): `[options] keytype base64 [comment]`, where options
 * are comma-separated and may hold double-quoted strings with spaces. Two lines carry the same key when type and
 * base64 agree; options and comments do not matter, and lines we do not recognise are kept as they are.
 */
export interface PublicKey {
  type: string;
  blob: string;
}

const KEY_TYPE =
  /^(?:ssh-(?:rsa|dss|ed25519|xmss)|ecdsa-sha2-nistp(?:256|384|521)|sk-(?:ssh-ed25519|ecdsa-sha2-nistp256)@openssh\.com)(?:-cert-v01@openssh\.com)?$/;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** Skip an options field: everything up to the first blank outside double quotes. */
function afterOptions(line: string): string {
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c === '\\' && quoted) i++;
    else if (c === '"') quoted = !quoted;
    else if (!quoted && (c === ' ' || c === '\t')) return line.slice(i).trimStart();
  }
  return '';
}

export function parseKeyLine(line: string): PublicKey | undefined {
  const text = line.trim();
  if (text === '' || text.startsWith('#')) return undefined;
  const tryAt = (s: string): PublicKey | undefined => {
    const [type, blob] = s.split(/[ \t]+/);
    return type && blob && KEY_TYPE.test(type) && BASE64.test(blob) ? { type, blob } : undefined;
  };
  return tryAt(text) ?? tryAt(afterOptions(text));
}

export function sameKey(a: PublicKey, b: PublicKey): boolean {
  return a.type === b.type && a.blob === b.blob;
}

/** Configured keys (one-line OpenSSH format) absent from the file content, in configured order. */
export function missingKeys(fileContent: string, configured: readonly string[]): string[] {
  const present = fileContent
    .split('\n')
    .map(parseKeyLine)
    .filter((k): k is PublicKey => k !== undefined);
  return configured.filter((line) => {
    const key = parseKeyLine(line);
    if (!key) throw new Error(`sftp.authorizedKeys: not an OpenSSH public key line: ${JSON.stringify(line.slice(0, 60))}`);
    return !present.some((p) => sameKey(p, key));
  });
}

/** Existing content kept byte for byte, missing keys appended one per line. */
export function appendKeys(fileContent: string, keys: readonly string[]): string {
  if (keys.length === 0) return fileContent;
  const sep = fileContent === '' || fileContent.endsWith('\n') ? '' : '\n';
  return `${fileContent}${sep}${keys.map((k) => k.trim()).join('\n')}\n`;
}

/** Short form for messages: type and the last 12 base64 characters plus the comment, never the whole key. */
export function describeKey(line: string): string {
  const key = parseKeyLine(line);
  if (!key) return JSON.stringify(line.slice(0, 40));
  const comment = line
    .trim()
    .split(/[ \t]+/)
    .slice(2)
    .join(' ');
  return `${key.type} …${key.blob.slice(-12)}${comment ? ` ${comment}` : ''}`;
}
