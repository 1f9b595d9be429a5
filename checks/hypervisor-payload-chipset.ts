/**
 * hypervisor-payload-chipset: no VM that may run on this host carries `floppy` on a chipset this host's QEMU
 * offers no floppy for (Q35 on RHEL 8's qemu-kvm, anything on RHEL 9/10's: facts §8.2).
 *
 * Why: such a VM fails at every start on this host ("Device isa-fdc is not supported with machine type
 * pc-q35-rhel8.0.0"), while the engine accepted the property: only the host's QEMU knows. VMs in scope: those
 * running here and those of this host's cluster (the engine may start them here), from the engine's inventory
 * (ctx.engine.inventory: custom properties, bios type, cluster bios type and level). The VM's chipset is its
 * bios type, else its cluster's, else the cluster level's default (lib/domcaps-verdict.ts effectiveChipset).
 * QEMU's answer comes from the same probe command as hypervisor-floppy-capable (a stopped QEMU start with
 * `-device isa-fdc` per machine family, lib/qemu-floppy.ts; the runner runs an identical command once per host),
 * so this costs no extra process.
 * Findings name VM, cluster and host. Not fixable: the VM needs i440fx or a CD payload. Also: a VM carrying the CD
 * property (floppy.cdProperty) where the host runs vdsm-hook-floppy (below vdsm 4.40), which ignores it. Role: hypervisor, with
 * engineApi and an engine host of this name or address.
 */
import { defineCheck, type Finding } from '../src/check-api.js';
import type { Config } from '../src/config/types.js';
import { effectiveChipset } from './lib/domcaps-verdict.js';
import { CHIPSET_LABEL } from './lib/domcaps.js';
import { clusterById, effectiveLevel, engineHostFor, vmWhere } from './lib/engine-inventory.js';
import { FLOPPY_PROPERTY } from './lib/engine-properties.js';
import { hostHasBundledHook } from './lib/payload-device.js';
import { floppyByFamily, qemuFloppyProbe, rememberQemuFloppy, type QemuFloppy } from './lib/qemu-floppy.js';

export default defineCheck<{ qemu: QemuFloppy }, Config>({
  id: 'hypervisor-payload-chipset',
  title: "no VM that may run here carries floppy on a chipset this host's QEMU has no floppy for",
  roles: ['hypervisor'],
  severity: 'error',
  appliesTo: ({ engine, host }) => {
    const inventory = engine?.inventory;
    if (!inventory || inventory.error)
      return inventory ? 'engine inventory unavailable (see manager-engine-hosts)' : 'engineApi not configured';
    return engineHostFor(inventory, host) ? true : 'the engine has no host of this name or address (see manager-engine-hosts)';
  },
  probe: ({ memo }) => ({ qemu: qemuFloppyProbe(memo) }),
  remember: ({ qemu }) => rememberQemuFloppy(qemu),
  compare: ({ qemu }, { engine, host, config, facts }): Finding[] => {
    // No QEMU here: hypervisor-floppy-capable says so; nothing to judge per VM.
    if (qemu.state !== 'probed') return [];
    const inventory = engine!.inventory!;
    const me = engineHostFor(inventory, host)!;
    const floppy = floppyByFamily(qemu.families);
    const findings: Finding[] = [];
    const cdProperty = config.floppy.cdProperty;
    const bundled = hostHasBundledHook(facts.vdsmVersion);
    for (const vm of inventory.vms) {
      if (vm.hostId !== me.id && (me.clusterId === undefined || vm.clusterId !== me.clusterId)) continue;
      const cd = vm.customProperties.find((p) => p.name === cdProperty && p.value !== '')?.value;
      if (cd !== undefined && !bundled) {
        findings.push({
          code: 'payload-cd-needs-bundled-hook',
          message: `${vmWhere(inventory, vm)} carries ${cdProperty}=${cd}, but ${host.name} runs vdsm ${facts.vdsmVersion ?? '(none)'} with vdsm-hook-floppy, which ignores it: the VM starts here without its payload (the CD needs the bundled hook, vdsm 4.40+)`,
          fixable: false,
        });
      }
      const value = vm.customProperties.find((p) => p.name === FLOPPY_PROPERTY && p.value !== '')?.value;
      if (value === undefined) continue;
      const cluster = clusterById(inventory, vm.clusterId);
      const level = effectiveLevel(vm, cluster);
      const chipset = level ? effectiveChipset(vm.biosType, cluster?.biosType, level) : undefined;
      if (!chipset || floppy[chipset] !== false) continue;
      findings.push({
        code: 'payload-chipset-no-floppy',
        message: `${vmWhere(inventory, vm)} carries floppy=${value} on ${CHIPSET_LABEL[chipset]}, but QEMU on ${host.name} offers no floppy device for ${CHIPSET_LABEL[chipset]}: the VM fails to start here (give it i440fx, or an ISO image in ${cdProperty} instead: ovirt-floppy image NAME.iso FILE...)`,
        fixable: false,
      });
    }
    return findings;
  },
});
