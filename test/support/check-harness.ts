/**
 * Run one check's probe through the real script builder and splitter against a FakeTransport that throws on
 * any command it was not given. Tests then call compare/fix with the observed value.
 */
import type { Check, CheckContext, EngineFacts, HostFacts, HostRef, ProbeCommand, ProbeMemo } from '../../src/check-api.js';
import type { Config } from '../../src/config/types.js';
import { commandLine } from '../../src/runner/command-line.js';
import { buildProbe, probeHost } from '../../src/runner/probe-host.js';
import { FakeTransport, fakeTarget, type FakeAnswer } from './fake-transport.js';

export type DeepPartial<T> = T extends (infer U)[] ? DeepPartial<U>[] : T extends object ? { [K in keyof T]?: DeepPartial<T[K]> } : T;

/** The lab's config (docs/dev/team-contract.md), as loadConfig would return it. */
export function labConfig(): Config {
  return {
    payload: 'auto',
    ssh: {
      user: 'root',
      port: 22,
      identityFiles: ['/work/main/.lab/id_lab'],
      agent: false,
      knownHostsFile: '/work/main/.lab/known_hosts',
      useSshConfig: false,
      become: 'sudo',
      connectTimeout: 10,
      execTimeout: 60,
      concurrency: 32,
    },
    manager: {
      host: '127.0.1.10',
      name: 'mgr',
      engineService: 'ovirt-engine',
      healthUrl: 'http://127.0.1.10/ovirt-engine/services/health',
      restartTimeout: 300,
      engineConfigTimeout: 30,
    },
    hypervisors: [
      { host: '127.0.1.11', name: 'hv1' },
      { host: '127.0.1.12', name: 'hv2' },
    ],
    sftp: {
      host: '127.0.1.20',
      name: 'sftp',
      uploadUser: 'sftp-floppy-upload',
      chrootDir: '/srv/floppy_chroot',
      floppySubdir: 'floppy',
      authorizedKeys: ['ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHn3vJ0o2fD1C4k1q1B0pJ6m0dC5m0x8yQmK3T2oWd1a upload@lab'],
      uploadFrom: [],
    },
    floppy: {
      serverPath: '/exports/iso/floppy',
      clientPath: '/rhev/data-center/mnt/127.0.1.20:_exports_iso/floppy',
      propertyRegex: '^/rhev/data-center/mnt/127\\.0\\.1\\.20:_exports_iso/floppy/[A-Za-z0-9][A-Za-z0-9._-]{0,127}\\.(vfd|img|flp)$',
      cdProperty: 'floppycd',
      cdPropertyRegex: '^/rhev/data-center/mnt/127\\.0\\.1\\.20:_exports_iso/floppy/[A-Za-z0-9][A-Za-z0-9._-]{0,127}\\.iso$',
      sharedFsTypes: ['nfs', 'nfs4'],
      maxAgeHours: 24,
    },
  };
}

/** Facts of an EL8 oVirt 4.3-era hypervisor (what the lab's hv1 reports, with a real EL os-release). */
export function elFacts(overrides: Partial<HostFacts> = {}): HostFacts {
  return {
    hostname: 'hv1',
    osId: 'rhel',
    osVersionId: '8.9',
    redhatRelease: 'Red Hat Enterprise Linux release 8.9 (Ootpa)',
    packageManager: 'dnf',
    hasRpm: true,
    vdsmVersion: '4.30.46-1.el7',
    selinux: 'disabled',
    sshdService: 'sshd',
    sshdPath: '/usr/sbin/sshd',
    uid: 0,
    ...overrides,
  };
}

/** Facts of a stock Debian host (the lab's sftp server). */
export function debianFacts(overrides: Partial<HostFacts> = {}): HostFacts {
  return {
    hostname: 'sftp',
    osId: 'debian',
    osVersionId: '12',
    hasRpm: false,
    selinux: 'absent',
    sshdService: 'ssh',
    sshdPath: '/usr/sbin/sshd',
    uid: 0,
    ...overrides,
  };
}

function merge<T>(base: T, patch: DeepPartial<T> | undefined): T {
  if (patch === undefined) return base;
  if (Array.isArray(patch) || typeof patch !== 'object' || patch === null) return patch as T;
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [k, v] of Object.entries(patch)) out[k] = merge((base as Record<string, unknown>)[k], v as never);
  return out as T;
}

export function makeContext(
  overrides: {
    config?: DeepPartial<Config>;
    facts?: Partial<HostFacts>;
    host?: Partial<HostRef>;
    engine?: EngineFacts;
    flags?: Record<string, boolean>;
  } = {},
): CheckContext<Config> {
  const host: HostRef = { name: 'hv1', role: 'hypervisor', address: '127.0.1.11', ...overrides.host };
  const baseFacts = host.role === 'sftp' ? debianFacts({ hostname: host.name }) : elFacts({ hostname: host.name });
  return {
    config: merge(labConfig(), overrides.config),
    host,
    facts: { ...baseFacts, ...overrides.facts },
    engine: overrides.engine,
    flags: overrides.flags ?? {},
  };
}

/** The exact command line the runner sends for a probe command. */
export function commandOf(cmd: ProbeCommand): string {
  return commandLine(cmd.run);
}

/**
 * Probe through the real pipeline. `answers` is keyed by probe name; every probe command of the check must
 * have an answer (the fake throws otherwise). Parser errors propagate (e.g. ParseError on garbage).
 */
export async function probeWithFake<O>(
  check: Check<O, Config>,
  ctx: CheckContext<Config> & { memo?: ProbeMemo },
  answers: Record<string, FakeAnswer>,
): Promise<O> {
  const item = buildProbe(check, ctx);
  const transport = new FakeTransport(fakeTarget({ name: ctx.host.name, role: ctx.host.role, host: ctx.host.address }));
  for (const [name, cmd] of Object.entries(item.probe)) {
    const answer = answers[name];
    if (answer) transport.answer(commandOf(cmd), answer);
  }
  const result = await probeHost(transport, [item], { withFacts: false });
  const observation = result.observations.get(check.id);
  if (!observation) throw new Error(`no observation for ${check.id}`);
  if (!observation.ok) throw observation.error;
  return observation.observed as O;
}
