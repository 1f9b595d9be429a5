/**
 * rpm version-release strings as the runner's facts hold them (`rpm -q --qf '%{VERSION}-%{RELEASE}'`,
 * e.g. "4.30.46-1.el7"). Only the numeric VERSION prefix matters for the decisions made here.
 */
import { ParseError } from '../../src/errors.js';

/** Numeric parts of the VERSION: "4.30.46-1.el7" → [4, 30, 46]; "4.50.3.4-1.el8" → [4, 50, 3, 4]. */
export function parseRpmVersion(versionRelease: string): number[] {
  const m = /^(\d+(?:\.\d+)*)(?:[.~^+_][0-9A-Za-z.~^+_]*)?(?:-\S+)?$/.exec(versionRelease.trim());
  if (!m) throw new ParseError('rpm version', versionRelease, 'expected VERSION-RELEASE starting with digits');
  return m[1]!.split('.').map(Number);
}

/** a ≥ b, comparing numeric parts left to right (missing parts count as 0). */
export function isVersionAtLeast(a: readonly number[], b: readonly number[]): boolean {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d > 0;
  }
  return true;
}

/** vdsm-hook-floppy was removed in vdsm 3b251ecd, first absent in 4.40 (facts §0.1). */
export const VDSM_WITHOUT_FLOPPY_HOOK = [4, 40];

export function vdsmHasHookPackage(vdsmVersion: string): boolean {
  return !isVersionAtLeast(parseRpmVersion(vdsmVersion), VDSM_WITHOUT_FLOPPY_HOOK);
}
