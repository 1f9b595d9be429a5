/**
 * sftp-stale-images: no file in the floppy directory is older than floppy.maxAgeHours.
 *
 * Why: a floppy image carries sysprep.inf / Unattend.xml, often with domain-join credentials (DESIGN §1); once
 * the VM has booted it is only a liability, readable by anyone who gets group kvm. Warn, listing names and ages.
 * `apply --cleanup-stale` (flag `cleanupStale`) deletes exactly the files listed, nothing else; without it the
 * findings are manual. One GNU find with the host's own clock (lib/sftp-stale-files.ts). Role: sftp.
 */
import { defineCheck, type Finding } from '../src/check-api.js';
import { resolveSftp } from '../src/config/resolved.js';
import type { Config } from '../src/config/types.js';
import { sftpConfigured } from './lib/sftp-config.js';
import { formatAge, listFilesScript, parseFloppyListing, type FloppyFile, type FloppyListing } from './lib/sftp-stale-files.js';

function staleFiles(listing: FloppyListing, maxAgeHours: number): (FloppyFile & { age: number })[] {
  return (listing.files ?? [])
    .map((f) => ({ ...f, age: listing.now - f.mtime }))
    .filter((f) => f.age > maxAgeHours * 3600)
    .sort((a, b) => a.name.localeCompare(b.name));
}

export default defineCheck<{ listing: FloppyListing }, Config>({
  id: 'sftp-stale-images',
  title: 'no stale floppy image lingers on the sftp server',
  roles: ['sftp'],
  severity: 'warn',
  appliesTo: sftpConfigured,
  probe: ({ config }) => ({
    listing: { run: { sh: listFilesScript(resolveSftp(config).serverPath) }, parse: parseFloppyListing },
  }),
  compare: ({ listing }, { config, flags }): Finding[] =>
    staleFiles(listing, config.floppy.maxAgeHours).map((f) => ({
      code: 'stale-image',
      message: `${f.name} is ${formatAge(f.age)} old (limit ${config.floppy.maxAgeHours} h) and may hold domain-join secrets${flags.cleanupStale ? '' : '; `apply --cleanup-stale` removes it'}`,
      actual: `${f.name} (${f.size} bytes, ${formatAge(f.age)})`,
      fixable: flags.cleanupStale === true,
    })),
  // How long the oldest payload (and the secrets in it) has been lying around; 0 when the directory is empty.
  measure: ({ listing }): Record<string, number> =>
    listing.files === undefined
      ? {}
      : { 'oldest-payload-age-seconds': Math.max(0, ...listing.files.map((f) => Math.round(listing.now - f.mtime))) },
  fix: ({ listing }, { config, flags }) => {
    if (!flags.cleanupStale) return [];
    const dir = resolveSftp(config).serverPath;
    const stale = staleFiles(listing, config.floppy.maxAgeHours);
    if (stale.length === 0) return [];
    return [
      {
        describe: `delete ${stale.length} stale image${stale.length > 1 ? 's' : ''} from ${dir}: ${stale.map((f) => f.name).join(', ')}`,
        run: { argv: ['rm', '-f', '--', ...stale.map((f) => `${dir}/${f.name}`)] },
      },
    ];
  },
});
