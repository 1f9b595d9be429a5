/**
 * hypervisor-bundled-hook: on vdsm 4.40+ the project's own floppy hook (hooks/*.py, rendered for
 * `floppy.clientPath`) is installed as before_vm_start/50_floppy and before_vm_migrate_source/50_floppy, byte for
 * byte, root:root 0755, and /usr/bin/python3 exists to run it.
 *
 * Why: vdsm 4.40 dropped vdsm-hook-floppy and its package obsoletes it (facts §0.1), so there is nothing to
 * install from a repository; the hook goes where the package had it (facts §2.1, §2.4). vdsm finds hook scripts
 * at every VM start, so no restart is needed (facts §2.3). The content is compared by sha256 with the rendering
 * for this config: a hand-edited copy, one rendered for another floppy directory, or an older ovirt-floppy's is
 * drift, and apply restores it (the runner keeps the replaced file as `<path>.ovirt-floppy-<stamp>.bak`).
 * Backups in a hook directory: vdsm runs every file there that is executable for it. The runner creates its
 * backups 0600 (never executable); an executable backup found later (an older tool, a hand copy) is drift.
 * Fix: writeFile (atomic, root:root 0755), `restorecon` on the written files when SELinux is enforcing or
 * permissive (a file created in a temp name keeps no wrong label, facts §2.4), chmod/chown when only those differ.
 * Not fixable: a non-regular file in the hook's place; a missing /usr/bin/python3 (the shebang's interpreter;
 * EL8 also has /usr/libexec/platform-python, which vdsm does not use for hooks).
 * Role: hypervisor, vdsm ≥ 4.40 (below, hypervisor-hook-package installs vdsm-hook-floppy). Needs
 * hypervisor-vdsm-installed.
 */
import { defineCheck, type CheckContext, type Finding, type Step } from '../src/check-api.js';
import type { Config } from '../src/config/types.js';
import { ParseError } from '../src/errors.js';
import { quote } from '../src/shell/quote.js';
import { bundledHookFiles, HOOK_SCRIPT_NAME, type BundledHookFile } from './lib/bundled-hook.js';
import { cdPropertyInUse } from './lib/payload-properties.js';
import { installedFilesCommand, parseInstalledFiles, type InstalledFile } from './lib/bundled-hook-probe.js';
import { hookStatArgv, isRegularFile, parseStatLines, permissions, type FileStat } from './lib/hypervisor-hook-files.js';
import { vdsmHasHookPackage } from './lib/rpm-version.js';

export const PYTHON3 = '/usr/bin/python3';
const OWNER = 'root';
const MODE = '0755';
const BACKUP_GLOB = `${HOOK_SCRIPT_NAME}.ovirt-floppy-*.bak`;
const S_IFDIR = 0o040000;

export interface BundledHookObserved {
  /** stat -L of both hook directories and both scripts; absent = does not exist. */
  stats: Map<string, FileStat>;
  /** sha256 (and content when modified) of the scripts that are regular files. */
  installed: Map<string, InstalledFile>;
  /** Executable backups of our hook in the hook directories (vdsm would run them). */
  executableBackups: string[];
  python3: boolean;
}

function expectedFiles(config: Config): BundledHookFile[] {
  return bundledHookFiles(config.floppy.clientPath, cdPropertyInUse(config));
}

function allPaths(files: readonly BundledHookFile[]): string[] {
  return [...files.map((f) => f.dir), ...files.map((f) => f.path)];
}

export function backupsCommand(dirs: readonly string[]): string[] {
  return ['find', ...dirs, '-maxdepth', '1', '-type', 'f', '-name', BACKUP_GLOB, '-perm', '/111'];
}

/** One path per line; exit 1 when a directory is missing (stat reports that), anything else is not find's output. */
export function parseBackups(stdout: string, exitCode: number, dirs: readonly string[]): string[] {
  if (exitCode !== 0 && exitCode !== 1) throw new ParseError('find of hook backups', stdout, `exit ${exitCode}`);
  const lines = stdout.split('\n').filter((l) => l !== '');
  for (const l of lines) {
    if (!dirs.some((d) => l.startsWith(`${d}/${HOOK_SCRIPT_NAME}.ovirt-floppy-`)))
      throw new ParseError('find of hook backups', l, 'unexpected line');
  }
  return lines.sort();
}

type FileState = 'dir-missing' | 'dir-not-directory' | 'missing' | 'not-regular' | 'modified' | 'attributes' | 'ok';

function fileState(o: BundledHookObserved, f: BundledHookFile): FileState {
  const dir = o.stats.get(f.dir);
  if (!dir) return 'dir-missing';
  if ((dir.mode & 0o170000) !== S_IFDIR) return 'dir-not-directory';
  const st = o.stats.get(f.path);
  if (!st) return 'missing';
  if (!isRegularFile(st)) return 'not-regular';
  if (o.installed.get(f.path)?.sha256 !== f.sha256) return 'modified';
  if (permissions(st) !== MODE || st.owner !== OWNER || st.group !== OWNER) return 'attributes';
  return 'ok';
}

function finding(o: BundledHookObserved, f: BundledHookFile, state: FileState, floppyDir: string): Finding | undefined {
  const st = o.stats.get(f.path);
  const want = `sha256 ${f.sha256}`;
  switch (state) {
    case 'dir-missing':
      return {
        code: 'hook-dir-missing',
        message: `${f.dir} does not exist (vdsm's package creates it: is vdsm installed completely?)`,
        expected: 'directory',
        actual: '(missing)',
      };
    case 'dir-not-directory':
      return {
        code: 'hook-dir-not-directory',
        message: `${f.dir} is not a directory`,
        expected: 'directory',
        actual: 'not a directory',
        fixable: false,
      };
    case 'missing':
      return {
        code: 'bundled-hook-missing',
        message: `${f.path} is not installed (the bundled floppy hook for ${floppyDir})`,
        expected: want,
        actual: '(missing)',
      };
    case 'not-regular':
      return {
        code: 'bundled-hook-not-regular',
        message: `${f.path} is not a regular file: remove it, then apply installs the bundled hook`,
        expected: 'regular file',
        actual: `mode ${st!.mode.toString(8)}`,
        fixable: false,
      };
    case 'modified':
      return {
        code: 'bundled-hook-modified',
        message: `${f.path} differs from the bundled floppy hook for ${floppyDir} (edited by hand, rendered for another floppy directory, or from another ovirt-floppy version)`,
        expected: want,
        actual: `sha256 ${o.installed.get(f.path)?.sha256 ?? '(unreadable)'}`,
      };
    case 'attributes':
      return {
        code: 'bundled-hook-attributes',
        message: `${f.path} is ${permissions(st!)} ${st!.owner}:${st!.group}, expected ${MODE} ${OWNER}:${OWNER}`,
        expected: `${MODE} ${OWNER}:${OWNER}`,
        actual: `${permissions(st!)} ${st!.owner}:${st!.group}`,
      };
    default:
      return undefined;
  }
}

function selinuxLabels(ctx: CheckContext<Config>): boolean {
  return ctx.facts.selinux === 'enforcing' || ctx.facts.selinux === 'permissive';
}

export default defineCheck<BundledHookObserved, Config>({
  id: 'hypervisor-bundled-hook',
  title: 'the bundled floppy hook is installed unmodified (vdsm 4.40+)',
  roles: ['hypervisor'],
  severity: 'error',
  dependsOn: ['hypervisor-vdsm-installed'],
  appliesTo: ({ facts }) =>
    !facts.vdsmVersion || !vdsmHasHookPackage(facts.vdsmVersion)
      ? true
      : `vdsm ${facts.vdsmVersion}: below 4.40 the floppy hook comes from the vdsm-hook-floppy package (hypervisor-hook-package)`,
  probe: ({ config }) => {
    const files = expectedFiles(config);
    const paths = allPaths(files);
    const dirs = files.map((f) => f.dir);
    return {
      stats: { run: hookStatArgv(paths), parse: (out, code) => parseStatLines(out, code, paths) },
      installed: {
        run: installedFilesCommand(files),
        parse: (out, code) =>
          parseInstalledFiles(
            out,
            code,
            files.map((f) => f.path),
          ),
      },
      executableBackups: { run: backupsCommand(dirs), parse: (out, code) => parseBackups(out, code, dirs) },
      python3: { run: ['test', '-x', PYTHON3], parse: (_out, code) => code === 0 },
    };
  },
  compare: (o, { config }): Finding[] => {
    const floppyDir = config.floppy.clientPath;
    const findings: Finding[] = [];
    for (const f of expectedFiles(config)) {
      const problem = finding(o, f, fileState(o, f), floppyDir);
      if (problem) findings.push(problem);
    }
    for (const b of o.executableBackups) {
      findings.push({
        code: 'hook-backup-executable',
        message: `${b} is executable: vdsm runs every executable file in a hook directory, this old copy included`,
        expected: 'not executable',
        actual: 'executable',
      });
    }
    if (!o.python3) {
      findings.push({
        code: 'python3-missing',
        message: `${PYTHON3} does not exist: vdsm cannot run the bundled hook (install python3; EL8's /usr/libexec/platform-python is not on the hook's #! line)`,
        fixable: false,
      });
    }
    return findings;
  },
  fix: (o, ctx): Step[] => {
    const steps: Step[] = [];
    const written: string[] = [];
    for (const f of expectedFiles(ctx.config)) {
      const state = fileState(o, f);
      if (state === 'dir-missing') {
        steps.push({
          describe: `create ${f.dir} (${MODE} ${OWNER}:${OWNER})`,
          run: { argv: ['install', '-d', '-m', MODE, '-o', OWNER, '-g', OWNER, f.dir] },
        });
      }
      if (state === 'dir-missing' || state === 'missing' || state === 'modified') {
        const before = state === 'modified' ? o.installed.get(f.path)?.content : undefined;
        steps.push({
          describe:
            state === 'modified'
              ? `restore ${f.path} from the bundled hook (the modified copy is kept as a .bak)`
              : `install the bundled floppy hook as ${f.path} (${MODE} ${OWNER}:${OWNER}, floppy directory ${ctx.config.floppy.clientPath})`,
          run: {
            writeFile: {
              path: f.path,
              content: f.content,
              mode: MODE,
              owner: OWNER,
              group: OWNER,
              ...(before !== undefined ? { before } : {}),
            },
          },
        });
        written.push(f.path);
      }
      if (state === 'attributes') {
        steps.push({
          describe: `set ${f.path} to ${MODE} ${OWNER}:${OWNER}`,
          run: { sh: `${quote(['chown', `${OWNER}:${OWNER}`, f.path])} && ${quote(['chmod', MODE, f.path])}` },
        });
      }
    }
    const stale = o.executableBackups;
    if (stale.length > 0) steps.push({ describe: `take the x bits off ${stale.join(', ')}`, run: { argv: ['chmod', 'a-x', ...stale] } });
    if (written.length > 0 && selinuxLabels(ctx)) {
      steps.push({ describe: `restore the SELinux labels of ${written.join(' and ')}`, run: { argv: ['restorecon', ...written] } });
    }
    return steps;
  },
});
