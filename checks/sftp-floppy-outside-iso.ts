/**
 * sftp-floppy-outside-iso: floppy.serverPath, with symlinks resolved on the host, is not inside an ISO domain's
 * `images/11111111-1111-1111-1111-111111111111` directory.
 *
 * Why: oVirt lists the files of that directory to every user who can attach an ISO, so an image there exposes
 * its sysprep secrets to all of them (issue #4 "Across hosts"; the ISO domain layout is
 * `<export>/<sdUUID>/images/11111111-…/`, facts §5.4). The config rules can only see the literal path; here
 * `readlink -m` resolves symlinks, and a `dom_md` directory beside `images/` confirms a storage domain.
 * Not fixable: choose another serverPath. Role: sftp.
 */
import { defineCheck } from '../src/check-api.js';
import { resolveSftp } from '../src/config/resolved.js';
import type { Config } from '../src/config/types.js';
import { ParseError } from '../src/errors.js';
import { quote } from '../src/shell/quote.js';
import { sftpConfigured } from './lib/sftp-config.js';

const ISO_IMAGES = '/images/11111111-1111-1111-1111-111111111111';

export interface IsoObserved {
  canonical: string;
  /** `dom_md` exists beside `images/`. */
  isDomain: boolean;
}

export function isoScript(serverPath: string): string {
  return [
    `p=$(${quote(['readlink', '-m', '--', serverPath])}) || exit 1`,
    `printf '%s\\n' "$p"`,
    `d=\${p%${ISO_IMAGES}*}`,
    '[ "$d" != "$p" ] && [ -d "$d/dom_md" ] && echo dom_md',
    'true',
  ].join('\n');
}

export function parseIso(stdout: string, exitCode: number): IsoObserved {
  const [canonical, mark] = stdout.split('\n');
  if (exitCode !== 0 || !canonical?.startsWith('/')) throw new ParseError('readlink -m', stdout, `exit ${exitCode}`);
  return { canonical, isDomain: mark === 'dom_md' };
}

export function isInsideIsoImages(path: string): boolean {
  return path.endsWith(ISO_IMAGES) || path.includes(`${ISO_IMAGES}/`);
}

export default defineCheck<{ path: IsoObserved }, Config>({
  id: 'sftp-floppy-outside-iso',
  title: "the floppy directory is not inside an ISO domain's image directory",
  roles: ['sftp'],
  severity: 'error',
  appliesTo: sftpConfigured,
  probe: ({ config }) => ({ path: { run: { sh: isoScript(resolveSftp(config).serverPath) }, parse: parseIso } }),
  compare: ({ path }, { config }) => {
    if (!isInsideIsoImages(path.canonical)) return [];
    const what = path.isDomain ? 'an ISO storage domain (dom_md found)' : 'what looks like an ISO domain';
    return [
      {
        code: 'inside-iso-domain',
        message: `${config.floppy.serverPath} resolves to ${path.canonical}, inside ${what}: every oVirt user can list and attach its files; move floppy.serverPath elsewhere`,
        fixable: false,
      },
    ];
  },
});
