/**
 * Resolving a host the way an OpenSSH user expects `ssh <host>` to: our YAML plays the part of the command line
 * (`ssh -l user -p port -i key host`), ~/.ssh/config fills in what the YAML leaves at its defaults.
 *
 * Precedence, per setting (ssh_config(5): command line first, then the first value the config file gives):
 * - HostName: ~/.ssh/config `HostName` (with `%h`), else the YAML `host`, which is always the alias looked up.
 * - User:     a YAML user that is set explicitly (see `explicit`) > `User` > the YAML default (root).
 * - Port:     a YAML port that is set explicitly > `Port` > 22.
 * - IdentityFile: cumulative, as in ssh: the YAML identityFiles first, then every matching `IdentityFile`;
 *             if both are empty, ssh's default keys (~/.ssh/id_ed25519, id_ecdsa, id_rsa; missing ones skipped).
 * - ProxyJump: only from ~/.ssh/config (`none` disables it).
 * Without ~/.ssh/config (useSshConfig: false) only the YAML counts and no default keys are tried.
 *
 * Pure: resolveSshTarget() takes the file's text. `Match exec` is never run (it would execute commands);
 * `Include` and `ProxyCommand` are not supported and are reported as warnings.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import SSHConfig from 'ssh-config';
import type { HostTarget } from '../config/types.js';

// The schema defaults of `ssh.user` / `ssh.port` (src/config/types.ts); a YAML value equal to them is taken
// as "not given" unless the caller says otherwise, because defaults are applied before we see the target.
const DEFAULT_USER = 'root';
const DEFAULT_PORT = 22;
// ssh's default identities, modern first; security-key (-sk) types are left out because ssh2 cannot use them.
const DEFAULT_IDENTITIES = ['~/.ssh/id_ed25519', '~/.ssh/id_ecdsa', '~/.ssh/id_rsa'];

export interface SshConfigContext {
  /** For `~` and `%d`. */
  homeDir: string;
  /** For `%u`. */
  localUser: string;
  /** Which YAML values were given explicitly. @defaultValue a value differing from the schema default */
  explicit?: { user?: boolean; port?: boolean };
}

export interface JumpHost {
  host: string;
  user?: string;
  port?: number;
}

export interface ResolvedHost {
  /** The name our config gave (the alias looked up in ~/.ssh/config). */
  alias: string;
  /** Where to connect; also the name looked up in known_hosts. */
  hostName: string;
  port: number;
  user: string;
  /** In the order to try, `~` and `%` tokens expanded. */
  identityFiles: string[];
  /** true when identityFiles are ssh's defaults: missing ones are skipped without a note. */
  identityFilesAreDefaults: boolean;
  /** ProxyJump hops in order (this version connects through one). */
  proxyJump: JumpHost[];
  /** Settings in ~/.ssh/config that apply to this host but are ignored by this version. */
  warnings: string[];
}

export type SshTargetInput = Pick<HostTarget, 'host' | 'user' | 'port' | 'identityFiles'>;

export function defaultSshConfigPath(homeDir: string): string {
  return join(homeDir, '.ssh', 'config');
}

/** The text of ~/.ssh/config, or '' when there is none. */
export async function readSshConfigText(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return '';
    throw error;
  }
}

/** Apply ~/.ssh/config (`configText`; undefined = do not use it) to a target. */
export function resolveSshTarget(target: SshTargetInput, configText: string | undefined, context: SshConfigContext): ResolvedHost {
  const alias = target.host;
  if (configText === undefined) {
    return {
      alias,
      hostName: alias,
      port: target.port,
      user: target.user,
      identityFiles: target.identityFiles.map((f) => expandTokens(f, { d: context.homeDir }, context.homeDir)),
      identityFilesAreDefaults: false,
      proxyJump: [],
      warnings: [],
    };
  }
  const isUserExplicit = context.explicit?.user ?? target.user !== DEFAULT_USER;
  const isPortExplicit = context.explicit?.port ?? target.port !== DEFAULT_PORT;
  const parsed = SSHConfig.parse(configText);
  const computed = parsed.compute(
    { Host: alias, ...(isUserExplicit ? { User: target.user } : {}) },
    { ignoreCase: true, matchExec: false },
  );
  const warnings = collectWarnings(computed, configText);
  const hostName = expandTokens(single(computed.hostname) ?? '%h', { h: alias }, context.homeDir);
  const user = isUserExplicit ? target.user : (single(computed.user) ?? target.user);
  const port = isPortExplicit ? target.port : (parsePort(single(computed.port), warnings) ?? target.port);
  const tokens = { d: context.homeDir, h: hostName, n: alias, p: String(port), r: user, u: context.localUser };
  const fromConfig = list(computed.identityfile).filter((f) => f.toLowerCase() !== 'none');
  const given = [...target.identityFiles, ...fromConfig].map((f) => expandTokens(f, tokens, context.homeDir));
  const identityFilesAreDefaults = given.length === 0;
  const identityFiles = identityFilesAreDefaults
    ? DEFAULT_IDENTITIES.map((f) => expandTokens(f, tokens, context.homeDir))
    : [...new Set(given)];
  const proxyJump = parseProxyJump(single(computed.proxyjump), warnings);
  return { alias, hostName, port, user, identityFiles, identityFilesAreDefaults, proxyJump, warnings };
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function list(value: string | string[] | undefined): string[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

function parsePort(value: string | undefined, warnings: string[]): number | undefined {
  if (value === undefined) return undefined;
  const port = /^\d{1,5}$/.test(value) ? Number(value) : NaN;
  if (port >= 1 && port <= 65535) return port;
  warnings.push(`~/.ssh/config: ignoring invalid Port ${JSON.stringify(value)}`);
  return undefined;
}

/** `[user@]host[:port]` or `ssh://[user@]host[:port]`, comma-separated hops; `none` means no jump. */
export function parseProxyJump(value: string | undefined, warnings: string[] = []): JumpHost[] {
  if (value === undefined || value.toLowerCase() === 'none') return [];
  const hops: JumpHost[] = [];
  for (const hop of value.split(',')) {
    const m = /^(?:ssh:\/\/)?(?:([^@/]+)@)?(\[[^\]]+\]|[^:/@]+)(?::(\d{1,5}))?\/?$/.exec(hop.trim());
    if (!m?.[2]) {
      warnings.push(`~/.ssh/config: ignoring invalid ProxyJump ${JSON.stringify(value)}`);
      return [];
    }
    hops.push({
      host: m[2].replace(/^\[(.*)\]$/, '$1'),
      ...(m[1] ? { user: m[1] } : {}),
      ...(m[3] ? { port: Number(m[3]) } : {}),
    });
  }
  return hops;
}

function collectWarnings(computed: Record<string, string | string[]>, configText: string): string[] {
  const warnings: string[] = [];
  if (computed.proxycommand !== undefined) {
    warnings.push('~/.ssh/config: ProxyCommand is not supported by this version and was ignored');
  }
  if (/^\s*include\s/im.test(configText)) {
    warnings.push('~/.ssh/config: Include is not followed by this version');
  }
  if (/^\s*match\s.*\bexec\b/im.test(configText)) {
    warnings.push('~/.ssh/config: `Match exec` blocks are never evaluated by this tool');
  }
  return warnings;
}

/** ssh_config(5) TOKENS (%%, %d, %h, %n, %p, %r, %u) and a leading `~`. Unknown tokens are left as they are. */
export function expandTokens(value: string, tokens: Record<string, string>, homeDir: string): string {
  const expanded = value.replace(/%(.)/g, (whole, c: string) => (c === '%' ? '%' : (tokens[c] ?? whole)));
  return expanded === '~' ? homeDir : expanded.startsWith('~/') ? join(homeDir, expanded.slice(2)) : expanded;
}
