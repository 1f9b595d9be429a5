import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { renderJunit } from '../../../src/report/junit.js';
import { escapeXml } from '../../../src/report/xml.js';
import { check, finding, host, mixedReport, report } from './sample-report.js';

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  isArray: (name) => ['testsuite', 'testcase', 'property'].includes(name),
});

function parse(xml: string) {
  expect(XMLValidator.validate(xml)).toBe(true);
  return parser.parse(xml).testsuites;
}

describe('JUnit report', () => {
  it('is well-formed: one testsuite per host, one testcase per check, counts that add up', () => {
    const root = parse(renderJunit(mixedReport()));
    expect(root.name).toBe('ovirt-floppy check');
    expect(root.testsuite.map((s: any) => s.name)).toEqual(['mgr', 'hv1', 'hv2', 'sftp']);
    expect(root.testsuite.map((s: any) => s.testcase.map((t: any) => t.name))).toEqual([
      ['engine-floppy-property', 'engine-healthy'],
      ['floppy-hook', 'selinux-virt-use-nfs', 'floppy-dir-access'],
      ['connect'],
      ['upload-user', 'sshd-match-block'],
    ]);
    expect({ tests: root.tests, failures: root.failures, errors: root.errors, skipped: root.skipped }).toEqual({
      tests: '8',
      failures: '3',
      errors: '1',
      skipped: '1',
    });
    const hv1 = root.testsuite[1];
    expect({ tests: hv1.tests, failures: hv1.failures, skipped: hv1.skipped, hostname: hv1.hostname }).toEqual({
      tests: '3',
      failures: '1',
      skipped: '1',
      hostname: '10.0.0.3',
    });
    expect(hv1.properties.property).toContainEqual({ name: 'role', value: 'hypervisor' });
  });

  it('puts drift and error in <failure> with the findings as body, skipped in <skipped>, unreachable in <error>', () => {
    const root = parse(renderJunit(mixedReport()));
    const drift = root.testsuite[0].testcase[0];
    expect(drift.failure.type).toBe('drift');
    expect(drift.failure['#text']).toContain('property-missing [error]: floppy is not defined for level 4.7');
    expect(drift.failure['#text']).toContain('expected: floppy=^/rhev/x/[a-z]+\\.vfd$');
    expect(drift.failure['#text']).toContain('actual:   (not set)');
    expect(root.testsuite[0].testcase[1].failure).toBeUndefined();
    expect(root.testsuite[1].testcase[2].skipped.message).toBe('needs floppy-mount');
    expect(root.testsuite[2].testcase[0].error).toMatchObject({
      type: 'unreachable',
      message: 'hv2: refused: connect ECONNREFUSED 10.0.0.3:22',
    });
    const errored = root.testsuite[3].testcase[1];
    expect(errored.failure).toMatchObject({ type: 'error', message: 'cannot parse sshd -T output: "garbage"' });
  });

  it('escapes everything, including characters XML 1.0 cannot carry', () => {
    const hostile = 'a<b>&"c\'\x1b[31m\u0000';
    const r = report([
      host('h<1>', 'sftp', [
        check('x&y', 'drift', { reason: hostile, findings: [finding('c"d', { message: hostile, expected: '</failure>', actual: ']]>' })] }),
      ]),
    ]);
    const xml = renderJunit(r);
    const root = parse(xml);
    const tc = root.testsuite[0].testcase[0];
    expect(root.testsuite[0].name).toBe('h<1>');
    expect(tc.name).toBe('x&y');
    expect(tc.failure['#text']).toContain('expected: </failure>');
    expect(tc.failure['#text']).toContain('a<b>&"c\'\uFFFD[31m\uFFFD');
    expect(xml).not.toContain('\x1b');
    expect(escapeXml('\uD800x')).toBe('\uFFFDx');
  });

  it('adds a smoke suite with a testcase per stage', () => {
    const r = report([], {
      smoke: {
        stages: [
          { name: 'upload', status: 'ok', durationMs: 1, message: 'ok' },
          { name: 'boot', status: 'failed', durationMs: 2, message: 'no floppy', details: ['d1'] },
          { name: 'cleanup', status: 'skipped', durationMs: 0, message: '--keep' },
        ],
      },
    });
    const suite = parse(renderJunit(r)).testsuite[0];
    expect(suite.name).toBe('smoke');
    expect(suite.testcase[1].failure).toMatchObject({ message: 'no floppy', '#text': 'd1' });
    expect(suite.testcase[2].skipped.message).toBe('--keep');
  });
});
