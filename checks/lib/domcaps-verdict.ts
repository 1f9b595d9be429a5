/**
 * Can a floppy payload work? Pure verdicts, per hypervisor (what QEMU offers) and per VM (what a start of that VM
 * will meet), so `check` and the smoke test say the same thing before a VM start fails.
 *
 * The rules (facts §0.3, §3):
 *  - QEMU must offer a floppy for the VM's chipset (domcaps.ts). oVirt VMs are i440fx or Q35 by their bios type;
 *    `cluster_default` means the cluster's bios type, which new clusters take from their level: ≥ 4.7 Q35 OVMF,
 *    4.4–4.6 Q35 SeaBIOS, older i440fx (engine ClusterOperationCommandBase.setDefaultBiosType).
 *  - On an effective cluster level ≤ 4.3 a Windows VM that the engine initializes on this start (sysprep) gets the
 *    engine's own floppy at fda, and the hook's floppy collides with it; from 4.4 the sysprep payload is a
 *    CD-ROM. The bundled hook refuses the collision; this says so before the start.
 */
import { CHIPSET_LABEL, type Chipset, type DomcapsFloppy } from './domcaps.js';

export interface VerdictReason {
  /** Stable kebab-case code. */
  code: string;
  message: string;
}

export interface FloppyVerdict {
  /** `blocked`: the start fails or the floppy cannot attach; `unknown`: an input is missing to decide. */
  verdict: 'ok' | 'blocked' | 'unknown';
  /** The chipset the VM runs with, when known. */
  chipset?: Chipset;
  /** Why, blocking reasons first, then unknowns, then what was found fine; never empty. */
  reasons: VerdictReason[];
}

export interface VmFloppyInput {
  /** The VM's `bios.type` from the API (`i440fx_sea_bios`, `q35_sea_bios`, `q35_ovmf`, `q35_secure_boot`, `cluster_default`); absent on old engines. */
  biosType?: string;
  /** The cluster's `bios_type`, used when the VM's is `cluster_default` or absent. */
  clusterBiosType?: string;
  /** The effective cluster level of the VM: its `custom_compatibility_version`, else the cluster's `version`, as "4.3". */
  clusterLevel: string;
  /** The VM's `os.type` (osinfo unique name, e.g. `windows_2019x64`). */
  osType?: string;
  /** This start initializes the VM: Initialization configured on a not yet initialized VM, or use_sysprep/use_initialization. */
  hasInitialization: boolean;
  /** What QEMU on the VM's host offers, per chipset (floppyByChipset of the domcaps probes); undefined = not asked. */
  domcapsFloppy?: DomcapsFloppy;
}

/** "4.3" → [4, 3]; undefined for anything else. */
export function parseClusterLevel(level: string): [number, number] | undefined {
  const m = /^(\d+)\.(\d+)$/.exec(level.trim());
  return m ? [Number(m[1]), Number(m[2])] : undefined;
}

function levelBelow(level: [number, number], major: number, minor: number): boolean {
  return level[0] < major || (level[0] === major && level[1] < minor);
}

/** The chipset of a bios type; `cluster_default`/absent resolve through the cluster's bios type, then its level. */
export function effectiveChipset(
  biosType: string | undefined,
  clusterBiosType: string | undefined,
  clusterLevel: string,
): Chipset | undefined {
  for (const t of [biosType, clusterBiosType]) {
    const v = t?.toLowerCase();
    if (v?.startsWith('i440fx')) return 'i440fx';
    if (v?.startsWith('q35')) return 'q35';
  }
  const level = parseClusterLevel(clusterLevel);
  if (!level) return undefined;
  return levelBelow(level, 4, 4) ? 'i440fx' : 'q35';
}

export function isWindows(osType: string | undefined): boolean {
  return (osType ?? '').toLowerCase().startsWith('windows');
}

/** The engine's sysprep floppy will sit at fda on this start (facts §3). */
export function sysprepFloppyCollides(osType: string | undefined, clusterLevel: string, hasInitialization: boolean): boolean | undefined {
  if (!isWindows(osType) || !hasInitialization) return false;
  const level = parseClusterLevel(clusterLevel);
  return level ? levelBelow(level, 4, 4) : undefined;
}

/** What QEMU on one hypervisor offers, as one sentence per chipset (for reports). */
export function describeHostFloppy(floppy: DomcapsFloppy): string {
  return (['i440fx', 'q35'] as const)
    .map((c) => `${CHIPSET_LABEL[c]}: ${floppy[c] === undefined ? 'unknown' : floppy[c] ? 'floppy' : 'no floppy'}`)
    .join(', ');
}

const SYSPREP_WORKAROUNDS =
  'start it without initialization (no use_sysprep/use_initialization, no Initialization data, or a VM that is already initialized), ' +
  'or raise its cluster level to 4.4 or later (the sysprep payload is a CD-ROM there), or set a non-Windows OS type for this start';

export function floppyVerdict(input: VmFloppyInput): FloppyVerdict {
  const blocked: VerdictReason[] = [];
  const unknown: VerdictReason[] = [];
  const ok: VerdictReason[] = [];
  const chipset = effectiveChipset(input.biosType, input.clusterBiosType, input.clusterLevel);

  if (!chipset) {
    unknown.push({
      code: 'chipset-unknown',
      message: `cannot tell the VM's chipset (bios type ${input.biosType ?? 'not set'}, cluster level ${input.clusterLevel})`,
    });
  } else {
    const offered = input.domcapsFloppy?.[chipset];
    const label = CHIPSET_LABEL[chipset];
    if (offered === false) {
      blocked.push({
        code: 'chipset-no-floppy',
        message:
          `the VM is ${label} and QEMU on its host offers no floppy device for ${label}: the start would fail; ` +
          (chipset === 'q35' ? 'use bios type i440fx_sea_bios if QEMU offers a floppy there' : 'floppy payloads cannot work on this host'),
      });
    } else if (offered === undefined) {
      unknown.push({
        code: 'domcaps-unknown',
        message: `the VM is ${label}; whether QEMU on its host offers a floppy for ${label} is not known`,
      });
    } else {
      ok.push({ code: 'chipset-floppy', message: `the VM is ${label} and QEMU on its host offers a floppy device for it` });
    }
  }

  const collides = sysprepFloppyCollides(input.osType, input.clusterLevel, input.hasInitialization);
  if (collides === true) {
    blocked.push({
      code: 'sysprep-floppy-collision',
      message:
        `the engine adds its own sysprep floppy at fda to this Windows VM (cluster level ${input.clusterLevel} ≤ 4.3, initialization on this start), ` +
        `so the hook refuses to add a second one; ${SYSPREP_WORKAROUNDS}`,
    });
  } else if (collides === undefined) {
    unknown.push({
      code: 'cluster-level-unknown',
      message: `cannot read cluster level "${input.clusterLevel}" to tell whether the engine's sysprep floppy takes fda`,
    });
  } else {
    ok.push({
      code: 'fda-free',
      message:
        isWindows(input.osType) && input.hasInitialization
          ? `the engine's sysprep payload is a CD-ROM at cluster level ${input.clusterLevel}: fda stays free`
          : 'the engine adds no floppy of its own on this start: fda stays free',
    });
  }

  const verdict = blocked.length > 0 ? 'blocked' : unknown.length > 0 ? 'unknown' : 'ok';
  return { verdict, ...(chipset ? { chipset } : {}), reasons: [...blocked, ...unknown, ...ok] };
}
