/**
 * The hosts a run will show in its progress display, in report order (manager, hypervisors, sftp), filtered
 * by `--only` (a role or a host name). The runner makes the real selection; this only labels the display,
 * and a host the runner skips is simply closed when the run ends.
 * TODO(#2): use the runner's own selection once it exports one, so the two can never differ.
 */
import type { HostRef, Role } from '../check-api.js';
import type { Config } from '../config/types.js';

export function targetHosts(config: Config, only?: string[]): HostRef[] {
  const all: HostRef[] = [
    ...(config.manager ? [{ name: config.manager.name, role: 'manager' as Role, address: config.manager.host }] : []),
    ...config.hypervisors.map((h) => ({ name: h.name, role: 'hypervisor' as Role, address: h.host })),
    ...(config.sftp ? [{ name: config.sftp.name, role: 'sftp' as Role, address: config.sftp.host }] : []),
  ];
  if (!only || only.length === 0) return all;
  const wanted = new Set(only);
  return all.filter((h) => wanted.has(h.role) || wanted.has(h.name));
}
