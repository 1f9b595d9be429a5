/**
 * manager-engine-installed: the manager runs ovirt-engine and has `engine-config`.
 *
 * Gate for every other manager check (they `dependsOn` it): the floppy property lives in the engine database
 * and is read and written with engine-config (facts §1.1–§1.3). The engine version comes from the runner's host
 * facts (`rpm -q ovirt-engine`, facts §7 "Detect versions first"); an info finding puts it and the OS release in
 * the report. Not fixable: installing or upgrading an engine is engine-setup's job, not this tool's.
 * Role: manager.
 */
import { defineCheck, type Finding } from '../src/check-api.js';
import type { Config } from '../src/config/types.js';
import { ParseError } from '../src/errors.js';
import { osRelease } from './lib/os-release.js';

export interface EngineConfigPresence {
  /** Absolute path of engine-config, when it is on PATH. */
  path?: string;
}

export function parseCommandPath(stdout: string, exitCode: number): EngineConfigPresence {
  if (exitCode !== 0) return {};
  const path = stdout.trim();
  if (!/^\/\S+$/.test(path)) throw new ParseError('command -v engine-config', stdout);
  return { path };
}

export default defineCheck<{ engineConfig: EngineConfigPresence }, Config>({
  id: 'manager-engine-installed',
  title: 'ovirt-engine and engine-config are installed on the manager',
  roles: ['manager'],
  severity: 'error',
  needsRoot: false, // command -v finds engine-config for every user
  probe: () => ({ engineConfig: { run: { sh: 'command -v engine-config' }, parse: parseCommandPath } }),
  compare: ({ engineConfig }, { facts }): Finding[] => {
    if (!facts.engineVersion) {
      // rpm ran but its answer could not be read: unknown, not "not installed".
      if (facts.rpmError) throw new ParseError('rpm -q ovirt-engine', facts.rpmError, 'no answer for the package');
      const why = facts.hasRpm ? 'rpm -q ovirt-engine finds no package' : 'this host has no rpm';
      return [
        { code: 'engine-not-installed', message: `ovirt-engine is not installed (${why}); is this the engine host?`, fixable: false },
      ];
    }
    if (!engineConfig.path) {
      return [
        {
          code: 'engine-config-missing',
          message: `ovirt-engine ${facts.engineVersion} is installed but engine-config is not on PATH`,
          fixable: false,
        },
      ];
    }
    return [{ code: 'engine-version', severity: 'info', message: `ovirt-engine ${facts.engineVersion} on ${osRelease(facts)}` }];
  },
});
