/**
 * Validation of a candidate fstab before it replaces the live one (DESIGN §3 safety rules: `findmnt --verify`).
 *
 * `findmnt --verify` (util-linux 2.29+) also reports problems of lines we never touch: a stock fstab on a cloned VM
 * may name a UUID that is not there. Refusing our change because of them would make the tool useless on such a
 * host, so the rule is "do not make it worse": the candidate fails when it has more parse errors or more errors
 * than the live file. The summary line "N parse errors, N errors, N warnings" goes to stderr; a clean file prints
 * only "Success, no errors or warnings detected" on stdout (counts 0 0). Measured with util-linux 2.38.
 *
 * Fail closed: findmnt runs under LC_ALL=C (a German summary would not match), and when neither the summary nor
 * the success line can be read — a findmnt that crashed, a message we do not know — the candidate is refused,
 * naming what findmnt said. Counts never default to 0.
 *
 * util-linux older than 2.29 (EL7 ships 2.23) has no --verify. There the same "do not make it worse" rule is
 * applied to what can still be checked without it: the number of lines that are neither blank, comments nor
 * 4 to 6 fields (what mount(8) can parse), and stderr says the candidate was checked by field count only.
 *
 * The argv runs as the runner's `validate` with `{}` = candidate path. The script avoids the two-character
 * sequence of an empty brace pair, which the runner would substitute.
 */
const SCRIPT = [
  'cand=$1; live=$2',
  'export LC_ALL=C',
  "if ! findmnt --help 2>/dev/null | grep -q -e '--verify'; then",
  '  bad() { awk \'!/^[ \\t]*(#|$)/ && (NF < 4 || NF > 6) { n++ } END { print n + 0 }\' "$1"; }',
  '  b=$(bad "$cand") && l=$(bad "$live") || { echo "cannot read $cand or $live"; exit 1; }',
  "  echo 'findmnt has no --verify (util-linux < 2.29): candidate fstab checked by field count only' >&2",
  '  if [ "$b" -gt "$l" ]; then echo "candidate fstab has $b unparseable lines (live fstab: $l)"; exit 1; fi',
  '  exit 0',
  'fi',
  'counts() {',
  '  out=$(findmnt --verify --tab-file "$1" 2>&1)',
  "  c=$(printf '%s\\n' \"$out\" | sed -n 's/^\\([0-9][0-9]*\\) parse errors*, \\([0-9][0-9]*\\) errors*,.*/\\1 \\2/p' | tail -n 1)",
  "  if [ -z \"$c\" ]; then case $out in *'Success, no errors'*) c='0 0' ;; esac; fi",
  '  if [ -z "$c" ]; then',
  '    echo "cannot read the summary of findmnt --verify for $1: $(printf \'%s\\n\' "$out" | grep -v \'^ *$\' | tail -n 1)"',
  '    return 1',
  '  fi',
  '  echo "$c"',
  '}',
  'cc=$(counts "$cand") || { echo "$cc"; exit 1; }',
  'lc=$(counts "$live") || { echo "$lc"; exit 1; }',
  'set -- $cc $lc',
  'if [ "$1" -gt "$3" ] || [ "$2" -gt "$4" ]; then',
  "  why=$(findmnt --verify --tab-file \"$cand\" 2>&1 | grep -e '\\[E\\]' -e 'parse error' | tr -s ' \\n' ' ')",
  '  echo "findmnt --verify: candidate has $1 parse errors, $2 errors (live fstab: $3, $4):$why"',
  '  exit 1',
  'fi',
].join('\n');

export function fstabValidateArgv(livePath: string): string[] {
  return ['sh', '-c', SCRIPT, 'sh', '{}', livePath];
}
