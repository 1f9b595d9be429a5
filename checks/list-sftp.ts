/**
 * sftp-server checks in execution order: the account and its keys first, then the chroot path before sshd
 * starts chrooting into it, then the floppy directory, its bind mount into the chroot, and the audits.
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
  sftpAuthorizedKeys,
  sftpChrootPath,
  sftpSshdChroot,
  sftpFloppyDir,
  sftpBindMount,
  sftpFloppyOutsideIso,
  sftpStaleImages,
];
