/** `getsebool NAME` output: `virt_use_nfs --> on`, optionally with ` pending: off` (setsebool without commit). */
import { ParseError } from '../../src/errors.js';

export type SeBoolean = { state: 'on' | 'off' } | { state: 'getsebool-missing' } | { state: 'unavailable' };

export function parseSeBoolean(stdout: string, exitCode: number, name: string): SeBoolean {
  if (exitCode === 127) return { state: 'getsebool-missing' };
  // SELinux disabled: "getsebool:  SELinux is disabled" on stderr (discarded), exit 1.
  if (exitCode !== 0) return { state: 'unavailable' };
  const m = new RegExp(`^${name} --> (on|off)(?: pending: (?:on|off))?$`).exec(stdout.trim());
  if (!m) throw new ParseError(`getsebool ${name}`, stdout);
  return { state: m[1] as 'on' | 'off' };
}
