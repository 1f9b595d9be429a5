/**
 * Paths on the managed hosts, spelled one way. Checks compare paths as strings (config values against
 * sshd_config, fstab and findmnt), so `/srv/floppy_chroot/`, `/srv//floppy_chroot` and `/srv/./floppy_chroot`
 * must all read `/srv/floppy_chroot`. Pure: the config loader, every check and the smoke use these.
 */

/**
 * Repeated slashes collapsed, `.` components dropped, a trailing slash removed; `/` stays `/`. A `..` component
 * is kept as written: on a remote host it may cross a symlink, so only the host can resolve it (the schema
 * refuses `..` in config paths; fstab and sshd_config values that hold one stay visibly different).
 */
export function normalizeRemotePath(path: string): string {
  const absolute = path.startsWith('/');
  const parts = path.split('/').filter((p) => p !== '' && p !== '.');
  const joined = parts.join('/');
  if (absolute) return `/${joined}`;
  return joined === '' ? (path === '' ? '' : '.') : joined;
}

/**
 * `/srv/floppy_chroot/` → `/`, `/srv`, `/srv/floppy_chroot`: every component from the root down, as sshd's
 * safely_chroot() walks a ChrootDirectory (facts §6.1).
 */
export function chrootComponents(path: string): string[] {
  const parts = path.split('/').filter(Boolean);
  return ['/', ...parts.map((_, i) => `/${parts.slice(0, i + 1).join('/')}`)];
}
