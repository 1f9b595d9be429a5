/**
 * Which names a file on the floppy may have. VFAT long names (fatgen103 p.27–28) are up to 255 UCS-2 code units
 * and may hold anything but control characters and `" * / : < > ? \ |`; Windows strips trailing dots and spaces
 * from the names it is asked to open, so such a file could never be opened by its name and we refuse it.
 */
import { showChar } from './short-name-chars.js';

export const LONG_NAME_MAX = 255;
const FORBIDDEN = '"*/:<>?\\|';
/** Win32 device names: Windows cannot open a file called `CON` or `aux.xml` on any drive. */
const DEVICE_NAMES = /^(CON|PRN|AUX|NUL|COM[1-9]|LPT[1-9])$/i;

/** Every reason `name` cannot be a file at the root of the floppy; empty when it can. */
export function fileNameProblems(name: string): string[] {
  if (name === '') return ['the name is empty'];
  const problems: string[] = [];
  if (name.includes('/') || name.includes('\\')) {
    problems.push(
      'contains a directory separator: only files at the root of the floppy are supported ' +
        '(Windows Setup reads answer files from the root)',
    );
  }
  const forbidden = [...new Set([...name].filter((c) => FORBIDDEN.includes(c) && c !== '/' && c !== '\\'))];
  if (forbidden.length > 0) {
    problems.push(`contains ${forbidden.map(showChar).join(' ')}; FAT names cannot hold any of ${[...FORBIDDEN].join(' ')}`);
  }
  const controls = [...new Set([...name].filter((c) => /[\u0000-\u001f\u007f]/.test(c)))];
  if (controls.length > 0) problems.push(`contains control character${controls.length > 1 ? 's' : ''} ${controls.map(showChar).join(' ')}`);
  const astral = [...new Set([...name].filter((c) => (c.codePointAt(0) ?? 0) > 0xffff))];
  if (astral.length > 0) {
    problems.push(
      `contains ${astral.map((c) => `U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase()}`).join(' ')}, outside the ` +
        'Basic Multilingual Plane; VFAT long names hold UCS-2 only',
    );
  }
  if (/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(name)) {
    problems.push('contains an unpaired UTF-16 surrogate (not valid Unicode)');
  }
  if (/[. ]$/.test(name)) problems.push('ends with a dot or a space, which Windows strips, so the file could not be opened');
  if (name.length > LONG_NAME_MAX) {
    problems.push(`is ${name.length} UCS-2 characters long; a VFAT long name holds at most ${LONG_NAME_MAX}`);
  }
  const stem = name.split('.')[0] ?? '';
  if (DEVICE_NAMES.test(stem.trimEnd())) {
    problems.push(`uses the reserved Windows device name ${stem.trimEnd().toUpperCase()}, which Windows cannot open as a file`);
  }
  return problems;
}

/**
 * The key under which FAT considers two names equal: case-insensitive (fatgen103 p.28: "long names are
 * case-insensitive"), by simple per-character uppercasing as Windows' upcase table does — `ß` stays `ß`.
 */
export function nameKey(name: string): string {
  let key = '';
  for (const ch of name) {
    const up = ch.toUpperCase();
    key += up.length === ch.length ? up : ch;
  }
  return key;
}
