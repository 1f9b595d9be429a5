/**
 * Preflight of the smoke VM, pure: is it safe and meaningful to Run Once it with the floppy property?
 * - It must be Down (a running VM would only get a next-run configuration, facts §4.4; and stopping a VM
 *   someone uses is not a smoke test's business).
 * - Windows + engine initialization (sysprep) on an effective level ≤ 4.3: the engine attaches its own sysprep
 *   floppy at `fda`, and the hook's floppy collides (QEMU: "Duplicate ID 'drive-fdc0-0-0'", facts §3; newer libvirt: "target 'fda' duplicated"). A floppy-type
 *   payload takes `fda` too. The API does not say whether the engine already initialized the VM, so this is a
 *   warning, and the reason quoted if the start then fails.
 * - Q35: QEMU on EL8+ may not emulate a floppy controller for Q35 machines (facts §0.3).
 * - A VM carrying the property cannot live-migrate (facts §2.2); Run Once sets it for this run only.
 */
import type { ClusterJson, VmJson } from './vm-json.js';
import { compareLevels, versionText } from './vm-json.js';

export interface VmAssessment {
  /** Why the VM must not be started; undefined when it may. */
  blocking?: string;
  /** Effective compatibility level: the VM's custom one, else its cluster's (facts §4.3). */
  level?: string;
  /** The chipset/firmware that applies, with where it came from. */
  bios: string;
  isWindows: boolean;
  warnings: string[];
  notes: string[];
}

/** The engine's default chipset per cluster level (facts §0.3, ClusterOperationCommandBase.setDefaultBiosType). */
export function defaultBiosForLevel(level: string): string {
  if (compareLevels(level, '4.7') >= 0) return 'q35_ovmf';
  if (compareLevels(level, '4.4') >= 0) return 'q35_sea_bios';
  return 'i440fx_sea_bios';
}

function effectiveBios(vm: VmJson, cluster: ClusterJson | undefined, level: string | undefined): string {
  const own = vm.bios?.type;
  if (own && own !== 'cluster_default') return own;
  if (cluster?.bios_type && cluster.bios_type !== 'cluster_default') return `${cluster.bios_type} (cluster default)`;
  return level ? `${defaultBiosForLevel(level)} (default of level ${level})` : 'unknown';
}

function fdaWarnings(vm: VmJson, isWindows: boolean, level: string | undefined): string[] {
  const warnings: string[] = [];
  const oldLevel = level !== undefined && compareLevels(level, '4.3') <= 0;
  if (isWindows && oldLevel && vm.initialization) {
    warnings.push(
      `duplicate fda: Windows VM with initialization (sysprep) on cluster level ${level}: unless the engine already initialized it, the engine attaches its own sysprep floppy at fda and the hook's floppy collides (QEMU: "Duplicate ID 'drive-fdc0-0-0'", facts §3; newer libvirt: "target 'fda' duplicated"); remove the VM's initialization, or use level 4.4+ where the sysprep payload is a CD-ROM`,
    );
  }
  if ((vm.payloads?.payload ?? []).some((p) => p.type === 'floppy')) {
    warnings.push('duplicate fda: the VM has a floppy payload, which takes fda as well (facts §3)');
  }
  return warnings;
}

export function assessVm(vm: VmJson, cluster: ClusterJson | undefined): VmAssessment {
  const level = versionText(vm.custom_compatibility_version) ?? versionText(cluster?.version);
  const os = vm.os?.type ?? 'unknown';
  const isWindows = os.toLowerCase().startsWith('windows');
  const bios = effectiveBios(vm, cluster, level);
  const warnings = fdaWarnings(vm, isWindows, level);
  if (bios.startsWith('q35')) {
    warnings.push(
      `Q35 chipset (${bios}): QEMU on EL8+ hosts may refuse a floppy controller on Q35 ("isa-fdc is not supported", facts §0.3); an i440fx VM is the safe test`,
    );
  }
  const notes = [
    `OS type ${os}${isWindows ? '' : ' (not Windows: the sysprep/fda collision cannot show with it)'}, effective level ${level ?? 'unknown'}, bios ${bios}`,
    'a VM carrying the floppy property cannot migrate (the hook refuses before_vm_migrate_source, facts §2.2); this Run Once sets it for this run only',
  ];
  const status = vm.status ?? 'unknown';
  const blocking =
    status === 'down' ? undefined : `VM ${vm.name ?? vm.id} is ${status}, not down: smoke Run-Onces a dedicated test VM that is Down`;
  return { ...(blocking ? { blocking } : {}), ...(level ? { level } : {}), bios, isWindows, warnings, notes };
}
