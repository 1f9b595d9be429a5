/**
 * Facts gathered once per host, in the same remote script as the probes (HostFacts in check-api.ts).
 * Few commands, no loops of forks: these run on every audited hypervisor.
 */
import type { HostFacts } from '../check-api.js';
import { ParseError } from '../errors.js';
import type { ProbeOutput, ScriptCommand } from './probe-script.js';

export const FACT_COMMANDS: ScriptCommand[] = [
  // hostname, uid and which tools exist, from builtins only (one fork for the substitution).
  {
    key: '@facts/basics',
    command:
      'echo "hostname=$(uname -n)"; echo "uid=$(id -u)"; ' +
      'for c in dnf yum rpm getenforce sshd; do p=$(command -v "$c") && echo "cmd.$c=$p"; done; ' +
      'for u in /usr/lib/systemd/system/sshd.service /lib/systemd/system/ssh.service /usr/lib/systemd/system/ssh.service; do [ -e "$u" ] && echo "unit=$u"; done; ' +
      '[ -x /usr/sbin/sshd ] && echo "cmd.sshd=/usr/sbin/sshd"; true',
  },
  { key: '@facts/os-release', command: 'cat /etc/os-release' },
  { key: '@facts/redhat-release', command: 'cat /etc/redhat-release' },
  // One rpm call for both packages; exit status = number of packages missing, so it is data, not failure.
  {
    key: '@facts/rpm',
    command: "rpm -q --qf '%{NAME} %{VERSION}-%{RELEASE}\\n' vdsm ovirt-engine",
  },
  { key: '@facts/getenforce', command: 'getenforce' },
  // `ssh -V` prints the OpenSSH version on stderr; the server binary rarely differs from the client's package.
  { key: '@facts/openssh', command: 'ssh -V 2>&1 || sshd -V 2>&1' },
];

function keyValues(text: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const line of text.split('\n')) {
    const eq = line.indexOf('=');
    if (eq > 0) map.set(line.slice(0, eq), line.slice(eq + 1));
  }
  return map;
}

function unquoteOsRelease(value: string): string {
  return value.replace(/^"(.*)"$/, '$1').replace(/^'(.*)'$/, '$1');
}

export function parseRpmVersions(out: ProbeOutput): { vdsm?: string; engine?: string } {
  const result: { vdsm?: string; engine?: string } = {};
  for (const line of out.stdout.split('\n')) {
    const m = /^(vdsm|ovirt-engine) (\S+)$/.exec(line.trim());
    if (m?.[1] === 'vdsm') result.vdsm = m[2];
    if (m?.[1] === 'ovirt-engine') result.engine = m[2];
  }
  return result;
}

export function parseHostFacts(outputs: Map<string, ProbeOutput>): HostFacts {
  const get = (key: string): ProbeOutput => outputs.get(key) ?? { stdout: '', exitCode: 127 };
  const basics = keyValues(get('@facts/basics').stdout);
  const uid = Number(basics.get('uid'));
  if (!basics.has('hostname') || !Number.isInteger(uid)) {
    throw new ParseError('host facts', get('@facts/basics').stdout, 'missing hostname or uid');
  }
  const os = keyValues(get('@facts/os-release').stdout);
  const redhat = get('@facts/redhat-release');
  const enforce = get('@facts/getenforce');
  const rpm = basics.has('cmd.rpm') ? parseRpmVersions(get('@facts/rpm')) : {};
  const openssh = /OpenSSH_([0-9][0-9A-Za-z.]*)/.exec(get('@facts/openssh').stdout)?.[1];
  // keyValues keeps one value per key, so look at the raw lines for the unit files that exist.
  const unitText = get('@facts/basics').stdout;
  const hasSshUnit = /unit=.*\/ssh\.service/.test(unitText) && !/unit=.*\/sshd\.service/.test(unitText);
  const mode = enforce.exitCode === 0 ? enforce.stdout.trim().toLowerCase() : 'absent';
  return {
    hostname: basics.get('hostname') ?? '',
    uid,
    osId: unquoteOsRelease(os.get('ID') ?? 'unknown'),
    osVersionId: unquoteOsRelease(os.get('VERSION_ID') ?? ''),
    redhatRelease: redhat.exitCode === 0 ? redhat.stdout.split('\n')[0]?.trim() || undefined : undefined,
    packageManager: basics.has('cmd.dnf') ? 'dnf' : basics.has('cmd.yum') ? 'yum' : undefined,
    hasRpm: basics.has('cmd.rpm'),
    vdsmVersion: rpm.vdsm,
    engineVersion: rpm.engine,
    selinux: mode === 'enforcing' || mode === 'permissive' || mode === 'disabled' ? mode : 'absent',
    sshdService: hasSshUnit ? 'ssh' : 'sshd',
    sshdPath: basics.get('cmd.sshd'),
    opensshVersion: openssh,
  };
}
