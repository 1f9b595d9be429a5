/**
 * manager-floppy-regex: the configured `floppy.propertyRegex` (and `floppy.cdPropertyRegex` when `payload` defines the
 * CD property) only accepts image files in `floppy.clientPath`.
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
import { cdSubject, FLOPPY_SUBJECT, judgeFloppyRegex } from './lib/engine-floppy-regex.js';
import { definedPayloadProperties } from './lib/payload-properties.js';

export default defineCheck<Record<string, never>, Config>({
  id: 'manager-floppy-regex',
  title: 'the payload property regexes only accept images in the floppy directory',
  roles: ['manager'],
  severity: 'warn',
  probe: () => ({}),
  // Every property `payload` defines: the floppy's and the CD property's regex (issue #12) alike.
  compare: (_observed, { config }): Finding[] =>
    definedPayloadProperties(config)
      .flatMap(({ device, name, regex }) =>
        judgeFloppyRegex(regex, config.floppy.clientPath, device === 'cdrom' ? cdSubject(name) : FLOPPY_SUBJECT),
      )
      .map((p) => ({
        code: p.code,
        message: p.message,
        fixable: false,
        ...(p.example !== undefined ? { actual: p.example } : {}),
      })),
});
