/**
 * RunReports built by hand for the formatter and CLI tests: every status, a warn-only drift, an unreachable
 * host, planned/applied/failed changes with diffs, a handler, and values that need escaping.
 */
import type { Finding, Role, Severity, Status } from '../../../src/check-api.js';
import type { ChangeRecord, CheckResult, HostResult, RunReport } from '../../../src/result/model.js';
import { summarize } from '../../../src/result/summary.js';

export function check(id: string, status: Status, extra: Partial<CheckResult> = {}): CheckResult {
  return { id, title: `${id} holds`, status, severity: 'error' as Severity, findings: [], changes: [], durationMs: 12, ...extra };
}

export function finding(code: string, extra: Partial<Finding> = {}): Finding {
  return { code, message: `${code} message`, ...extra };
}

export function change(describe: string, status: ChangeRecord['status'], extra: Partial<ChangeRecord> = {}): ChangeRecord {
  return { describe, status, ...extra };
}

export function host(name: string, role: Role, checks: CheckResult[], extra: Partial<HostResult> = {}): HostResult {
  return {
    name,
    role,
    address: `10.0.0.${name.length}`,
    reachable: true,
    stats: { connections: 1, execs: 1 },
    checks,
    handlers: [],
    ...extra,
  };
}

export function report(hosts: HostResult[], extra: Partial<RunReport> = {}): RunReport {
  return {
    schemaVersion: 1,
    tool: { name: 'ovirt-floppy', version: '0.1.0' },
    command: 'check',
    startedAt: '2026-01-02T03:04:05.000Z',
    durationMs: 1234,
    summary: summarize(hosts),
    hosts,
    ...extra,
  };
}

export const PROPERTY_DIFF = [
  '--- UserDefinedVMProperties 4.7',
  '+++ UserDefinedVMProperties 4.7',
  '@@ -1 +1 @@',
  '-hostusb=^0x[0-9a-f]{4}$',
  '+hostusb=^0x[0-9a-f]{4}$;floppy=^/rhev/x/[a-z]+\\.vfd$',
  '',
].join('\n');

/** The everything-at-once report: ok, error drift, warn-only drift, skipped, info, unreachable, error. */
export function mixedReport(): RunReport {
  return report([
    host('mgr', 'manager', [
      check('engine-floppy-property', 'drift', {
        findings: [
          finding('property-missing', {
            message: 'floppy is not defined for level 4.7',
            expected: 'floppy=^/rhev/x/[a-z]+\\.vfd$',
            actual: '(not set)',
          }),
        ],
        changes: [
          change('add floppy to UserDefinedVMProperties for level 4.7', 'planned', { diff: PROPERTY_DIFF, notify: 'restart-engine' }),
        ],
      }),
      check('engine-healthy', 'ok', { findings: [finding('slow-start', { severity: 'info', message: 'health took 4 s' })] }),
    ]),
    host('hv1', 'hypervisor', [
      check('floppy-hook', 'ok'),
      check('selinux-virt-use-nfs', 'drift', {
        severity: 'warn',
        findings: [finding('bool-off', { message: 'virt_use_nfs is off', fixable: false })],
      }),
      check('floppy-dir-access', 'skipped', { reason: 'needs floppy-mount' }),
    ]),
    host('hv2', 'hypervisor', [], {
      reachable: false,
      error: 'hv2: refused: connect ECONNREFUSED 10.0.0.3:22',
      stats: { connections: 0, execs: 0 },
    }),
    host(
      'sftp',
      'sftp',
      [
        check('upload-user', 'fixed', { changes: [change('create user sftp-floppy-upload', 'applied')] }),
        check('sshd-match-block', 'error', { reason: 'cannot parse sshd -T output: "garbage"' }),
      ],
      { handlers: [{ name: 'reload-sshd', status: 'applied', durationMs: 40 }] },
    ),
  ]);
}

/** Every host reachable, every check ok. */
export function okReport(): RunReport {
  return report([
    host('mgr', 'manager', [check('engine-floppy-property', 'ok')]),
    host('hv1', 'hypervisor', [check('floppy-hook', 'ok'), check('x', 'fixed')]),
  ]);
}

/** Only warn-severity drift (one explicit warn finding on an error check, one defaulted on a warn check). */
export function warnOnlyReport(): RunReport {
  return report([
    host('hv1', 'hypervisor', [
      check('floppy-hook', 'ok'),
      check('stale-images', 'drift', { findings: [finding('stale', { severity: 'warn' }), finding('note', { severity: 'info' })] }),
      check('selinux-virt-use-nfs', 'drift', { severity: 'warn', findings: [finding('bool-off')] }),
    ]),
  ]);
}
