/**
 * Running and reading the real FAT tools (mtools 4.0.x, dosfstools 4.2) that judge our images. Parsers are
 * proved against captured output in test/fixtures/outputs/image/ (fat-tools-parse.test.ts).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

export interface ToolResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** fsck.vfat lives in /usr/sbin, which is not on every user's PATH. */
export function findTool(name: string): string {
  const dirs = [...(process.env.PATH ?? '').split(':').filter(Boolean), '/usr/sbin', '/sbin'];
  for (const d of dirs) {
    const p = path.join(d, name);
    if (existsSync(p)) return p;
  }
  throw new Error(`${name} not found: these tests need the real tools (apt-get install mtools dosfstools)`);
}

/**
 * Run a tool in the C locale so its output is the one the parsers know. Binary stdout (mtype) is kept as a
 * Buffer via `raw`. MTOOLS_SKIP_CHECK is deliberately NOT set: mtools must accept the image as it is.
 */
export function runTool(name: string, args: string[], opts: { locale?: string } = {}): ToolResult {
  const r = spawnSync(findTool(name), args, {
    env: { ...process.env, LC_ALL: opts.locale ?? 'C', MTOOLS_SKIP_CHECK: undefined },
    encoding: 'utf8',
  });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

export function runToolRaw(name: string, args: string[]): { code: number | null; stdout: Buffer; stderr: string } {
  const r = spawnSync(findTool(name), args, { env: { ...process.env, LC_ALL: 'C' }, maxBuffer: 16 << 20 });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr.toString('utf8') };
}

export interface MdirEntry {
  /** Short name as mdir shows it: `AUTOUN~1.XML` (mtools shows NT-lowercase short names in lowercase). */
  shortName: string;
  size: number;
  date: string; // YYYY-MM-DD
  time: string; // H:MM (24 h)
  longName: string | undefined;
}

export interface MdirListing {
  label: string | undefined;
  serial: string;
  entries: MdirEntry[];
  fileCount: number;
  totalBytes: number;
  freeBytes: number;
}

const num = (s: string): number => Number(s.replace(/ /g, ''));

/**
 * `mdir -i IMG ::` in the C locale, e.g.
 *    Volume in drive : is PAYLOAD
 *    Volume Serial Number is 7175-DACA
 *   Directory for ::/
 *
 *   AUTOUN~1 XML       700 2026-11-25   4:50  Autounattend.xml
 *   README   TXT         1 2026-11-25   4:50
 *           8 files                 711 bytes
 *                             1 453 568 bytes free
 */
export function parseMdir(text: string): MdirListing {
  const lines = text.split('\n');
  const labelLine = lines.find((l) => l.startsWith(' Volume in drive '));
  const serialLine = /^ Volume Serial Number is ([0-9A-F]{4}-[0-9A-F]{4})$/m.exec(text);
  if (!labelLine || !serialLine?.[1] || !/^Directory for ::\/$/m.test(text)) {
    throw new Error(`not mdir output:\n${text}`);
  }
  const label = /^ Volume in drive : is (.*)$/.exec(labelLine)?.[1]?.trimEnd();
  const entries: MdirEntry[] = [];
  for (const l of lines) {
    const m = /^(.{8}) (.{3}) +(\d+) (\d{4}-\d{2}-\d{2}) +(\d{1,2}:\d{2}) (?: (.+))?$/.exec(l);
    if (!m) continue;
    const [, base = '', ext = '', size = '', date = '', time = '', longName] = m;
    entries.push({
      shortName: ext.trim() ? `${base.trimEnd()}.${ext.trimEnd()}` : base.trimEnd(),
      size: Number(size),
      date,
      time,
      longName,
    });
  }
  const countLine = /^ +(\d+) files? +([\d ]+) bytes$/m.exec(text);
  const noFiles = /^No files$/m.test(text);
  const free = /^ +([\d ]+) bytes free$/m.exec(text);
  if ((!countLine && !noFiles) || !free?.[1]) throw new Error(`mdir summary not found:\n${text}`);
  return {
    label,
    serial: serialLine[1],
    entries,
    fileCount: countLine ? Number(countLine[1]) : 0,
    totalBytes: countLine?.[2] ? num(countLine[2]) : 0,
    freeBytes: num(free[1]),
  };
}

/** `mdir -a -b -i IMG ::`: one `::/NAME` per line, the long name where there is one. */
export function parseMdirBare(text: string): string[] {
  return text
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => {
      if (!l.startsWith('::/')) throw new Error(`unexpected mdir -b line: ${JSON.stringify(l)}`);
      return l.slice(3);
    });
}

export interface FsckResult {
  /** Nothing but the version banner, the optional pass announcements and the summary line. */
  clean: boolean;
  files: number;
  usedClusters: number;
  totalClusters: number;
  /** Every line that is not banner/pass/summary: what fsck complained about. */
  complaints: string[];
}

/** `fsck.vfat -n [-V] IMG`: clean output is the banner plus `IMG: N files, U/T clusters`. */
export function parseFsck(text: string): FsckResult {
  const lines = text.split('\n').filter((l) => l !== '');
  const summary = lines.map((l) => /^.+: (\d+) files, (\d+)\/(\d+) clusters$/.exec(l)).find(Boolean);
  if (!summary) throw new Error(`fsck summary not found:\n${text}`);
  const complaints = lines.filter(
    (l) => !/^fsck\.fat \d/.test(l) && l !== 'Starting check/repair pass.' && l !== 'Starting verification pass.' && l !== summary[0],
  );
  return {
    clean: complaints.length === 0,
    files: Number(summary[1]),
    usedClusters: Number(summary[2]),
    totalClusters: Number(summary[3]),
    complaints,
  };
}

/** `minfo -i IMG ::`: the boot-sector fields mtools decoded, as name → value. */
export function parseMinfo(text: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (const l of text.split('\n')) {
    const m = /^([a-z][a-z ()]*?)(?::\s*|=)(.*)$/.exec(l);
    if (m?.[1] && m[2] !== undefined) fields.set(m[1].trim(), m[2].trim().replace(/^"(.*)"$/, '$1'));
  }
  return fields;
}
