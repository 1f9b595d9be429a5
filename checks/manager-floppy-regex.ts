/**
 * manager-floppy-regex: the configured `floppy.propertyRegex` only accepts image files in `floppy.clientPath`.
 *
 * Why: the floppy hook attaches whatever existing file the property names as a writable disk and checks no
 * path itself, so a broad regex (the how-to's `^.*$`) lets anyone who may edit a VM's custom properties attach
 * any host file the vdsm/qemu users can reach (facts §7, §2.2). A judgement of the configuration, not of the
 * host: no probe, a warning, not fixable (change the config). The judgement is lib/engine-floppy-regex.ts.
 * Kept apart from manager-floppy-property so that check converges after its fix even while this warns.
 * Role: manager (where the regex is installed).
 */
import { defineCheck, type Finding } from '../src/check-api.js';
import type { Config } from '../src/config/types.js';
import { judgeFloppyRegex } from './lib/engine-floppy-regex.js';

export default defineCheck<Record<string, never>, Config>({
  id: 'manager-floppy-regex',
  title: 'the floppy property regex only accepts images in the floppy directory',
  roles: ['manager'],
  severity: 'warn',
  probe: () => ({}),
  compare: (_observed, { config }): Finding[] =>
    judgeFloppyRegex(config.floppy.propertyRegex, config.floppy.clientPath).map((p) => ({
      code: p.code,
      message: p.message,
      fixable: false,
      ...(p.example !== undefined ? { actual: p.example } : {}),
    })),
});
