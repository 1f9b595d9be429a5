/**
 * sftp-chroot-path: every component from `/` to sftp.chrootDir is a root-owned directory that group and other
 * cannot write, and the chroot itself lets the upload user in (o+rx).
 *
 * Why: sshd walks the whole path at session start and drops the session otherwise ("bad ownership or modes for
 * chroot directory component"), which `sshd -t` never notices (facts §6.1; lab-notes §3 measured it). After
 * chroot() the user, who is "other" to root:root, needs x to enter and r to list `/` of the jail.
 * One `stat -L` (sshd follows symlinks too) over all components. Fixes only tighten: create missing components
 * root:root 0755, `chown root` (the group stays), `chmod go-w`; never `/`, never a shared sticky directory such
 * as /tmp. Role: sftp.
 */
import { defineCheck, type Finding, type Step } from '../src/check-api.js';
import { resolveSftp } from '../src/config/resolved.js';
import type { Config } from '../src/config/types.js';
import { describeProblem, inspectChrootComponents, isFixable, missingComponents } from './lib/chroot-components.js';
import { sftpConfigured } from './lib/sftp-config.js';
import { octal, parseStatLines, statArgv, type StatEntry } from './lib/stat-lines.js';

export interface ChrootPathObserved {
  stats: Map<string, StatEntry>;
}

const CODES = {
  missing: 'chroot-missing',
  'not-directory': 'chroot-not-directory',
  owner: 'chroot-owner',
  writable: 'chroot-writable',
} as const;

function notEnterable(config: Config, stats: ReadonlyMap<string, StatEntry>): StatEntry | undefined {
  const top = stats.get(resolveSftp(config).chroot);
  return top && top.type === 'directory' && (top.mode & 0o005) !== 0o005 ? top : undefined;
}

export default defineCheck<ChrootPathObserved, Config>({
  id: 'sftp-chroot-path',
  title: 'every component of the chroot path is root-owned and not group/other-writable',
  roles: ['sftp'],
  severity: 'error',
  appliesTo: sftpConfigured,
  probe: ({ config }) => ({
    // stat exits 1 when a component is missing; the parsed map simply lacks it.
    stats: { run: statArgv(resolveSftp(config).chrootComponents, true), parse: (out) => parseStatLines(out, 'stat of chroot path') },
  }),
  compare: ({ stats }, { config }) => {
    const components = resolveSftp(config).chrootComponents;
    const findings: Finding[] = inspectChrootComponents(components, stats).map((p) => ({
      code: CODES[p.kind],
      message: describeProblem(p),
      fixable: isFixable(p),
      ...(p.kind === 'owner' ? { expected: 'root', actual: p.user } : {}),
      ...(p.kind === 'writable' ? { expected: 'no group/other write', actual: octal(p.mode) } : {}),
    }));
    const top = notEnterable(config, stats);
    if (top)
      findings.push({
        code: 'chroot-not-enterable',
        message: `${top.path} has mode ${octal(top.mode)}: the upload user cannot enter or list it`,
        expected: 'o+rx',
        actual: octal(top.mode),
      });
    return findings;
  },
  fix: ({ stats }, { config }) => {
    const { chroot, chrootComponents: components } = resolveSftp(config);
    const problems = inspectChrootComponents(components, stats).filter(isFixable);
    const steps: Step[] = [];
    const missing = missingComponents(components, stats);
    if (missing.length > 0) {
      steps.push({
        describe: `create ${missing.join(', ')} (root:root 0755)`,
        run: { argv: ['install', '-d', '-m', '0755', '-o', 'root', '-g', 'root', ...missing] },
      });
    }
    const owned = problems.filter((p) => p.kind === 'owner').map((p) => p.path);
    if (owned.length > 0) steps.push({ describe: `chown root ${owned.join(' ')}`, run: { argv: ['chown', 'root', ...owned] } });
    const writable = problems.filter((p) => p.kind === 'writable').map((p) => p.path);
    if (writable.length > 0) steps.push({ describe: `chmod go-w ${writable.join(' ')}`, run: { argv: ['chmod', 'go-w', ...writable] } });
    if (notEnterable(config, stats)) steps.push({ describe: `chmod o+rx ${chroot}`, run: { argv: ['chmod', 'o+rx', chroot] } });
    return steps;
  },
});
