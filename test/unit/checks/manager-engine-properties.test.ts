/** Pure helpers of the manager checks: the property list (facts §1.4, §1.5) and level ordering. */
import { describe, expect, it } from 'vitest';
import { compareLevels, parseStoredProperties } from '../../../checks/lib/engine-config.js';
import { effectiveRegex, parsePropertyList, serializePropertyList, upsertProperty } from '../../../checks/lib/engine-properties.js';
import { ParseError } from '../../../src/errors.js';

describe('UserDefinedVMProperties lists', () => {
  it('parse and serialise round-trip, trailing ";" kept, empty value allowed', () => {
    for (const v of ['', 'a=1', 'a=1;', 'a=1;b=', 'a=x=y;b=^(p|q)$', 'n_1=a version: 4.2 b']) {
      expect(serializePropertyList(parsePropertyList(v))).toBe(v);
    }
    expect(parsePropertyList('a=x=y;b=;')).toEqual({
      definitions: [
        { name: 'a', regex: 'x=y' },
        { name: 'b', regex: '' },
      ],
      trailingSemicolon: true,
    });
  });

  it('rejects what the engine syntax rejects: empty tokens, bad names, missing "="', () => {
    for (const v of [';', 'a=1;;b=2', 'a-b=1', 'noequals', 'a=1;;', ' a=1']) expect(() => parsePropertyList(v)).toThrow(ParseError);
  });

  it('upsert: append (with and without trailing ";"), replace in place, dedupe, no-op', () => {
    expect(upsertProperty('', 'R')).toEqual({ value: 'floppy=R', change: { kind: 'add' } });
    expect(upsertProperty('a=1', 'R')).toEqual({ value: 'a=1;floppy=R', change: { kind: 'add' } });
    expect(upsertProperty('a=1;', 'R')).toEqual({ value: 'a=1;floppy=R', change: { kind: 'add' } });
    expect(upsertProperty('a=1;floppy=old;b=2;', 'R')).toEqual({
      value: 'a=1;floppy=R;b=2;',
      change: { kind: 'replace', previous: 'old' },
    });
    expect(upsertProperty('floppy=x;a=1;floppy=y', 'R')).toEqual({
      value: 'floppy=R;a=1',
      change: { kind: 'dedupe', previous: ['x', 'y'] },
    });
    expect(upsertProperty('floppy=R;a=1;', 'R')).toEqual({ value: 'floppy=R;a=1;', change: { kind: 'none' } });
    // a single right definition next to a duplicate still needs the duplicate removed
    expect(upsertProperty('floppy=R;floppy=R', 'R').change).toEqual({ kind: 'dedupe', previous: ['R', 'R'] });
  });

  it('the engine uses the last of duplicate definitions (HashMap.put)', () => {
    expect(effectiveRegex(parsePropertyList('floppy=a;x=1;floppy=b'), 'floppy')).toBe('b');
    expect(effectiveRegex(parsePropertyList('x=1'), 'floppy')).toBeUndefined();
  });

  it('levels sort numerically, 4.10 after 4.9', () => {
    expect(['4.10', '4.2', '4.9', '3.6'].sort(compareLevels)).toEqual(['3.6', '4.2', '4.9', '4.10']);
  });

  it('a level listed twice is garbage', () => {
    const twice = 'UserDefinedVMProperties:  version: 4.2\nUserDefinedVMProperties: a=1 version: 4.2\n';
    expect(() => parseStoredProperties(twice, 0)).toThrow(/listed twice/);
  });
});
