/**
 * Host lists for people: names that differ only in a trailing number compress into ranges in the order given
 * (`hv1–hv20`, `hv2, hv4, hv6`), and a long list is cut after a few segments with the count of the rest, so a
 * line about 200 identical hypervisors stays one line (`-v` and `--format json` name every host).
 */

const NUMBERED = /^(.*?)(\d+)(\D*)$/;

interface Segment {
  prefix: string;
  suffix: string;
  first: number;
  last: number;
  /** Digits of the number; with `padded`, a range keeps that width (`node08–node11`). */
  width: number;
  padded: boolean;
  text?: string;
}

/** The number is the last one of the first DNS label: hv7.dc1.example.com counts hv7, not dc1. */
function segmentOf(name: string): Segment {
  const dot = name.indexOf('.');
  const [label, domain] = dot < 0 ? [name, ''] : [name.slice(0, dot), name.slice(dot)];
  const m = NUMBERED.exec(label);
  if (!m) return { prefix: name, suffix: '', first: NaN, last: NaN, width: 0, padded: false, text: name };
  const digits = m[2] ?? '';
  const n = Number(digits);
  return {
    prefix: m[1] ?? '',
    suffix: `${m[3] ?? ''}${domain}`,
    first: n,
    last: n,
    width: digits.length,
    padded: digits.length > 1 && digits.startsWith('0'),
  };
}

const numberText = (s: Segment, n: number) => `${s.prefix}${s.padded ? String(n).padStart(s.width, '0') : n}${s.suffix}`;

function segmentText(s: Segment): string {
  if (s.text !== undefined) return s.text;
  if (s.first === s.last) return numberText(s, s.first);
  if (s.last === s.first + 1) return `${numberText(s, s.first)}, ${numberText(s, s.last)}`;
  return `${numberText(s, s.first)}–${numberText(s, s.last)}`;
}

function segmentsOf(names: readonly string[]): Segment[] {
  const segments: Segment[] = [];
  for (const name of names) {
    const next = segmentOf(name);
    const prev = segments.at(-1);
    const joins =
      prev !== undefined &&
      prev.text === undefined &&
      next.text === undefined &&
      prev.prefix === next.prefix &&
      prev.suffix === next.suffix &&
      next.first === prev.last + 1 &&
      // node08, node09, node10 share a width; hv9, hv10 are unpadded; hv09, hv10 mix styles and stay apart.
      (prev.padded || next.padded
        ? String(next.first).padStart(prev.width, '0').length === next.width && (prev.padded || prev.width === next.width)
        : true);
    if (joins) prev.last = next.first;
    else segments.push(next);
  }
  return segments;
}

const hostsIn = (s: Segment) => (s.text !== undefined ? 1 : s.last - s.first + 1);

/** Consecutive numbered names with the same prefix, suffix and padding become one range. */
export function hostRangeSegments(names: readonly string[]): string[] {
  return segmentsOf(names).map(segmentText);
}

/** `hv1–hv20`, or `hv2, hv4, hv6, … (+7 more)` past `maxSegments` segments. */
export function compressHostNames(names: readonly string[], maxSegments = 6): string {
  const segments = segmentsOf(names);
  if (segments.length <= maxSegments) return segments.map(segmentText).join(', ');
  const shown = segments.slice(0, maxSegments);
  const rest = names.length - shown.reduce((n, s) => n + hostsIn(s), 0);
  return `${shown.map(segmentText).join(', ')}, … (+${rest} more)`;
}

/** `hv1–hv20 (20 hosts)` / `sftp`: the label of a group of hosts. */
export function hostGroupLabel(names: readonly string[]): string {
  const list = compressHostNames(names);
  return names.length === 1 ? list : `${list} (${names.length} hosts)`;
}
