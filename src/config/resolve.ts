/**
 * The hosts of a run: one HostTarget per configured host, in role order (manager, hypervisors, sftp), with the
 * host's own connection settings over the `ssh` defaults. `--only` narrows the list by role or by host.
 */
import { UsageError } from '../errors.js';
import { givenSshValues } from './given.js';
import { ROLE_WORDS } from './rules.js';
import type { Config, HostConfig, HostTarget, Role } from './types.js';

function target(config: Config, role: Role, h: HostConfig): HostTarget {
  const given = givenSshValues(config);
  return {
    name: h.name,
    role,
    host: h.host,
    user: h.user ?? config.ssh.user,
    port: h.port ?? config.ssh.port,
    // A host's identityFiles replace the default list: a host with its own key should not be offered others.
    identityFiles: h.identityFiles ?? config.ssh.identityFiles,
    become: h.become ?? config.ssh.become,
    ...(given ? { explicit: { user: h.user !== undefined || given.user, port: h.port !== undefined || given.port } } : {}),
  };
}

/** Every configured host, in role order. */
export function allHostTargets(config: Config): HostTarget[] {
  return [
    ...(config.manager ? [target(config, 'manager', config.manager)] : []),
    ...config.hypervisors.map((h) => target(config, 'hypervisor', h)),
    ...(config.sftp ? [target(config, 'sftp', config.sftp)] : []),
  ];
}

/**
 * The hosts to work on. `only` (from `--only`, repeatable, comma-separated values allowed) holds role words
 * (`manager`, `hypervisor`/`hypervisors`, `sftp`) and/or host names (`name` or `host`); the result is the
 * union, in role order. An empty or missing `only` means every host. A value that matches nothing is a
 * UsageError (exit 2) listing what would have matched.
 */
export function hostTargets(config: Config, only?: readonly string[]): HostTarget[] {
  const all = allHostTargets(config);
  const wanted = (only ?? [])
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v !== '');
  if (wanted.length === 0) return all;
  const picked = new Set<HostTarget>();
  const unknown: string[] = [];
  for (const w of wanted) {
    const role = ROLE_WORDS[w];
    const matches = all.filter((t) => (role !== undefined && t.role === role) || t.name === w || t.host.toLowerCase() === w.toLowerCase());
    if (matches.length === 0) unknown.push(w);
    for (const m of matches) picked.add(m);
  }
  if (unknown.length > 0) {
    const names = [...new Set(all.map((t) => t.name))].join(', ') || 'none';
    throw new UsageError(
      `--only ${unknown.map((u) => JSON.stringify(u)).join(', ')} matches no configured role or host (roles: manager, hypervisor, sftp; hosts: ${names})`,
    );
  }
  return all.filter((t) => picked.has(t));
}

/** The sftp server as the upload user with its key only (sftp-live and the smoke); undefined without the key file. */
export function uploadUserTarget(config: Config): HostTarget | undefined {
  const sftp = config.sftp;
  if (!sftp?.uploadIdentityFile) return undefined;
  return {
    name: sftp.name,
    role: 'sftp',
    host: sftp.host,
    user: sftp.uploadUser,
    port: sftp.port ?? config.ssh.port,
    identityFiles: [sftp.uploadIdentityFile],
    become: 'none',
  };
}
