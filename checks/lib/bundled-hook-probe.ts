/**
 * What is installed at the bundled hook's paths, cheaply: one shell fragment prints the sha256 of each regular
 * file, and the file itself (base64, at most 64 KiB) only when the sum differs from the expected one, so an
 * audit of a compliant host transfers two hashes, and `apply --diff` can still show what a hand edit changed.
 *
 * Output, per existing regular file:   sha256 <hex> <path>
 * and when it differs from expected and is a bundled hook (BUNDLED_HOOK_MARK):   base64 <path> / base64 lines / end
 * `no-sha256sum` alone when coreutils' sha256sum is missing.
 */
import { ParseError } from '../../src/errors.js';
import { quoteArg } from '../../src/shell/quote.js';
import { eachLineOf } from './sh-each-line.js';

/** Larger files are not sent; their diff then shows no old content. */
export const MAX_CONTENT_BYTES = 65536;

export interface InstalledFile {
  sha256: string;
  /** The file's text when its sum differs from the expected one and it is at most MAX_CONTENT_BYTES long. */
  content?: string;
}

/**
 * Line 2 of both bundled hooks (hooks/*.py). Content is sent only for files that carry it: the probe runs on
 * every hypervisor (probes do not see facts), and on vdsm < 4.40 the same paths hold the vdsm-hook-floppy
 * package's hooks, which differ by design and would otherwise be shipped, base64, on every audit.
 */
export const BUNDLED_HOOK_MARK = "# ovirt-floppy's floppy hook";

export function installedFilesCommand(expected: readonly { path: string; sha256: string }[]): { sh: string } {
  const cases = expected.map((f) => `    ${quoteArg(f.path)}) e=${f.sha256} ;;`);
  // One sha256sum for every existing file, the lines split with builtins, the mark read with `read`: on a
  // compliant host this fragment starts one program (this script runs on every audited hypervisor).
  return {
    sh: [
      'command -v sha256sum >/dev/null || { echo no-sha256sum; exit 0; }',
      'set --',
      `for f in ${expected.map((f) => quoteArg(f.path)).join(' ')}; do [ -f "$f" ] && set -- "$@" "$f"; done`,
      '[ $# -gt 0 ] || exit 0',
      'sums=$(sha256sum -- "$@" 2>/dev/null)',
      ...eachLineOf('sums'),
      '  s=${l%% *}; f=${l#*  }; e=',
      `  printf 'sha256 %s %s\\n' "$s" "$f"`,
      '  case $f in',
      ...cases,
      '  esac',
      '  [ "$s" = "$e" ] && continue',
      '  m=; { read -r m; read -r m; } < "$f"',
      `  case $m in ${quoteArg(BUNDLED_HOOK_MARK)}*) printf 'base64 %s\\n' "$f"; head -c ${MAX_CONTENT_BYTES + 1} "$f" | base64; echo end ;; esac`,
      'done',
    ].join('\n'),
  };
}

export function parseInstalledFiles(stdout: string, exitCode: number, paths: readonly string[]): Map<string, InstalledFile> {
  const what = 'sha256sum of the bundled hook files';
  if (exitCode !== 0) throw new ParseError(what, stdout, `exit ${exitCode}`);
  const lines = stdout.split('\n');
  if (lines[0] === 'no-sha256sum') throw new ParseError(what, stdout, 'sha256sum (coreutils) is not installed');
  const found = new Map<string, InstalledFile>();
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line === '') continue;
    const sum = /^sha256 ([0-9a-f]{64}) (.+)$/.exec(line);
    if (sum && paths.includes(sum[2]!)) {
      found.set(sum[2]!, { sha256: sum[1]! });
      continue;
    }
    const head = /^base64 (.+)$/.exec(line);
    const file = head ? found.get(head[1]!) : undefined;
    if (!head || !file) throw new ParseError(what, line, 'unexpected line');
    const end = lines.indexOf('end', i + 1);
    if (end < 0) throw new ParseError(what, stdout, `no end of the content of ${head[1]}`);
    const bytes = Buffer.from(lines.slice(i + 1, end).join(''), 'base64');
    if (bytes.length <= MAX_CONTENT_BYTES) file.content = bytes.toString('utf8');
    i = end;
  }
  return found;
}
