/**
 * How a candidate sshd configuration is validated before it replaces the live file (`sshd -t`, facts §6.4).
 *
 * A main-file candidate is complete on its own: `sshd -t -f {}`.
 *
 * A drop-in candidate alone is NOT a validation of what sshd will load: sshd reads the main file, which
 * Includes every drop-in, ours among them, and a problem may only show in that combination (a second
 * `Subsystem sftp`, fatal before 9.5, facts §6.3). So the drop-in validation builds, in a private temp dir, the
 * exact set sshd will read after the rename: a copy of the drop-in directory with the candidate in our file's
 * place, and a copy of the live main file whose Include lines for that directory point at the copy; then
 * `sshd -t -f` on that main copy. Nothing under /etc/ssh is touched; the temp dir is removed on exit.
 * (The runner's own temp candidate is a dotfile, which `*.conf` globs never match.)
 *
 * Scripts run as the runner's `validate` argv, where `{}` stands for the candidate: they never contain an
 * empty brace pair themselves.
 */
import { quoteArg } from '../../src/shell/quote.js';
import { SSH_DIR } from './sshd-config-scan.js';

export function mainValidateArgv(sshd: string): string[] {
  return [sshd, '-t', '-f', '{}'];
}

export interface DropInValidation {
  sshd: string;
  /** Live main file, e.g. /etc/ssh/sshd_config. */
  mainPath: string;
  /** e.g. /etc/ssh/sshd_config.d */
  dropInDir: string;
  /** e.g. 50-ovirt-floppy.conf */
  dropInName: string;
}

function escapeBre(text: string): string {
  return text.replace(/[.[\]*^$\\]/g, '\\$&');
}

/** A sed expression (inside sh double quotes) pointing `Include <prefix>` at "$t/d/". */
function includeRewrite(prefix: string): string {
  return `-e "s#^\\([[:space:]]*[Ii][Nn][Cc][Ll][Uu][Dd][Ee][[:space:]=]\\{1,\\}\\)${escapeBre(prefix)}#\\1$t/d/#"`;
}

export function dropInValidateScript(v: DropInValidation): string {
  const prefixes = [`${v.dropInDir}/`];
  if (v.dropInDir.startsWith(`${SSH_DIR}/`)) prefixes.push(`${v.dropInDir.slice(SSH_DIR.length + 1)}/`);
  return [
    'set -e',
    't=$(mktemp -d)',
    `trap 'rm -rf "$t"' EXIT`,
    'mkdir "$t/d"',
    `for f in ${quoteArg(v.dropInDir)}/*; do [ -f "$f" ] || continue; cp "$f" "$t/d/"; done`,
    `cp "$1" "$t/d/"${quoteArg(v.dropInName)}`,
    `sed ${prefixes.map(includeRewrite).join(' ')} ${quoteArg(v.mainPath)} > "$t/main"`,
    // sshd names the temp copies; say the live paths instead (line numbers are the same: sed keeps every line).
    `if ! out=$(${quoteArg(v.sshd)} -t -f "$t/main" 2>&1); then`,
    `  printf '%s\\n' "$out" | sed -e "s#$t/main#"${quoteArg(v.mainPath)}"#g" -e "s#$t/d/#"${quoteArg(v.dropInDir)}"/#g"`,
    '  exit 1',
    'fi',
  ].join('\n');
}

export function dropInValidateArgv(v: DropInValidation): string[] {
  return ['sh', '-c', dropInValidateScript(v), 'sh', '{}'];
}
