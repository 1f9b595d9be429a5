/**
 * Validation of a candidate fstab before it replaces the live one (DESIGN §3 safety rules: `findmnt --verify`).
 *
 * `findmnt --verify` (util-linux 2.29+) also reports problems of lines we never touch: a stock fstab on a cloned VM
 * may name a UUID that is not there. Refusing our change because of them would make the tool useless on such a
 * host, so the rule is "do not make it worse": the candidate fails when it has more parse errors or more errors
 * than the live file. The summary line "N parse errors, N errors, N warnings" goes to stderr; a clean file prints
 * only "Success, ..." on stdout (counts 0 0). util-linux older than 2.29 (EL7) has no --verify: the candidate is
 * then not verified, and the script says so on stderr.
 *
 * The argv runs as the runner's `validate` with `{}` = candidate path. The script avoids the two-character
 * sequence of an empty brace pair, which the runner would substitute.
 */
const SCRIPT = [
  'cand=$1; live=$2',
  "if ! findmnt --help 2>/dev/null | grep -q -e '--verify'; then",
  "  echo 'findmnt has no --verify (util-linux < 2.29): candidate fstab not verified' >&2; exit 0",
  'fi',
  'counts() {',
  "  c=$(findmnt --verify --tab-file \"$1\" 2>&1 >/dev/null | sed -n 's/^\\([0-9][0-9]*\\) parse errors*, \\([0-9][0-9]*\\) errors*,.*/\\1 \\2/p' | tail -n 1)",
  "  echo \"${c:-0 0}\"",
  '}',
  'set -- $(counts "$cand") $(counts "$live")',
  'if [ "$1" -gt "$3" ] || [ "$2" -gt "$4" ]; then',
  "  why=$(findmnt --verify --tab-file \"$cand\" 2>&1 | grep -e '\\[E\\]' -e 'parse error' | tr -s ' \\n' ' ')",
  '  echo "findmnt --verify: candidate has $1 parse errors, $2 errors (live fstab: $3, $4):$why"',
  '  exit 1',
  'fi',
].join('\n');

export function fstabValidateArgv(livePath: string): string[] {
  return ['sh', '-c', SCRIPT, 'sh', '{}', livePath];
}
