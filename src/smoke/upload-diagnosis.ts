/**
 * Why an upload failed, asked of the sftp server as root after the fact (best effort, one exec). The upload
 * user's client sees little: a chroot that sshd refuses just closes the connection after authentication (sshd
 * logs `bad ownership or modes for chroot directory component`, facts §6.1), and a missing bind mount leaves
 * the root-owned mount point, so a write is "Permission denied". Both are visible from the server side.
 */
import type { ResolvedSftp } from '../config/resolved.js';
import { quoteArg } from '../shell/quote.js';

/** What the diagnosis needs of the resolved sftp settings (src/config/resolved.ts). */
export type DiagnosisWhere = Pick<ResolvedSftp, 'chrootComponents' | 'mountTarget' | 'serverPath'>;

/** Script lines: `stat` of each chroot component (uid, octal mode, path), then whether the floppy dir is a mount point. */
export function uploadDiagnosisScript(where: Pick<DiagnosisWhere, 'chrootComponents' | 'mountTarget'>): string[] {
  return [
    ...where.chrootComponents.map(
      (p) => `stat -L -c 'component %u %a %n' ${quoteArg(p)} 2>/dev/null || echo ${quoteArg(`component missing - ${p}`)}`,
    ),
    `if mountpoint -q ${quoteArg(where.mountTarget)}; then echo 'mountpoint yes'; else echo 'mountpoint no'; fi`,
  ];
}

/** The broken links the diagnosis output shows, each a sentence naming it; empty when it shows none. */
export function parseUploadDiagnosis(stdout: string, where: Pick<DiagnosisWhere, 'mountTarget' | 'serverPath'>): string[] {
  const { mountTarget, serverPath } = where;
  const findings: string[] = [];
  for (const line of stdout.split('\n')) {
    const m = /^component (\S+) (\S+) (.+)$/.exec(line);
    if (m) {
      const [, uid, mode, path] = m as unknown as [string, string, string, string];
      if (uid === 'missing') findings.push(`chroot path component ${path} does not exist`);
      else if (uid !== '0' || (parseInt(mode, 8) & 0o022) !== 0) {
        findings.push(
          `chroot path component ${path} is uid ${uid} mode ${mode.padStart(4, '0')}: sshd refuses a chroot unless every component is root-owned and not group/other-writable (sftp-chroot-path, facts §6.1)`,
        );
      }
    }
  }
  if (/^mountpoint no$/m.test(stdout)) {
    findings.push(`${mountTarget} is not a mount point: the bind mount of ${serverPath} into the chroot is missing (sftp-bind-mount)`);
  }
  return findings;
}
