/**
 * The characters a short (8.3) name or a volume label may hold. fatgen103 p.23 (DIR_Name) forbids bytes below
 * 0x20 and `" * + , . / : ; < = > ? [ \ ] |`, and lowercase. Bytes ≥ 0x80 are legal but mean different characters
 * in each OEM code page, so we never write them: a character outside this ASCII set goes into the long name only.
 * (dosfstools' validate_volume_label uses the same forbidden set.)
 */
const SHORT_NAME_SPECIALS = "!#$%&'()-@^_`{}~";

export function isShortNameChar(ch: string): boolean {
  return /^[A-Z0-9]$/.test(ch) || (ch.length === 1 && SHORT_NAME_SPECIALS.includes(ch));
}

/** Printable form of a character for error messages: `':'`, or `U+0009` for what cannot be shown. */
export function showChar(ch: string): string {
  const cp = ch.codePointAt(0) ?? 0;
  const hex = `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  return cp < 0x20 || cp === 0x7f || (cp >= 0x80 && cp < 0xa0) || (cp >= 0xd800 && cp <= 0xdfff) ? hex : `'${ch}'`;
}
