/**
 * manager-engine-restart-pending reads ctx.engine (the runner's REST API fetch, src/engine-api), no probe. The
 * running values below are the stored values of the captured lab fixtures (manager-floppy-property/lab-stock and
 * lab-after-apply): a running engine that has not been restarted still holds the stock ones.
 */
import { describe, expect, it } from 'vitest';
import check from '../../../checks/manager-engine-restart-pending.js';
import type { Check, EngineFacts } from '../../../src/check-api.js';
import type { Config } from '../../../src/config/types.js';
import type { CheckResult } from '../../../src/result/model.js';
import { evaluateCheck } from '../../../src/runner/evaluate.js';
import { ParseError } from '../../../src/errors.js';
import { makeContext } from '../../support/check-harness.js';
import { preflight } from './lib/fixtures.js';

const HOSTUSB = 'hostusb=^0x[0-9a-fA-F]{4}:0x[0-9a-fA-F]{4}$';
// payload floppy: the cases below are about the floppy property alone; auto (both) has its own case.
const API = { url: 'https://127.0.1.10/ovirt-engine/api', user: 'admin@internal', passwordEnv: 'PW' };
// With engine facts the config has engineApi (the runner fetches them only then); without, it has none.
const mgr = (engine?: EngineFacts, payload: 'floppy' | 'auto' = 'floppy') => {
  const ctx = makeContext({ host: { name: 'mgr', role: 'manager', address: '127.0.1.10' }, engine, config: { payload } });
  if (engine) ctx.config.engineApi = API;
  return ctx;
};
const R = mgr().config.floppy.propertyRegex;
const CD = mgr().config.floppy.cdPropertyRegex;
const ok = (): Map<string, CheckResult> =>
  new Map(['manager-floppy-property', 'manager-engine-healthy'].map((id) => [id, { status: 'ok' } as CheckResult]));

describe('manager-engine-restart-pending', () => {
  it('compliant: the running engine has our floppy on every level', () => {
    const ctx = mgr({ runningUserDefinedVMProperties: { '4.2': `floppy=${R}`, '4.6': `${HOSTUSB};floppy=${R}` } });
    expect(check.compare({}, ctx)).toEqual([]);
    expect(check.probe(ctx)).toEqual({});
  });

  it('drift: stock running values → a finding per level, one no-op step that notifies the restart', () => {
    const ctx = mgr({ runningUserDefinedVMProperties: { '4.6': `${HOSTUSB};floppy=^.*$`, '4.10': '', '4.2': `floppy=${R}` } });
    expect(check.compare({}, ctx)).toEqual([
      {
        code: 'engine-restart-pending',
        message: `level 4.6: the running engine has floppy=^.*$, the database has floppy=${R}: engine restart pending`,
        expected: `floppy=${R}`,
        actual: 'floppy=^.*$',
      },
      {
        code: 'engine-restart-pending',
        message: `level 4.10: the running engine has no floppy property, the database has floppy=${R}: engine restart pending`,
        expected: `floppy=${R}`,
        actual: '(none)',
      },
    ]);
    expect(check.fix!({}, ctx)).toEqual([
      {
        describe: 'restart the engine so it loads the stored UserDefinedVMProperties (no change of its own)',
        run: { argv: ['true'] },
        notify: 'restart-engine',
      },
    ]);
  });

  it('payload auto: a running engine that has floppy but not yet floppycd has a restart pending for floppycd only', () => {
    const ctx = mgr({ runningUserDefinedVMProperties: { '4.8': `floppy=${R}`, '4.7': `floppy=${R};floppycd=${CD}` } }, 'auto');
    expect(check.compare({}, ctx)).toEqual([
      {
        code: 'engine-restart-pending',
        message: `level 4.8: the running engine has no floppycd property, the database has floppycd=${CD}: engine restart pending`,
        expected: `floppycd=${CD}`,
        actual: '(none)',
      },
    ]);
  });

  it('skipped until the stored property and health are ok', () => {
    expect(preflight(check, mgr({ runningUserDefinedVMProperties: {} }), { 'manager-floppy-property': 'drift' })).toMatchObject({
      status: 'skipped',
      reason: 'needs manager-floppy-property (drift)',
    });
  });

  it('an unanswered API makes the check error (state unknown), not drift', () => {
    const r = evaluateCheck(
      check as unknown as Check<unknown, Config>,
      { ok: true, observed: {} },
      mgr({ error: 'connect ECONNREFUSED 127.0.1.10:443' }),
      ok(),
    ).result;
    expect(r).toMatchObject({ status: 'error', reason: 'engine API: connect ECONNREFUSED 127.0.1.10:443' });
  });

  it('garbage: a running value that is no property list is a ParseError', () => {
    expect(() => check.compare({}, mgr({ runningUserDefinedVMProperties: { '4.7': 'floppy' } }))).toThrow(ParseError);
  });
});
