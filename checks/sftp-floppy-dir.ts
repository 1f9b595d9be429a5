/**
 * sftp-floppy-dir: floppy.serverPath is a directory owned by the upload user, group `kvm`, mode 0770 (setgid
 * allowed; o+x allowed), and group `kvm` exists.
 *
 * Why: the upload user puts and removes images; qemu on the hypervisors reads and writes them through group kvm,
 * and nobody else may see them (they hold sysprep secrets) (howto "Now let's fix the permissions"; facts §5.2).
 * NFS carries numbers, so kvm must be gid 36 as on every oVirt host (facts §5.1; cross-kvm-gid compares).
 * The fix sets 2770: the setgid bit gives every upload group kvm whatever the uploader's own group (facts §6.1).
 * o+x (0771/2771) is accepted: a root_squash export needs it for libvirt's stat (facts §5.2). Role: sftp.
 * Needs sftp-upload-user.
 */
import { defineCheck, type Finding, type Step } from '../src/check-api.js';
import { resolveSftp } from '../src/config/resolved.js';
import type { Config } from '../src/config/types.js';
import { parseGetentGroups, type GroupEntry } from './lib/passwd-entry.js';
import { sftpConfigured } from './lib/sftp-config.js';
import { octal, parseStatLines, statArgv, type StatEntry } from './lib/stat-lines.js';

export const KVM_GID = 36;

export interface FloppyDirObserved {
  dir: Map<string, StatEntry>;
  /** `getent group kvm 36`: the kvm group and whoever holds gid 36. */
  groups: GroupEntry[];
}

/** 0770 or 2770, optionally with o+x; nothing else. */
export function isFloppyDirMode(mode: number): boolean {
  return (mode & ~0o2001) === 0o770;
}

interface Wanted {
  findings: Finding[];
  steps: Step[];
}

function evaluate(o: FloppyDirObserved, config: Config): Wanted {
  const { uploadUser: user, serverPath: path } = resolveSftp(config);
  const findings: Finding[] = [];
  const steps: Step[] = [];
  const kvm = o.groups.find((g) => g.name === 'kvm');
  const holder = o.groups.find((g) => g.gid === KVM_GID && g.name !== 'kvm');
  if (!kvm) {
    findings.push(
      holder
        ? {
            code: 'kvm-group-missing',
            message: `group kvm does not exist and gid ${KVM_GID} belongs to ${holder.name}: create kvm with the hypervisors' gid by hand`,
            fixable: false,
          }
        : { code: 'kvm-group-missing', message: `group kvm (gid ${KVM_GID}, as on oVirt hosts) does not exist` },
    );
    if (!holder)
      steps.push({ describe: `create group kvm with gid ${KVM_GID}`, run: { argv: ['groupadd', '-r', '-g', String(KVM_GID), 'kvm'] } });
  }
  const group = kvm || !holder ? 'kvm' : undefined;
  const dir = o.dir.get(path);
  if (!dir) {
    findings.push({ code: 'floppy-dir-missing', message: `${path} does not exist` });
    steps.push({
      describe: `create ${path} (${user}:${group ?? '-'} 2770)`,
      run: { argv: ['install', '-d', '-m', '2770', '-o', user, ...(group ? ['-g', group] : []), path] },
    });
    return { findings, steps };
  }
  if (dir.type !== 'directory')
    return {
      findings: [...findings, { code: 'floppy-dir-not-directory', message: `${path} is a ${dir.type}`, fixable: false }],
      steps: [],
    };
  const wrongOwner = dir.user !== user;
  const wrongGroup = dir.group !== 'kvm';
  if (wrongOwner) findings.push({ code: 'floppy-dir-owner', message: `${path} is owned by ${dir.user}`, expected: user, actual: dir.user });
  if (wrongGroup)
    findings.push({
      code: 'floppy-dir-group',
      message: `${path} has group ${dir.group}`,
      expected: 'kvm',
      actual: dir.group,
      fixable: group !== undefined,
    });
  if ((wrongOwner || wrongGroup) && (group || !wrongGroup)) {
    const owner = `${user}${group && wrongGroup ? `:${group}` : ''}`;
    steps.push({ describe: `chown ${owner} ${path}`, run: { argv: ['chown', owner, path] } });
  }
  if (!isFloppyDirMode(dir.mode)) {
    findings.push({
      code: 'floppy-dir-mode',
      message: `${path} has mode ${octal(dir.mode)}`,
      expected: '0770 or 2770',
      actual: octal(dir.mode),
    });
    steps.push({ describe: `chmod 2770 ${path}`, run: { argv: ['chmod', '2770', path] } });
  }
  return { findings, steps };
}

export default defineCheck<FloppyDirObserved, Config>({
  id: 'sftp-floppy-dir',
  title: 'the floppy directory is uploaduser:kvm 0770 (setgid allowed)',
  roles: ['sftp'],
  severity: 'error',
  appliesTo: sftpConfigured,
  dependsOn: ['sftp-upload-user'],
  probe: ({ config }) => ({
    dir: { run: statArgv([resolveSftp(config).serverPath], true), parse: (out) => parseStatLines(out, 'stat of floppy directory') },
    groups: { run: ['getent', 'group', 'kvm', String(KVM_GID)], parse: parseGetentGroups },
  }),
  compare: (o, { config }) => evaluate(o, config).findings,
  fix: (o, { config }) => evaluate(o, config).steps,
});
