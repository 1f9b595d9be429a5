/**
 * Short (8.3) names for the directory entries (fatgen103 p.23 DIR_Name, p.29–30 "basis-name generation" and
 * "numeric-tail generation").
 *
 * A name that already is a valid 8.3 name apart from case keeps its uppercased self (`Unattend.xml` →
 * `UNATTEND.XML`, plus a long-name entry for the case). Any other name gets a basis name plus a numeric tail
 * (`Autounattend.xml` → `AUTOUN~1.XML`): the tail is used whenever the long name is not itself a valid 8.3 name
 * — truncated, lossy, or with spaces or extra periods — which is what Windows and mtools do (mtools turns
 * `a b.txt` into `AB~1.TXT`), slightly stricter than fatgen103's minimum, so a short name never poses as a name
 * the user did not give. Collisions bump the tail: `~1`, `~2`, … `~999999`.
 */
import { isShortNameChar } from './short-name-chars.js';

/** An 8.3 name in directory-entry form: 8 + 3 bytes, space-padded, no dot. */
export type RawShortName = string;

/** If `name` is a valid 8.3 name once uppercased, its raw 11-byte form; otherwise undefined. */
export function exactShortName(name: string): RawShortName | undefined {
  // ASCII only: uppercasing elsewhere in Unicode can yield ASCII (`ı` → `I`), which is not the name given.
  if (!/^[\x21-\x7e]+$/.test(name)) return undefined;
  const upper = name.toUpperCase();
  const m = /^([^.]{1,8})(?:\.([^.]{1,3}))?$/.exec(upper);
  if (!m) return undefined;
  const base = m[1] ?? '';
  const ext = m[2] ?? '';
  if (![...base, ...ext].every(isShortNameChar)) return undefined;
  return base.padEnd(8, ' ') + ext.padEnd(3, ' ');
}

/** fatgen103 p.29 steps 1–5: uppercase, map illegal characters to `_`, drop spaces and leading periods. */
function basisName(name: string): { base: string; ext: string } {
  const oem = [...name.toUpperCase()]
    .filter((c) => c !== ' ')
    .map((c) => (c === '.' || isShortNameChar(c) ? c : '_'))
    .join('')
    .replace(/^\.+/, '');
  const lastDot = oem.lastIndexOf('.');
  // The primary part is copied up to the first period (embedded periods are dropped), the extension is what
  // follows the last one.
  const primary = (lastDot < 0 ? oem : oem.slice(0, lastDot)).split('.')[0] ?? '';
  const ext = lastDot < 0 ? '' : oem.slice(lastDot + 1);
  return { base: primary.slice(0, 8) || '_', ext: ext.slice(0, 3) };
}

/** `BASE~N` squeezed into 8 characters, as in fatgen103 p.30. */
function withTail(base: string, n: number): string {
  const tail = `~${n}`;
  return base.slice(0, 8 - tail.length) + tail;
}

/**
 * Short names for a whole directory, in input order. Valid 8.3 names are claimed first so a generated
 * `FOO~1.TXT` never takes the name of a file that is literally called `FOO~1.TXT`. Callers have already refused
 * duplicate names (case-insensitive), so exact names cannot collide with each other.
 */
export function assignShortNames(names: readonly string[]): RawShortName[] {
  const used = new Set<RawShortName>();
  const result: (RawShortName | undefined)[] = names.map((n) => exactShortName(n));
  for (const raw of result) if (raw !== undefined) used.add(raw);
  return names.map((name, i) => {
    const exact = result[i];
    if (exact !== undefined) return exact;
    const { base, ext } = basisName(name);
    for (let n = 1; n <= 999_999; n++) {
      const raw = withTail(base, n).padEnd(8, ' ') + ext.padEnd(3, ' ');
      if (!used.has(raw)) {
        used.add(raw);
        return raw;
      }
    }
    // Unreachable: the root directory holds at most 224 entries.
    throw new Error(`no free short name for ${JSON.stringify(name)}`);
  });
}

/** The 8.3 name as people write it: `AUTOUN~1.XML`. */
export function displayShortName(raw: RawShortName): string {
  const base = raw.slice(0, 8).trimEnd();
  const ext = raw.slice(8).trimEnd();
  return ext ? `${base}.${ext}` : base;
}
