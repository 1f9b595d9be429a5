import { describe, expect, it } from 'vitest';
import type { RunOptions } from '../../../src/runner/run.js';
import { change, check, finding, host, PROPERTY_DIFF, report } from '../report/sample-report.js';
import { runCli } from './harness.js';

const planned = () =>
  report(
    [
      host('mgr', 'manager', [
        check('prop', 'drift', { findings: [finding('missing')], changes: [change('add floppy', 'planned', { diff: PROPERTY_DIFF })] }),
      ]),
      host('sftp', 'sftp', [
        check('user', 'drift', {
          findings: [finding('no-user')],
          changes: [change('create user', 'planned'), change('set shell', 'planned')],
        }),
      ]),
      host('hv1', 'hypervisor', [check('hook', 'ok')]),
    ],
    { command: 'apply', dryRun: true },
  );
const converged = () =>
  report([host('mgr', 'manager', [check('prop', 'fixed', { changes: [change('add floppy', 'applied')] })])], {
    command: 'apply',
    dryRun: false,
  });

const TTY = { stdin: true, stdout: true, stderr: true };

/** A runner stand-in that asks like the real one: confirm(plan) once, then "applies" or not. */
function askingRun(seen: { approved?: boolean }) {
  return async (options: RunOptions) => {
    if (options.dryRun) return planned();
    const approved = options.confirm ? await options.confirm(planned()) : true;
    seen.approved = approved;
    return approved ? converged() : planned();
  };
}

describe('apply', () => {
  it('off a TTY without --yes only plans (dryRun), prints the plan and exits 2 with a hint', async () => {
    const r = await runCli(['apply'], { run: async () => planned() });
    expect(r.runCalls[0]).toMatchObject({ command: 'apply', dryRun: true, confirm: undefined });
    expect(r.stdout).toContain('→ planned  add floppy');
    expect(r.stderr).toContain('re-run with --yes to apply');
    expect(r.stderr).toContain('3 changes planned');
    expect(r.code).toBe(2);
    expect(r.prompts).toEqual([]);
  });

  it('off a TTY under --format nagios says UNKNOWN and exits 3', async () => {
    const r = await runCli(['apply', '--format', 'nagios'], { run: async () => planned() });
    expect(r.code).toBe(3);
    expect(r.stdout).toMatch(/^OVIRT-FLOPPY UNKNOWN - apply needs --yes/);
  });

  it('--yes applies without asking (off a TTY too)', async () => {
    const r = await runCli(['apply', '--yes', '--cleanup-stale'], { run: async () => converged() });
    expect(r.runCalls[0]).toMatchObject({ dryRun: false, confirm: undefined, flags: { cleanupStale: true } });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
  });

  it('--dry-run never changes anything, exits by the plan (1), no hint, no question', async () => {
    const r = await runCli(['apply', '--dry-run', '--diff'], { isTTY: TTY, run: async () => planned() });
    expect(r.runCalls[0]).toMatchObject({ dryRun: true, confirm: undefined });
    expect(r.code).toBe(1);
    expect(r.stderr).not.toContain('--yes');
    expect(r.prompts).toEqual([]);
    expect(r.stdout).toContain('+hostusb=');
  });

  it('on a TTY shows the plan on stderr and asks; "y" applies', async () => {
    const seen: { approved?: boolean } = {};
    const r = await runCli(['apply', '--diff', '--no-color'], { isTTY: TTY, run: askingRun(seen), prompt: async () => 'y' });
    expect(r.prompts).toEqual(['Apply 3 changes to 2 hosts? [y/N] ']);
    expect(seen.approved).toBe(true);
    expect(r.stderr).toContain('→ planned  add floppy');
    expect(r.stderr).toContain('+hostusb=');
    expect(r.code).toBe(0);
  });

  it.each(['', 'n', 'no', 'yess', 'q'])('on a TTY, answer %j declines: nothing applied', async (answer) => {
    const seen: { approved?: boolean } = {};
    const r = await runCli(['apply'], { isTTY: TTY, run: askingRun(seen), prompt: async () => answer });
    expect(seen.approved).toBe(false);
    expect(r.stderr).toContain('Nothing was changed.');
    expect(r.code).toBe(1);
  });

  it('on a TTY without changes planned does not ask', async () => {
    const r = await runCli(['apply'], {
      isTTY: TTY,
      run: async (options) => {
        expect(await options.confirm!(report([host('a', 'sftp', [check('x', 'ok')])]))).toBe(true);
        return report([host('a', 'sftp', [check('x', 'ok')])], { command: 'apply', dryRun: false });
      },
    });
    expect(r.prompts).toEqual([]);
    expect(r.code).toBe(0);
  });
});
