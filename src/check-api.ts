/**
 * The contract every check implements (DESIGN.md §3). Depends on nothing of ours: checks are generic over the
 * config type, and `checks/` pass `Config` from src/config/types.ts.
 *
 * A check is data plus pure functions:
 *  - `probe` returns read-only shell commands, each with a pure parser. The runner joins the probes of every
 *    check of a host into ONE remote script run in ONE exec, splits the output and feeds each parser its part.
 *  - `compare` turns what was observed into findings (empty = ok).
 *  - `fix` only plans steps; the runner alone executes them, then re-probes.
 */

export type Role = 'manager' | 'hypervisor' | 'sftp';
export type Severity = 'error' | 'warn' | 'info';
export type Status = 'ok' | 'drift' | 'fixed' | 'skipped' | 'error';
export type HandlerName = 'restart-engine' | 'reload-sshd';

/** Facts gathered once per host, in the same remote script as the probes (src/runner/host-facts.ts). */
export interface HostFacts {
  hostname: string;
  /** /etc/os-release ID and VERSION_ID, e.g. "rhel" / "8.9" ("debian" / "12" in the lab). */
  osId: string;
  osVersionId: string;
  /** First line of /etc/redhat-release when present. */
  redhatRelease?: string;
  /** `dnf` preferred over `yum`; undefined when neither exists. */
  packageManager?: 'dnf' | 'yum';
  /** Whether `rpm` exists. */
  hasRpm: boolean;
  /** Version-release of the `vdsm` package (`rpm -q`), e.g. "4.30.46-1.el7". */
  vdsmVersion?: string;
  /** Version-release of the `ovirt-engine` package, e.g. "4.5.6-1.el8". */
  engineVersion?: string;
  /**
   * Version-release of the `vdsm-hook-floppy` package, e.g. "4.30.46-1.el7" (several installed versions joined
   * with ", "). Asked in the same `rpm -q` as vdsm and ovirt-engine.
   */
  hookPackageVersion?: string;
  /**
   * Set when rpm exists but its `rpm -q` did not answer for every package asked (no version and no "is not
   * installed" line: a broken rpmdb, garbage): the package versions above are then unknown, not absent.
   */
  rpmError?: string;
  /** `getenforce` lower-cased; `absent` when the command does not exist. */
  selinux: 'enforcing' | 'permissive' | 'disabled' | 'absent';
  /** systemd unit name of the OpenSSH server: `sshd` on EL, `ssh` on Debian. */
  sshdService: 'sshd' | 'ssh';
  /** Absolute path of sshd (EL /usr/sbin/sshd). The OpenSSH version is the sftp-sshd-chroot check's own probe. */
  sshdPath?: string;
  /** Effective uid of the probe script (0 when root or through sudo). */
  uid: number;
}

/** A read-only command of a probe. */
export interface ProbeCommand<T = unknown> {
  /**
   * What to run. An argv array is joined with `quote()`; a `{ sh }` string is a shell fragment the check built
   * itself with `quote()` for every value it interpolates (use it for pipelines or `2>&1`).
   */
  run: string[] | { sh: string };
  /** Pure: stdout of the command (stderr is discarded unless the fragment redirects it) and its exit code. */
  parse: (stdout: string, exitCode: number) => T;
}

/** A probe maps names to commands; the observed value has the same names with the parsed types. */
export type Probe<O> = { [K in keyof O]: ProbeCommand<O[K]> };

export interface HostRef {
  name: string;
  role: Role;
  address: string;
}

/**
 * What the running engine reports through its REST API (facts §1.6: GET /ovirt-engine/api/options/...).
 * Fetched by the runner from this machine (the API password never travels to a host), only for the manager
 * and only when `engineApi` is configured.
 */
export interface EngineFacts {
  /** UserDefinedVMProperties per cluster level, as the running engine holds it in memory (manager only). */
  runningUserDefinedVMProperties?: Record<string, string>;
  /** Why the API could not be asked (connection refused, 401, ...). */
  error?: string;
  /**
   * The engine's hosts, clusters, hooks and payload-carrying VMs, fetched ONCE per run from this machine
   * (src/engine-api/inventory.ts) and handed to every host's checks, so a fleet costs the same API calls.
   */
  inventory?: EngineInventory;
}

/** One hook script as the engine lists it (`GET /hosts/{id}/hooks`, api-model `types/Hook.java`). */
export interface EngineHook {
  /** vdsm hook directory, e.g. `before_vm_start`. */
  event: string;
  /** Script name, e.g. `50_floppy`. */
  name: string;
  /**
   * The API's `md5` field, which holds whatever vdsm reported: md5 hex up to vdsm 4.30 with engine 4.3, sha256
   * hex from vdsm 4.40 with engine 4.4 (vdsm 402bde5a9, engine 04777f76ca1); absent when the two disagree on the
   * key (vdsm 4.30 under engine ≥ 4.4).
   */
  checksum?: string;
}

export interface EngineHost {
  id: string;
  name: string;
  /** Where the engine reaches the host (`address`), what discovery connects to over SSH. */
  address: string;
  /** api-model HostStatus, lower case: up, maintenance, non_responsive, ... */
  status: string;
  clusterId?: string;
  clusterName?: string;
  /** api-model HostType: `rhel` or `ovirt_node` (an image-based oVirt Node). */
  type?: string;
  /** Undefined when the hooks could not be read (hooksError says why). */
  hooks?: EngineHook[];
  hooksError?: string;
}

export interface EngineCluster {
  id: string;
  name: string;
  /** Compatibility level, "4.7". */
  version?: string;
  /** api-model BiosType: i440fx_sea_bios, q35_sea_bios, q35_ovmf, q35_secure_boot, cluster_default. */
  biosType?: string;
}

export interface EngineVm {
  id: string;
  name: string;
  /** api-model VmStatus, lower case. */
  status: string;
  clusterId?: string;
  /** The host the VM runs on (only while it runs). */
  hostId?: string;
  osType?: string;
  biosType?: string;
  customCompatibilityVersion?: string;
  customProperties: { name: string; value: string }[];
  /** `initialization` (sysprep/cloud-init data) is configured. */
  hasInitialization: boolean;
  /**
   * ISO time of the newest configuration change the audit log has for this VM (USER_UPDATE_VM / USER_ADD_VM):
   * the payload property has been set at least since then. Fetched only for VMs carrying a payload property;
   * undefined when the audit log holds none (pruned: older than the engine's retention).
   */
  lastChangedAt?: string;
}

export interface EngineInventory {
  /** When the inventory was read (ISO). */
  fetchedAt: string;
  hosts: EngineHost[];
  clusters: EngineCluster[];
  /** VMs that carry one of the payload properties (the others are not fetched in detail). */
  vms: EngineVm[];
  /** Set when the inventory could not be read; the lists are then empty. */
  error?: string;
}

/**
 * What a NEW login as the upload user shows about the RUNNING sshd (sshd -T reads files; the daemon may not have
 * read them: a reload that failed or never ran). Made by the runner from this machine with the upload user's own
 * key (`sftp.uploadIdentityFile`), only for the sftp host, in every probe round (so after a reload it is the
 * proof that the reload took). Absent when no upload key is configured.
 */
export interface SftpLiveFacts {
  user: string;
  /** The login itself: `refused` (no key installed yet, or sshd refuses the user) means nothing can leak. */
  login: 'ok' | 'refused';
  /** What a shell command did, when it ran (exit 0): the running daemon does not force internal-sftp. */
  shell?: string;
  /** Set when a TCP forward opened: the running daemon allows forwarding for the user. */
  forwarding?: string;
  /** Why the login could not be made or judged (timeout, host key); nothing is concluded then. */
  error?: string;
}

/**
 * What a probe may depend on. NOT the facts: facts are gathered by the same single script as the probes,
 * so they do not exist yet when the probe commands are built. Read facts in appliesTo/compare/fix instead,
 * and write probe commands that work on every platform (the runner puts /usr/sbin and /sbin on PATH).
 */
export interface ProbeContext<C> {
  config: C;
  host: HostRef;
  flags: Readonly<Record<string, boolean>>;
  /** What checks kept from an earlier run on this host (Check.remember); absent with `--no-state`. */
  memo?: ProbeMemo;
}

/**
 * Values kept between runs per host, by key, so a probe can skip an expensive question whose answer cannot have
 * changed (QEMU's floppy answer while the QEMU binary is the same file). The probe still runs on the host and
 * decides there whether the kept answer holds, so a stale memo costs one full probe, never a wrong verdict.
 */
export interface ProbeMemo {
  get(key: string): string | undefined;
}

export interface CheckContext<C> {
  config: C;
  host: HostRef;
  facts: HostFacts;
  /** Manager only, when engineApi is configured. */
  engine?: EngineFacts;
  /** sftp server only, when sftp.uploadIdentityFile is configured. */
  sftpLive?: SftpLiveFacts;
  /** Flags of the command line that change what a check plans, e.g. `apply --cleanup-stale`. */
  flags: Readonly<Record<string, boolean>>;
  /** How the runner logged in (the user, become): named when a check cannot be judged without root. */
  login?: { user: string; become: 'sudo' | 'none' };
}

export interface Finding {
  /** Stable kebab-case code; API for JSON consumers. */
  code: string;
  /** One line, no colour. */
  message: string;
  /** Defaults to the check's severity. `info` findings never make a check drift. */
  severity?: Severity;
  expected?: string;
  actual?: string;
  /** False when apply cannot fix it (the report then says "manual"). @defaultValue true */
  fixable?: boolean;
}

export interface WriteFile {
  path: string;
  content: string;
  /** Octal string, e.g. "0644". */
  mode: string;
  owner?: string;
  group?: string;
  /** Current content, for `--diff`; undefined when the file does not exist. */
  before?: string;
  /**
   * argv run against the candidate before it replaces the live file; `{}` stands for the candidate path
   * (e.g. `['sshd', '-t', '-f', '{}']`). A non-zero exit leaves the live file untouched.
   */
  validate?: string[];
  /**
   * argv run against the LIVE configuration right after the rename (e.g. `['sshd', '-t']`, which reads every
   * included file, not only the candidate). A non-zero exit puts the previous file back (same inode, so owner,
   * mode and content are exactly what they were) and fails the step.
   */
  validateLive?: string[];
}

export type StepRun = { argv: string[] } | { sh: string } | { writeFile: WriteFile };

export interface Step {
  /** Reads as an action: "add floppy=… to UserDefinedVMProperties for level 4.7". */
  describe: string;
  run: StepRun;
  /** Handler to run once per host after all steps, if this step ran. */
  notify?: HandlerName;
  /** Seconds this step may take (default: ssh.execTimeout). */
  timeout?: number;
}

export interface Check<O = any, C = any> {
  /** kebab-case, equal to the file name under checks/. */
  id: string;
  /** Reads as the desired state: "sshd chroots the upload user". */
  title: string;
  roles: Role[];
  severity: Severity;
  /** Check ids that must be ok first; otherwise this check is `skipped` ("needs <id>"). */
  dependsOn?: string[];
  /** `true`, or a reason to skip ("vdsm 4.50 has no vdsm-hook-floppy package"). */
  appliesTo?: (ctx: CheckContext<C>) => true | string;
  /**
   * Whether the probe must run as root to see the truth (files only root reads, `sshd -T`, engine-config, setpriv).
   * When the probe ran as another user (a non-root login with become: none), such a check is an `error` naming the
   * login user, never a verdict on what that user happens to see. Set false only for checks that judge facts
   * every user can read (rpm -q, the engine's API, a public URL). @defaultValue true
   */
  needsRoot?: boolean;
  probe: (ctx: ProbeContext<C>) => Probe<O>;
  compare: (observed: O, ctx: CheckContext<C>) => Finding[];
  fix?: (observed: O, ctx: CheckContext<C>) => Step[];
  /**
   * Pure, optional: numbers worth graphing that the probe already saw (e.g. the age of the oldest image), by
   * kebab-case name. The runner puts them into the result (`measurements`); they never change the status.
   */
  measure?: (observed: O, ctx: CheckContext<C>) => Record<string, number>;
  /** Pure, optional: values to keep for this host's next run (ProbeContext.memo), by key. */
  remember?: (observed: O) => Record<string, string>;
}

/** Identity helper so TypeScript infers the observed type from the probe. */
export function defineCheck<O, C>(check: Check<O, C>): Check<O, C> {
  return check;
}

/** One host's part in a cross-host check. */
export interface CrossHostObservation<O> {
  host: HostRef;
  facts: HostFacts;
  observed: O;
  /** The manager's engine facts (with the inventory), when engineApi is configured: the same object its checks get. */
  engine?: EngineFacts;
}

/**
 * A check over several hosts (kvm gid equal everywhere, the same mount source on every hypervisor).
 * Its probe runs on each host of `roles` inside that host's single script; `compare` sees all of them and
 * returns findings per host name. Cross-host checks never fix; they tell what to change.
 */
export interface CrossHostCheck<O = any, C = any> {
  id: string;
  title: string;
  roles: Role[];
  severity: Severity;
  probe: (ctx: ProbeContext<C>) => Probe<O>;
  compare: (observations: CrossHostObservation<O>[], config: C) => Map<string, Finding[]>;
}

export function defineCrossHostCheck<O, C>(check: CrossHostCheck<O, C>): CrossHostCheck<O, C> {
  return check;
}

/** A handler (engine restart, sshd reload) planned from the host's facts; runs its steps in order. */
export interface Handler<C = any> {
  name: HandlerName;
  describe: string;
  plan: (ctx: CheckContext<C>) => Step[];
}

/**
 * What a run works with: the checks in display order, the cross-host checks and the handlers. `checks/index.ts`
 * builds the one registry (`Registry<Config>`); tests and the bench build their own.
 */
export interface Registry<C = any> {
  checks: Check<any, C>[];
  crossHostChecks: CrossHostCheck<any, C>[];
  handlers: Handler<C>[];
}
