/**
 * Stage 6, hook dry-fire: on every hypervisor, the installed before_vm_start hook runs as vdsm the way vdsm runs
 * it (hook-script.ts) against a small domain, and must leave exactly one floppy disk at `fda` (or, for the CD
 * payload, one cdrom) sourced from the uploaded image (facts §2.2). Then it runs with a file that does not exist and must refuse
 * with exit 2 and its message — proof it really checks the file as vdsm and vdsm would fail the VM start
 * (facts §2.3). No VM is involved; the temporary files are removed by the script's trap.
 */
import { posix } from 'node:path';
import type { HostTarget } from '../config/types.js';
import type { Transport } from '../ssh/transport.js';
import type { SmokeConnections } from './connections.js';
import { domainDisks, payloadDiskProblem, smokeDomainXml } from './domain-xml.js';
import { BEFORE_VM_START_HOOK, hookRunScript, parseHookRun, type HookRun } from './hook-script.js';
import { errorText, lastLine, runScript, settleEach } from './remote.js';
import type { SmokeImage, SmokeState, StageOutcome } from './types.js';

export interface HookInput {
  connections: SmokeConnections;
  randomHex(bytes: number): string;
}

/** The hook's message for a missing file (facts §2.2, vdsm_hooks/floppy/before_vm_start.py; ours says the property). */
export function missingFileMessage(path: string, property = 'floppy'): string {
  return `${property}: file not exists or not enough permissions: ${path}`;
}

function uuidFrom(hex: string): string {
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

async function runHook(root: Transport, property: string, floppy: string, vmId: string): Promise<HookRun> {
  const r = await runScript(root, hookRunScript({ hook: BEFORE_VM_START_HOOK, property, floppy, vmId, domainXml: smokeDomainXml(vmId) }));
  if (r.exitCode !== 0)
    return { kind: 'error', what: 'other', text: `the dry-fire script failed (exit ${r.exitCode ?? 'none'}): ${lastLine(r.stderr)}` };
  return parseHookRun(r.stdout, r.stderr);
}

function notRunnable(run: Extract<HookRun, { kind: 'error' }>): string {
  switch (run.what) {
    case 'hook-missing':
      return `${BEFORE_VM_START_HOOK} is not installed (hypervisor-hook-package / hypervisor-hook-files)`;
    case 'hook-not-executable':
      return `${BEFORE_VM_START_HOOK} is not executable for vdsm, so vdsm skips it (hypervisor-hook-files)`;
    case 'hooking-missing':
      return `vdsm's hook library (vdsm/hook/hooking.py) is not installed, so the hook cannot import it (hypervisor-vdsm-installed)`;
    default:
      return run.text;
  }
}

function withImageProblem(run: HookRun, image: SmokeImage): string | undefined {
  if (run.kind === 'error') return notRunnable(run);
  if (run.exitCode !== 0) return `the hook failed for ${image.clientPath} (exit ${run.exitCode}): ${lastLine(run.stderr) || 'no message'}`;
  const problem = payloadDiskProblem(domainDisks(run.domainXml), image);
  if (problem) return `after the hook: ${problem}`;
  if (!domainDisks(run.domainXml).some((d) => d.device === 'cdrom')) return 'after the hook the domain lost its other disks';
  return undefined;
}

function missingFileProblem(run: HookRun, path: string, property: string): string | undefined {
  if (run.kind === 'error') return notRunnable(run);
  const message = missingFileMessage(path, property);
  const said = run.stderr.includes(message);
  if (run.exitCode === 2 && said) return undefined;
  return `with a missing file the hook exited ${run.exitCode}${said ? '' : ` without "${message}"`} (expected exit 2 and that message, which vdsm turns into "Hook Error")`;
}

async function dryFire(input: HookInput, host: HostTarget, image: SmokeImage): Promise<string[]> {
  const root = await input.connections.rootTo(host);
  const missing = posix.join(posix.dirname(image.clientPath), `missing-${image.name}`);
  const [withImage, withMissing] = await Promise.all([
    runHook(root, image.property, image.clientPath, uuidFrom(input.randomHex(16))),
    runHook(root, image.property, missing, uuidFrom(input.randomHex(16))),
  ]);
  const first = withImageProblem(withImage, image);
  // A hook that is not there fails both runs the same way: say it once.
  if (first && withImage.kind === 'error') return [first];
  const second = missingFileProblem(withMissing, missing, image.property);
  return [first, second].filter((p): p is string => p !== undefined);
}

export async function runHookStage(input: HookInput, state: SmokeState): Promise<StageOutcome> {
  const image = state.image;
  if (!image) return { status: 'failed', message: 'no image was uploaded' };
  const hosts = input.connections.hypervisors;
  if (hosts.length === 0) return { status: 'failed', message: 'no hypervisors are configured' };
  const results = await settleEach(hosts, (h) => dryFire(input, h, image));
  const problems = results.flatMap((r, i) => (r.ok ? r.value : [errorText(r.error)]).map((p) => `${hosts[i]!.name}: ${p}`));
  if (problems.length > 0)
    return { status: 'failed', message: problems[0]!, ...(problems.length > 1 ? { details: problems.slice(1) } : {}) };
  return {
    status: 'ok',
    message: `on ${hosts.map((h) => h.name).join(', ')} the hook, run as vdsm${image.device === 'cdrom' ? ` with ${image.property}, adds exactly one read-only cdrom` : ', adds exactly one floppy at fda'} from ${image.clientPath}, and refuses a missing file with exit 2`,
  };
}
