import { describe, expect, it } from 'vitest';
import { escapeLabelValue, renderPrometheus } from '../../../src/report/prometheus.js';
import { change, check, host, mixedReport, okReport, report } from './sample-report.js';

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** A strict reader of the text exposition format subset we emit: fails on anything else. */
function parseExposition(text: string) {
  expect(text.endsWith('\n')).toBe(true);
  const help = new Map<string, number>();
  const type = new Map<string, string>();
  const samples: Sample[] = [];
  for (const line of text.slice(0, -1).split('\n')) {
    const comment = /^# (HELP|TYPE) ([a-zA-Z_:][a-zA-Z0-9_:]*) (.*)$/.exec(line);
    if (comment) {
      const [, kind, name] = comment as unknown as [string, string, string, string];
      if (kind === 'HELP') help.set(name, (help.get(name) ?? 0) + 1);
      else {
        expect(type.has(name), `TYPE ${name} twice`).toBe(false);
        type.set(name, comment[3]!);
      }
      continue;
    }
    // name{labels} value — exactly one value, no timestamp.
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{((?:[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\n]|\\["\\n])*",?)*)\})? (\S+)$/.exec(line);
    expect(m, `bad line: ${line}`).not.toBeNull();
    const labels: Record<string, string> = {};
    for (const l of (m![2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) {
      labels[l[1]!] = l[2]!.replace(/\\(["\\n])/g, (_s, c: string) => (c === 'n' ? '\n' : c));
    }
    expect(type.has(m![1]!), `sample before TYPE: ${line}`).toBe(true);
    samples.push({ name: m![1]!, labels, value: Number(m![3]) });
  }
  return { help, type, samples };
}

describe('prometheus textfile', () => {
  it('is parse-able, gauges only, HELP/TYPE once per metric, newline-terminated', () => {
    const { help, type, samples } = parseExposition(renderPrometheus(mixedReport()));
    expect([...type.values()].every((t) => t === 'gauge')).toBe(true);
    expect([...help.values()].every((n) => n === 1)).toBe(true);
    expect([...help.keys()]).toEqual([...type.keys()]);
    expect([...type.keys()]).toEqual([
      'ovirt_floppy_check_ok',
      'ovirt_floppy_check_status',
      'ovirt_floppy_host_reachable',
      'ovirt_floppy_findings',
      'ovirt_floppy_run_success',
      'ovirt_floppy_last_run_timestamp_seconds',
      'ovirt_floppy_run_duration_seconds',
      'ovirt_floppy_changes_applied',
    ]);
    expect(samples.every((s) => Number.isFinite(s.value))).toBe(true);
  });

  it('has the right values: check_ok, one-hot status, reachability, run gauges', () => {
    const { samples } = parseExposition(renderPrometheus(mixedReport()));
    const value = (name: string, labels: Record<string, string>) =>
      samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v)).map((s) => s.value);
    expect(value('ovirt_floppy_check_ok', { host: 'mgr', role: 'manager', check: 'engine-floppy-property' })).toEqual([0]);
    expect(value('ovirt_floppy_check_ok', { host: 'sftp', check: 'upload-user' })).toEqual([1]);
    // A skipped check was not evaluated: no check_ok sample, but its one-hot status says skipped.
    expect(value('ovirt_floppy_check_ok', { check: 'floppy-dir-access' })).toEqual([]);
    expect(value('ovirt_floppy_check_status', { check: 'floppy-dir-access', status: 'skipped' })).toEqual([1]);
    for (const id of [
      'engine-floppy-property',
      'engine-healthy',
      'floppy-hook',
      'selinux-virt-use-nfs',
      'floppy-dir-access',
      'upload-user',
      'sshd-match-block',
    ]) {
      const statuses = value('ovirt_floppy_check_status', { check: id });
      expect(statuses).toHaveLength(5);
      expect(statuses.reduce((a, b) => a + b, 0)).toBe(1);
    }
    expect(value('ovirt_floppy_host_reachable', { host: 'hv2' })).toEqual([0]);
    expect(value('ovirt_floppy_run_success', { command: 'check' })).toEqual([0]);
    expect(value('ovirt_floppy_run_duration_seconds', {})).toEqual([1.234]);
    expect(value('ovirt_floppy_last_run_timestamp_seconds', {})).toEqual([Date.parse('2026-01-02T03:04:05.000Z') / 1000 + 1.234]);
    expect(value('ovirt_floppy_changes_applied', {})).toEqual([1]);
    const ok = parseExposition(renderPrometheus(okReport())).samples;
    expect(ok.find((s) => s.name === 'ovirt_floppy_run_success')?.value).toBe(1);
  });

  it('escapes label values (backslash, quote, newline)', () => {
    expect(escapeLabelValue('a\\b"c\nd')).toBe('a\\\\b\\"c\\nd');
    const hostile = 'h"1\\x\ny';
    const r = report([host(hostile, 'sftp', [check('c"k', 'ok')])], { command: 'apply', dryRun: false });
    const text = renderPrometheus(r);
    const { samples } = parseExposition(text);
    expect(samples.find((s) => s.name === 'ovirt_floppy_check_ok')?.labels).toEqual({ host: hostile, role: 'sftp', check: 'c"k' });
    expect(samples.find((s) => s.name === 'ovirt_floppy_changes_applied')?.labels).toEqual({ command: 'apply' });
  });

  it('counts applied changes and adds smoke stages when there are some', () => {
    const r = report(
      [host('h', 'sftp', [check('a', 'fixed', { changes: [change('x', 'applied'), change('y', 'applied'), change('z', 'failed')] })])],
      {
        smoke: {
          stages: [
            { name: 'upload', status: 'ok', durationMs: 1, message: '' },
            { name: 'boot', status: 'skipped', durationMs: 0, message: '' },
          ],
        },
      },
    );
    const { samples } = parseExposition(renderPrometheus(r));
    expect(samples.find((s) => s.name === 'ovirt_floppy_changes_applied')?.value).toBe(2);
    expect(samples.filter((s) => s.name === 'ovirt_floppy_smoke_stage_ok').map((s) => [s.labels.stage, s.value])).toEqual([
      ['upload', 1],
      ['boot', 0],
    ]);
  });
});
