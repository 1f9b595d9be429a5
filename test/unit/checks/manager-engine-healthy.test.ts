/** manager-engine-healthy on captured curl output (fixtures' source.txt). */
import { describe, expect, it } from 'vitest';
import check from '../../../checks/manager-engine-healthy.js';
import { ParseError } from '../../../src/errors.js';
import { commandOf, makeContext, probeWithFake } from '../../support/check-harness.js';
import { fixture, preflight } from './lib/fixtures.js';

const ID = 'manager-engine-healthy';
const ctx = makeContext({ host: { name: 'mgr', role: 'manager', address: '127.0.1.10' }, facts: { engineVersion: '4.5.6-1.el8' } });
const URL_ = 'http://127.0.1.10/ovirt-engine/services/health';

describe('manager-engine-healthy', () => {
  it('asks the configured URL with curl, bounded by --max-time', () => {
    expect(commandOf(check.probe(ctx).health)).toBe(`curl -sS -o /dev/null -w '%{http_code}' --max-time 5 ${URL_}`);
  });

  it('compliant: 200', async () => {
    const o = await probeWithFake(check, ctx, fixture(ID, 'ok'));
    expect(check.compare(o, ctx)).toEqual([]);
    expect(check.fix).toBeUndefined();
  });

  it('drift: 500 says the database, refused and timeout say so; never fixable', async () => {
    const down = await probeWithFake(check, ctx, fixture(ID, 'db-down'));
    expect(check.compare(down, ctx)).toEqual([
      {
        code: 'engine-unhealthy',
        message: `${URL_} answered HTTP 500: the engine cannot query its database`,
        expected: 'HTTP 200',
        actual: 'HTTP 500',
        fixable: false,
      },
    ]);
    const refused = await probeWithFake(check, ctx, fixture(ID, 'lab-bare-host-refused'));
    expect(check.compare(refused, ctx)).toEqual([
      {
        code: 'engine-unhealthy',
        message: `${URL_} could not connect (curl exit 7): is ovirt-engine running? (systemctl status ovirt-engine)`,
        expected: 'HTTP 200',
        actual: 'could not connect (curl exit 7)',
        fixable: false,
      },
    ]);
    const hung = await probeWithFake(check, ctx, fixture(ID, 'timeout'));
    expect(check.compare(hung, ctx)[0]!.actual).toBe('timed out (curl exit 28)');
  });

  it('curl missing (exit 127) is data', async () => {
    const o = await probeWithFake(check, ctx, { health: { stdout: '', exitCode: 127 } });
    expect(check.compare(o, ctx)).toEqual([
      { code: 'curl-missing', message: 'curl is not installed on the manager; cannot ask the health servlet', fixable: false },
    ]);
  });

  it('not applicable: skipped while manager-engine-installed is not ok', () => {
    expect(preflight(check, ctx, { 'manager-engine-installed': 'drift' })).toMatchObject({
      status: 'skipped',
      reason: 'needs manager-engine-installed (drift)',
    });
  });

  it('garbage: ParseError', async () => {
    await expect(probeWithFake(check, ctx, { health: { stdout: '<html>', exitCode: 0 } })).rejects.toBeInstanceOf(ParseError);
  });
});
