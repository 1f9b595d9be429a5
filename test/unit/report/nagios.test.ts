import { describe, expect, it } from 'vitest';
import { exitCodeForFormat, nagiosStateFor, usageExitCode } from '../../../src/result/exit-code.js';
import { exitCodeFor } from '../../../src/result/exit-code.js';
import { renderNagios, renderNagiosUnknown } from '../../../src/report/nagios.js';
import { check, finding, host, mixedReport, okReport, report, warnOnlyReport } from './sample-report.js';

const firstLine = (text: string) => text.split('\n')[0]!;
const beforePipe = (line: string) => line.split(' | ')[0]!;

describe('nagios output and exit codes', () => {
  it.each([
    ['all ok (fixed counts as ok)', 'OK', 0, okReport()],
    ['only warn-severity drift', 'WARNING', 1, warnOnlyReport()],
    [
      'an error-severity drift',
      'CRITICAL',
      2,
      report([
        host('h', 'sftp', [
          check('a', 'drift', { findings: [finding('x')] }),
          check('b', 'drift', { severity: 'warn', findings: [finding('y')] }),
        ]),
      ]),
    ],
    ['an errored check', 'CRITICAL', 2, report([host('h', 'sftp', [check('a', 'error', { reason: 'boom' })])])],
    [
      'an unreachable host (CRITICAL by design, conventions §5)',
      'CRITICAL',
      2,
      report([host('h', 'sftp', [], { reachable: false, error: 'h: timeout: no answer' })]),
    ],
    [
      'a failed smoke stage',
      'CRITICAL',
      2,
      report([], { smoke: { stages: [{ name: 'boot', status: 'failed', durationMs: 1, message: 'no' }] } }),
    ],
  ] as const)('%s → %s (exit %i)', (_name, state, code, r) => {
    const out = renderNagios(r);
    expect(nagiosStateFor(r)).toBe(state);
    expect(out.exitCode).toBe(code);
    expect(exitCodeForFormat(r, 'nagios')).toBe(code);
    expect(firstLine(out.text)).toMatch(new RegExp(`^OVIRT-FLOPPY ${state} - `));
    expect(beforePipe(firstLine(out.text)).length).toBeLessThanOrEqual(80);
    expect(out.text.endsWith('\n')).toBe(true);
  });

  it('other formats keep the DESIGN exit codes', () => {
    expect(exitCodeForFormat(warnOnlyReport(), 'json')).toBe(exitCodeFor(warnOnlyReport()));
    expect(exitCodeForFormat(mixedReport(), 'human')).toBe(3);
    expect(usageExitCode('nagios')).toBe(3);
    expect(usageExitCode('json')).toBe(2);
    expect(usageExitCode(undefined)).toBe(2);
  });

  it('has counts, perfdata and one long-output line per problem', () => {
    const lines = renderNagios(mixedReport()).text.trimEnd().split('\n');
    expect(lines[0]).toBe(
      'OVIRT-FLOPPY CRITICAL - 4 hosts (1 unreachable), 7 checks: 3 failed, 1 fixed | checks=7 failed=3 fixed=1 unreachable=1 duration=1.234s',
    );
    expect(lines.slice(1)).toEqual([
      'mgr engine-floppy-property: drift (error): property-missing: floppy is not defined for level 4.7',
      'hv1 selinux-virt-use-nfs: drift (warn): bool-off: virt_use_nfs is off',
      'hv2: unreachable: hv2: refused: connect ECONNREFUSED 10.0.0.3:22',
      'sftp sshd-match-block: error: cannot parse sshd -T output: "garbage"',
    ]);
    expect(firstLine(renderNagios(okReport()).text)).toBe(
      'OVIRT-FLOPPY OK - 2 hosts, 3 checks: 2 ok, 1 fixed | checks=3 failed=0 fixed=1 unreachable=0 duration=1.234s',
    );
  });

  it('keeps the first line within 80 characters for big runs, and long output free of | and newlines', () => {
    const checks = Array.from({ length: 1200 }, (_, i) =>
      check(`c${i}`, (['ok', 'drift', 'fixed', 'skipped', 'error'] as const)[i % 5]!, {
        findings: i % 5 === 1 ? [finding('f', { message: 'a | b\nc' })] : [],
      }),
    );
    const hosts = Array.from({ length: 300 }, (_, i) =>
      host(`h${i}`, 'hypervisor', checks.slice(i * 4, i * 4 + 4), { reachable: i % 7 !== 0 }),
    );
    const out = renderNagios(report(hosts)).text;
    expect(beforePipe(firstLine(out)).length).toBeLessThanOrEqual(80);
    expect(out.split('\n').slice(1).join('\n')).not.toMatch(/\|/);
    expect(out.split('\n')[1]).toBe('h0: unreachable: no connection');
  });

  it('renders UNKNOWN as one short line', () => {
    const text = renderNagiosUnknown(
      'configuration invalid: 3 problems in /etc/ovirt-floppy/a-very-long-path/that/goes/on/and/on/ovirt-floppy.yaml',
    );
    expect(text.endsWith('\n')).toBe(true);
    expect(text.trimEnd().split('\n')).toHaveLength(1);
    expect(text.trimEnd().length).toBeLessThanOrEqual(80);
    expect(text).toMatch(/^OVIRT-FLOPPY UNKNOWN - configuration invalid: 3 problems in .*…\n$/);
    expect(renderNagiosUnknown('a\nb | c')).toBe('OVIRT-FLOPPY UNKNOWN - a b / c\n');
  });
});
