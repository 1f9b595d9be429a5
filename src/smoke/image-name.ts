/**
 * The smoke image's file name, and whether the engine will accept its path as the VM's `floppy` value. The
 * engine matches the whole value against the property regex with Java's `String.matches` (facts §1.4), so the
 * JavaScript test anchors the whole string the same way; the config rules keep the regex inside the syntax
 * both languages read alike (src/config/property-regex.ts).
 */
import { posix } from 'node:path';

/** Extensions tried in order: `.vfd` is what the how-to uses; the default regex allows all three. */
const EXTENSIONS = ['vfd', 'img', 'flp'] as const;

/** Whether `value` matches the whole of `propertyRegex`, as `String.matches` would. */
export function propertyAccepts(propertyRegex: string, value: string): boolean {
  for (const flags of ['u', '']) {
    try {
      return new RegExp(`^(?:${propertyRegex})$`, flags).test(value);
    } catch {
      // The config rules refuse regexes unicode mode cannot read; an older config may still hold one.
    }
  }
  return false;
}

export interface ImageNameChoice {
  ok: boolean;
  /** The chosen name, or the first candidate when none is accepted. */
  name: string;
  /** `<clientPath>/<name>` */
  clientPath: string;
  /** Candidates the regex refused, in order. */
  refused: string[];
}

/** `ovirt-floppy-smoke-<random>.<ext>` with the first extension whose full path the regex accepts. */
export function chooseImageName(
  random: string,
  clientPath: string,
  propertyRegex: string,
  extensions: readonly string[] = EXTENSIONS,
): ImageNameChoice {
  const refused: string[] = [];
  for (const ext of extensions) {
    const name = `ovirt-floppy-smoke-${random}.${ext}`;
    const path = posix.join(clientPath, name);
    if (propertyAccepts(propertyRegex, path)) return { ok: true, name, clientPath: path, refused };
    refused.push(path);
  }
  const name = `ovirt-floppy-smoke-${random}.${extensions[0]}`;
  return { ok: false, name, clientPath: posix.join(clientPath, name), refused };
}
