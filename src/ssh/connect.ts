/**
 * Ssh2Connector: opens the one connection per host that a run keeps. Resolves the target through ~/.ssh/config
 * (ssh-config.ts), verifies host keys against known_hosts (host-key.ts), offers keys then the agent
 * (identities.ts), and goes through one ProxyJump hop when ~/.ssh/config names one.
 */
import { homedir, userInfo } from 'node:os';
import type { Duplex } from 'node:stream';
import type { Client } from 'ssh2';
import type { HostTarget } from '../config/types.js';
import { ConnectError } from '../errors.js';
import { toConnectError } from './connect-error.js';
import { createHostKeyGate, hostLabel, preferredHostKeyAlgorithms } from './host-key.js';
import { createIdentityLoader, planAuthentication, type IdentityFs, type IdentityLoader } from './identities.js';
import { readKnownHostsFile } from './known-hosts-file.js';
import { knownHostName, namesMatch, type ParsedKnownHosts } from './known-hosts.js';
import { openClient } from './open-client.js';
import { defaultSshConfigPath, readSshConfigText, resolveSshTarget, type JumpHost, type ResolvedHost } from './ssh-config.js';
import { Ssh2Transport } from './ssh2-session.js';
import type { ConnectOptions, Connector, Transport } from './transport.js';

export interface Ssh2ConnectorOptions {
  /** For `~`, default keys and ~/.ssh/config. @defaultValue os.homedir() */
  homeDir?: string;
  /** @defaultValue <homeDir>/.ssh/config */
  sshConfigPath?: string;
  /** Where SSH_AUTH_SOCK is read. @defaultValue process.env */
  env?: NodeJS.ProcessEnv;
  /** @defaultValue 15000 */
  keepaliveIntervalMs?: number;
  /** Concurrent channels per connection. @defaultValue 8 */
  maxChannels?: number;
  /** How identity files are read (tests count the reads). @defaultValue node:fs/promises */
  identityFs?: IdentityFs;
}

interface JumpContext {
  resolved: ResolvedHost;
  label: string;
  configText: string | undefined;
  known: ParsedKnownHosts;
  options: ConnectOptions;
}

export class Ssh2Connector implements Connector {
  private readonly homeDir: string;
  private readonly sshConfigPath: string;
  private readonly env: NodeJS.ProcessEnv;
  /** Identity files are read and parsed once per file version for all the hosts this connector reaches. */
  private readonly identities: IdentityLoader;

  constructor(private readonly settings: Ssh2ConnectorOptions = {}) {
    this.homeDir = settings.homeDir ?? homedir();
    this.sshConfigPath = settings.sshConfigPath ?? defaultSshConfigPath(this.homeDir);
    this.env = settings.env ?? process.env;
    this.identities = createIdentityLoader(settings.identityFs);
  }

  async connect(target: HostTarget, options: ConnectOptions): Promise<Transport> {
    const configText = options.useSshConfig ? await readSshConfigText(this.sshConfigPath) : undefined;
    const context = {
      homeDir: this.homeDir,
      localUser: localUserName(this.env),
      ...(target.explicit ? { explicit: target.explicit } : {}),
    };
    const resolved = resolveSshTarget(target, configText, context);
    const label = hostLabel(target.name, resolved.hostName, resolved.port);
    const known = await this.readKnownHosts(label, options.knownHostsFile);
    const [hop, ...moreHops] = resolved.proxyJump;
    if (moreHops.length > 0) {
      const hops = resolved.proxyJump.length;
      throw new ConnectError(label, 'protocol', `ProxyJump with ${hops} hops is not supported (one hop is)`);
    }
    const { jump, sock } = hop ? await this.openJump(hop, { resolved, label, configText, known, options }) : {};
    try {
      const client = await this.open(resolved, target.name, known, options, sock);
      return new Ssh2Transport({
        target,
        label,
        client,
        ...(jump ? { jump } : {}),
        execTimeoutMs: options.execTimeoutMs,
        ...(this.settings.maxChannels ? { maxChannels: this.settings.maxChannels } : {}),
      });
    } catch (error) {
      jump?.end();
      throw error;
    }
  }

  /** Connect to the ProxyJump hop and open a forward from it to the target. */
  private async openJump(hop: JumpHost, ctx: JumpContext): Promise<{ jump: Client; sock: Duplex }> {
    const localUser = localUserName(this.env);
    // Like `ssh -J`: the hop's own user/port win, then ~/.ssh/config for the hop, then ssh's defaults (local user).
    const jumpTarget = { host: hop.host, user: hop.user ?? localUser, port: hop.port ?? 22, identityFiles: [] };
    const jumpResolved = resolveSshTarget(jumpTarget, ctx.configText, {
      homeDir: this.homeDir,
      localUser,
      explicit: { user: hop.user !== undefined, port: hop.port !== undefined },
    });
    const via = {
      label: ctx.label,
      via: `via jump host ${hostLabel(jumpResolved.alias, jumpResolved.hostName, jumpResolved.port)}`,
      connectTimeoutMs: ctx.options.connectTimeoutMs,
    };
    const jump = await this.open(jumpResolved, jumpResolved.alias, ctx.known, ctx.options).catch((error: unknown) => {
      throw toConnectError(error, via);
    });
    return { jump, sock: await forwardThrough(jump, ctx.resolved, via) };
  }

  private async open(
    resolved: ResolvedHost,
    name: string,
    known: ParsedKnownHosts,
    options: ConnectOptions,
    sock?: Duplex,
  ): Promise<Client> {
    const label = hostLabel(name, resolved.hostName, resolved.port);
    const auth = await planAuthentication(
      {
        user: resolved.user,
        identityFiles: resolved.identityFiles,
        identityFilesAreDefaults: resolved.identityFilesAreDefaults,
        agent: options.agent,
        agentSocket: this.env.SSH_AUTH_SOCK,
      },
      this.identities,
    );
    const gate = createHostKeyGate({
      label,
      host: resolved.hostName,
      port: resolved.port,
      knownHostsFile: options.knownHostsFile,
      known,
      acceptNew: options.acceptNewHostKeys,
    });
    return openClient({
      label,
      hostName: resolved.hostName,
      port: resolved.port,
      user: resolved.user,
      ...(sock ? { sock } : {}),
      auth,
      gate,
      hostKeyAlgorithms: preferredHostKeyAlgorithms(knownKeyTypes(known, resolved.hostName, resolved.port)),
      connectTimeoutMs: options.connectTimeoutMs,
      keepaliveIntervalMs: this.settings.keepaliveIntervalMs ?? 15_000,
      notes: resolved.warnings,
    });
  }

  private async readKnownHosts(label: string, file: string): Promise<ParsedKnownHosts> {
    try {
      return await readKnownHostsFile(file);
    } catch (error) {
      const why = `cannot read known_hosts ${file}: ${(error as Error).message}`;
      throw new ConnectError(label, 'hostkey', why, { cause: error });
    }
  }
}

function knownKeyTypes(known: ParsedKnownHosts, host: string, port: number): string[] {
  const name = knownHostName(host, port);
  return known.entries.filter((e) => e.marker === undefined && namesMatch(e.names, name)).map((e) => e.keyType);
}

function localUserName(env: NodeJS.ProcessEnv): string {
  try {
    return userInfo().username;
  } catch {
    return env.USER ?? env.LOGNAME ?? '';
  }
}

/** A direct-tcpip channel from the jump host to the target, to run the target's SSH session over. */
function forwardThrough(
  jump: Client,
  resolved: ResolvedHost,
  context: { label: string; via: string; connectTimeoutMs: number },
): Promise<Duplex> {
  return new Promise((resolve, reject) => {
    // A jump host that accepts the request but never answers it must not hang the run: the connect timeout
    // covers the forward too, as it covers the TCP connect and the handshake.
    const timer = setTimeout(() => {
      jump.end();
      reject(
        new ConnectError(
          context.label,
          'timeout',
          `${context.via}: no answer to the forward request within ${context.connectTimeoutMs} ms`,
        ),
      );
    }, context.connectTimeoutMs);
    jump.forwardOut('127.0.0.1', 0, resolved.hostName, resolved.port, (error, channel) => {
      clearTimeout(timer);
      if (!error) return resolve(channel);
      jump.end();
      reject(toConnectError(error, context));
    });
  });
}
