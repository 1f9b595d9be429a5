/**
 * What the planner needs to know about an sshd_config text: where the tool's managed block is, whether a global
 * `Include` pulls in the drop-in (so the block can live there), and whether the file already entered Match
 * context (after which a global keyword such as `Subsystem` cannot be appended).
 *
 * sshd_config(5): keyword and arguments separated by whitespace or one `=`, keywords case-insensitive, `#` lines
 * are comments, a `Match` line starts a block that lasts until the next Match or the end of the file; relative
 * Include paths are relative to /etc/ssh; Include takes glob(3) patterns.
 */
export const BLOCK_BEGIN = '# BEGIN ovirt-floppy managed block';
export const BLOCK_END = '# END ovirt-floppy managed block';
export const SSH_DIR = '/etc/ssh';

export interface ConfigLine {
  index: number;
  keyword: string;
  args: string[];
}

export interface ManagedBlock {
  /** 0-based line indexes of the BEGIN and END markers (inclusive). */
  begin: number;
  end: number;
}

export interface SshdConfigScan {
  lines: string[];
  directives: ConfigLine[];
  /** Index of the first Match line, or undefined. */
  firstMatch?: number;
  block?: ManagedBlock;
  /** A BEGIN without END (or the reverse, or two blocks): hand-edited; never guess where it ends. */
  brokenBlock?: string;
}

export function splitLines(content: string): string[] {
  const lines = content.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

export function parseDirective(line: string, index: number): ConfigLine | undefined {
  const text = line.trim();
  if (text === '' || text.startsWith('#')) return undefined;
  const m = /^([A-Za-z][A-Za-z0-9]*)(?:\s*=\s*|\s+)(.*)$/.exec(text) ?? /^([A-Za-z][A-Za-z0-9]*)$/.exec(text);
  if (!m) return undefined;
  const args = (m[2] ?? '').match(/"[^"]*"|\S+/g)?.map((a) => a.replace(/^"(.*)"$/, '$1')) ?? [];
  return { index, keyword: m[1]!.toLowerCase(), args };
}

export function scanSshdConfig(content: string): SshdConfigScan {
  const lines = splitLines(content);
  const directives = lines.map(parseDirective).filter((d): d is ConfigLine => d !== undefined);
  const firstMatch = directives.find((d) => d.keyword === 'match')?.index;
  const begins = lines.flatMap((l, i) => (l.trim() === BLOCK_BEGIN ? [i] : []));
  const ends = lines.flatMap((l, i) => (l.trim() === BLOCK_END ? [i] : []));
  const scan: SshdConfigScan = { lines, directives, firstMatch };
  if (begins.length === 0 && ends.length === 0) return scan;
  if (begins.length === 1 && ends.length === 1 && begins[0]! < ends[0]!) scan.block = { begin: begins[0]!, end: ends[0]! };
  else scan.brokenBlock = `${begins.length} BEGIN and ${ends.length} END markers`;
  return scan;
}

/** glob(3) pattern (only `*`, `?`, `[...]`) as an anchored RegExp over one path. */
function globToRegExp(pattern: string): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const close = pattern.indexOf(']', i + 2);
      if (close < 0) re += '\\[';
      else {
        re += `[${pattern
          .slice(i + 1, close)
          .replace(/^!/, '^')
          .replace(/\\/g, '\\\\')}]`;
        i = close;
      }
    } else re += c.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

/** Whether an Include in global context (before any Match) pulls in `path`. */
export function isIncludedGlobally(scan: SshdConfigScan, path: string): boolean {
  return scan.directives.some(
    (d) =>
      d.keyword === 'include' &&
      (scan.firstMatch === undefined || d.index < scan.firstMatch) &&
      d.args.some((a) => globToRegExp(a.startsWith('/') ? a : `${SSH_DIR}/${a}`).test(path)),
  );
}
