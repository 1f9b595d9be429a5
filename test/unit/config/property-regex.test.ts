/**
 * The floppy property regex (facts §1.4, §7): the default is tight and Java-safe; unsafe or non-portable
 * regexes are refused; loose ones are accepted with a warning.
 */
import { describe, expect, it } from 'vitest';
import { defaultPropertyRegex, escapeRegex, literalPrefix, propertyRegexProblems } from '../../../src/config/property-regex.js';

const CLIENT = '/rhev/data-center/mnt/127.0.1.20:_exports_iso/floppy';

describe('defaultPropertyRegex', () => {
  const rx = new RegExp(defaultPropertyRegex(CLIENT));

  it('is anchored clientPath + "/" + a safe file name', () => {
    expect(defaultPropertyRegex(CLIENT)).toBe(
      '^/rhev/data-center/mnt/127\\.0\\.1\\.20:_exports_iso/floppy/[A-Za-z0-9][A-Za-z0-9._-]{0,127}\\.(vfd|img|flp)$',
    );
  });

  it.each(['win10-01.vfd', 'payload.img', 'VM_1.flp', 'a.b.vfd', `${'x'.repeat(124)}.vfd`])('matches <clientPath>/%s', (name) => {
    expect(rx.test(`${CLIENT}/${name}`)).toBe(true);
  });

  it.each([
    `${CLIENT}/../etc/shadow`,
    `${CLIENT}/../x.vfd`,
    '/etc/shadow',
    `${CLIENT}/a;b.vfd`,
    `${CLIENT}/.hidden.vfd`,
    `${CLIENT}/-rf.vfd`,
    `${CLIENT}/sub/x.vfd`,
    `${CLIENT}/x.iso`,
    `${CLIENT}/x.vfd\n`,
    `${CLIENT}/x y.vfd`,
    `${CLIENT}/x.vfd/../../etc/shadow`,
    `${CLIENT.replace('127.0.1.20', '127x0x1x20')}/x.vfd`,
    `${CLIENT}/${'x'.repeat(129)}.vfd`,
  ])('refuses %j', (value) => {
    expect(rx.test(value)).toBe(false);
  });

  it('passes its own rules with no warning', () => {
    expect(propertyRegexProblems(defaultPropertyRegex(CLIENT), CLIENT)).toEqual({ errors: [], warnings: [] });
    expect(propertyRegexProblems(defaultPropertyRegex('/srv/a+b/c.d'), '/srv/a+b/c.d')).toEqual({ errors: [], warnings: [] });
  });
});

describe('escapeRegex', () => {
  it('escapes every regex syntax character and nothing else', () => {
    expect(escapeRegex('a.b+c*d?e^f$g|h(i)j[k]l{m}n\\o')).toBe('a\\.b\\+c\\*d\\?e\\^f\\$g\\|h\\(i\\)j\\[k\\]l\\{m\\}n\\\\o');
    expect(escapeRegex('/x-y:z@w_1')).toBe('/x-y:z@w_1');
  });

  it('produces escapes valid in JavaScript unicode mode (as strict as Java about escapes)', () => {
    const tricky = '/a.b+c(d)[e]{f}^g$h|i?j*k\\l';
    const rx = new RegExp(`^${escapeRegex(tricky)}$`, 'u');
    expect(rx.test(tricky)).toBe(true);
    expect(rx.test(tricky.replace('.', 'X'))).toBe(false);
  });

  it('never uses \\Q...\\E, which JavaScript does not know', () => {
    expect(escapeRegex('/a.b')).not.toMatch(/\\Q|\\E/);
  });
});

describe('propertyRegexProblems: refused', () => {
  const errors = (re: string): string[] => propertyRegexProblems(re, CLIENT).errors;

  it.each([
    ['^/f/(?<=f/)x$', 'lookbehind'],
    ['^/f/(?<!y)x$', 'lookbehind'],
    ['^/f/(?<n>x)$', 'named group'],
    ['^/f/(x)\\k<n>$', 'named back-reference'],
    ['^/f/\\p{L}+$', 'Unicode property'],
    ['^/f/\\P{L}+$', 'Unicode property'],
    ['(?i)^/f/x$', 'inline flags'],
    ['^/f/(?s:x)$', 'inline flags'],
    ['^/f/[a-z&&[^b]]$', 'intersection'],
    ['^/f/[[:alpha:]]+$', 'nested class'],
    ['^/f/\\Qa.b\\E$', 'Java-only'],
    ['^/f/x\\z$', 'differently'],
    ['^/f/x\\Z$', 'differently'],
    ['^/f/\\h$', 'differently'],
    ['^/f/x{$', 'differently'],
    ['^/f/[]x]$', 'different things'],
    ['^/f/(?>x)$', 'atomic'],
    ['^/f/x++$', 'does not compile'],
    ['^/f/[x$', 'does not compile'],
    ['^/f/a;b$', '";"'],
    ['/f/x$', 'anchored'],
    ['^/f/x', 'anchored'],
    ['^/f/x\\$', 'anchored'],
    ['^/f/a|/etc/shadow$', '"|" outside parentheses'],
    ['/^\\/f\\/x$/i', 'delimiters'],
  ])('%j (%s)', (re, why) => {
    const found = errors(re);
    expect(found.length).toBeGreaterThan(0);
    expect(found.join('\n')).toContain(why);
  });

  it.each(['^/f/(a|b)\\.vfd$', '^/f/[a|b]\\.vfd$', '^/f/x\\\\$', '^/f/(?:x|y)(?=z)z(?!w)$', '^/f/[\\]a]$'])('accepts %j', (re) => {
    expect(errors(re)).toEqual([]);
  });
});

describe('propertyRegexProblems: warnings (facts §7)', () => {
  const warnings = (re: string): string[] => propertyRegexProblems(re, CLIENT).warnings;

  it('^.*$ accepts anything', () => {
    expect(warnings('^.*$')).toEqual([expect.stringContaining('accepts any value (like ^.*$)')]);
  });

  it('a regex that leaves clientPath', () => {
    expect(warnings('^/rhev/.+$').join('\n')).toContain(
      'outside floppy.clientPath (e.g. "/rhev/data-center/mnt/127.0.1.20:_exports_iso/floppy-other/win10-01.vfd")',
    );
    expect(warnings('^/.*\\.vfd$').join('\n')).toContain('outside floppy.clientPath (e.g. "/win10-01.vfd")');
  });

  it('a regex that lets ".." through inside clientPath', () => {
    const re = `^${escapeRegex(CLIENT)}/[A-Za-z0-9./_-]+$`;
    expect(warnings(re)).toEqual([expect.stringContaining(`with a ".." component (e.g. "${CLIENT}/..")`)]);
  });

  it('a regex for another directory than clientPath', () => {
    expect(warnings('^/srv/other/[a-z]+\\.vfd$')).toEqual([
      expect.stringContaining('starts with "/srv/other/", not with floppy.clientPath'),
    ]);
  });

  it('a strict naming scheme of its own is fine', () => {
    expect(warnings(`^${escapeRegex(CLIENT)}/vm-[0-9]{1,6}\\.vfd$`)).toEqual([]);
    expect(warnings(`^${escapeRegex(CLIENT)}/(a|b)\\.vfd$`)).toEqual([]);
  });

  it('no sample-based warnings when clientPath is unknown (itself invalid)', () => {
    expect(propertyRegexProblems('^.*$', undefined)).toEqual({ errors: [], warnings: [] });
  });
});

describe('literalPrefix', () => {
  it.each([
    ['^/a/b\\.c/[x]$', '/a/b.c/'],
    ['^/a/bc?/x$', '/a/b'],
    ['^/a/b*$', '/a/'],
    ['^/a\\d', '/a'],
    ['^.*$', ''],
    ['^/a+/', '/a'],
  ])('%j → %j', (re, prefix) => expect(literalPrefix(re)).toBe(prefix));
});
