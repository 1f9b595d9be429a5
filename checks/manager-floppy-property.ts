/**
 * manager-floppy-property: `UserDefinedVMProperties` defines `floppy=<floppy.propertyRegex>` exactly once on
 * EVERY cluster level row engine-config has.
 *
 * Why: the engine refuses a VM custom property it has no definition for at the VM's level, and silently drops
 * undefined properties when a cluster level is raised, so every row counts, new ones included (facts §1.6).
 * Levels are the rows engine-config prints, never an assumed list (facts §1.2, §1.6). The fix is our own
 * merge keyed on the property name, never `-m` (which appends a second `floppy=`, facts §1.5): other
 * definitions keep their bytes and order, an existing `floppy=` is replaced in place, else appended. One
 * guarded `-s … --cver=X` per level that differs, with read-back (lib/engine-config.ts), then the engine
 * restart handler: the value is only read at engine start (facts §1.6).
 * Role: manager. Needs manager-engine-installed.
 */
import { defineCheck, type Finding, type Step } from '../src/check-api.js';
import type { Config } from '../src/config/types.js';
import {
  listPropertiesCommand,
  parseStoredProperties,
  planPropertyWrite,
  PROPERTY_KEY,
  type StoredProperties,
} from './lib/engine-config.js';
import { MAX_PROPERTY_VALUE_LENGTH, propertyRegexProblem, upsertProperty, type UpsertChange } from './lib/engine-properties.js';

export interface LevelPlan {
  version: string;
  before: string;
  after: string;
  change: UpsertChange;
}

/** What each level needs; levels already right have change `none`. */
export function planLevels(stored: Extract<StoredProperties, { state: 'ok' }>, regex: string): LevelPlan[] {
  return stored.levels.map(({ version, value }) => {
    const { value: after, change } = upsertProperty(value, regex, { what: `${PROPERTY_KEY} for level ${version}` });
    return { version, before: value, after, change };
  });
}

type Changed = LevelPlan & { change: Exclude<UpsertChange, { kind: 'none' }> };

function isChanged(plan: LevelPlan): plan is Changed {
  return plan.change.kind !== 'none';
}

function describeChange(plan: Changed, regex: string): { code: string; message: string; action: string } {
  const wanted = `floppy=${regex}`;
  switch (plan.change.kind) {
    case 'add':
      return { code: 'floppy-missing', message: `level ${plan.version}: floppy is not defined; add ${wanted}`, action: `add ${wanted}` };
    case 'replace':
      return {
        code: 'floppy-differs',
        message: `level ${plan.version}: floppy regex ${plan.change.previous} → ${regex}`,
        action: `replace floppy=${plan.change.previous} with ${wanted}`,
      };
    case 'dedupe':
      return {
        code: 'floppy-duplicated',
        message: `level ${plan.version}: floppy is defined ${plan.change.previous.length} times (${plan.change.previous.join(' | ')}); keep one: ${regex}`,
        action: `keep a single ${wanted}`,
      };
  }
}

function findingsFor(stored: StoredProperties, regex: string): Finding[] {
  if (stored.state === 'missing') return [{ code: 'engine-config-missing', message: 'engine-config is not installed', fixable: false }];
  if (stored.state === 'failed') {
    return [{ code: 'engine-config-failed', message: `engine-config -g ${PROPERTY_KEY} failed: ${stored.message}`, fixable: false }];
  }
  return planLevels(stored, regex)
    .filter(isChanged)
    .map((p) => {
      const { code, message } = describeChange(p, regex);
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
    });
}

export default defineCheck<{ stored: StoredProperties }, Config>({
  id: 'manager-floppy-property',
  title: 'UserDefinedVMProperties defines floppy on every cluster level',
  roles: ['manager'],
  severity: 'error',
  dependsOn: ['manager-engine-installed'],
  probe: () => ({ stored: { run: listPropertiesCommand(), parse: parseStoredProperties } }),
  compare: ({ stored }, { config }) => {
    const regex = config.floppy.propertyRegex;
    const problem = propertyRegexProblem(regex);
    if (problem)
      return [
        { code: 'regex-unusable', message: `floppy.propertyRegex ${problem}; it cannot be stored in ${PROPERTY_KEY}`, fixable: false },
      ];
    return findingsFor(stored, regex);
  },
  fix: ({ stored }, { config }): Step[] => {
    const regex = config.floppy.propertyRegex;
    if (stored.state !== 'ok' || propertyRegexProblem(regex)) return [];
    return planLevels(stored, regex)
      .filter(isChanged)
      .filter((p) => p.after.length <= MAX_PROPERTY_VALUE_LENGTH)
      .map((p) => ({
        describe: `set ${PROPERTY_KEY} for level ${p.version}: ${describeChange(p, regex).action}`,
        run: planPropertyWrite(p.version, p.before, p.after),
        notify: 'restart-engine',
        // Three engine-config runs (check, set, read back), each bounded by its own timeout.
        timeout: 200,
      }));
  },
});
