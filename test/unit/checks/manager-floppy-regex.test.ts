/**
 * manager-floppy-regex judges the configuration only (no probe, so there is no captured output and no garbage
 * case): lib/engine-floppy-regex.ts with the regexes people actually write.
 */
import { describe, expect, it } from 'vitest';
import check from '../../../checks/manager-floppy-regex.js';
import { judgeFloppyRegex, valuesOutside } from '../../../checks/lib/engine-floppy-regex.js';
import type { Config } from '../../../src/config/types.js';
import { makeContext, type DeepPartial } from '../../support/check-harness.js';

const DIR = '/rhev/data-center/mnt/127.0.1.20:_exports_iso/floppy';
const codes = (regex: string) => judgeFloppyRegex(regex, DIR).map((p) => p.code);

describe('manager-floppy-regex', () => {
  it('compliant: the default regex (clientPath escaped, plain file names) passes; no probe, no fix', () => {
    const ctx = makeContext({ host: { name: 'mgr', role: 'manager', address: '127.0.1.10' } });
    expect(check.probe(ctx)).toEqual({});
    expect(check.compare({}, ctx)).toEqual([]);
    expect(check.fix).toBeUndefined();
  });

  it("drift: the how-to's ^.*$ is a warning, not fixable, saying why", () => {
    const ctx = makeContext({
      host: { name: 'mgr', role: 'manager', address: '127.0.1.10' },
      config: { floppy: { propertyRegex: '^.*$' } },
    });
    expect(check.compare({}, ctx)).toEqual([
      {
        code: 'regex-matches-anything',
        message: 'floppy regex ^.*$ accepts any value: every VM editor could attach any host file as a writable disk (facts §7)',
        fixable: false,
      },
    ]);
    expect(check.severity).toBe('warn');
  });

  it('catches traversal, prefix siblings, unescaped dots and relative paths', () => {
    const e = (regex: string) => judgeFloppyRegex(regex, DIR).find((p) => p.code === 'regex-escapes-directory')?.example;
    expect(e(`^${DIR.replace(/\./g, '\\.')}/.*$`)).toBe(`${DIR}/../payload.vfd`);
    expect(e(`^${DIR.replace(/\./g, '\\.')}[A-Za-z0-9._/-]+$`)).toBe(`${DIR}/../payload.vfd`);
    expect(e(`^${DIR.replace(/\./g, '\\.')}[A-Za-z0-9_-]*/[a-z]+\\.vfd$`)).toBe(`${DIR}-other/payload.vfd`);
    expect(e(`^${DIR}/[a-z]+\\.vfd$`)).toBe('/rhev/data-center/mnt/127X0X1X20:_exports_iso/floppy/payload.vfd');
    expect(e('[a-z]+\\.vfd')).toBe('payload.vfd');
    expect(codes('[a-z]+\\.vfd')).toEqual(['regex-rejects-images', 'regex-escapes-directory']);
    expect(codes('^/.*\\.vfd$')).toEqual(['regex-escapes-directory']);
  });

  it('a regex that accepts no image in the directory is useless', () => {
    expect(codes('^/srv/other/[a-z]+\\.vfd$')).toEqual(['regex-rejects-images']);
  });

  it('Java-only syntax cannot be judged in JavaScript and says so', () => {
    expect(codes(`^${DIR}/[a-z]++\\.vfd$`)).toEqual(['regex-not-checkable']);
  });

  it('the values outside include the parent and a sibling sharing the prefix', () => {
    expect(valuesOutside(`${DIR}/`)).toEqual(
      expect.arrayContaining([`${DIR}2/payload.vfd`, '/rhev/data-center/mnt/127.0.1.20:_exports_iso/payload.vfd']),
    );
  });
});

describe('manager-floppy-regex and the CD property (issue #12)', () => {
  const mgr = (config: DeepPartial<Config>) => makeContext({ host: { name: 'mgr', role: 'manager', address: '127.0.1.10' }, config });

  it('payload auto judges floppy.cdPropertyRegex too, naming floppycd and an ISO in its examples', () => {
    const findings = check.compare({}, mgr({ floppy: { cdPropertyRegex: `^${DIR.replace(/\./g, '\\.')}/.*$` } }));
    expect(findings).toEqual([
      {
        code: 'regex-escapes-directory',
        message: `floppycd regex ^${DIR.replace(/\./g, '\\.')}/.*$ accepts ${DIR}/../payload.iso, outside ${DIR}; restrict it to plain file names in that directory (facts §7)`,
        fixable: false,
        actual: `${DIR}/../payload.iso`,
      },
    ]);
  });

  it('a CD regex that accepts no .iso is said; payload floppy leaves the CD regex alone', () => {
    const noIso = { floppy: { cdPropertyRegex: `^${DIR.replace(/\./g, '\\.')}/[a-z]+\\.vfd$` } };
    expect(check.compare({}, mgr(noIso)).map((f) => f.code)).toEqual(['regex-rejects-images']);
    expect(check.compare({}, mgr({ ...noIso, payload: 'floppy' }))).toEqual([]);
  });
});
