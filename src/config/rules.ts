/**
 * Rules pass: what a JSON Schema cannot say (relations between values). Runs on the document even when the
 * schema pass failed, so a file with several mistakes gets all of them reported at once; every rule reads
 * defensively and skips values of the wrong shape (the schema pass already reported those).
 */
import { posix } from 'node:path';
import { hostEntries } from './defaults.js';
import { ENGINE_CONFIG_KILL_GRACE } from './engine-config-limits.js';
import { int, isObj, objAt, str } from './guards.js';
import { formatPath, type ConfigPath, type LocatedIssue } from './paths.js';
import { propertyRegexProblems } from './property-regex.js';
import { keyIdentity, publicKeyProblem } from './public-keys.js';

export interface RuleResult {
  errors: LocatedIssue[];
  warnings: LocatedIssue[];
}

/** Words `--only` reads as roles; a host may not be called one of them unless it has that role. */
export const ROLE_WORDS: Record<string, 'manager' | 'hypervisor' | 'sftp'> = {
  manager: 'manager',
  hypervisor: 'hypervisor',
  hypervisors: 'hypervisor',
  sftp: 'sftp',
};

/** vdsm's fixed image group of ISO domains: files there are listed to every user (virtesk doc, facts §7). */
export const ISO_IMAGES_COMPONENTS = ['images', '11111111-1111-1111-1111-111111111111'];

function isInside(child: string, parent: string): boolean {
  return child === parent || child.startsWith(parent === '/' ? '/' : `${parent}/`);
}

function inIsoDomain(path: string): boolean {
  const parts = path.split('/');
  return parts.some((p, i) => p === ISO_IMAGES_COMPONENTS[0] && parts[i + 1] === ISO_IMAGES_COMPONENTS[1]);
}

function hostRules(data: unknown, r: RuleResult): void {
  const hosts = hostEntries(data);
  const defaultPort = int(objAt(data, 'ssh')?.port) ?? 22;
  if (isObj(data) && hosts.length === 0) {
    r.errors.push({ at: [], message: 'no hosts: configure at least one of manager, hypervisors or sftp' });
  }
  type Seen = { at: ConfigPath; role: string; address: string; name: string | undefined };
  const seen: Seen[] = [];
  for (const { at, role, host } of hosts) {
    const hostName = str(host.host);
    const name = str(host.name);
    if (hostName === undefined) continue;
    const address = `${hostName.toLowerCase()}:${int(host.port) ?? defaultPort}`;
    const sameRole = seen.filter((s) => s.role === role);
    const dupAddress = sameRole.find((s) => s.address === address);
    if (dupAddress) {
      r.errors.push({ at: [...at, 'host'], message: `same host as ${formatPath(dupAddress.at)}: a host may appear only once per role` });
    } else if (name !== undefined) {
      const dupName = seen.find((s) => s.name === name && (s.role === role || s.address !== address));
      if (dupName) {
        r.errors.push({
          at: [...at, 'name'],
          message: `name ${JSON.stringify(name)} is already used by ${formatPath(dupName.at)}${dupName.address !== address ? ' for another address' : ''}; give this host its own name`,
        });
      }
    }
    const word = name !== undefined ? ROLE_WORDS[name] : undefined;
    if (word !== undefined && word !== role) {
      r.errors.push({
        at: [...at, 'name'],
        message: `${JSON.stringify(name)} is a role name (--only ${name} selects the ${word} role); name this ${role} differently`,
      });
    }
    seen.push({ at, role, address, name });
  }
}

function sftpRules(data: unknown, r: RuleResult): void {
  const sftp = objAt(data, 'sftp');
  if (!sftp) return;
  const chrootDir = str(sftp.chrootDir);
  if (chrootDir === '/') {
    r.errors.push({ at: ['sftp', 'chrootDir'], message: 'must not be "/": the upload user would see the whole file system' });
  }
  const uploadUser = str(sftp.uploadUser);
  const loginUser = str(sftp.user) ?? str(objAt(data, 'ssh')?.user);
  if (uploadUser === 'root') {
    r.errors.push({ at: ['sftp', 'uploadUser'], message: 'must not be root: the upload account is locked into sftp and a chroot' });
  } else if (uploadUser !== undefined && uploadUser === loginUser) {
    r.errors.push({
      at: ['sftp', 'uploadUser'],
      message: `must differ from the account ovirt-floppy logs in with (${sftp.user !== undefined ? 'sftp.user' : 'ssh.user'}): apply locks the upload account into sftp-only`,
    });
  }
  const serverPath = str(objAt(data, 'floppy')?.serverPath);
  if (chrootDir && chrootDir !== '/' && serverPath?.startsWith('/') && chrootDir.startsWith('/')) {
    if (isInside(serverPath, chrootDir)) {
      r.errors.push({
        at: ['floppy', 'serverPath'],
        message: `must not be inside sftp.chrootDir (${chrootDir}): the floppy directory is bind-mounted into the chroot at ${posix.join(chrootDir, str(sftp.floppySubdir) ?? 'floppy')}`,
      });
    } else if (isInside(chrootDir, serverPath)) {
      r.errors.push({
        at: ['sftp', 'chrootDir'],
        message: `must not be inside floppy.serverPath (${serverPath}): every chroot component must be root-owned and not group-writable (facts §6.1), the floppy directory is uploadUser:kvm 0770`,
      });
    }
  }
  const keys = Array.isArray(sftp.authorizedKeys) ? sftp.authorizedKeys : [];
  const identities = new Map<string, number>();
  keys.forEach((line, i) => {
    if (typeof line !== 'string') return;
    const problem = publicKeyProblem(line);
    if (problem) {
      r.errors.push({ at: ['sftp', 'authorizedKeys', i], message: problem });
      return;
    }
    const id = keyIdentity(line);
    const first = identities.get(id);
    if (first !== undefined && keys[first] !== line) {
      r.errors.push({ at: ['sftp', 'authorizedKeys', i], message: `same key as entry [${first}] with another comment` });
    }
    if (first === undefined) identities.set(id, i);
  });
}

function floppyRules(data: unknown, r: RuleResult): void {
  const floppy = objAt(data, 'floppy');
  if (!floppy) return;
  for (const key of ['serverPath', 'clientPath'] as const) {
    const path = str(floppy[key]);
    if (path === undefined || !path.startsWith('/')) continue;
    if (path === '/') r.errors.push({ at: ['floppy', key], message: 'must not be "/": name the floppy directory itself' });
    if (inIsoDomain(path)) {
      r.errors.push({
        at: ['floppy', key],
        message: `must not be inside an ISO domain's ${ISO_IMAGES_COMPONENTS.join('/')} directory: every user can list and attach those files, and floppy images hold secrets; use a directory beside it, e.g. at the export root`,
      });
    }
  }
  const clientPath = str(floppy.clientPath);
  const devices = [
    ['propertyRegex', 'floppy'],
    ['cdPropertyRegex', 'cdrom'],
  ] as const;
  for (const [key, device] of devices) {
    const regex = str(floppy[key]);
    if (regex === undefined) continue;
    const problems = propertyRegexProblems(regex, clientPath?.startsWith('/') ? clientPath : undefined, device);
    for (const message of problems.errors) r.errors.push({ at: ['floppy', key], message });
    for (const message of problems.warnings) r.warnings.push({ at: ['floppy', key], message });
  }
  if (str(floppy.cdProperty)?.toLowerCase() === 'floppy') {
    r.errors.push({
      at: ['floppy', 'cdProperty'],
      message: 'must not be "floppy": that is the floppy payload property; pick another name, e.g. floppycd',
    });
  }
}

function engineApiRules(data: unknown, r: RuleResult): void {
  const api = objAt(data, 'engineApi');
  if (api) {
    const hasEnv = api.passwordEnv !== undefined;
    const hasFile = api.passwordFile !== undefined;
    if (hasEnv === hasFile) {
      r.errors.push({
        at: ['engineApi'],
        message: hasEnv
          ? 'give only one of passwordEnv or passwordFile, not both'
          : 'needs one of passwordEnv (an environment variable name) or passwordFile',
      });
    }
  }
  if (objAt(data, 'discover') && !api) {
    r.errors.push({ at: ['discover'], message: "needs engineApi: the hypervisors are read from the engine's REST API" });
  }
  const smoke = objAt(data, 'smoke');
  if (smoke && smoke.vm !== undefined && !api) {
    r.errors.push({ at: ['smoke', 'vm'], message: 'needs engineApi: smoke starts the VM through the oVirt REST API' });
  }
}

function managerRules(data: unknown, r: RuleResult): void {
  const limit = int(objAt(data, 'manager')?.engineConfigTimeout);
  const exec = int(objAt(data, 'ssh')?.execTimeout);
  if (limit === undefined || exec === undefined) return;
  // The manager's probes run in ONE exec bounded by ssh.execTimeout: a bound that does not fit inside it lets the
  // whole-host timeout fire first, and a hang shows as a generic host timeout instead of naming engine-config.
  if (limit + ENGINE_CONFIG_KILL_GRACE >= exec) {
    r.errors.push({
      at: ['manager', 'engineConfigTimeout'],
      message: `must be smaller than ssh.execTimeout (${exec}) minus ${ENGINE_CONFIG_KILL_GRACE} s (timeout's grace before SIGKILL), else a hanging engine-config ends the whole manager probe instead of being reported as itself; at most ${exec - ENGINE_CONFIG_KILL_GRACE - 1}`,
    });
  }
}

function becomeRules(data: unknown, r: RuleResult): void {
  const ssh = objAt(data, 'ssh');
  for (const { at, host } of hostEntries(data)) {
    const user = str(host.user) ?? str(ssh?.user);
    const become = str(host.become) ?? str(ssh?.become);
    if (user !== undefined && user !== 'root' && become === 'none') {
      r.warnings.push({
        at: [...at, host.become !== undefined ? 'become' : 'host'],
        message: `logs in as ${user} with become "none": probes and changes need root and will fail`,
      });
    }
  }
}

/** Every rule, all issues at once. */
export function ruleIssues(data: unknown): RuleResult {
  const r: RuleResult = { errors: [], warnings: [] };
  hostRules(data, r);
  sftpRules(data, r);
  floppyRules(data, r);
  engineApiRules(data, r);
  managerRules(data, r);
  becomeRules(data, r);
  return r;
}
