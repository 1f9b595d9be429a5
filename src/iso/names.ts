/**
 * File names on the ISO. Two directory trees point at the same file data: the primary one (ISO 9660 level 1:
 * `NAME8.EXT;1` in d-characters A-Z 0-9 _, what every reader understands) and the Joliet one (UCS-2 big-endian,
 * the exact name, what Windows and Linux show). Windows Setup finds `Autounattend.xml` through Joliet.
 */
import { showChar } from '../image/short-name-chars.js';

/**
 * Joliet allows identifiers of up to 64 UCS-2 characters (Joliet specification, 1995, "file identifiers ... up to
 * 64 unicode characters"); genisoimage truncates longer names unless -joliet-long. We refuse instead of truncating:
 * a renamed answer file is a file Windows Setup does not find.
 */
export const JOLIET_NAME_MAX = 64;

/** Characters Joliet forbids in identifiers (Joliet specification: `*` `/` `:` `;` `?` `\`). */
const JOLIET_FORBIDDEN = '*/:;?\\';

/** Every reason `name` cannot be a file at the root of the ISO; empty when it can. */
export function isoNameProblems(name: string): string[] {
  if (name === '') return ['the name is empty'];
  const problems: string[] = [];
  if (name.includes('/') || name.includes('\\')) {
    problems.push('contains a directory separator: only files at the root of the ISO are supported (Windows Setup reads the root)');
  }
  const forbidden = [...new Set([...name].filter((c) => JOLIET_FORBIDDEN.includes(c) && c !== '/' && c !== '\\'))];
  if (forbidden.length > 0) problems.push(`contains ${forbidden.map(showChar).join(' ')}; Joliet names cannot hold any of * / : ; ? \\`);
  const controls = [...new Set([...name].filter((c) => /[\u0000-\u001f\u007f]/.test(c)))];
  if (controls.length > 0) problems.push(`contains control character${controls.length > 1 ? 's' : ''} ${controls.map(showChar).join(' ')}`);
  if ([...name].some((c) => (c.codePointAt(0) ?? 0) > 0xffff))
    problems.push('contains a character outside the Basic Multilingual Plane; Joliet holds UCS-2 only');
  if (name === '.' || name === '..') problems.push('is "." or ".."');
  if (name.length > JOLIET_NAME_MAX) {
    problems.push(
      `is ${name.length} characters long; Joliet names hold at most ${JOLIET_NAME_MAX} ` +
        '(it would be cut, and Windows Setup would not find it)',
    );
  }
  return problems;
}

const D_CHARS = /[^A-Z0-9_]/g;

function dChars(text: string): string {
  return text.toUpperCase().replace(D_CHARS, '_');
}

/**
 * Level-1 names (`BASE8.EXT;1`, ECMA-119 7.5) for `names`, unique in the directory: uppercased, other characters
 * `_`, cut to 8.3; a clash gets a number at the end of the base (`AUTOUNA1.XML`), as mkisofs does.
 */
export function primaryNames(names: readonly string[]): string[] {
  const used = new Set<string>();
  return names.map((name) => {
    const dot = name.lastIndexOf('.');
    const base = dChars(dot > 0 ? name.slice(0, dot) : name).slice(0, 8) || '_';
    const ext = dot > 0 ? dChars(name.slice(dot + 1)).slice(0, 3) : '';
    const make = (b: string) => `${b}${ext ? `.${ext}` : '.'};1`;
    let candidate = make(base);
    for (let n = 1; used.has(candidate); n += 1) {
      const suffix = String(n);
      candidate = make(`${base.slice(0, 8 - suffix.length)}${suffix}`);
    }
    used.add(candidate);
    return candidate;
  });
}

/** The Joliet identifier: the exact name with the `;1` version, UCS-2 big-endian. */
export function jolietIdentifier(name: string): Buffer {
  const le = Buffer.from(`${name};1`, 'utf16le');
  return le.swap16();
}
