/**
 * hypervisor-hook-files: `before_vm_start/50_floppy` and `before_vm_migrate_source/50_floppy` under
 * /usr/libexec/vdsm/hooks are regular files that vdsm can read and execute (facts §2.1, §2.3).
 *
 * Why: vdsm silently ignores a hook script that is missing or not executable for it, and the VM then boots
 * without its floppy. One `stat -L` for both paths.
 * Scope: the files of vdsm-hook-floppy, so this needs hypervisor-hook-package and, like it, applies only below
 * vdsm 4.40. From 4.40 the bundled hook check (issue #6) owns these paths and verifies its own content
 * (it can reuse lib/hypervisor-hook-files.ts).
 * Fix: reinstall the package, which restores the files and their modes.
 * Role: hypervisor.
 */
import { defineCheck, type Finding, type Step } from '../src/check-api.js';
import type { Config } from '../src/config/types.js';
import { HOOK_PACKAGE, hookPackageApplies } from './lib/hypervisor-hook-package.js';
import {
  HOOK_FILES,
  isRegularFile,
  isRunnableByVdsm,
  parseStatLines,
  permissions,
  hookStatArgv,
  type FileStat,
} from './lib/hypervisor-hook-files.js';

export interface HookFile {
  path: string;
  stat?: FileStat;
}

export function parseHookFiles(stdout: string, exitCode: number): HookFile[] {
  const found = parseStatLines(stdout, exitCode, HOOK_FILES);
  return HOOK_FILES.map((path) => ({ path, stat: found.get(path) }));
}

function problem({ path, stat }: HookFile): Finding | undefined {
  if (!stat)
    return { code: 'hook-file-missing', message: `${path} does not exist`, expected: 'regular file, mode 0755', actual: '(missing)' };
  if (!isRegularFile(stat))
    return {
      code: 'hook-file-not-regular',
      message: `${path} is not a regular file`,
      expected: 'regular file',
      actual: `mode ${stat.mode.toString(8)}`,
    };
  if (!isRunnableByVdsm(stat)) {
    return {
      code: 'hook-file-not-executable',
      message: `${path} (${permissions(stat)} ${stat.owner}:${stat.group}) cannot be run by vdsm`,
      expected: '0755',
      actual: permissions(stat),
    };
  }
  return undefined;
}

export default defineCheck<{ hookFiles: HookFile[] }, Config>({
  id: 'hypervisor-hook-files',
  title: 'the floppy hook scripts are in place and executable for vdsm',
  roles: ['hypervisor'],
  severity: 'error',
  dependsOn: ['hypervisor-hook-package'],
  appliesTo: hookPackageApplies,
  probe: () => ({ hookFiles: { run: hookStatArgv(HOOK_FILES), parse: parseHookFiles } }),
  compare: ({ hookFiles }, { facts }) =>
    hookFiles
      .map(problem)
      .filter((f): f is Finding => f !== undefined)
      .map((f) =>
        facts.packageManager ? f : { ...f, message: `${f.message} (no dnf or yum to reinstall ${HOOK_PACKAGE})`, fixable: false },
      ),
  fix: ({ hookFiles }, { facts }): Step[] => {
    if (!facts.packageManager || !hookFiles.some((f) => problem(f))) return [];
    return [
      {
        describe: `reinstall ${HOOK_PACKAGE} with ${facts.packageManager} to restore its hook files`,
        run: { argv: [facts.packageManager, 'reinstall', '-y', HOOK_PACKAGE] },
        timeout: 600,
      },
    ];
  },
});
