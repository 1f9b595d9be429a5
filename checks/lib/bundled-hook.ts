/**
 * The project's own floppy hook for vdsm 4.40+ (hooks/*.py, embedded in bundled-hook-source.ts), rendered for a
 * floppy directory. vdsm-hook-floppy is gone from 4.40 (facts §0.1), so `apply` installs these two scripts where
 * the package had its files (facts §2.1, §2.4); `check` compares the installed copies with this rendering by
 * sha256, so the rendering must be byte-stable: the same config gives the same bytes on every run.
 */
import { createHash } from 'node:crypto';
import { safeRemotePath } from '../../src/config/resolved.js';
import { UnsafeValueError } from '../../src/errors.js';
import { HOOKS_DIR } from './hypervisor-hook-files.js';
import { BUNDLED_HOOK_SOURCES } from './bundled-hook-source.js';

export type HookEvent = keyof typeof BUNDLED_HOOK_SOURCES;
export const HOOK_EVENTS: readonly HookEvent[] = ['before_vm_start', 'before_vm_migrate_source'];
export const HOOK_SCRIPT_NAME = '50_floppy';

/** The line of hooks/before_vm_start.py that rendering replaces; the hook refuses to attach anything while unset. */
export const FLOPPY_DIR_PLACEHOLDER = 'FLOPPY_DIR = None  # ovirt-floppy: floppy.clientPath, rendered at install time';

export interface BundledHookFile {
  event: HookEvent;
  /** /usr/libexec/vdsm/hooks/<event> */
  dir: string;
  /** /usr/libexec/vdsm/hooks/<event>/50_floppy */
  path: string;
  content: string;
  /** Hex sha256 of the content's UTF-8 bytes, what `sha256sum` prints for the installed file. */
  sha256: string;
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** The line rendering replaces with the CD property name; left as None, the hook ignores CD payloads. */
export const CD_PROPERTY_PLACEHOLDER = 'CD_PROPERTY = None  # ovirt-floppy: floppy.cdProperty, rendered at install time';

function replaceLine(lines: string[], placeholder: string, line: string): void {
  const at = lines.flatMap((l, i) => (l === placeholder ? [i] : []));
  if (at.length !== 1) throw new Error(`hooks/before_vm_start.py must hold the line "${placeholder}" exactly once`);
  lines[at[0]!] = line;
}

/**
 * The hook script for `event` with the floppy directory and the CD property name written in. The directory passes
 * assertSafePath (letters, digits and `._+@:-/` only) and the name is `[A-Za-z0-9_]+`, so single-quoted Python
 * literals need no escaping. `cdProperty` undefined (payload: floppy) keeps CD payloads off; it is a required
 * parameter so that every caller decides, from cdPropertyInUse(config), instead of silently rendering without it.
 */
export function renderBundledHook(event: HookEvent, floppyDir: string, cdProperty: string | undefined): string {
  const source = BUNDLED_HOOK_SOURCES[event];
  if (event !== 'before_vm_start') return source;
  const dir = safeRemotePath(floppyDir);
  if (cdProperty !== undefined && (!/^[A-Za-z0-9_]{1,64}$/.test(cdProperty) || cdProperty === 'floppy')) {
    throw new UnsafeValueError(`CD property name ${JSON.stringify(cdProperty)}: letters, digits and "_" only, and not floppy`);
  }
  const lines = source.split('\n');
  replaceLine(lines, FLOPPY_DIR_PLACEHOLDER, `FLOPPY_DIR = '${dir}'  # ovirt-floppy: floppy.clientPath, rendered by ovirt-floppy apply`);
  if (cdProperty !== undefined) {
    replaceLine(
      lines,
      CD_PROPERTY_PLACEHOLDER,
      `CD_PROPERTY = '${cdProperty}'  # ovirt-floppy: floppy.cdProperty, rendered by ovirt-floppy apply`,
    );
  }
  return lines.join('\n');
}

/** Both hook files as `apply` installs them for this floppy directory (the hypervisors' clientPath) and CD property. */
export function bundledHookFiles(floppyDir: string, cdProperty: string | undefined): BundledHookFile[] {
  return HOOK_EVENTS.map((event) => {
    const content = renderBundledHook(event, floppyDir, cdProperty);
    const dir = `${HOOKS_DIR}/${event}`;
    return { event, dir, path: `${dir}/${HOOK_SCRIPT_NAME}`, content, sha256: sha256Hex(content) };
  });
}
