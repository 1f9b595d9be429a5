/**
 * The order of the records in a directory (ECMA-119 9.3): by name, then extension, each padded with spaces, then by
 * version. A plain byte compare of `NAME.EXT;1` gets that wrong where a shorter part meets a character below `;`
 * (`X.B;1` must come before `X.B1;1`, and `AB.;1` before `AB0.;1`), so `;` ranks lowest and `.` next, as
 * genisoimage's joliet_compare_dirs does for the Joliet tree, where the same rule applies to UCS-2 characters.
 */
const SEPARATOR_VERSION = 0x3b; // ';'
const SEPARATOR_EXTENSION = 0x2e; // '.'

function rank(code: number): number {
  if (code === SEPARATOR_VERSION) return 0;
  if (code === SEPARATOR_EXTENSION) return 1;
  return code + 2;
}

/** Compares two file identifiers (`NAME.EXT;1`), by UTF-16 code unit: the UCS-2 order for Joliet, bytes for level 1. */
export function compareIdentifiers(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i += 1) {
    const d = rank(a.charCodeAt(i)) - rank(b.charCodeAt(i));
    if (d !== 0) return d;
  }
  return a.length - b.length;
}
