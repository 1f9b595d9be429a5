/**
 * sftp-server checks in execution order: the account, the chroot path before sshd starts chrooting into it, the
 * sshd block, and only then the keys: a key installed before sshd confines the user (block written AND reloaded)
 * would let the partner's key run commands and open forwards (issue #13 item 1). sftp-authorized-keys depends on
 * sftp-sshd-chroot, so its steps run in the round after the reload, once the re-probe saw sshd confine the user.
 * Then the floppy directory, its bind mount into the chroot, and the audits.
 */
import type { Check } from '../src/check-api.js';
import type { Config } from '../src/config/types.js';
import sftpAuthorizedKeys from './sftp-authorized-keys.js';
import sftpBindMount from './sftp-bind-mount.js';
import sftpChrootPath from './sftp-chroot-path.js';
import sftpFloppyDir from './sftp-floppy-dir.js';
import sftpFloppyOutsideIso from './sftp-floppy-outside-iso.js';
import sftpSshdChroot from './sftp-sshd-chroot.js';
import sftpStaleImages from './sftp-stale-images.js';
import sftpUploadUser from './sftp-upload-user.js';

export const sftpChecks: Check<any, Config>[] = [
  sftpUploadUser,
  sftpChrootPath,
  sftpSshdChroot,
  sftpAuthorizedKeys,
  sftpFloppyDir,
  sftpBindMount,
  sftpFloppyOutsideIso,
  sftpStaleImages,
];
