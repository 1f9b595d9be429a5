/**
 * The config's derived values, resolved once: normalised paths, the bind-mount target inside the chroot, the
 * chroot components sshd walks. Every check and the smoke read these instead of deriving them again, so a path
 * has one spelling everywhere. Values that end up in shell commands, sshd_config and fstab are checked here
 * (quote() makes commands safe; those files have their own syntax, so unsafe values are refused outright, and
 * the refusal becomes the asking check's error).
 *
 * Pure (checks may import it). Resolved at most once per config object and input: a test that edits a config
 * after a first use gets values for the edited config, never stale ones.
 */
import type { Config, SftpConfig } from './types.js';
import { assertSafePath, assertSafeUserName } from '../shell/quote.js';
import { chrootComponents, normalizeRemotePath } from './remote-path.js';

export interface ResolvedSftp extends SftpConfig {
  /** chrootDir, normalised. */
  chroot: string;
  /** chrootDir/floppySubdir: where serverPath is bind-mounted. */
  mountTarget: string;
  /** floppy.serverPath, normalised. */
  serverPath: string;
  /** `/`, then every directory down to and including the chroot (sshd's safely_chroot walk, facts §6.1). */
  chrootComponents: string[];
}

export interface ResolvedFloppy {
  /** floppy.serverPath, normalised: the directory on the sftp/NFS server. */
  serverPath: string;
  /** floppy.clientPath, normalised: the same directory as every hypervisor sees it. */
  clientPath: string;
}

/** A plain absolute path, normalised; refused (UnsafeValueError naming `what`) otherwise. */
export function safeRemotePath(path: string, what = 'path'): string {
  return normalizeRemotePath(assertSafePath(path, what));
}

type Cached<T> = { key: string; value: T } | { key: string; error: unknown };

function memo<T>(inputs: (config: Config) => unknown[], compute: (config: Config) => T): (config: Config) => T {
  const cache = new WeakMap<Config, Cached<T>>();
  return (config) => {
    const key = JSON.stringify(inputs(config));
    let hit = cache.get(config);
    if (!hit || hit.key !== key) {
      try {
        hit = { key, value: compute(config) };
      } catch (error) {
        hit = { key, error };
      }
      cache.set(config, hit);
    }
    if ('error' in hit) throw hit.error;
    return hit.value;
  };
}

/** The sftp server's values. @throws when no sftp host is configured, or a value is unsafe. */
export const resolveSftp = memo(
  (c) => [c.sftp, c.floppy.serverPath],
  (config): ResolvedSftp => {
    const sftp = config.sftp;
    if (!sftp) throw new Error('no sftp host configured');
    assertSafeUserName(sftp.uploadUser, 'sftp.uploadUser');
    const chroot = safeRemotePath(sftp.chrootDir, 'sftp.chrootDir');
    const subdir = sftp.floppySubdir.replace(/^\/+|\/+$/g, '');
    const mountTarget = safeRemotePath(`${chroot}/${subdir}`, 'sftp.floppySubdir');
    const serverPath = safeRemotePath(config.floppy.serverPath, 'floppy.serverPath');
    return { ...sftp, chroot, mountTarget, serverPath, chrootComponents: chrootComponents(chroot) };
  },
);

/** The floppy directory on both sides. @throws when a path is unsafe. */
export const resolveFloppy = memo(
  (c) => [c.floppy.serverPath, c.floppy.clientPath],
  (config): ResolvedFloppy => ({
    serverPath: safeRemotePath(config.floppy.serverPath, 'floppy.serverPath'),
    clientPath: safeRemotePath(config.floppy.clientPath, 'path'),
  }),
);
