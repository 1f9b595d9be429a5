/**
 * The typed configuration, as it is after loading: defaults from config.schema.json applied, every
 * host given a `name`. Hand-written; test/unit/config keeps it and the schema in step. Pure types, no code,
 * so checks may import it (DESIGN §3 dependency rules).
 */

export type Role = 'manager' | 'hypervisor' | 'sftp';

export type Become = 'sudo' | 'none';

/** Connection settings; `ssh` holds the defaults, each host may override any of them. */
export interface SshSettings {
  /** Remote login user. @defaultValue "root" */
  user: string;
  /** @defaultValue 22 */
  port: number;
  /** Private keys to offer (paths on this machine, `~` expanded). @defaultValue [] */
  identityFiles: string[];
  /** Use the ssh-agent at $SSH_AUTH_SOCK. @defaultValue true */
  agent: boolean;
  /** known_hosts file used to verify host keys (`~` expanded). @defaultValue "~/.ssh/known_hosts" */
  knownHostsFile: string;
  /** Read ~/.ssh/config (Host, HostName, User, Port, IdentityFile, ProxyJump). @defaultValue true */
  useSshConfig: boolean;
  /** `sudo` runs remote commands through `sudo -n` when the login user is not root. @defaultValue "sudo" */
  become: Become;
  /** Seconds to wait for the SSH handshake. @defaultValue 10 */
  connectTimeout: number;
  /** Seconds one remote command may take. @defaultValue 60 */
  execTimeout: number;
  /** Hosts worked on at once. @defaultValue 32 */
  concurrency: number;
}

export interface HostConfig {
  /** Address or name to connect to (also the key looked up in ~/.ssh/config). */
  host: string;
  /** Display name in reports and for `--only`. @defaultValue host */
  name: string;
  /** Overrides `ssh.user` for this host. */
  user?: string;
  /** Overrides `ssh.port` for this host. */
  port?: number;
  /** Replaces (does not extend) `ssh.identityFiles` for this host; `~` expanded. */
  identityFiles?: string[];
  /** Overrides `ssh.become` for this host. */
  become?: Become;
}

export interface ManagerConfig extends HostConfig {
  /** Restart command's service name. @defaultValue "ovirt-engine" */
  engineService: string;
  /** Health servlet URL as seen from the manager itself. @defaultValue "http://localhost/ovirt-engine/services/health" */
  healthUrl: string;
  /** Seconds to wait for the health servlet after a restart. @defaultValue 300 */
  restartTimeout: number;
  /**
   * Seconds one engine-config run may take (probe and apply); smaller than ssh.execTimeout so a hang is reported as
   * engine-config's own timeout, not the whole host's. @defaultValue 30
   */
  engineConfigTimeout: number;
}

export interface HypervisorConfig extends HostConfig {}

export interface SftpConfig extends HostConfig {
  /** The chrooted, sftp-only account. @defaultValue "sftp-floppy-upload" */
  uploadUser: string;
  /** ChrootDirectory; every component root-owned, not group/other writable. @defaultValue "/srv/floppy_chroot" */
  chrootDir: string;
  /** Directory inside the chroot where serverPath is bind-mounted. @defaultValue "floppy" */
  floppySubdir: string;
  /** Public keys (OpenSSH one-line format) that must be in the upload user's authorized_keys. @defaultValue [] */
  authorizedKeys: string[];
  /**
   * Addresses the upload partners connect from: sshd's Match blocks are evaluated (`sshd -T -C`) for each, besides
   * the tool's own connection, since a `Match Address` may catch the partner and not the tool. @defaultValue []
   */
  uploadFrom: string[];
  /** Private key of the upload user on this machine (`~` expanded), used by `smoke` to upload as that user. */
  uploadIdentityFile?: string;
}

export interface FloppyConfig {
  /** The floppy directory as the NFS/sftp server sees it (seed: FLOPPY_LOCATION_NFSSERVER). */
  serverPath: string;
  /** The same directory as every hypervisor sees it (seed: FLOPPY_LOCATION_NFSCLIENT). */
  clientPath: string;
  /**
   * Regex for the VM custom property `floppy` (a Java regex on the engine; keep to the JS/Java common subset).
   * @defaultValue `^<clientPath>/[A-Za-z0-9][A-Za-z0-9._-]{0,127}\.(vfd|img|flp)$` with clientPath escaped
   */
  propertyRegex: string;
  /**
   * Name of the VM custom property for CD-ROM payloads (issue #12): an ISO image in the same directory, attached by
   * the bundled hook as a read-only cdrom where QEMU has no floppy. @defaultValue "floppycd"
   */
  cdProperty: string;
  /**
   * Regex for the CD property (Java, JS/Java common subset).
   * @defaultValue `^<clientPath>/[A-Za-z0-9][A-Za-z0-9._-]{0,127}\.iso$` with clientPath escaped
   */
  cdPropertyRegex: string;
  /** fstypes accepted for the mount holding clientPath on hypervisors. @defaultValue ["nfs", "nfs4"] */
  sharedFsTypes: string[];
  /** Images older than this are reported as stale (they may hold secrets). @defaultValue 24 */
  maxAgeHours: number;
}

export interface EngineApiConfig {
  /** e.g. https://engine.example.com/ovirt-engine/api */
  url: string;
  /** e.g. admin@internal */
  user: string;
  /** Name of the environment variable holding the password (never the password itself). */
  passwordEnv?: string;
  /** File holding the password (first line); `~` expanded. */
  passwordFile?: string;
  /** PEM CA certificate to verify the engine's TLS certificate; `~` expanded. */
  caFile?: string;
}

/** `discover:` — hypervisors come from the engine's hosts (needs engineApi). */
export interface DiscoverConfig {
  /** Cluster names whose hosts are audited; omitted = every cluster. */
  clusters?: string[];
}

export interface SmokeConfig {
  /** Name of a dedicated test VM (Down, used only for this) to boot with the floppy. */
  vm?: string;
  /** Seconds to wait for the VM to come up. @defaultValue 300 */
  vmTimeout: number;
}

/**
 * Which device carries a VM's payload: `auto` defines both properties and lets each hypervisor's QEMU verdict pick
 * per chipset; `floppy` only the floppy property; `cdrom` only the CD property (needs the bundled hook, vdsm ≥ 4.40).
 */
export type PayloadChoice = 'auto' | 'floppy' | 'cdrom';

/** The device that carries one VM's payload: the image format, the property and the hook's disk follow from it. */
export type PayloadDevice = 'floppy' | 'cdrom';

export interface Config {
  ssh: SshSettings;
  /** @defaultValue "auto" */
  payload: PayloadChoice;
  manager?: ManagerConfig;
  /** @defaultValue [] */
  hypervisors: HypervisorConfig[];
  sftp?: SftpConfig;
  floppy: FloppyConfig;
  engineApi?: EngineApiConfig;
  /** Take the hypervisors from the engine (explicit `hypervisors` entries merge by name). */
  discover?: DiscoverConfig;
  smoke?: SmokeConfig;
}

/** One host to contact, with its connection settings resolved (host overrides over `ssh` defaults). */
export interface HostTarget {
  name: string;
  role: Role;
  host: string;
  user: string;
  port: number;
  identityFiles: string[];
  become: Become;
  /** user/port written in the config (host or `ssh`), not defaults; absent = infer from the values. */
  explicit?: { user: boolean; port: boolean };
}
