/**
 * manager-engine-restart-pending: the RUNNING engine uses `floppy=<floppy.propertyRegex>` on every level it
 * reports, i.e. no engine restart is pending for our property.
 *
 * Why: the engine reads UserDefinedVMProperties once at start (not reloadable); a value stored with
 * engine-config only counts after a restart, and the REST API's option shows what the running engine holds
 * (facts §1.6). The runner fetches it from this machine (ctx.engine) when `engineApi` is configured.
 * Scope: this check needs manager-floppy-property ok, so the stored value already has exactly our floppy on
 * every level; a running value without it therefore means stored ≠ running for our property. Pending changes of
 * OTHER properties are not ours to act on (a restart would activate someone else's unfinished change) and
 * need no second engine-config read (a JVM start) on the manager.
 * Fix: a no-op step that notifies the restart handler (restart + bounded health wait).
 * An unanswered API (ctx.engine.error) makes the check `error`: the state is unknown, not drifted.
 * Role: manager. Needs manager-floppy-property and manager-engine-healthy.
 */
import { defineCheck, type Finding, type Step } from '../src/check-api.js';
import type { Config } from '../src/config/types.js';
import { AppError } from '../src/errors.js';
import { compareLevels, PROPERTY_KEY } from './lib/engine-config.js';
import { effectiveRegex, FLOPPY_PROPERTY, parsePropertyList } from './lib/engine-properties.js';

export interface RunningLevel {
  version: string;
  /** The floppy regex the running engine uses (the last definition wins), undefined when none. */
  floppy?: string;
}

/** The running engine's floppy per level, sorted by level. Throws when the API could not be asked. */
export function runningFloppy(running: Record<string, string> | undefined, error: string | undefined): RunningLevel[] {
  if (error) throw new AppError(`engine API: ${error}`);
  if (!running || Object.keys(running).length === 0) throw new AppError(`engine API reported no ${PROPERTY_KEY} levels`);
  return Object.keys(running)
    .sort(compareLevels)
    .map((version) => {
      const list = parsePropertyList(running[version]!, `running ${PROPERTY_KEY} for level ${version}`);
      return { version, floppy: effectiveRegex(list, FLOPPY_PROPERTY) };
    });
}

export default defineCheck<Record<string, never>, Config>({
  id: 'manager-engine-restart-pending',
  title: 'the running engine uses the stored floppy property (no restart pending)',
  roles: ['manager'],
  severity: 'error',
  dependsOn: ['manager-floppy-property', 'manager-engine-healthy'],
  appliesTo: ({ engine }) => (engine ? true : 'engineApi not configured'),
  probe: () => ({}),
  compare: (_observed, { engine, config }): Finding[] => {
    const regex = config.floppy.propertyRegex;
    return runningFloppy(engine?.runningUserDefinedVMProperties, engine?.error)
      .filter((l) => l.floppy !== regex)
      .map((l) => ({
        code: 'engine-restart-pending',
        message: `level ${l.version}: the running engine has ${l.floppy === undefined ? 'no floppy property' : `floppy=${l.floppy}`}, the database has floppy=${regex}: engine restart pending`,
        expected: `floppy=${regex}`,
        actual: l.floppy === undefined ? '(none)' : `floppy=${l.floppy}`,
      }));
  },
  fix: (): Step[] => [
    {
      describe: 'restart the engine so it loads the stored UserDefinedVMProperties (no change of its own)',
      run: { argv: ['true'] },
      notify: 'restart-engine',
    },
  ],
});
