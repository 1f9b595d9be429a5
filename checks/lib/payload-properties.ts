/**
 * The VM custom properties that attach a private payload, taken from the config: today `floppy` (the hook reads
 * the env var of that name, facts §2.2). The CD-ROM payload (issue #12) adds its property name here and the
 * exposure audit, the inventory read and the image check pick it up unchanged.
 */
import type { Config } from '../../src/config/types.js';
import { FLOPPY_PROPERTY } from './engine-properties.js';

export function payloadPropertyNames(_config: Config): string[] {
  return [FLOPPY_PROPERTY];
}

/** The payload properties a VM carries (non-empty values), in the VM's order. */
export function payloadsOf(
  vm: { customProperties: readonly { name: string; value: string }[] },
  names: readonly string[],
): { name: string; value: string }[] {
  return vm.customProperties.filter((p) => names.includes(p.name) && p.value !== '');
}
