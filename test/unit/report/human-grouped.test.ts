// The default human report (issue #16 item 1): only what is not ok, grouped across hosts, levels folded,
// long values once; its size does not grow with the number of identical hosts.
import { describe, expect, it } from 'vitest';
import { renderHuman } from '../../../src/report/human.js';
import { compressHostNames } from '../../../src/report/host-ranges.js';
import { levelRanges } from '../../../src/report/level-fold.js';
import type { HostResult } from '../../../src/result/model.js';
import { change, check, finding, host, mixedReport, report } from './sample-report.js';

const REGEX = '^/rhev/data-center/mnt/nfs.example.com:_exports_iso/floppy/[A-Za-z0-9][A-Za-z0-9._-]{0,127}\\.(vfd|img|flp)$';
const LEVELS = ['4.2', '4.3', '4.4', '4.5', '4.6', '4.7'];

function manager(): HostResult {
  const findings = LEVELS.map((l) =>
    l === '4.6'
      ? finding('floppy-differs', {
          message: `level ${l}: floppy regex ^.*$ → ${REGEX}`,
          expected: `floppy=${REGEX}`,
          actual: 'floppy=^.*$',
        })
      : finding('floppy-missing', {
          message: `level ${l}: floppy is not defined; add floppy=${REGEX}`,
          expected: `x${l};floppy=${REGEX}`,
          actual: `x${l}`,
        }),
  );
  const changes = LEVELS.map((l) =>
    change(`set UserDefinedVMProperties for level ${l}: ${l === '4.6' ? 'replace' : 'add'} floppy=${REGEX}`, 'planned', {
      notify: 'restart-engine',
    }),
  );
  return host('mgr', 'manager', [
    check('manager-engine-installed', 'ok'),
    check('manager-floppy-property', 'drift', { findings, changes }),
  ]);
}

function hypervisor(n: number): HostResult {
  return host(`hv${n}`, 'hypervisor', [
    check('hypervisor-vdsm-installed', 'ok', { findings: [finding('vdsm-version', { severity: 'info', message: 'vdsm 4.30' })] }),
    check('hypervisor-hook-package', 'drift', {
      findings: [
        finding('hook-package-missing', {
          message: 'vdsm-hook-floppy is not installed',
          expected: 'vdsm-hook-floppy',
          actual: '(not installed)',
        }),
      ],
      changes: [change('install vdsm-hook-floppy with dnf', 'planned')],
    }),
    check('hypervisor-bundled-hook', 'skipped', { reason: 'vdsm 4.30: below 4.40 the hook comes from the package' }),
    n % 2 === 0
      ? check('hypervisor-selinux', 'drift', { findings: [finding('virt-use-nfs-off', { message: 'virt_use_nfs is off' })] })
      : check('hypervisor-selinux', 'ok'),
    check('hypervisor-floppy-access', 'skipped', { reason: 'needs hypervisor-floppy-mount (drift)' }),
  ]);
}

const fleet = (hypervisors: number) => report([manager(), ...Array.from({ length: hypervisors }, (_, i) => hypervisor(i + 1))]);

describe('default human report: what is not ok, grouped', () => {
  it('shows one block for identical hypervisors and says which hosts, compressed by name', () => {
    const text = renderHuman(fleet(200));
    expect(text).toContain('hv1–hv200 (200 hosts: hypervisor)\n  ✖ drift    hypervisor-hook-package');
    expect(text.match(/hook-package-missing/g)).toHaveLength(1);
    expect(text).toContain('hv2, hv4, hv6, hv8, hv10, hv12, … (+94 more) (100 hosts: hypervisor)');
  });

  it('hides ok checks, info findings and skips that merely do not apply; keeps skips a failure caused', () => {
    const text = renderHuman(fleet(4));
    expect(text).not.toContain('hypervisor-vdsm-installed');
    expect(text).not.toContain('vdsm-version');
    expect(text).not.toContain('hypervisor-bundled-hook');
    expect(text).not.toContain('manager-engine-installed');
    expect(text).toMatch(/– skipped +hypervisor-floppy-access +.*\n +needs hypervisor-floppy-mount \(drift\)/);
  });

  it('does not grow with the number of identical hosts: 200 hypervisors print as many lines as 4', () => {
    const lines = (n: number) => renderHuman(fleet(n)).split('\n').length;
    expect(lines(200)).toBeLessThanOrEqual(lines(4));
    // The summary turns into a row per role above a handful of hosts.
    expect(renderHuman(fleet(200))).toMatch(/^ {2}hypervisor +200 hosts +\d+ +\d+ +0 +\d+ +0 +200 not ok$/m);
    expect(renderHuman(fleet(2))).toMatch(/^ {2}hv1 +hypervisor /m);
  });

  it('folds per-level repeats and prints each long value once, in a legend', () => {
    const text = renderHuman(fleet(2));
    expect(text).toContain(`Long values, shown below as ‹n›\n  ‹1› ${REGEX}\n`);
    expect(text.split(REGEX)).toHaveLength(2);
    expect(text).toContain('• floppy-missing: levels 4.2–4.5, 4.7: floppy is not defined; add floppy=‹1›\n');
    expect(text).toContain(
      '• floppy-differs: level 4.6: floppy regex ^.*$ → ‹1›\n          expected: floppy=‹1›\n          actual:   floppy=^.*$\n',
    );
    // Folded levels have different full values: those are left to -v and --diff.
    expect(text).not.toContain('x4.2');
    expect(text).toContain('→ planned  set UserDefinedVMProperties for levels 4.2–4.5, 4.7: add floppy=‹1› (then restart-engine)');
    expect(text).toContain('→ planned  set UserDefinedVMProperties for level 4.6: replace floppy=‹1› (then restart-engine)');
  });

  it('-v still lists every check of every host', () => {
    const text = renderHuman(fleet(20), { verbose: true });
    for (let n = 1; n <= 20; n += 1) expect(text).toContain(`hv${n} (hypervisor, `);
    expect(text.match(/✔ ok +hypervisor-vdsm-installed/g)).toHaveLength(20);
    expect(text.split(REGEX).length).toBeGreaterThan(12);
  });

  it('groups unreachable hosts and errors, and shows applied (fixed) checks of apply', () => {
    const text = renderHuman(mixedReport());
    expect(text).toContain('hv2 (hypervisor, 10.0.0.3)\n  ! unreachable: hv2: refused');
    expect(text).toMatch(/↻ fixed +upload-user/);
    expect(text).toMatch(/! error +sshd-match-block/);
    expect(text).not.toContain('engine-healthy');
  });

  it('groups the plan of apply --dry-run --diff the same way, identical diffs once', () => {
    const diff = '--- /etc/fstab\n+++ /etc/fstab\n@@ -1 +1,2 @@\n a\n+b\n';
    const hv = (n: number) =>
      host(`hv${n}`, 'hypervisor', [
        check('c', 'drift', { findings: [finding('f')], changes: [change('add b to /etc/fstab', 'planned', { diff })] }),
      ]);
    const r = report(
      Array.from({ length: 50 }, (_, i) => hv(i + 1)),
      { command: 'apply', dryRun: true },
    );
    const text = renderHuman(r, { showDiff: true });
    expect(text).toContain('hv1–hv50 (50 hosts: hypervisor)');
    expect(text.match(/\+\+\+ \/etc\/fstab/g)).toHaveLength(1);
  });
});

describe('manager findings about each hypervisor (manager-engine-host-hooks)', () => {
  const hookMissing = (hv: string, event: string) =>
    finding('api-hook-missing', {
      message: `${hv}: the engine lists no ${event}/50_floppy hook`,
      expected: `${event}/50_floppy`,
      actual: '(not listed)',
    });
  const engineView = (hypervisors: number, odd?: HostResult['checks'][number]['findings'][number]) => {
    const hvs = Array.from({ length: hypervisors }, (_, i) => `hv${i + 1}`);
    const findings = hvs.flatMap((hv) => [hookMissing(hv, 'before_vm_start'), hookMissing(hv, 'before_vm_migrate_source')]);
    const mgr = host('mgr', 'manager', [check('manager-engine-host-hooks', 'drift', { findings: odd ? [...findings, odd] : findings })]);
    return renderHuman(report([mgr, ...hvs.map((hv) => host(hv, 'hypervisor', [check('hypervisor-selinux', 'ok')]))]));
  };

  it('fold across hosts named at the start of the message, so 200 hypervisors print as many lines as 2', () => {
    const text = engineView(200);
    expect(text).toContain('• api-hook-missing: hv1–hv200 (200 hosts): the engine lists no before_vm_start/50_floppy hook');
    expect(text.match(/api-hook-missing/g)).toHaveLength(2);
    expect(text.split('\n').length).toBeLessThanOrEqual(engineView(2).split('\n').length + 1);
  });

  it('keep a finding apart when its text differs, and never fold a prefix that is not a host of the run', () => {
    const text = engineView(3, finding('api-hook-checksum', { message: 'hv2: vdsm reports sha256 abc for before_vm_start/50_floppy' }));
    expect(text).toContain('• api-hook-checksum: hv2: vdsm reports sha256 abc');
    const paths = report([
      host('mgr', 'manager', [
        check('manager-x', 'drift', {
          findings: [finding('f', { message: '/etc/a: is missing' }), finding('f', { message: '/etc/b: is missing' })],
        }),
      ]),
    ]);
    expect(renderHuman(paths)).toContain('• f: /etc/a: is missing');
    expect(renderHuman(paths)).toContain('• f: /etc/b: is missing');
  });
});

describe('compressHostNames', () => {
  it('joins consecutive numbers with the same prefix and padding, keeps the given order', () => {
    expect(compressHostNames(['hv1', 'hv2', 'hv3', 'hv5', 'sftp'])).toBe('hv1–hv3, hv5, sftp');
    expect(compressHostNames(['hv1', 'hv2'])).toBe('hv1, hv2');
    expect(compressHostNames(['node08.dc1', 'node09.dc1', 'node10.dc1', 'node11.dc1'])).toBe('node08.dc1–node11.dc1');
    expect(compressHostNames(['hv8', 'hv9', 'hv10', 'hv11'])).toBe('hv8–hv11');
    expect(compressHostNames(['hv9', 'hv010'])).toBe('hv9, hv010');
    expect(compressHostNames(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'])).toBe('a, b, c, d, e, f, … (+2 more)');
  });
});

describe('levelRanges', () => {
  it('makes ranges over the levels the check mentions', () => {
    expect(levelRanges(['4.2', '4.3', '4.4', '4.5', '4.7'], LEVELS)).toBe('4.2–4.5, 4.7');
    expect(levelRanges(['4.2', '4.3'], LEVELS)).toBe('4.2, 4.3');
    expect(levelRanges(['3.6', '4.10'], ['3.6', '4.10', '4.9'])).toBe('3.6, 4.10');
  });
});
