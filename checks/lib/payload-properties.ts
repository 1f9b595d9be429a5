/**
 * The VM custom properties that attach a private payload, taken from the config: `floppy` (the hook reads the env
 * var of that name, facts §2.2) and the CD property (floppy.cdProperty, issue #12). The exposure audit, the
 * inventory read and the image check use every name, whatever `payload` says: a VM that still carries either one
 * has a payload in the directory.
 */
import type { Config, PayloadDevice } from '../../src/config/types.js';
import { FLOPPY_PROPERTY } from './engine-properties.js';

export function payloadPropertyNames(config: Config): string[] {
  return [FLOPPY_PROPERTY, config.floppy.cdProperty];
}

/** The property definitions the manager must hold for `payload` (auto: both; floppy or cdrom: that one). */
export function definedPayloadProperties(config: Config): { device: PayloadDevice; name: string; regex: string; configKey: string }[] {
  const floppy = {
    device: 'floppy' as const,
    name: FLOPPY_PROPERTY,
    regex: config.floppy.propertyRegex,
    configKey: 'floppy.propertyRegex',
  };
  const cd = {
    device: 'cdrom' as const,
    name: config.floppy.cdProperty,
    regex: config.floppy.cdPropertyRegex,
    configKey: 'floppy.cdPropertyRegex',
  };
  if (config.payload === 'floppy') return [floppy];
  if (config.payload === 'cdrom') return [cd];
  return [floppy, cd];
}

/** The CD property the bundled hook answers to, or undefined when `payload: floppy` leaves CD payloads off. */
export function cdPropertyInUse(config: Config): string | undefined {
  return config.payload === 'floppy' ? undefined : config.floppy.cdProperty;
}

/** The payload properties a VM carries (non-empty values), in the VM's order. */
export function payloadsOf(
  vm: { customProperties: readonly { name: string; value: string }[] },
  names: readonly string[],
): { name: string; value: string }[] {
  return vm.customProperties.filter((p) => names.includes(p.name) && p.value !== '');
}
