/**
 * Facts gathered once per host, in the same remote script as the probes (HostFacts in check-api.ts).
 *
 * ONE script command, and it starts as few processes as it can: this runs on every audited host (hundreds of
 * hypervisors), and each process costs a fork, an exec and a dynamic link (bench/README.md "Limits found" 2).
 *  - hostname and uid come from /proc through the shell's `read` builtin (no `uname`, no `id`; both only as a
 *    fallback when /proc is not mounted). /proc/sys/kernel/hostname is the nodename `uname -n` prints, of the
 *    reader's UTS namespace; the second Uid: field of /proc/self/status is the effective uid `id -u` prints (the
 *    file is opened by the shell itself, a builtin redirection, so "self" is the probing shell).
 *  - which tools exist: `command -v` is a builtin; printed directly, never through one `$( )` per name.
 *  - /etc/os-release and the first line of /etc/redhat-release are read with `read` too (no `cat`), each line
 *    prefixed, so a missing redhat-release is simply no `redhat-release:` line.
 *  - ONE `rpm -q` for vdsm, ovirt-engine and vdsm-hook-floppy (the hook package check reads it from here);
 *    `getenforce` only where it exists. These two are the only processes besides the script's own framing.
 * No `ssh -V`: the OpenSSH version is needed only by sftp-sshd-chroot, which asks its own sshd.
 *
 * Output, one fact per line: `hostname=`, `uid=`, `cmd.<tool>=<path>`, `unit=<path>`, `os-release:<line>`,
 * `redhat-release:<line>`, `rpm:<name> <version>-<release>` or rpm's own `package <name> is not installed`,
 * `rpm-exit=<n>`, `getenforce=<exit> <output>`. Single-valued keys take their first occurrence, so text printed
 * later (a line of os-release, getenforce garbage) cannot override what was printed before it.
 */
import type { HostFacts } from '../check-api.js';
import { ParseError } from '../errors.js';
import type { ProbeOutput, ScriptCommand } from './probe-script.js';

/** The packages the one `rpm -q` asks for, in this order. */
export const FACT_PACKAGES = ['vdsm', 'ovirt-engine', 'vdsm-hook-floppy'] as const;
export type FactPackage = (typeof FACT_PACKAGES)[number];

export const HOST_FACTS_KEY = '@facts/host';

const HOST_FACTS_SCRIPT = [
  'h=; [ -r /proc/sys/kernel/hostname ] && read -r h </proc/sys/kernel/hostname',
  '[ -n "$h" ] || h=$(uname -n)',
  'echo "hostname=$h"',
  'u=; [ -r /proc/self/status ] && while read -r k r e x; do [ "$k" = Uid: ] && { u=$e; break; }; done </proc/self/status',
  '[ -n "$u" ] || u=$(id -u)',
  'echo "uid=$u"',
  'for c in dnf yum rpm getenforce sshd; do command -v "$c" >/dev/null && { printf \'cmd.%s=\' "$c"; command -v "$c"; }; done',
  'for f in /usr/lib/systemd/system/sshd.service /lib/systemd/system/ssh.service /usr/lib/systemd/system/ssh.service; do [ -e "$f" ] && echo "unit=$f"; done',
  '[ -x /usr/sbin/sshd ] && echo "cmd.sshd=/usr/sbin/sshd"',
  '[ -r /etc/os-release ] && while IFS= read -r l || [ -n "$l" ]; do printf \'os-release:%s\\n\' "$l"; done </etc/os-release',
  '[ -r /etc/redhat-release ] && { IFS= read -r l </etc/redhat-release; printf \'redhat-release:%s\\n\' "$l"; }',
  // rpm's exit status is the number of packages not installed: data, not failure.
  `command -v rpm >/dev/null && { rpm -q --qf 'rpm:%{NAME} %{VERSION}-%{RELEASE}\\n' ${FACT_PACKAGES.join(' ')}; printf '\\nrpm-exit=%s\\n' "$?"; }`,
  'command -v getenforce >/dev/null && { e=$(getenforce); printf \'getenforce=%s %s\\n\' "$?" "$e"; }',
  'true',
].join('\n');

export const FACT_COMMANDS: ScriptCommand[] = [{ key: HOST_FACTS_KEY, command: HOST_FACTS_SCRIPT }];

export interface RpmVersions {
  /** Version-release per installed package; several installed versions joined with ", ". */
  versions: Partial<Record<FactPackage, string>>;
  /** Packages rpm said nothing about (neither a version nor "is not installed"). */
  unanswered: FactPackage[];
  exitCode?: number;
}

/** The `rpm:`/`package … is not installed`/`rpm-exit=` lines of the facts output. */
export function parseRpmVersions(lines: readonly string[]): RpmVersions {
  const found = new Map<FactPackage, string[]>();
  const missing = new Set<FactPackage>();
  let exitCode: number | undefined;
  const known = (name: string | undefined): name is FactPackage => (FACT_PACKAGES as readonly string[]).includes(name ?? '');
  for (const line of lines) {
    const installed = /^rpm:(\S+) (\S+)$/.exec(line);
    if (installed && known(installed[1])) found.set(installed[1], [...(found.get(installed[1]) ?? []), installed[2]!]);
    const absent = /^package (\S+) is not installed$/.exec(line);
    if (absent && known(absent[1])) missing.add(absent[1]);
    const exit = /^rpm-exit=(\d+)$/.exec(line);
    if (exit && exitCode === undefined) exitCode = Number(exit[1]);
  }
  const versions: RpmVersions['versions'] = {};
  for (const [name, list] of found) versions[name] = list.join(', ');
  return { versions, unanswered: FACT_PACKAGES.filter((p) => !found.has(p) && !missing.has(p)), exitCode };
}

function unquoteOsRelease(value: string): string {
  return value.replace(/^"(.*)"$/, '$1').replace(/^'(.*)'$/, '$1');
}

export function parseHostFacts(outputs: Map<string, ProbeOutput>): HostFacts {
  const out = outputs.get(HOST_FACTS_KEY) ?? { stdout: '', exitCode: 127 };
  const lines = out.stdout.split('\n');
  const first = (key: string): string | undefined => {
    const line = lines.find((l) => l.startsWith(`${key}=`));
    return line === undefined ? undefined : line.slice(key.length + 1);
  };
  const hostname = first('hostname');
  const uidText = first('uid') ?? '';
  if (hostname === undefined || !/^\d+$/.test(uidText)) {
    throw new ParseError('host facts', out.stdout, 'missing hostname or uid');
  }
  const has = (tool: string) => first(`cmd.${tool}`) !== undefined;

  const os = new Map<string, string>();
  for (const line of lines) {
    if (!line.startsWith('os-release:')) continue;
    const kv = line.slice('os-release:'.length);
    const eq = kv.indexOf('=');
    if (eq > 0) os.set(kv.slice(0, eq), kv.slice(eq + 1));
  }
  const redhatLine = lines.find((l) => l.startsWith('redhat-release:'));

  const hasRpm = has('rpm');
  const rpm = hasRpm ? parseRpmVersions(lines) : undefined;
  const rpmError =
    rpm && rpm.unanswered.length > 0
      ? `rpm -q ${FACT_PACKAGES.join(' ')} gave no answer for ${rpm.unanswered.join(', ')} (${rpm.exitCode === undefined ? 'no exit status: cut short' : `exit ${rpm.exitCode}`})`
      : undefined;

  const enforce = /^(\d+) ?(.*)$/.exec(first('getenforce') ?? '');
  const mode = enforce && enforce[1] === '0' ? enforce[2]!.trim().toLowerCase() : 'absent';

  const units = lines.filter((l) => l.startsWith('unit='));
  const hasSshUnit = units.some((l) => l.endsWith('/ssh.service')) && !units.some((l) => l.endsWith('/sshd.service'));
  return {
    hostname,
    uid: Number(uidText),
    osId: unquoteOsRelease(os.get('ID') ?? 'unknown'),
    osVersionId: unquoteOsRelease(os.get('VERSION_ID') ?? ''),
    redhatRelease: redhatLine?.slice('redhat-release:'.length).trim() || undefined,
    packageManager: has('dnf') ? 'dnf' : has('yum') ? 'yum' : undefined,
    hasRpm,
    // A package rpm did not answer for stays undefined here; rpmError tells the checks it is unknown, not absent.
    vdsmVersion: rpm?.versions.vdsm?.split(', ').at(-1),
    engineVersion: rpm?.versions['ovirt-engine']?.split(', ').at(-1),
    hookPackageVersion: rpm?.versions['vdsm-hook-floppy'],
    ...(rpmError ? { rpmError } : {}),
    selinux: mode === 'enforcing' || mode === 'permissive' || mode === 'disabled' ? mode : 'absent',
    sshdService: hasSshUnit ? 'ssh' : 'sshd',
    sshdPath: first('cmd.sshd'),
  };
}
