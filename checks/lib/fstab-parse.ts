/**
 * /etc/fstab as lines (fstab(5)): fields separated by any run of blanks (spaces or tabs); `#` starts a comment
 * line; spaces, tabs, newlines and backslashes inside a field are written as `\040`, `\011`, `\012`, `\134`.
 * Every line keeps its raw text, so an edit can reproduce the others byte for byte.
 */
import { ParseError } from '../../src/errors.js';

export interface FstabEntry {
  /** First field, unescaped: a path, `UUID=…`, `LABEL=…`, `host:/export`, `proc`, ... */
  spec: string;
  /** Mount point, unescaped. */
  file: string;
  vfstype: string;
  options: string[];
  freq: string;
  passno: string;
}

export interface FstabLine {
  raw: string;
  /** Undefined for comments and blank lines. */
  entry?: FstabEntry;
  /** 1-based line number, for messages. */
  lineNumber: number;
}

export function unescapeFstab(field: string): string {
  return field.replace(/\\([0-7]{3})/g, (_, oct: string) => String.fromCharCode(parseInt(oct, 8)));
}

export function escapeFstab(value: string): string {
  return value.replace(/[\\ \t\n]/g, (c) => `\\${c.charCodeAt(0).toString(8).padStart(3, '0')}`);
}

/** Split keeping line ends out of `raw`; a final line without "\n" is still a line. */
export function fstabRawLines(content: string): string[] {
  const lines = content.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

export function parseFstab(content: string): FstabLine[] {
  return fstabRawLines(content).map((raw, i) => {
    const text = raw.replace(/\r$/, '').trim();
    if (text === '' || text.startsWith('#')) return { raw, lineNumber: i + 1 };
    const f = text.split(/[ \t]+/);
    // mount(8) accepts 4–6 fields (freq and passno default to 0); fewer is a line mount cannot use.
    if (f.length < 4 || f.length > 6) throw new ParseError('/etc/fstab', raw, `line ${i + 1}: ${f.length} fields`);
    const entry: FstabEntry = {
      spec: unescapeFstab(f[0]!),
      file: unescapeFstab(f[1]!),
      vfstype: f[2]!,
      options: f[3]!.split(','),
      freq: f[4] ?? '0',
      passno: f[5] ?? '0',
    };
    return { raw, entry, lineNumber: i + 1 };
  });
}

/** A bind (or recursive bind) line, in any option order. */
export function isBindEntry(entry: FstabEntry): boolean {
  return entry.options.includes('bind') || entry.options.includes('rbind');
}
