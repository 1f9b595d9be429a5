import { describe, expect, it } from 'vitest';
import { domainDisks, floppyProblem, smokeDomainXml } from '../../../src/smoke/domain-xml.js';
import { BEFORE_VM_START_HOOK, hookRunScript, parseHookRun } from '../../../src/smoke/hook-script.js';
import { missingFileMessage, runHookStage } from '../../../src/smoke/stage-hook.js';
import type { SmokeState } from '../../../src/smoke/types.js';
import { captured, fixture, labFakes } from './support.js';

// The captured runs used this path (fixtures/README.md); the stage is fed the same.
const DIR = '/rhev/data-center/mnt/127.0.3.8:_exports_iso/floppy';
const IMAGE = `${DIR}/ovirt-floppy-smoke-0a1b2c3d.vfd`;
const MISSING = `${DIR}/missing-ovirt-floppy-smoke-0a1b2c3d.vfd`;

function state(): SmokeState {
  return {
    uploadStarted: true,
    image: {
      device: 'floppy',
      property: 'floppy',
      name: 'ovirt-floppy-smoke-0a1b2c3d.vfd',
      data: Buffer.alloc(0),
      sha256: '',
      marker: '',
      uploadPath: '',
      serverPath: '',
      clientPath: IMAGE,
    },
  };
}

const okRun = captured('hook-ok');
const missingRun = captured('hook-missing-file');

/** Answer the two dry-fire scripts of one host by the floppy value they pass. */
function answersFor(withImage: typeof okRun, withMissing: typeof okRun) {
  return (options: { stdin?: string | Buffer } | undefined) => {
    const script = options?.stdin?.toString() ?? '';
    return script.includes(`floppy=${MISSING}`) || script.includes(`floppy='${MISSING}'`) ? withMissing : withImage;
  };
}

describe('domain XML', () => {
  it('reads the disks the real hook left (captured)', () => {
    const run = parseHookRun(okRun.stdout!, okRun.stderr!);
    expect(run.kind).toBe('ran');
    if (run.kind !== 'ran') return;
    expect(domainDisks(run.domainXml)).toEqual([
      { device: 'cdrom', target: 'hdc', bus: 'ide' },
      { device: 'floppy', source: IMAGE, target: 'fda' },
    ]);
    expect(floppyProblem(domainDisks(run.domainXml), IMAGE)).toBeUndefined();
  });

  it('explains a domain without exactly one floppy from the image at fda', () => {
    expect(floppyProblem(domainDisks(smokeDomainXml('u')), IMAGE)).toBe('no floppy disk in the domain XML');
    const two = [
      { device: 'floppy', source: 'PAYLOAD:', target: 'fda' },
      { device: 'floppy', source: IMAGE, target: 'fda' },
    ];
    expect(floppyProblem(two, IMAGE)).toBe(`2 floppy disks (fda=PAYLOAD:, fda=${IMAGE}), expected exactly one`);
    expect(floppyProblem([{ device: 'floppy', source: '/other', target: 'fda' }], IMAGE)).toBe(
      `the floppy's source is /other, not ${IMAGE}`,
    );
    expect(floppyProblem([{ device: 'floppy', source: IMAGE, target: 'fdb' }], IMAGE)).toBe('the floppy is at fdb, not fda');
    expect(() => domainDisks('not xml at all')).toThrow(/domain XML/);
  });
});

describe('hook run script', () => {
  it('runs the hook as vdsm:kvm with the env vdsm gives it, on a temp copy it cleans up', () => {
    const script = hookRunScript({
      hook: BEFORE_VM_START_HOOK,
      floppy: "/a b/it's.vfd",
      vmId: 'id-1',
      domainXml: smokeDomainXml('id-1'),
    }).join('\n');
    expect(script).toContain(`trap 'rm -rf "$dir"' EXIT`);
    expect(script).toContain('chown -R vdsm:kvm "$dir"');
    expect(script).toContain(
      `runuser -u vdsm -g kvm -- env PYTHONPATH="$lib" _hook_domxml="$dir/domxml" vmId=id-1 floppy='/a b/it'\\''s.vfd' ${BEFORE_VM_START_HOOK} </dev/null`,
    );
    expect(script).toContain('/usr/lib*/python*/*-packages/vdsm/hook');
    expect(() => hookRunScript({ hook: 'h', floppy: 'f', vmId: 'v', domainXml: 'x\nOVIRT_FLOPPY_SMOKE_DOMXML\n' })).toThrow();
  });

  it('parses the captured runs', () => {
    expect(parseHookRun(missingRun.stdout!, missingRun.stderr!)).toMatchObject({ kind: 'ran', exitCode: 2 });
    expect(missingRun.stderr).toContain(missingFileMessage(MISSING));
    expect(parseHookRun(fixture('hook-not-installed.stdout'), '')).toEqual({ kind: 'error', what: 'hook-missing', text: 'hook-missing' });
    expect(() => parseHookRun('', '')).toThrow(/hook run/);
  });
});

describe('hook stage', () => {
  const input = (f: ReturnType<typeof labFakes>) => ({ connections: f.connections, randomHex: (n: number) => '1'.repeat(n * 2) });

  it('passes when every hypervisor adds one floppy at fda and refuses a missing file with exit 2', async () => {
    const f = labFakes();
    f.hv1.answer('sh -s', answersFor(okRun, missingRun));
    f.hv2.answer('sh -s', answersFor(okRun, missingRun));
    const outcome = await runHookStage(input(f), state());
    expect(outcome).toEqual({
      status: 'ok',
      message: `on hv1, hv2 the hook, run as vdsm, adds exactly one floppy at fda from ${IMAGE}, and refuses a missing file with exit 2`,
    });
    expect(f.hv1.calls).toHaveLength(2);
    expect(f.hv1.calls.some((c) => c.stdin?.includes(`floppy=${MISSING}`))).toBe(true);
  });

  it('names the hypervisor whose hook is missing, once', async () => {
    const f = labFakes();
    f.hv1.answer('sh -s', answersFor(okRun, missingRun));
    f.hv2.answer('sh -s', captured('hook-not-installed'));
    const outcome = await runHookStage(input(f), state());
    expect(outcome).toEqual({
      status: 'failed',
      message: `hv2: ${BEFORE_VM_START_HOOK} is not installed (hypervisor-hook-package / hypervisor-hook-files)`,
    });
  });

  it('fails when the hook leaves no floppy, or accepts a missing file', async () => {
    const f = labFakes();
    const noFloppy = { stdout: `@@rc 0\n${smokeDomainXml('u')}`, stderr: '', exitCode: 0 };
    const accepts = { stdout: `@@rc 0\n${smokeDomainXml('u')}`, stderr: '', exitCode: 0 };
    f.hv1.answer('sh -s', answersFor(noFloppy, accepts));
    f.hv2.answer('sh -s', answersFor(okRun, missingRun));
    const outcome = await runHookStage(input(f), state());
    expect(outcome.message).toBe('hv1: after the hook: no floppy disk in the domain XML');
    expect(outcome.details).toEqual([
      `hv1: with a missing file the hook exited 0 without "${missingFileMessage(MISSING)}" (expected exit 2 and that message, which vdsm turns into "Hook Error")`,
    ]);
  });

  it('quotes the hook when it fails for the real image', async () => {
    const f = labFakes();
    const denied = { stdout: `@@rc 2\n${smokeDomainXml('u')}`, stderr: `${missingFileMessage(IMAGE)}\n`, exitCode: 0 };
    f.hv1.answer('sh -s', answersFor(denied, missingRun));
    f.hv2.answer('sh -s', answersFor(okRun, missingRun));
    const outcome = await runHookStage(input(f), state());
    expect(outcome.message).toBe(`hv1: the hook failed for ${IMAGE} (exit 2): ${missingFileMessage(IMAGE)}`);
  });
});
