/**
 * The QEMU floppy probe's memo (checks/lib/qemu-floppy.ts): captured real probe output with the binary's identity
 * line (Debian QEMU 7.2 behind the lab's RHEL policy wrapper; fixtures' source.txt, "probe memo"), the `@@qemu cached`
 * answer the host gives for a kept identity, and the fresh answer after the binary changed.
 */
import { describe, expect, it } from 'vitest';
import check from '../../../checks/hypervisor-floppy-capable.js';
import { parseQemuFloppy, qemuFloppyCommand, QEMU_MEMO_KEY, type QemuFloppy } from '../../../checks/lib/qemu-floppy.js';
import type { ProbeMemo } from '../../../src/check-api.js';
import { ParseError } from '../../../src/errors.js';
import { commandOf, makeContext, probeWithFake } from '../../support/check-harness.js';
import { fixture } from './lib/fixtures.js';

const ID = 'hypervisor-floppy-capable';
const hv = () => makeContext({ facts: { vdsmVersion: '4.50.5-1.el8' } });
const memoOf = (value: string | undefined): ProbeMemo => ({ get: (key) => (key === QEMU_MEMO_KEY ? value : undefined) });
const stdoutOf = (name: string) => fixture(ID, name).qemu!.stdout!;
const IDENTITY = '39:5383154:4811:2026-12-03 23:38:08.080575604 +0000:2026-12-03 23:38:08.080592185 +0000';

function probed(q: QemuFloppy): Extract<QemuFloppy, { state: 'probed' }> {
  if (q.state !== 'probed') throw new Error(`expected a probed QEMU, got ${q.state}`);
  return q;
}

describe('QEMU floppy probe memo', () => {
  it('a full probe keeps the identity line and the answers; remember() hands them to the next run', async () => {
    const o = await probeWithFake(check, hv(), fixture(ID, 'lab-qemu-upstream-id'));
    const q = probed(o.qemu);
    expect(q.families).toEqual({ i440fx: { floppy: 'ok' }, q35: { floppy: 'ok' } });
    expect(q.fromMemo).toBeUndefined();
    expect(q.memo?.split('\n')[0]).toBe(IDENTITY);
    expect(q.memo).toContain('@@qemu q35 exit 0');
    expect(q.memo).toContain('@@qemu pc exit 0');
    expect(check.remember!(o)).toEqual({ [QEMU_MEMO_KEY]: q.memo });
  });

  it('with a memo the command compares the identity on the host (quoted) and starts QEMU only when it differs', () => {
    const memo = probed(parseQemuFloppy(stdoutOf('lab-qemu-upstream-id'))).memo!;
    const sh = commandOf(check.probe({ ...hv(), memo: memoOf(memo) }).qemu);
    expect(sh).toBe(qemuFloppyCommand(memo).sh);
    expect(sh).toContain(`[ "$id" = '${IDENTITY}' ]; then echo '@@qemu cached'; else for m in q35 pc;`);
    // Without a memo there is no branch: QEMU is always asked.
    expect(commandOf(check.probe(hv()).qemu)).not.toContain('cached');
  });

  it('the host says "cached": the kept answers are the verdict, the same findings as asked, and a measurement says so', async () => {
    const memo = probed(parseQemuFloppy(stdoutOf('lab-qemu-upstream-id'))).memo!;
    const o = await probeWithFake(check, { ...hv(), memo: memoOf(memo) }, fixture(ID, 'lab-qemu-upstream-cached'));
    const q = probed(o.qemu);
    expect(q).toMatchObject({
      fromMemo: true,
      memo,
      binary: '/usr/libexec/qemu-kvm',
      families: { i440fx: { floppy: 'ok' }, q35: { floppy: 'ok' } },
    });
    expect(check.compare(o, hv())).toEqual([
      {
        code: 'floppy-supported',
        severity: 'info',
        message: 'floppy works for i440fx and Q35 VMs: QEMU (/usr/libexec/qemu-kvm) accepts a floppy controller for both chipsets',
      },
    ]);
    expect(check.measure!(o, hv())).toEqual({ 'qemu-answer-kept': 1 });
  });

  it('the binary changed (an update): QEMU was asked again, its new answer counts and replaces the memo', async () => {
    const memo = probed(parseQemuFloppy(stdoutOf('lab-qemu-upstream-id'))).memo!;
    const o = await probeWithFake(check, { ...hv(), memo: memoOf(memo) }, fixture(ID, 'lab-qemu-rhel9-binary-changed'));
    const q = probed(o.qemu);
    expect(q.fromMemo).toBeUndefined();
    expect(q.families.q35).toEqual({ floppy: 'refused', message: "'isa-fdc' is not a valid device model name" });
    expect(q.memo?.split('\n')[0]).not.toBe(IDENTITY);
    expect(check.compare(o, hv()).map((f) => f.code)).toEqual(['qemu-no-floppy-cd-payload']);
    expect(check.measure!(o, hv())).toEqual({ 'qemu-answer-kept': 0 });
  });

  it('"cached" without the memo it refers to is a parse error, never a guessed verdict', () => {
    const cached = stdoutOf('lab-qemu-upstream-cached');
    expect(() => parseQemuFloppy(cached)).toThrow(ParseError);
    expect(() => parseQemuFloppy(cached, `another-identity\n@@qemu q35 exit 0\n`)).toThrow(/a memo this parse does not have/);
  });

  it('output of the earlier probe (no identity line) still parses, and nothing is remembered from it', async () => {
    const o = await probeWithFake(check, hv(), fixture(ID, 'lab-qemu-upstream'));
    expect(probed(o.qemu).memo).toBeUndefined();
    expect(check.remember!(o)).toEqual({});
  });
});
