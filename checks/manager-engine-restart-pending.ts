/**
 * manager-engine-restart-pending: the RUNNING engine uses the payload properties (`floppy=<floppy.propertyRegex>`
 * and/or `<floppy.cdProperty>=<floppy.cdPropertyRegex>`, as `payload` asks) on every level it reports, i.e. no
 * engine restart is pending for our properties.
 *
 * Why: the engine reads UserDefinedVMProperties once at start (not reloadable); a value stored with
 * engine-config only counts after a restart, and the REST API's option shows what the running engine holds
 * (facts §1.6). The runner fetches it from this machine (ctx.engine) when `engineApi` is configured.
 * Scope: this check needs manager-floppy-property ok, so the stored value already has exactly our properties on
 * every level; a running value without one therefore means stored ≠ running for our property. Pending changes of
 * OTHER properties are not ours to act on (a restart would activate someone else's unfinished change) and
 * need no second engine-config read (a JVM start) on the manager.
 * Without engineApi (issue #13) only changes made by ovirt-floppy are seen: the step that writes the property also
 * leaves a marker on the manager, and the restart handler removes it once the engine answered healthy again
 * (lib/engine-restart-marker.ts). A marker newer than the engine service's main process means that engine has not
 * read the change: drift. A change someone else made with engine-config leaves no marker and stays invisible, which
 * the ok result says (an info finding).
 * Fix: a no-op step that notifies the restart handler (restart + bounded health wait).
 * An unanswered API (ctx.engine.error), or a marker with no engine start to compare it with, makes the check
 * `error`: the state is unknown, not drifted.
 * Role: manager. Needs manager-floppy-property and manager-engine-healthy.
 */
import { defineCheck, type Finding, type Step } from '../src/check-api.js';
import type { Config } from '../src/config/types.js';
import { AppError } from '../src/errors.js';
import { compareLevels, PROPERTY_KEY } from './lib/engine-config.js';
import { managerOf } from './lib/engine-manager.js';
import { MARKER_PATH, markerVerdict, parseRestartMarker, restartMarkerCommand, type RestartMarker } from './lib/engine-restart-marker.js';
import { effectiveRegex, parsePropertyList } from './lib/engine-properties.js';
import { definedPayloadProperties } from './lib/payload-properties.js';

export interface RunningLevel {
  version: string;
  /** The regex the running engine uses per property name (the last definition wins); a name it lacks is absent. */
  regexes: Record<string, string | undefined>;
}

/** The running engine's regexes for `names` per level, sorted by level. Throws when the API could not be asked. */
export function runningProperties(
  running: Record<string, string> | undefined,
  error: string | undefined,
  names: readonly string[],
): RunningLevel[] {
  if (error) throw new AppError(`engine API: ${error}`);
  if (!running || Object.keys(running).length === 0) throw new AppError(`engine API reported no ${PROPERTY_KEY} levels`);
  return Object.keys(running)
    .sort(compareLevels)
    .map((version) => {
      const list = parsePropertyList(running[version]!, `running ${PROPERTY_KEY} for level ${version}`);
      return { version, regexes: Object.fromEntries(names.map((name) => [name, effectiveRegex(list, name)])) };
    });
}

/** Without the API: what the marker says, as findings (empty or one info = no restart pending that we know of). */
function markerFindings(marker: RestartMarker, config: Config, host: string): Finding[] {
  const service = managerOf(config).engineService;
  const verdict = markerVerdict(marker, service);
  if ('unknown' in verdict) throw new AppError(`${host}: ${MARKER_PATH} says ovirt-floppy changed ${PROPERTY_KEY}, but ${verdict.unknown}`);
  if (verdict.pending) {
    return [
      {
        code: 'engine-restart-pending',
        message: `engine restart pending: ovirt-floppy changed ${PROPERTY_KEY} at ${verdict.changedAt}, ${service} running since ${verdict.engineSince}`,
        expected: `${service} started after ${verdict.changedAt}`,
        actual: `${service} running since ${verdict.engineSince}`,
      },
    ];
  }
  return [
    {
      code: 'restart-pending-scope',
      severity: 'info',
      message: `no restart pending for changes made by ovirt-floppy (${verdict.why}); without engineApi only changes made by ovirt-floppy are seen`,
    },
  ];
}

export default defineCheck<{ marker?: RestartMarker }, Config>({
  id: 'manager-engine-restart-pending',
  title: 'the running engine uses the stored payload properties (no restart pending)',
  roles: ['manager'],
  severity: 'error',
  dependsOn: ['manager-floppy-property', 'manager-engine-healthy'],
  // With the API the running values are asked from this machine; without it the manager's marker is read.
  probe: ({ config }) =>
    config.engineApi ? {} : { marker: { run: restartMarkerCommand(managerOf(config).engineService), parse: parseRestartMarker } },
  compare: ({ marker }, { engine, config, host }): Finding[] => {
    if (marker) return markerFindings(marker, config, host.name);
    const wanted = definedPayloadProperties(config);
    const levels = runningProperties(
      engine?.runningUserDefinedVMProperties,
      engine?.error,
      wanted.map((w) => w.name),
    );
    return levels.flatMap((l) =>
      wanted
        .filter((w) => l.regexes[w.name] !== w.regex)
        .map((w) => {
          const has = l.regexes[w.name];
          return {
            code: 'engine-restart-pending',
            message: `level ${l.version}: the running engine has ${has === undefined ? `no ${w.name} property` : `${w.name}=${has}`}, the database has ${w.name}=${w.regex}: engine restart pending`,
            expected: `${w.name}=${w.regex}`,
            actual: has === undefined ? '(none)' : `${w.name}=${has}`,
          };
        }),
    );
  },
  fix: (): Step[] => [
    {
      describe: 'restart the engine so it loads the stored UserDefinedVMProperties (no change of its own)',
      run: { argv: ['true'] },
      notify: 'restart-engine',
    },
  ],
});
