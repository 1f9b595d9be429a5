/**
 * Stage 7, VM (only with `smoke.vm` and `engineApi`): the whole chain for real, the procedure of facts §7
 * "Smoke test order". Log in (OAuth), find the test VM by exact name, preflight it (vm-assess.ts), Run Once it
 * with `floppy` merged into its own custom properties (facts §4.4–4.5), wait (bounded by `smoke.vmTimeout`)
 * for `up` — or quote why it went `down` — then see the floppy in libvirt's XML on its host, stop it, and
 * confirm its permanent custom properties did not change. A VM this stage started is stopped whatever happens.
 */
import type { Config } from '../config/types.js';
import { BEFORE_VM_START_HOOK } from './hook-script.js';
import { errorText } from './remote.js';
import type { SmokeConnections } from './connections.js';
import type { EngineRequester, SmokeImage, SmokeState, StageOutcome } from './types.js';
import { VmApi } from './vm-api.js';
import { assessVm, type VmAssessment } from './vm-assess.js';
import { guestFloppyName, readGuestView, type GuestDevice, type GuestView } from './vm-guest.js';
import { verifyPayloadOnHost } from './vm-host.js';
import type { VmEvidence } from '../result/model.js';
import { customProperties, mergePayloadProperty, propertiesText, type VmJson } from './vm-json.js';
import { type Clock, explainFailure, failureEvents, waitForStatus } from './vm-wait.js';
import { imagePermissionHint } from './vm-permission-hint.js';

export interface VmInput {
  config: Config;
  connections: SmokeConnections;
  api?: EngineRequester;
  clock: Clock;
  pollMs: number;
}

interface RunContext {
  input: VmInput;
  api: VmApi;
  vm: VmJson;
  image: SmokeImage;
  assessment: VmAssessment;
  details: string[];
  /** From an accepted Run Once until the VM is known to be down again: what `finally` must stop. */
  mayBeRunning: boolean;
}

/** A refused Run Once, with the link it points at (facts §1.4 texts, §1.6 restart). */
export function explainRunOnceRefusal(error: unknown, path: string, level: string | undefined, property = 'floppy'): string {
  const text = errorText(error);
  if (/not configured by the system/i.test(text)) {
    return `the running engine does not know the ${property} property${level ? ` for level ${level}` : ''}: restart ovirt-engine after engine-config (manager-engine-restart-pending), or define it for this level (manager-floppy-property) — ${text}`;
  }
  if (/illegal values/i.test(text)) return `the running engine's ${property} regex refuses ${path} (manager-floppy-regex) — ${text}`;
  return `Run Once refused: ${text}`;
}

function failed(ctx: RunContext, message: string, more: string[] = []): StageOutcome {
  const fda = ctx.assessment.warnings.find((w) => w.startsWith('duplicate fda'));
  // The duplicate-fda warning is the likeliest reason any start fails, so the failure names it.
  return { status: 'failed', message: fda ? `${message} — ${fda}` : message, details: [...more, ...ctx.details] };
}

async function bootVerifyStop(ctx: RunContext, before: { name: string; value: string }[]): Promise<StageOutcome> {
  const { api, vm, image, input } = ctx;
  const timeoutMs = (input.config.smoke?.vmTimeout ?? 300) * 1000;
  const baseline = await api.newestEventId();
  try {
    await api.runOnce(vm.id, mergePayloadProperty(before, image.clientPath, image.property));
  } catch (error) {
    return failed(ctx, explainRunOnceRefusal(error, image.clientPath, ctx.assessment.level, image.property));
  }
  ctx.mayBeRunning = true;
  const up = await waitForStatus({ api, vmId: vm.id, target: 'up', timeoutMs, pollMs: input.pollMs, eventsAfter: baseline }, input.clock);
  if (up.outcome === 'failed') {
    ctx.mayBeRunning = false;
    const events = failureEvents(up.events).map((e) => `event ${e.id ?? '?'}: ${e.description ?? ''}`);
    const why = explainFailure(up.events);
    // libvirt/QEMU refusing the floppy the hook wrote: name the hook, whose output it is.
    const duplicateFda = ctx.assessment.warnings.some((w) => w.startsWith('duplicate fda')); // named by failed()
    const hookMade =
      !duplicateFda && !/Hook Error/i.test(why) && /Exit message/i.test(why) && /fda|floppy|fdc|isa-fdc|cdrom|ide|sata|\bbus\b/i.test(why)
        ? ` — the refused disk is the one the before_vm_start hook ${BEFORE_VM_START_HOOK} wrote`
        : '';
    return failed(ctx, `VM ${vm.name} went down instead of up: ${why}${imagePermissionHint(why) ?? hookMade}`, events);
  }
  if (up.outcome === 'timeout')
    return failed(ctx, `VM ${vm.name} was not up within ${timeoutMs / 1000} s (smoke.vmTimeout; last status ${up.status})`);
  const seen = await verifyPayloadOnHost({ api, connections: input.connections }, up.vm, image);
  if (!seen.ok) return failed(ctx, seen.problem);
  const evidence: VmEvidence = {
    host: seen.host,
    machine: seen.domain.machine ?? 'unknown',
    device: seen.floppy.device,
    bus: seen.floppy.bus ?? 'unknown',
    target: seen.floppy.target ?? 'unknown',
    imageSha256: image.sha256,
  };
  // The guest's own view, where its console is a file on the host (the lab): bounded by what is left of vmTimeout.
  let guest: GuestView | undefined;
  let guestName = image.device === 'cdrom' ? 'sr*' : guestFloppyName(seen.floppy.target);
  if (seen.domain.serialFile && guestName) {
    const left = Math.max(1000, timeoutMs - up.waitedMs);
    guest = await readGuestView(seen.root, seen.domain.serialFile, left, input.clock, input.pollMs);
    const read = guestDeviceFor(guest, image, guestName);
    if (read) guestName = read.name;
    if (read?.sha256) evidence.guestSha256 = read.sha256;
    if (!read?.sha256 || read.sha256 !== image.sha256) {
      await api.stop(vm.id).catch(() => {});
      const what = !guest
        ? `its console ${seen.domain.serialFile} could not be read`
        : !guest.complete && !read
          ? `the guest did not report ${guestName} within ${(left / 1000).toFixed(0)} s`
          : !read?.sha256
            ? `the guest could not read ${guestName}`
            : `the guest read ${guestName} with sha256 ${read.sha256}, not the image's ${image.sha256}`;
      return { ...failed(ctx, `VM ${vm.name} on ${seen.host} (${evidence.machine}): ${what}`), evidence };
    }
  }
  await api.stop(vm.id);
  const down = await waitForStatus({ api, vmId: vm.id, target: 'down', timeoutMs, pollMs: input.pollMs }, input.clock);
  if (down.outcome !== 'reached') return failed(ctx, `VM ${vm.name} did not stop within ${timeoutMs / 1000} s`);
  ctx.mayBeRunning = false;
  const after = customProperties(await api.getVm(vm.id));
  if (propertiesText(after) !== propertiesText(before)) {
    return failed(ctx, `the VM's permanent custom properties changed: before ${propertiesText(before)}, after ${propertiesText(after)}`);
  }
  const message = `VM ${vm.name} (level ${ctx.assessment.level ?? '?'}, ${ctx.assessment.bios}) was up on ${seen.host} after ${(up.waitedMs / 1000).toFixed(1)} s with ${image.clientPath} ${image.device === 'cdrom' ? `as cdrom ${evidence.target}` : `at ${evidence.target}`} in libvirt's XML (${evidence.machine}, bus ${evidence.bus}); ${guestLine(guest, guestName)}stopped; its custom properties are unchanged (${propertiesText(before)})`;
  return { status: 'ok', message, details: ctx.details, evidence };
}

/**
 * The guest's device for the image: the floppy by its kernel name (fda → fd0); a CD by content, since the guest
 * numbers its sr* devices in probe order and oVirt's own (empty) cdrom may come first — the one whose whole medium
 * is the image, else the first readable sr* (whose different sha256 is then the finding).
 */
function guestDeviceFor(guest: GuestView | undefined, image: SmokeImage, floppyName: string): GuestDevice | undefined {
  if (image.device !== 'cdrom') return guest?.devices.find((d) => d.name === floppyName);
  const cds = guest?.devices.filter((d) => d.name.startsWith('sr')) ?? [];
  return cds.find((d) => d.sha256 === image.sha256) ?? cds.find((d) => d.sha256 !== undefined) ?? cds[0];
}

/** "the guest read fd0 (sha256 ab12…, the image's) with files autounattend.xml, MARKER.TXT; " or "". */
function guestLine(guest: GuestView | undefined, name: string | undefined): string {
  const read = guest?.devices.find((d) => d.name === name);
  if (!read?.sha256) return '';
  const files = read.files.map((f) => f.path).join(', ');
  return `the guest read ${name} (sha256 ${read.sha256.slice(0, 12)}…, the image's)${files ? ` with files ${files}` : ''}; `;
}

export async function runVmStage(input: VmInput, state: SmokeState): Promise<StageOutcome> {
  const name = input.config.smoke?.vm;
  if (!name)
    return {
      status: 'skipped',
      message: 'no smoke.vm configured: no VM was booted with the floppy (name a dedicated test VM that is Down)',
    };
  if (!input.config.engineApi || !input.api)
    return { status: 'skipped', message: 'no engineApi configured: no VM was booted with the floppy' };
  const image = state.image;
  if (!image) return { status: 'failed', message: 'no image was uploaded' };
  const api = new VmApi(input.api);
  // The build stage may have found the VM already (state.smokeVm): its id and cluster are reused, the VM is read afresh.
  let id = state.smokeVm?.id;
  if (id === undefined) {
    const found = await api.findVm(name);
    if ('problem' in found) return { status: 'failed', message: found.problem };
    id = found.vm.id;
  }
  const vm = await api.getVm(id);
  const known = state.smokeVm?.cluster && state.smokeVm.clusterId === vm.cluster?.id ? state.smokeVm.cluster : undefined;
  const cluster = known ?? (vm.cluster?.id ? await api.getCluster(vm.cluster.id) : undefined);
  const assessment = assessVm(vm, cluster);
  // The Q35 floppy warning and the migration note are the floppy's; the CD goes on any chipset and may migrate.
  const cd = image.device === 'cdrom';
  const warnings = cd ? assessment.warnings.filter((w) => !w.startsWith('Q35 chipset')) : assessment.warnings;
  const notes = cd
    ? assessment.notes.map((n) =>
        n.startsWith('a VM carrying the floppy property')
          ? `a VM carrying only ${image.property} may migrate (its image is in the directory every hypervisor mounts)`
          : n,
      )
    : assessment.notes;
  const details = [...warnings.map((w) => `warning: ${w}`), ...notes];
  if (assessment.blocking) return { status: 'failed', message: assessment.blocking, details };
  const ctx: RunContext = { input, api, vm: { ...vm, name: vm.name ?? name }, image, assessment, details, mayBeRunning: false };
  try {
    return await bootVerifyStop(ctx, customProperties(vm));
  } finally {
    // Whatever went wrong (a timeout, a thrown error), a VM this stage started does not keep running.
    if (ctx.mayBeRunning) await api.stop(vm.id).catch(() => {});
  }
}
