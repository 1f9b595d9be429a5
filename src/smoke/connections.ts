/**
 * The SSH connections of one smoke run: at most one per host as the configured (root) login, opened on first
 * use and shared by the stages, plus the upload user's own connection to the sftp server. Everything is closed
 * once at the end (`closeAll`).
 *
 * The upload user connects with only its own key (`sftp.uploadIdentityFile`), no agent and no ~/.ssh/config,
 * so no other credential can make the login succeed: the smoke test proves that key works (issue 5 §2.3).
 */
import { allHostTargets } from '../config/resolve.js';
import type { Config, HostTarget } from '../config/types.js';
import type { ConnectOptions, Connector, Transport } from '../ssh/transport.js';

export function connectOptions(config: Config, acceptNewHostKeys: boolean): ConnectOptions {
  return {
    acceptNewHostKeys,
    connectTimeoutMs: config.ssh.connectTimeout * 1000,
    execTimeoutMs: config.ssh.execTimeout * 1000,
    knownHostsFile: config.ssh.knownHostsFile,
    agent: config.ssh.agent,
    useSshConfig: config.ssh.useSshConfig,
  };
}

export class SmokeConnections {
  private readonly root = new Map<string, Promise<Transport>>();
  private upload: Promise<Transport> | undefined;
  private readonly targets: HostTarget[];

  constructor(
    private readonly config: Config,
    private readonly connector: Connector,
    private readonly acceptNewHostKeys: boolean,
  ) {
    this.targets = allHostTargets(config);
  }

  get hypervisors(): HostTarget[] {
    return this.targets.filter((t) => t.role === 'hypervisor');
  }

  get sftpServer(): HostTarget | undefined {
    return this.targets.find((t) => t.role === 'sftp');
  }

  /** The configured login (root or sudo) to `target`, shared. A failed connect is retried on the next call. */
  rootTo(target: HostTarget): Promise<Transport> {
    let open = this.root.get(target.name);
    if (!open) {
      open = this.connector.connect(target, connectOptions(this.config, this.acceptNewHostKeys));
      open.catch(() => this.root.delete(target.name));
      this.root.set(target.name, open);
    }
    return open;
  }

  /** The upload user's connection (see the header); `fresh` drops a broken one and opens another. */
  uploadUser(target: HostTarget, fresh = false): Promise<Transport> {
    if (fresh && this.upload) {
      const old = this.upload;
      old.then((t) => t.close()).catch(() => {});
      this.upload = undefined;
    }
    if (!this.upload) {
      const options = { ...connectOptions(this.config, this.acceptNewHostKeys), agent: false, useSshConfig: false };
      const open = this.connector.connect(target, options);
      open.catch(() => {
        if (this.upload === open) this.upload = undefined;
      });
      this.upload = open;
    }
    return this.upload;
  }

  async closeAll(): Promise<void> {
    const all = [...this.root.values(), ...(this.upload ? [this.upload] : [])];
    this.root.clear();
    this.upload = undefined;
    await Promise.all(all.map((p) => p.then((t) => t.close()).catch(() => {})));
  }
}
