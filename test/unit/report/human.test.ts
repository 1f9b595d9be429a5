import { describe, expect, it } from 'vitest';
import { renderHuman, resolveColorLevel } from '../../../src/report/human.js';
import { change, check, finding, host, mixedReport, okReport, report, warnOnlyReport } from './sample-report.js';

const ANSI = /\x1b\[[0-9;]*m/;

describe('human report', () => {
  // -v: every check of every host, exactly the layout before grouping (the snapshot is unchanged).
  const V = { verbose: true };
  it('renders every status, findings, changes, the summary table and the verdict (uncoloured)', () => {
    expect(renderHuman(mixedReport(), V)).toMatchSnapshot();
  });

  it('marks each check with its symbol, warn-only drift as ⚠', () => {
    const text = renderHuman(mixedReport(), V);
    expect(text).toMatch(/^ {2}✖ drift +engine-floppy-property/m);
    expect(text).toMatch(/^ {2}✔ ok +engine-healthy/m);
    expect(text).toMatch(/^ {2}⚠ warn +selinux-virt-use-nfs/m);
    expect(text).toMatch(/^ {2}– skipped +floppy-dir-access/m);
    expect(text).toMatch(/^ {2}↻ fixed +upload-user/m);
    expect(text).toMatch(/^ {2}! error +sshd-match-block/m);
    expect(text).toContain('! unreachable: hv2: refused');
    expect(text).toContain('expected: floppy=^/rhev/x/[a-z]+\\.vfd$');
    expect(text).toContain('actual:   (not set)');
    expect(text).toContain('[warn] [manual]');
    expect(text).not.toMatch(ANSI);
  });

  it('shows diffs only with showDiff, coloured +/- when colour is on', () => {
    const plain = renderHuman(mixedReport(), V);
    expect(plain).not.toContain('+hostusb');
    const diffed = renderHuman(mixedReport(), { ...V, showDiff: true });
    expect(diffed).toContain('          -hostusb=^0x[0-9a-f]{4}$\n          +hostusb=');
    const coloured = renderHuman(mixedReport(), { ...V, showDiff: true, colorLevel: 1 });
    expect(coloured).toContain('\x1b[32m+hostusb');
    expect(coloured).toContain('\x1b[31m-hostusb');
  });

  it('has a summary row per host and a total, and a verdict that agrees with the exit code', () => {
    const text = renderHuman(mixedReport(), V);
    expect(text).toMatch(/^ {2}hv2 +hypervisor +0 +0 +0 +0 +0 +unreachable$/m);
    expect(text).toMatch(/^ {2}total +2 +2 +1 +1 +1$/m);
    expect(text.trimEnd().split('\n').at(-1)).toMatch(/^! incomplete: 1 host unreachable, 1 check errored/);
    expect(renderHuman(warnOnlyReport(), V).trimEnd().split('\n').at(-1)).toMatch(/^✖ 2 checks drifting in .* `ovirt-floppy apply` fixes/);
    expect(renderHuman(okReport(), V).trimEnd().split('\n').at(-1)).toMatch(
      /^✔ all ok: 3 checks on 2 hosts, 1 fixed \(0 changes applied\)/,
    );
  });

  it('says a dry run changed nothing and counts the planned changes', () => {
    const r = report(
      [
        host('mgr', 'manager', [
          check('a', 'drift', { findings: [finding('x')], changes: [change('do a', 'planned'), change('do b', 'planned')] }),
        ]),
      ],
      { command: 'apply', dryRun: true },
    );
    const text = renderHuman(r, V);
    expect(text.split('\n')[0]).toBe('ovirt-floppy apply --dry-run — 1 host, started 2026-01-02T03:04:05.000Z');
    expect(text).toContain('(dry run: nothing was changed; 2 changes planned)');
    expect(text).toContain('→ planned  do a');
  });

  it('lists smoke stages', () => {
    const r = report([], {
      command: 'smoke',
      smoke: {
        stages: [
          { name: 'upload', status: 'ok', durationMs: 20, message: 'uploaded' },
          { name: 'boot', status: 'failed', durationMs: 1500, message: 'VM did not see the floppy', details: ['dmesg: no fd0'] },
        ],
      },
    });
    const text = renderHuman(r);
    expect(text).toMatch(/^ {2}✔ ok +upload +uploaded \(20 ms\)$/m);
    expect(text).toMatch(/^ {2}✖ failed +boot +VM did not see the floppy \(1.5 s\)$/m);
    expect(text).toContain('      dmesg: no fd0');
    expect(text).toContain('1 smoke stage failed');
  });
});

describe('resolveColorLevel', () => {
  const tty = { color: true, env: {}, isTTY: true };
  it('is off with --no-color, NO_COLOR, or off a TTY', () => {
    expect(resolveColorLevel(tty)).toBeGreaterThan(0);
    expect(resolveColorLevel({ ...tty, color: false })).toBe(0);
    expect(resolveColorLevel({ ...tty, env: { NO_COLOR: '1' } })).toBe(0);
    expect(resolveColorLevel({ ...tty, isTTY: false })).toBe(0);
  });
  it('treats an empty NO_COLOR as unset and honours FORCE_COLOR off a TTY', () => {
    expect(resolveColorLevel({ ...tty, env: { NO_COLOR: '' } })).toBeGreaterThan(0);
    expect(resolveColorLevel({ ...tty, isTTY: false, env: { FORCE_COLOR: '1' } })).toBe(1);
    expect(resolveColorLevel({ ...tty, isTTY: false, env: { FORCE_COLOR: '0' } })).toBe(0);
    expect(resolveColorLevel({ ...tty, env: { FORCE_COLOR: '1', NO_COLOR: 'x' } })).toBe(0);
  });
});
