/**
 * manager-floppy-property: `UserDefinedVMProperties` defines the payload properties `payload` asks for exactly once
 * on EVERY cluster level row engine-config has: `floppy=<floppy.propertyRegex>` and/or
 * `<floppy.cdProperty>=<floppy.cdPropertyRegex>` (issue #12).
 *
 * Why: the engine refuses a VM custom property it has no definition for at the VM's level, and silently drops
 * undefined properties when a cluster level is raised, so every row counts, new ones included (facts §1.6).
 * Levels are the rows engine-config prints, never an assumed list (facts §1.2, §1.6). The fix is our own
 * merge keyed on the property name, never `-m` (which appends a second `floppy=`, facts §1.5): other
 * definitions keep their bytes and order, an existing definition is replaced in place, else appended. One
 * guarded `-s … --cver=X` per level that differs (both properties in the same write), with read-back (lib/engine-config.ts), then the engine
 * restart handler: the value is only read at engine start (facts §1.6). The write also leaves the restart-pending
 * marker (lib/engine-restart-marker.ts) for manager-engine-restart-pending without engineApi.
 * Every engine-config run is bounded by manager.engineConfigTimeout (inside ssh.execTimeout): a hang is this
 * check's `error` naming the host and the bound, and the manager's other checks still run.
 * Role: manager. Needs manager-engine-installed.
 */
import { defineCheck, type Finding, type Step } from '../src/check-api.js';
import type { Config, PayloadDevice } from '../src/config/types.js';
import { AppError } from '../src/errors.js';
import {
  listPropertiesCommand,
  parseStoredProperties,
  planPropertyWrite,
  PROPERTY_KEY,
  propertyWriteSeconds,
  type StoredProperties,
} from './lib/engine-config.js';
import { MAX_PROPERTY_VALUE_LENGTH, propertyRegexProblem, upsertProperty, type UpsertChange } from './lib/engine-properties.js';
import { managerOf } from './lib/engine-manager.js';
import { definedPayloadProperties } from './lib/payload-properties.js';

/** One payload property the manager must define: name, regex, and the config key it comes from. */
export interface WantedProperty {
  device: PayloadDevice;
  name: string;
  regex: string;
  configKey: string;
}

export interface PropertyChange {
  property: WantedProperty;
  change: Exclude<UpsertChange, { kind: 'none' }>;
}

export interface LevelPlan {
  version: string;
  before: string;
  after: string;
  /** Every property this level lacks or holds wrongly, in config order; empty when the level is right. */
  changes: PropertyChange[];
}

/** What each level needs: the properties upserted one after the other into the level's value. */
export function planLevels(stored: Extract<StoredProperties, { state: 'ok' }>, wanted: readonly WantedProperty[]): LevelPlan[] {
  return stored.levels.map(({ version, value }) => {
    let after = value;
    const changes: PropertyChange[] = [];
    for (const property of wanted) {
      const upserted = upsertProperty(after, property.regex, { name: property.name, what: `${PROPERTY_KEY} for level ${version}` });
      after = upserted.value;
      if (upserted.change.kind !== 'none') changes.push({ property, change: upserted.change });
    }
    return { version, before: value, after, changes };
  });
}

/** Finding codes: the floppy's are the historical `floppy-*`; the CD property's `cd-property-*`. */
function codePrefix(property: WantedProperty): string {
  return property.device === 'floppy' ? 'floppy' : 'cd-property';
}

function describeChange(version: string, { property, change }: PropertyChange): { code: string; message: string; action: string } {
  const { name, regex } = property;
  const wanted = `${name}=${regex}`;
  const prefix = codePrefix(property);
  switch (change.kind) {
    case 'add':
      return { code: `${prefix}-missing`, message: `level ${version}: ${name} is not defined; add ${wanted}`, action: `add ${wanted}` };
    case 'replace':
      return {
        code: `${prefix}-differs`,
        message: `level ${version}: ${name} regex ${change.previous} → ${regex}`,
        action: `replace ${name}=${change.previous} with ${wanted}`,
      };
    case 'dedupe':
      return {
        code: `${prefix}-duplicated`,
        message: `level ${version}: ${name} is defined ${change.previous.length} times (${change.previous.join(' | ')}); keep one: ${regex}`,
        action: `keep a single ${wanted}`,
      };
  }
}

function findingsFor(stored: StoredProperties, wanted: readonly WantedProperty[], host: string, seconds: number): Finding[] {
  // No answer is not a verdict on the stored value: the check is an error (exit 3), naming host and bound.
  if (stored.state === 'timeout') {
    throw new AppError(
      `${host}: engine-config -g ${PROPERTY_KEY} did not answer within ${seconds} s (manager.engineConfigTimeout); ended by timeout`,
    );
  }
  if (stored.state === 'missing') return [{ code: 'engine-config-missing', message: 'engine-config is not installed', fixable: false }];
  if (stored.state === 'failed') {
    return [{ code: 'engine-config-failed', message: `engine-config -g ${PROPERTY_KEY} failed: ${stored.message}`, fixable: false }];
  }
  return planLevels(stored, wanted).flatMap((p) =>
    p.changes.map((c) => {
      const { code, message } = describeChange(p.version, c);
      if (p.after.length > MAX_PROPERTY_VALUE_LENGTH) {
        return {
          code: 'value-too-long',
          message: `${message}, but the result would exceed ${MAX_PROPERTY_VALUE_LENGTH} characters`,
          expected: p.after,
          actual: p.before,
          fixable: false,
        };
      }
      return { code, message, expected: p.after, actual: p.before };
    }),
  );
}

/** The properties `payload` asks for, or the first one whose regex cannot be stored. */
function wantedProperties(config: Config): { wanted: WantedProperty[]; unusable?: Finding } {
  const wanted = definedPayloadProperties(config);
  for (const property of wanted) {
    const problem = propertyRegexProblem(property.regex);
    if (problem) {
      const message = `${property.configKey} ${problem}; it cannot be stored in ${PROPERTY_KEY}`;
      return { wanted, unusable: { code: 'regex-unusable', message, fixable: false } };
    }
  }
  return { wanted };
}

export default defineCheck<{ stored: StoredProperties }, Config>({
  id: 'manager-floppy-property',
  title: 'UserDefinedVMProperties defines the payload properties on every cluster level',
  roles: ['manager'],
  severity: 'error',
  dependsOn: ['manager-engine-installed'],
  probe: ({ config }) => ({
    stored: { run: listPropertiesCommand(managerOf(config).engineConfigTimeout), parse: parseStoredProperties },
  }),
  compare: ({ stored }, { config, host }) => {
    const { wanted, unusable } = wantedProperties(config);
    return unusable ? [unusable] : findingsFor(stored, wanted, host.name, managerOf(config).engineConfigTimeout);
  },
  fix: ({ stored }, { config }): Step[] => {
    const { wanted, unusable } = wantedProperties(config);
    if (stored.state !== 'ok' || unusable) return [];
    // One engine-config write per level however many properties change there, and one restart for the run.
    const seconds = managerOf(config).engineConfigTimeout;
    return planLevels(stored, wanted)
      .filter((p) => p.changes.length > 0 && p.after.length <= MAX_PROPERTY_VALUE_LENGTH)
      .map((p) => ({
        describe: `set ${PROPERTY_KEY} for level ${p.version}: ${p.changes.map((c) => describeChange(p.version, c).action).join('; ')}`,
        run: planPropertyWrite(p.version, p.before, p.after, seconds),
        notify: 'restart-engine',
        // Three engine-config runs (check, set, read back), each bounded by manager.engineConfigTimeout.
        timeout: propertyWriteSeconds(seconds),
      }));
  },
});
