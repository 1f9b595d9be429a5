/**
 * Files in the floppy directory with their age, from one GNU find on the host, preceded by the host's own clock
 * (`date +%s`), so ages do not depend on this machine's clock.
 *
 * find prints `%T@ %s %f` (mtime with fraction, size, base name) per line. A name may itself hold a newline:
 * a line that does not start with "<mtime> <size> " continues the previous name.
 */
import { ParseError } from '../../src/errors.js';
import { quote } from '../../src/shell/quote.js';

export interface FloppyFile {
  name: string;
  size: number;
  /** Seconds since the epoch (fractional). */
  mtime: number;
}

export interface FloppyListing {
  /** Host clock, seconds since the epoch. */
  now: number;
  /** Undefined when the directory does not exist (find failed, nothing listed). */
  files?: FloppyFile[];
}

export function listFilesScript(dir: string): string {
  return `date +%s && ${quote(['find', dir, '-maxdepth', '1', '-type', 'f', '-printf', '%T@ %s %f\\n'])}`;
}

export function parseFloppyListing(stdout: string, exitCode: number): FloppyListing {
  const [clock, ...rest] = stdout.split('\n');
  if (!clock || !/^\d+$/.test(clock)) throw new ParseError('date +%s', stdout, 'no clock line');
  const now = Number(clock);
  const text = rest.join('\n');
  if (exitCode !== 0) {
    if (text.trim() === '') return { now };
    throw new ParseError('find -printf', stdout, `exit ${exitCode}`);
  }
  const files: FloppyFile[] = [];
  for (const line of text.replace(/\n$/, '').split('\n')) {
    if (line === '' && files.length === 0) continue;
    const m = /^(\d+(?:\.\d+)?) (\d+) (.*)$/.exec(line);
    if (m) files.push({ mtime: Number(m[1]), size: Number(m[2]), name: m[3]! });
    else if (files.length > 0) files[files.length - 1]!.name += `\n${line}`;
    else throw new ParseError('find -printf', line, 'expected "<mtime> <size> <name>"');
  }
  return { now, files };
}

/** "3 d 4 h", "5 h", "12 min" */
export function formatAge(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  if (h >= 48) return `${Math.floor(h / 24)} d ${h % 24} h`;
  if (h >= 1) return `${h} h`;
  return `${Math.floor(seconds / 60)} min`;
}
