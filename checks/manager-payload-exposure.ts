/**
 * manager-payload-exposure: no VM keeps a payload property (today `floppy`) longer than `floppy.maxAgeHours`, and
 * no VM carries one where it cannot work. Read-only, through the engine's API (ctx.engine.inventory).
 *
 * Why: the payload holds the answer file with its secrets (domain-join passwords). While a VM carries the
 * property, every start attaches the image again, the guest can read it, and the VM cannot migrate (the hook's
 * before_vm_migrate_source refuses: facts §2.2), which blocks host maintenance. Findings name VM, cluster, host:
 *  - warn `payload-left-set`: the property has been set for at least `floppy.maxAgeHours`. The engine keeps no
 *    per-property time: the age is the time since the VM's newest configuration change in the audit log
 *    (USER_UPDATE_VM / USER_ADD_VM events, a lower bound); none left in the log (pruned after the engine's
 *    retention, 30 days by default) counts as older. A running VM says so (secret attached, migration blocked).
 *  - info `payload-attached`: a younger one whose VM runs (a deployment in progress looks like this).
 *  - error `sysprep-floppy-duplicate`: a Windows VM with sysprep initialization on effective level ≤ 4.3 that
 *    also carries `floppy`: the engine puts its own sysprep floppy at fda and the hook adds a second one, and
 *    the start fails with "Duplicate ID 'drive-fdc0-0-0'" (facts §3; lib/domcaps-verdict.ts).
 * Whether the image still exists is cross-payload-images (engine inventory against the sftp listing); whether
 * the VM's host QEMU takes a floppy on its chipset is the hypervisor's (hypervisor-payload-chipset).
 * Not fixable by apply: removing a VM's property is the VM owner's decision (PUT /vms/{id} without it).
 * Role: manager, with engineApi.
 */
import { defineCheck, type EngineInventory, type EngineVm, type Finding } from '../src/check-api.js';
import type { Config } from '../src/config/types.js';
import { sysprepFloppyCollides } from './lib/domcaps-verdict.js';
import { clusterById, effectiveLevel, inventoryOrThrow, vmWhere } from './lib/engine-inventory.js';
import { FLOPPY_PROPERTY } from './lib/engine-properties.js';
import { payloadPropertyNames, payloadsOf } from './lib/payload-properties.js';

const HOUR_MS = 3_600_000;

/** VM states in which the payload is attached to a live QEMU process (api-model VmStatus). */
const ATTACHED = new Set([
  'up',
  'powering_up',
  'paused',
  'migrating',
  'reboot_in_progress',
  'powering_down',
  'wait_for_launch',
  'saving_state',
  'restoring_state',
  'not_responding',
  'unknown',
]);

function ageHours(vm: EngineVm, inventory: EngineInventory): number | undefined {
  if (!vm.lastChangedAt) return undefined;
  return (Date.parse(inventory.fetchedAt) - Date.parse(vm.lastChangedAt)) / HOUR_MS;
}

function vmFindings(vm: EngineVm, inventory: EngineInventory, config: Config): Finding[] {
  const payloads = payloadsOf(vm, payloadPropertyNames(config));
  if (payloads.length === 0) return [];
  const where = vmWhere(inventory, vm);
  const what = payloads.map((p) => `${p.name}=${p.value}`).join(', ');
  const attached = ATTACHED.has(vm.status);
  const running = attached ? `; it is ${vm.status}: the image is attached (the guest can read the secrets) and the VM cannot migrate` : '';
  const findings: Finding[] = [];
  const age = ageHours(vm, inventory);
  const max = config.floppy.maxAgeHours;
  if (age === undefined || age >= max) {
    const since =
      age === undefined
        ? 'since before the oldest entry of the audit log'
        : `for at least ${Math.floor(age)} h (since ${vm.lastChangedAt})`;
    findings.push({
      code: 'payload-left-set',
      message: `${where} has carried ${what} ${since}, longer than floppy.maxAgeHours (${max} h)${running}: remove the property once the VM is deployed`,
      expected: `payload property removed within ${max} h`,
      actual: what,
      fixable: false,
    });
  } else if (attached) {
    findings.push({ code: 'payload-attached', severity: 'info', message: `${where} carries ${what}${running}` });
  }
  const cluster = clusterById(inventory, vm.clusterId);
  const level = effectiveLevel(vm, cluster);
  if (payloads.some((p) => p.name === FLOPPY_PROPERTY) && level && sysprepFloppyCollides(vm.osType, level, vm.hasInitialization)) {
    findings.push({
      code: 'sysprep-floppy-duplicate',
      severity: 'error',
      message: `${where}: ${vm.osType} with sysprep initialization on level ${level} gets the engine's own sysprep floppy at fda, and the floppy property adds a second fda: the start fails (QEMU: "Duplicate ID 'drive-fdc0-0-0'"; newer libvirt: "target 'fda' duplicated") (remove the initialization, or use level 4.4+ where the sysprep payload is a CD)`,
      fixable: false,
    });
  }
  return findings;
}

export default defineCheck<Record<string, never>, Config>({
  id: 'manager-payload-exposure',
  title: 'no VM keeps its payload property longer than floppy.maxAgeHours or where it cannot work',
  roles: ['manager'],
  severity: 'warn',
  needsRoot: false, // the engine's API, asked from this machine
  appliesTo: ({ engine }) => (engine?.inventory ? true : 'engineApi not configured'),
  probe: () => ({}),
  compare: (_observed, { engine, config }): Finding[] => {
    const inventory = inventoryOrThrow(engine?.inventory);
    return inventory.vms.flatMap((vm) => vmFindings(vm, inventory, config));
  },
});
