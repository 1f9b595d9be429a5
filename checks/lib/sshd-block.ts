/**
 * The one block of sshd configuration the tool owns (DESIGN §3: never touch lines we do not own).
 *
 * Content, for the upload user only (facts §6.2; conventions §6):
 *  - `ChrootDirectory` + `ForceCommand internal-sftp`: the in-process sftp server needs no files in the jail.
 *    `-u 0007` replaces sshd's umask 022, so an upload that asks for 0666 (the howto's rollout script does) lands
 *    as 0660 and qemu (group kvm through the setgid floppy directory) can open it read-write (facts §5.2,
 *    sftp-server.8 `-u`; measured: 0666 → 0660, 0644 → 0640). No `-d`: sessions start at `/` of the chroot as
 *    in the howto, so upload scripts that use `floppy/<name>` keep working. `-l INFO -f AUTHPRIV` logs every
 *    open/close/remove/rename with the user and the file name (sftp-server.8 `-l`, `-f`; INFO is the lowest level
 *    that logs file operations), so who uploaded or removed which image is on record in the auth log (EL:
 *    /var/log/secure, Debian: /var/log/auth.log). A chrooted internal-sftp needs no /dev/log in the jail: the
 *    post-auth child sends its log lines to the privileged monitor (measured in the lab: they reach sshd -E's file).
 *  - forwarding off: `DisableForwarding yes` from OpenSSH 7.4, else the individual keywords (ForceCommand alone
 *    does not stop forwarding, facts §6.2); `PermitTunnel no` in both cases (DisableForwarding does not cover it).
 *  - `PermitTTY no`, and `PubkeyAuthentication yes` so a global "no" cannot lock the key-only user out.
 *  - `Subsystem sftp internal-sftp` only when sshd has no sftp subsystem at all: a second definition is fatal
 *    before OpenSSH 9.5 (facts §6.3). An existing `Subsystem sftp <path>/sftp-server` stays untouched: with
 *    `ForceCommand internal-sftp` sshd runs the in-process server for this user whatever the subsystem names
 *    (session.c do_exec: a forced `internal-sftp` turns the subsystem request into SUBSYSTEM_INT_SFTP), and
 *    rewriting it would change sftp for every other user.
 */
import { BLOCK_BEGIN, BLOCK_END } from './sshd-config-scan.js';

export interface BlockOptions {
  user: string;
  chrootDir: string;
  /** sshd's own version (SSHD_VERSION_COMMAND), e.g. "9.2p1" or "9.2"; unknown means "assume old". */
  opensshVersion?: string;
  withSubsystem: boolean;
}

/**
 * The OpenSSH version of the server itself, asked by the sftp-sshd-chroot probe on the sftp host only (it used to
 * be a host fact, i.e. one more process on every hypervisor, where nothing needs it). `sshd -V` prints
 * `OpenSSH_9.2, OpenSSL 3.0.20 …` on stderr where sshd has -V; where it has not (e.g. EL7's 7.4p1), the unknown
 * option makes sshd print its usage, which starts with the same banner (`OpenSSH_7.4p1, OpenSSL 1.0.2k-fips …`,
 * sshd.c usage() in every release), exit 1. So the banner comes from the binary whose keywords the block must
 * suit on every version, with one process: better than `ssh -V` (the client package, which a server need not
 * have, or have in the same version) and than rpm/dpkg queries (an rpmdb open costs more than the exec, and
 * neither sees a sshd built from source).
 */
export const SSHD_VERSION_COMMAND = { sh: 'sshd -V 2>&1' };

/** "9.2" from `OpenSSH_9.2, OpenSSL …`, "7.4p1" from the usage text; undefined when there is no banner. */
export function parseSshdVersion(stdout: string, exitCode: number): string | undefined {
  if (exitCode === 127) return undefined;
  return /OpenSSH_([0-9][0-9A-Za-z.]*)/.exec(stdout)?.[1];
}

/** "9.2p1" ≥ [7, 4]? False when unknown. */
export function opensshAtLeast(version: string | undefined, major: number, minor: number): boolean {
  const m = /^(\d+)\.(\d+)/.exec(version ?? '');
  if (!m) return false;
  const [a, b] = [Number(m[1]), Number(m[2])];
  return a > major || (a === major && b >= minor);
}

/** What the managed block forces: umask 0007 and a transfer log (see the top of this file). */
export const INTERNAL_SFTP_COMMAND = 'internal-sftp -u 0007 -l INFO -f AUTHPRIV';

/** sftp-server.8 log levels from INFO up: the ones that record file operations. */
const TRANSFER_LOG_LEVELS = ['INFO', 'VERBOSE', 'DEBUG', 'DEBUG1', 'DEBUG2', 'DEBUG3'];

/**
 * Whether an effective `forcecommand` value (sshd -T prints it verbatim) runs internal-sftp with a transfer
 * log to AUTHPRIV: `-l` at INFO or above and `-f AUTHPRIV`, in any order, also as `-lINFO`.
 */
export function logsTransfers(forceCommand: string): boolean {
  const words = forceCommand.trim().split(/\s+/);
  if (words[0] !== 'internal-sftp') return false;
  const option = (flag: string): string | undefined => {
    for (let i = 1; i < words.length; i += 1) {
      const w = words[i] ?? '';
      if (w === flag) return words[i + 1];
      if (w.startsWith(flag)) return w.slice(flag.length);
    }
    return undefined;
  };
  return TRANSFER_LOG_LEVELS.includes((option('-l') ?? '').toUpperCase()) && (option('-f') ?? '').toUpperCase() === 'AUTHPRIV';
}

export function renderManagedBlock(o: BlockOptions): string[] {
  const v = o.opensshVersion;
  const forwarding = opensshAtLeast(v, 7, 4)
    ? ['DisableForwarding yes']
    : [
        'AllowTcpForwarding no',
        'X11Forwarding no',
        'AllowAgentForwarding no',
        ...(opensshAtLeast(v, 6, 7) ? ['AllowStreamLocalForwarding no'] : []),
      ];
  return [
    BLOCK_BEGIN,
    '# Do not edit: `ovirt-floppy apply` rewrites everything between BEGIN and END.',
    '# Chrooted, sftp-only upload of floppy images (ovirt-floppy check sftp-sshd-chroot).',
    ...(o.withSubsystem ? ['Subsystem sftp internal-sftp'] : []),
    `Match User ${o.user}`,
    `\tChrootDirectory ${o.chrootDir}`,
    `\tForceCommand ${INTERNAL_SFTP_COMMAND}`,
    ...forwarding.map((l) => `\t${l}`),
    '\tPermitTunnel no',
    '\tPermitTTY no',
    '\tPubkeyAuthentication yes',
    BLOCK_END,
  ];
}
