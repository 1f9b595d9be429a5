/**
 * Defaults the schema cannot express (they depend on other values) and path normalisation. Runs after the
 * schema pass filled in the static defaults, before the rules pass, so the rules see what will be used.
 */
import { posix } from 'node:path';
import type { Config } from './types.js';
import { isObj, objAt, str, type Obj } from './guards.js';
import { defaultCdPropertyRegex, defaultPropertyRegex } from './property-regex.js';
import { normalizeRemotePath } from './remote-path.js';

/** The host sections of a document, with their path prefix; skips anything not shaped like a host. */
export function hostEntries(data: unknown): { at: (string | number)[]; role: 'manager' | 'hypervisor' | 'sftp'; host: Obj }[] {
  const out: { at: (string | number)[]; role: 'manager' | 'hypervisor' | 'sftp'; host: Obj }[] = [];
  if (!isObj(data)) return out;
  const manager = objAt(data, 'manager');
  if (manager) out.push({ at: ['manager'], role: 'manager', host: manager });
  if (Array.isArray(data.hypervisors)) {
    data.hypervisors.forEach((h, i) => {
      if (isObj(h)) out.push({ at: ['hypervisors', i], role: 'hypervisor', host: h });
    });
  }
  const sftp = objAt(data, 'sftp');
  if (sftp) out.push({ at: ['sftp'], role: 'sftp', host: sftp });
  return out;
}

const REMOTE_PATHS: [section: string, key: string][] = [
  ['sftp', 'chrootDir'],
  ['floppy', 'serverPath'],
  ['floppy', 'clientPath'],
];

/** Apply derived defaults in place: host `name` = `host`, remote paths normalised, the floppy and CD regexes from clientPath. */
export function applyDerivedDefaults(data: unknown): void {
  if (!isObj(data)) return;
  // `$schema` only tells editors where the schema is; it is not part of the typed Config.
  delete data.$schema;
  for (const { host } of hostEntries(data)) {
    if (host.name === undefined && typeof host.host === 'string') host.name = host.host;
  }
  for (const [section, key] of REMOTE_PATHS) {
    const obj = objAt(data, section);
    const value = str(obj?.[key]);
    if (obj && value !== undefined && value.startsWith('/')) obj[key] = normalizeRemotePath(value);
  }
  const floppy = objAt(data, 'floppy');
  const clientPath = str(floppy?.clientPath);
  if (floppy && floppy.propertyRegex === undefined && clientPath?.startsWith('/')) {
    floppy.propertyRegex = defaultPropertyRegex(clientPath);
  }
  if (floppy && floppy.cdPropertyRegex === undefined && clientPath?.startsWith('/')) {
    floppy.cdPropertyRegex = defaultCdPropertyRegex(clientPath);
  }
}

/** `~` and `~/x` → under `home`. Only a leading tilde: `~user` is not supported (the schema refuses it). */
export function expandHome(path: string, home: string): string {
  if (path === '~') return home;
  if (path.startsWith('~/')) return posix.join(home, path.slice(2));
  return path;
}

/** Expand `~` in every local file path of a valid config (returns a new object; the input is not changed). */
export function expandLocalPaths(config: Config, home: string): Config {
  const x = (p: string): string => expandHome(p, home);
  const xs = (ps: string[] | undefined): string[] | undefined => ps?.map(x);
  const out: Config = structuredClone(config);
  out.ssh.identityFiles = out.ssh.identityFiles.map(x);
  out.ssh.knownHostsFile = x(out.ssh.knownHostsFile);
  const hosts: { identityFiles?: string[] }[] = [
    ...(out.manager ? [out.manager] : []),
    ...out.hypervisors,
    ...(out.sftp ? [out.sftp] : []),
  ];
  for (const h of hosts) {
    const files = xs(h.identityFiles);
    if (files) h.identityFiles = files;
  }
  if (out.sftp?.uploadIdentityFile) out.sftp.uploadIdentityFile = x(out.sftp.uploadIdentityFile);
  if (out.engineApi?.passwordFile) out.engineApi.passwordFile = x(out.engineApi.passwordFile);
  if (out.engineApi?.caFile) out.engineApi.caFile = x(out.engineApi.caFile);
  return out;
}
