/**
 * Volume labels: at most 11 characters of the short-name set plus inner spaces, stored uppercase and
 * space-padded, both in BS_VolLab and as a root-directory entry with ATTR_VOLUME_ID (fatgen103 p.11 and p.24).
 * fsck.fat 4.2 (check_label) checks exactly this: no lowercase, no byte < 0x20, none of `"*+,./:;<=>?[\]|`,
 * not empty, no leading space; and that both copies agree.
 */
import { isShortNameChar, showChar } from './short-name-chars.js';

export const LABEL_MAX = 11;

export type LabelResult = { ok: true; padded: string } | { ok: false; problems: string[] };

/** Uppercases (as mformat and mkfs.fat do) and validates a label; returns every problem found. */
export function normalizeLabel(label: string): LabelResult {
  const upper = label.toUpperCase();
  const problems: string[] = [];
  const chars = [...upper];
  if (upper.trim() === '') problems.push('is empty');
  else if (upper.startsWith(' ')) problems.push('starts with a space');
  if (chars.length > LABEL_MAX) problems.push(`is ${chars.length} characters long; FAT allows at most ${LABEL_MAX}`);
  const bad = [...new Set(chars.filter((c) => c !== ' ' && !isShortNameChar(c)))];
  if (bad.length > 0) {
    problems.push(`contains ${bad.map(showChar).join(' ')}; a label may hold only A-Z, 0-9, inner spaces and ${"!#$%&'()-@^_`{}~"}`);
  }
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, padded: upper.trimEnd().padEnd(LABEL_MAX, ' ') };
}
