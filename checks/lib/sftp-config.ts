/**
 * The sftp part of the config, with the values that end up in shell commands, sshd_config and fstab checked
 * once (quote() makes commands safe; those files have their own syntax, so unsafe values are refused outright).
 */
import type { Config, SftpConfig } from '../../src/config/types.js';
import { assertSafePath, assertSafeUserName } from '../../src/shell/quote.js';
import { normalizePath } from './fstab-parse.js';

export interface SftpSettings extends SftpConfig {
  /** chrootDir without a trailing slash. */
  chroot: string;
  /** chrootDir/floppySubdir: where serverPath is bind-mounted. */
  mountTarget: string;
  serverPath: string;
}

export function sftpSettings(config: Config): SftpSettings {
  const sftp = config.sftp;
  if (!sftp) throw new Error('no sftp host configured');
  assertSafeUserName(sftp.uploadUser, 'sftp.uploadUser');
  const chroot = normalizePath(assertSafePath(sftp.chrootDir, 'sftp.chrootDir'));
  const subdir = sftp.floppySubdir.replace(/^\/+|\/+$/g, '');
  const mountTarget = normalizePath(assertSafePath(`${chroot}/${subdir}`, 'sftp.floppySubdir'));
  const serverPath = normalizePath(assertSafePath(config.floppy.serverPath, 'floppy.serverPath'));
  return { ...sftp, chroot, mountTarget, serverPath };
}

/** appliesTo of every sftp check: without an sftp host in the config there is nothing to check. */
export function sftpConfigured({ config }: { config: Config }): true | string {
  return config.sftp ? true : 'no sftp host in the configuration';
}
