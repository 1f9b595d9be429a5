/**
 * The exact remote script the runner sends to each host (for B', "the same remote work as A" over OpenSSH, and
 * for the probe CPU measurement). Built from the snapshot build's own modules, the way HostSession.probeAndPlan
 * builds it: the role's checks and cross-host checks, each probe built for (config, host, flags), the host-facts
 * commands first, then buildProbeScript with a fresh nonce. Nothing is connected to.
 * With the probe memo a `check` of the same config left (`withMemo`), the scripts are those of the steady-state
 * audit (e.g. QEMU's floppy answers kept, not asked again); without it, those of a first audit.
 */
import type { Registry } from '../src/check-api.js';
import type { Config, HostTarget } from '../src/config/types.js';
import type { Build } from './build.js';

type ProbeHostModule = typeof import('../src/runner/probe-host.js');
type ProbeScriptModule = typeof import('../src/runner/probe-script.js');
type HostFactsModule = typeof import('../src/runner/host-facts.js');
type ConfigModule = typeof import('../src/config/index.js');
type RegistryModule = typeof import('../checks/index.js');
type MemoFileModule = typeof import('../src/probe-memo/memo-file.js');
type MemoStoreModule = typeof import('../src/probe-memo/memo-store.js');

export interface HostScript {
  target: HostTarget;
  /** The command the runner execs (`sh -s`); the script goes to its stdin. */
  command: string;
  script: string;
  /** Probe commands in the script (facts included). */
  commandCount: number;
}

/** The snapshot's loadConfig of `configPath`: the typed config and the file it came from (the memo is keyed on it). */
async function loadSnapshot(build: Build, configPath: string) {
  const { loadConfig } = await build.importModule<ConfigModule>('dist/src/config/index.js');
  return loadConfig({ path: configPath, env: process.env, cwd: process.cwd() });
}

export async function loadSnapshotConfig(build: Build, configPath: string): Promise<Config> {
  return (await loadSnapshot(build, configPath)).config;
}

/** The probe memo the CLI keeps for the loaded config file (src/cli/run-checks.ts: defaultMemoPath of that file). */
async function loadMemo(build: Build, configFile: string) {
  const [memoFile, memoStore] = await Promise.all([
    build.importModule<MemoFileModule>('dist/src/probe-memo/memo-file.js'),
    build.importModule<MemoStoreModule>('dist/src/probe-memo/memo-store.js'),
  ]);
  const memoPath = memoFile.defaultMemoPath(configFile, process.env);
  if (!memoPath) throw new Error('bench: no probe memo path (neither XDG_CACHE_HOME nor HOME is set)');
  const store = await memoFile.readMemoFile(memoPath);
  return (host: { name: string; address: string }) => {
    const key = memoStore.ProbeMemoStore.hostKey(host);
    return { get: (k: string) => store.get(key, k) };
  };
}

export async function probeScripts(build: Build, configPath: string, registry?: Registry<Config>, withMemo = false): Promise<HostScript[]> {
  const loaded = await loadSnapshot(build, configPath);
  const memoFor = withMemo ? await loadMemo(build, loaded.file) : undefined;
  const [probeHost, probeScript, hostFacts, configModule, registryModule] = await Promise.all([
    build.importModule<ProbeHostModule>('dist/src/runner/probe-host.js'),
    build.importModule<ProbeScriptModule>('dist/src/runner/probe-script.js'),
    build.importModule<HostFactsModule>('dist/src/runner/host-facts.js'),
    build.importModule<ConfigModule>('dist/src/config/index.js'),
    build.importModule<RegistryModule>('dist/checks/index.js'),
  ]);
  const reg = registry ?? registryModule.registry;
  const { config } = loaded;
  return configModule.allHostTargets(config).map((target) => {
    const ref = { name: target.name, role: target.role, address: target.host };
    const ctx = { config, host: ref, flags: {}, ...(memoFor ? { memo: memoFor(ref) } : {}) };
    const items = [...reg.checks, ...reg.crossHostChecks]
      .filter((c) => c.roles.includes(target.role))
      .map((c) => probeHost.buildProbe(c, ctx));
    const commands = [...hostFacts.FACT_COMMANDS, ...probeHost.scriptCommands(items)];
    return {
      target,
      command: probeHost.PROBE_EXEC_COMMAND,
      script: probeScript.buildProbeScript(commands, probeScript.newNonce()),
      commandCount: commands.length,
    };
  });
}
