/** Unknown-key suggestions and the JSON error locator. */
import { describe, expect, it } from 'vitest';
import { describeValue } from '../../../src/config/ajv-messages.js';
import { locateJsonError } from '../../../src/config/json-errors.js';
import { formatPath, fromJsonPointer } from '../../../src/config/paths.js';
import { closestKey, editDistance } from '../../../src/config/suggest.js';

describe('closestKey', () => {
  const sftp = ['host', 'name', 'user', 'port', 'uploadUser', 'chrootDir', 'floppySubdir', 'authorizedKeys'];
  it.each([
    ['chrootdir', 'chrootDir'],
    ['chroot_dir', 'chrootDir'],
    ['chroot-dir', 'chrootDir'],
    ['authorisedKeys', 'authorizedKeys'],
    ['hots', 'host'],
    ['floppySubDir', 'floppySubdir'],
  ])('%s → %s', (typo, key) => expect(closestKey(typo, sftp)).toBe(key));

  it('suggests nothing for a different word', () => {
    expect(closestKey('password', sftp)).toBeUndefined();
    expect(closestKey('xyz', sftp)).toBeUndefined();
  });

  it('editDistance', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('hots', 'host')).toBe(1);
  });
});

describe('paths', () => {
  it('formats and decodes', () => {
    const data = { hypervisors: [{}, { host: 'x' }], 'a/b': 1 };
    expect(formatPath(fromJsonPointer('/hypervisors/1/host', data))).toBe('hypervisors[1].host');
    expect(formatPath(fromJsonPointer('/a~1b', data))).toBe('["a/b"]');
    expect(formatPath(['sftp', 'chroot dir'])).toBe('sftp["chroot dir"]');
    expect(formatPath([])).toBe('(config)');
  });

  it('describeValue keeps long values short', () => {
    expect(describeValue('x'.repeat(100))).toBe(JSON.stringify(`${'x'.repeat(57)}...`));
    expect(describeValue(null)).toBe('an empty value');
  });
});

describe('locateJsonError', () => {
  it.each([
    ['{"a": 1,}', 8, 'trailing comma before "}"'],
    ['[1, 2,]', 6, 'trailing comma before "]"'],
    ['{a: 1}', 1, 'expected a property name in double quotes, found "a"'],
    ['{"a" 1}', 5, 'expected ":" after the property name'],
    ['{"a": "x\ny"}', 8, 'string not closed before the end of the line'],
    ['{"a": "\\q"}', 7, 'bad escape "\\q"'],
    ['{"a": 1} x', 9, 'unexpected "x" after the end of the JSON document'],
    ['/* c */ {}', 0, 'comments are not allowed'],
    ['', 0, 'unexpected end of the file'],
  ])('%j', (text, offset, message) => {
    const found = locateJsonError(text);
    expect(found?.offset).toBe(offset);
    expect(found?.message).toContain(message);
  });

  it('finds nothing wrong in valid JSON (it only runs after JSON.parse failed, but must agree with it)', () => {
    for (const text of ['{}', '[]', '{"a": [1, -2.5e3, true, false, null, "x\\u00e9\\n"]}', ' \n{"a":{"b":[]}}\n']) {
      expect(() => JSON.parse(text)).not.toThrow();
      expect(locateJsonError(text)).toBeUndefined();
    }
  });
});
