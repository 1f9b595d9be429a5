/**
 * Secrets found in host files never leave the runner (DESIGN §3 "redact secrets found in host files"). A diff of
 * /etc/fstab carries its context lines, and the admin's `cifs … username=u,password=…` line is one of them; a
 * step's stderr may quote a line; a finding's `actual` is a line of a host file. Every report, in every format,
 * and the progress display are built from HostSession.toResult(), which passes its result through
 * `redactHostResult`: so redaction is structural, not a formatter's or a check's duty.
 *
 * What counts as a secret: the value of a `key=value` whose key names a password, passphrase, secret or token
 * (fstab/mount options `password=`/`pass=`, ini and env files, libvirt/cifs credentials inline), and the password
 * of a URL's user info (`scheme://user:password@host`). The key stays, so the reader still sees which line it
 * was; the value becomes `<redacted>`. `credentials=/path` (a file name) is not a secret and stays.
 */
import type { HostResult } from '../result/model.js';

export const REDACTED = '<redacted>';

// Key: any word ending in, or made of, a secret-ish name (cifs `password=`, `pass=`, `client_secret=`, `api_token=`).
const KEY_VALUE = /\b([\w.-]*?(?:password|passwd|passphrase|secret|token|pwd|pass))(\s*=\s*)("[^"\n]*"|'[^'\n]*'|[^\s,;"'&]+)/gi;
const URL_USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/[^\s/:@]+:)([^\s/@]+)(@)/gi;

export function redactText(text: string): string {
  if (!/pass|secret|token|pwd|:\/\//i.test(text)) return text;
  return text.replace(KEY_VALUE, (_all, key: string, eq: string) => `${key}${eq}${REDACTED}`).replace(URL_USERINFO, `$1${REDACTED}$3`);
}

/** A deep copy of `value` with every string passed through redactText (keys of objects are kept as they are). */
export function redactDeep<T>(value: T): T {
  if (typeof value === 'string') return redactText(value) as T;
  if (Array.isArray(value)) return value.map((v) => redactDeep(v)) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = redactDeep(v);
    return out as T;
  }
  return value;
}

export function redactHostResult(result: HostResult): HostResult {
  return redactDeep(result);
}
