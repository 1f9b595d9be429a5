/**
 * sftp-bind-mount: /etc/fstab binds floppy.serverPath onto chrootDir/floppySubdir, and that bind is mounted.
 *
 * Why: the chroot must stay root-owned, so the upload directory enters it by a bind mount, never a symlink
 * (symlinks cannot leave the jail) (howto "bind-mounts"; facts §6.5). "Mounted with that source" is decided by
 * filesystem identity, not by names: the mount at the target must have the same MAJ:MIN as the mount holding
 * serverPath and the FSROOT serverPath has inside it (findmnt shows a bind's SOURCE as `dev[/path]`).
 * Fix: create the mount point (root-owned, inside the root-owned chroot), write fstab with every other line kept
 * byte for byte (lib/fstab-edit.ts), validated with `findmnt --verify` (lib/fstab-validate.ts), then `mount`.
 * A wrong mount already in place is left to the user (unmounting could break an upload in progress).
 * Role: sftp. Needs sftp-floppy-dir and sftp-chroot-path.
 */
import { defineCheck, type Finding, type Step } from '../src/check-api.js';
import { resolveSftp } from '../src/config/resolved.js';
import type { Config } from '../src/config/types.js';
import { quote } from '../src/shell/quote.js';
import { findmntAtArgv, parseFindmntRaw, pathInFilesystem, type MountRow } from './lib/findmnt.js';
import { bindLine, hasNofail, inspectFstab, planFstabBind, withNofail } from './lib/fstab-edit.js';
import { parseFstab } from './lib/fstab-parse.js';
import { fstabValidateArgv } from './lib/fstab-validate.js';
import { sftpConfigured } from './lib/sftp-config.js';
import { octal, parseStatLines, statArgv, type StatEntry } from './lib/stat-lines.js';

const FSTAB = '/etc/fstab';
const COLUMNS = ['MAJ:MIN', 'FSROOT', 'TARGET', 'SOURCE'];

export interface BindMountObserved {
  fstab: string;
  stats: Map<string, StatEntry>;
  /** Mounts at the target, bottom first. */
  mounted: MountRow[];
  /** Canonical serverPath and the mount holding it (empty when serverPath does not exist). */
  source: { path?: string; mount?: MountRow };
}

/** `readlink -f` then `findmnt -T` on the result: FSROOT arithmetic needs the canonical path. */
export function sourceScript(serverPath: string): string {
  return `p=$(${quote(['readlink', '-e', '--', serverPath])}) || exit 0\nprintf '%s\\n' "$p"\n${quote(['findmnt', '-n', '-r', '-o', COLUMNS.join(',')])} -T "$p"`;
}

export function parseSource(stdout: string, exitCode: number): BindMountObserved['source'] {
  if (stdout === '') return {};
  const [path, ...rest] = stdout.split('\n');
  const rows = parseFindmntRaw(rest.join('\n'), exitCode, COLUMNS);
  return { path, mount: rows[rows.length - 1] };
}

function evaluate(o: BindMountObserved, config: Config): { findings: Finding[]; steps: Step[] } {
  const s = resolveSftp(config);
  const spec = { source: s.serverPath, target: s.mountTarget };
  const findings: Finding[] = [];
  const steps: Step[] = [];
  const { matching, conflicting } = inspectFstab(parseFstab(o.fstab), spec);
  if (matching.length === 0) {
    findings.push({
      code: 'fstab-missing',
      message: `${FSTAB} has no line binding ${s.serverPath} onto ${s.mountTarget}`,
      expected: bindLine(spec),
      ...(conflicting[0] ? { actual: conflicting[0].raw } : {}),
    });
  } else if (!matching.some(hasNofail)) {
    findings.push({
      code: 'fstab-no-nofail',
      message: `${FSTAB} line ${matching[0]!.lineNumber} has no nofail: a missing source at boot sends the server into emergency mode`,
      expected: withNofail(matching[0]!),
      actual: matching[0]!.raw,
    });
  }
  if (matching.length > 0 && conflicting.length > 0) {
    findings.push({
      code: 'fstab-conflict',
      message: `${FSTAB} also mounts other things on ${s.mountTarget}: lines ${conflicting.map((l) => l.lineNumber).join(', ')}`,
      fixable: false,
    });
  }
  const top = o.mounted[o.mounted.length - 1];
  const want =
    o.source.mount && o.source.path
      ? {
          majmin: o.source.mount['MAJ:MIN'],
          root: pathInFilesystem({ FSROOT: o.source.mount.FSROOT ?? '', TARGET: o.source.mount.TARGET ?? '' }, o.source.path),
        }
      : undefined;
  if (!top) findings.push({ code: 'not-mounted', message: `nothing is mounted on ${s.mountTarget}` });
  else if (!want || top['MAJ:MIN'] !== want.majmin || top.FSROOT !== want.root) {
    findings.push({
      code: 'mounted-wrong-source',
      message: `${s.mountTarget} shows ${top.SOURCE}, not ${s.serverPath}: unmount it by hand`,
      expected: s.serverPath,
      actual: top.SOURCE,
      fixable: false,
    });
  }
  if (!top) {
    const point = o.stats.get(s.mountTarget);
    if (!point)
      steps.push({
        describe: `create mount point ${s.mountTarget} (root:root 0755)`,
        run: { argv: ['install', '-d', '-m', '0755', '-o', 'root', '-g', 'root', s.mountTarget] },
      });
    else if (point.type !== 'directory')
      findings.push({ code: 'mount-point-not-directory', message: `${s.mountTarget} is a ${point.type}`, fixable: false });
  }
  const content = planFstabBind(o.fstab, spec);
  if (content !== undefined) {
    const st = o.stats.get(FSTAB);
    steps.push({
      describe:
        matching.length > 0
          ? `add nofail to line ${matching[0]!.lineNumber} of ${FSTAB}: ${withNofail(matching[0]!)}`
          : `${conflicting.length > 0 ? `replace line ${conflicting[0]!.lineNumber} of` : 'add a line to'} ${FSTAB}: ${bindLine(spec)}`,
      run: {
        writeFile: {
          path: FSTAB,
          content,
          before: st ? o.fstab : undefined,
          mode: st ? octal(st.mode & 0o7777) : '0644',
          owner: st?.user ?? 'root',
          group: st?.group ?? 'root',
          validate: fstabValidateArgv(FSTAB),
        },
      },
    });
  }
  if (!top) steps.push({ describe: `mount ${s.mountTarget}`, run: { argv: ['mount', s.mountTarget] } });
  return { findings, steps };
}

export default defineCheck<BindMountObserved, Config>({
  id: 'sftp-bind-mount',
  title: 'the floppy directory is bind-mounted into the chroot, in fstab and live',
  roles: ['sftp'],
  severity: 'error',
  appliesTo: sftpConfigured,
  dependsOn: ['sftp-floppy-dir', 'sftp-chroot-path'],
  probe: ({ config }) => {
    const s = resolveSftp(config);
    return {
      fstab: { run: ['cat', FSTAB], parse: (out, code) => (code === 0 ? out : '') },
      stats: { run: statArgv([FSTAB, s.mountTarget], false), parse: (out) => parseStatLines(out, 'stat of fstab/mount point') },
      mounted: { run: findmntAtArgv(s.mountTarget, COLUMNS), parse: (out, code) => parseFindmntRaw(out, code, COLUMNS) },
      source: { run: { sh: sourceScript(s.serverPath) }, parse: parseSource },
    };
  },
  compare: (o, { config }) => evaluate(o, config).findings,
  fix: (o, { config }) => evaluate(o, config).steps,
});
