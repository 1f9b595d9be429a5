/** hypervisor-bundled-hook on captured probe output (fixtures' source.txt) and the rendering it compares with. */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import check, { type BundledHookObserved } from '../../../checks/hypervisor-bundled-hook.js';
import { BUNDLED_HOOK_SOURCES } from '../../../checks/lib/bundled-hook-source.js';
import {
  bundledHookFiles,
  CD_PROPERTY_PLACEHOLDER,
  FLOPPY_DIR_PLACEHOLDER,
  renderBundledHook,
  sha256Hex,
} from '../../../checks/lib/bundled-hook.js';
import { BUNDLED_HOOK_MARK, installedFilesCommand, parseInstalledFiles } from '../../../checks/lib/bundled-hook-probe.js';
import type { HostFacts } from '../../../src/check-api.js';
import { ParseError, UnsafeValueError } from '../../../src/errors.js';
import { commandOf, labConfig, makeContext, probeWithFake } from '../../support/check-harness.js';
import { fixture, preflight } from './lib/fixtures.js';

const ID = 'hypervisor-bundled-hook';
const CLIENT = labConfig().floppy.clientPath;
// The lab config keeps payload auto, so the hook is rendered with the default CD property.
const [START, MIGRATE] = bundledHookFiles(CLIENT, 'floppycd') as [
  ReturnType<typeof bundledHookFiles>[number],
  ReturnType<typeof bundledHookFiles>[number],
];
const BACKUP = `${START.path}.ovirt-floppy-20261125T060000Z.bak`;
const hv = (facts: Partial<HostFacts> = {}) => makeContext({ facts: { vdsmVersion: '4.50.5-1.el8', selinux: 'enforcing', ...facts } });
const probe = (name: string, facts: Partial<HostFacts> = {}) => probeWithFake(check, hv(facts), fixture(ID, name));

describe('rendering the bundled hook', () => {
  it('writes the floppy directory into the one placeholder line of before_vm_start, nothing else changes', () => {
    const source = BUNDLED_HOOK_SOURCES.before_vm_start;
    expect(source.split('\n').filter((l) => l === FLOPPY_DIR_PLACEHOLDER)).toHaveLength(1);
    const rendered = renderBundledHook('before_vm_start', `${CLIENT}/`, undefined);
    expect(rendered).toBe(
      source.replace(FLOPPY_DIR_PLACEHOLDER, `FLOPPY_DIR = '${CLIENT}'  # ovirt-floppy: floppy.clientPath, rendered by ovirt-floppy apply`),
    );
    expect(MIGRATE.content).toBe(BUNDLED_HOOK_SOURCES.before_vm_migrate_source);
  });

  it('writes the CD property name into its placeholder line; without one the hook keeps None (CD payloads off)', () => {
    const withCd = renderBundledHook('before_vm_start', CLIENT, 'floppycd');
    expect(START.content).toBe(withCd);
    expect(withCd).toBe(
      renderBundledHook('before_vm_start', CLIENT, undefined).replace(
        CD_PROPERTY_PLACEHOLDER,
        "CD_PROPERTY = 'floppycd'  # ovirt-floppy: floppy.cdProperty, rendered by ovirt-floppy apply",
      ),
    );
    expect(renderBundledHook('before_vm_start', CLIENT, undefined)).toContain(CD_PROPERTY_PLACEHOLDER);
    expect(sha256Hex(renderBundledHook('before_vm_start', CLIENT, 'cdpayload'))).not.toBe(START.sha256);
    for (const bad of ["x' or 1 #", 'floppy', 'a-b', '']) {
      expect(() => renderBundledHook('before_vm_start', CLIENT, bad), bad).toThrow(UnsafeValueError);
    }
  });

  it('paths, and sums that differ per floppy directory', () => {
    expect([START.path, START.dir, MIGRATE.path, MIGRATE.dir]).toEqual([
      '/usr/libexec/vdsm/hooks/before_vm_start/50_floppy',
      '/usr/libexec/vdsm/hooks/before_vm_start',
      '/usr/libexec/vdsm/hooks/before_vm_migrate_source/50_floppy',
      '/usr/libexec/vdsm/hooks/before_vm_migrate_source',
    ]);
    expect(bundledHookFiles('/srv/other', 'floppycd')[0]!.sha256).not.toBe(START.sha256);
    expect(bundledHookFiles('/srv/other', 'floppycd')[1]!.sha256).toBe(MIGRATE.sha256);
  });

  it('refuses a floppy directory that is not a plain absolute path (it becomes a Python literal)', () => {
    expect(() => renderBundledHook('before_vm_start', "/x'; import os #", undefined)).toThrow(UnsafeValueError);
    expect(() => renderBundledHook('before_vm_start', 'relative/dir', undefined)).toThrow(UnsafeValueError);
  });
});

describe('hypervisor-bundled-hook', () => {
  it('probe: one stat, the sums, executable backups, the interpreter', () => {
    const p = check.probe(hv());
    expect(commandOf(p.stats)).toBe(`stat -L -c '%f %U %G %n' ${START.dir} ${MIGRATE.dir} ${START.path} ${MIGRATE.path}`);
    expect(commandOf(p.executableBackups)).toBe(
      `find ${START.dir} ${MIGRATE.dir} -maxdepth 1 -type f -name '50_floppy.ovirt-floppy-*.bak' -perm /111`,
    );
    expect(commandOf(p.python3)).toBe('test -x /usr/bin/python3');
  });

  it('applies from vdsm 4.40; below, the hook package check owns the paths; needs vdsm', () => {
    expect(preflight(check, hv({ vdsmVersion: '4.30.46-1.el7' }))).toMatchObject({
      status: 'skipped',
      reason: 'vdsm 4.30.46-1.el7: below 4.40 the floppy hook comes from the vdsm-hook-floppy package (hypervisor-hook-package)',
    });
    expect(preflight(check, hv({ vdsmVersion: '4.40.100.2-1.el8' })).status).not.toBe('skipped');
    expect(preflight(check, hv({ vdsmVersion: undefined }), { 'hypervisor-vdsm-installed': 'error' })).toMatchObject({
      status: 'skipped',
      reason: 'needs hypervisor-vdsm-installed (error)',
    });
  });

  it('stock 4.50 host: both hooks missing → two writes, then restorecon (SELinux enforcing)', async () => {
    const o = await probe('lab-450-not-installed');
    expect(o.stats.has(START.dir) && o.stats.has(MIGRATE.dir)).toBe(true);
    expect(check.compare(o, hv())).toEqual([
      {
        code: 'bundled-hook-missing',
        message: `${START.path} is not installed (the bundled floppy hook for ${CLIENT})`,
        expected: `sha256 ${START.sha256}`,
        actual: '(missing)',
      },
      {
        code: 'bundled-hook-missing',
        message: `${MIGRATE.path} is not installed (the bundled floppy hook for ${CLIENT})`,
        expected: `sha256 ${MIGRATE.sha256}`,
        actual: '(missing)',
      },
    ]);
    const write = (f: typeof START) => ({
      describe: `install the bundled floppy hook as ${f.path} (0755 root:root, floppy directory ${CLIENT})`,
      run: { writeFile: { path: f.path, content: f.content, mode: '0755', owner: 'root', group: 'root' } },
    });
    expect(check.fix!(o, hv())).toEqual([
      write(START),
      write(MIGRATE),
      {
        describe: `restore the SELinux labels of ${START.path} and ${MIGRATE.path}`,
        run: { argv: ['restorecon', START.path, MIGRATE.path] },
      },
    ]);
    // SELinux disabled or absent: no restorecon.
    for (const selinux of ['disabled', 'absent'] as const) expect(check.fix!(o, hv({ selinux }))).toEqual([write(START), write(MIGRATE)]);
    expect(check.fix!(o, hv({ selinux: 'permissive' })).at(-1)?.run).toEqual({ argv: ['restorecon', START.path, MIGRATE.path] });
  });

  it('installed as rendered: ok, nothing to do (and sha256sum on the host agrees with sha256Hex)', async () => {
    const o = await probe('lab-450-installed');
    const sums = [o.installed.get(START.path)?.sha256, o.installed.get(MIGRATE.path)?.sha256];
    expect(
      sums,
      `hooks/*.py changed since the capture: put these sums into lab-450-installed.json: ${START.sha256} ${MIGRATE.sha256}`,
    ).toEqual([START.sha256, MIGRATE.sha256]);
    expect(o.installed.get(START.path)?.content).toBeUndefined();
    expect(check.compare(o, hv())).toEqual([]);
    expect(check.fix!(o, hv())).toEqual([]);
  });

  it('hand-edited start hook, migrate hook 0644, an executable backup: drift; restore with the old text for --diff', async () => {
    const o = await probe('lab-450-modified');
    const edited = o.installed.get(START.path)!;
    // The captured host had the hooks as rendered at capture time; the edit appended one line.
    expect(edited.content?.endsWith('\n# local change\n')).toBe(true);
    expect(sha256Hex(edited.content!)).toBe(edited.sha256);
    expect(check.compare(o, hv())).toEqual([
      {
        code: 'bundled-hook-modified',
        message: `${START.path} differs from the bundled floppy hook for ${CLIENT} (edited by hand, rendered for another floppy directory, or from another ovirt-floppy version)`,
        expected: `sha256 ${START.sha256}`,
        actual: `sha256 ${edited.sha256}`,
      },
      {
        code: 'bundled-hook-attributes',
        message: `${MIGRATE.path} is 0644 root:root, expected 0755 root:root`,
        expected: '0755 root:root',
        actual: '0644 root:root',
      },
      {
        code: 'hook-backup-executable',
        message: `${BACKUP} is executable: vdsm runs every executable file in a hook directory, this old copy included`,
        expected: 'not executable',
        actual: 'executable',
      },
    ]);
    expect(check.fix!(o, hv())).toEqual([
      {
        describe: `restore ${START.path} from the bundled hook (the modified copy is kept as a .bak)`,
        run: {
          writeFile: { path: START.path, content: START.content, mode: '0755', owner: 'root', group: 'root', before: edited.content },
        },
      },
      { describe: `set ${MIGRATE.path} to 0755 root:root`, run: { sh: `chown root:root ${MIGRATE.path} && chmod 0755 ${MIGRATE.path}` } },
      // The runner writes its own backups 0600; an executable backup found in the hook dir is taken care of.
      { describe: `take the x bits off ${BACKUP}`, run: { argv: ['chmod', 'a-x', BACKUP] } },
      { describe: `restore the SELinux labels of ${START.path}`, run: { argv: ['restorecon', START.path] } },
    ]);
  });

  it('the CD property as the config has it: payload floppy renders None, another name renders that name', async () => {
    const o = await probe('lab-450-installed');
    for (const [config, cdProperty] of [
      [{ payload: 'floppy' }, undefined],
      [{ floppy: { cdProperty: 'cdpayload' } }, 'cdpayload'],
    ] as const) {
      const ctx = makeContext({ config, facts: { vdsmVersion: '4.50.5-1.el8', selinux: 'enforcing' } });
      const [start, migrate] = bundledHookFiles(CLIENT, cdProperty);
      expect(start!.sha256).not.toBe(START.sha256);
      expect(migrate!.sha256).toBe(MIGRATE.sha256);
      expect(check.compare(o, ctx)).toEqual([
        {
          code: 'bundled-hook-modified',
          message: `${START.path} differs from the bundled floppy hook for ${CLIENT} (edited by hand, rendered for another floppy directory, or from another ovirt-floppy version)`,
          expected: `sha256 ${start!.sha256}`,
          actual: `sha256 ${START.sha256}`,
        },
      ]);
    }
  });

  it('an executable backup next to an intact hook: chmod a-x just that file', async () => {
    const o: BundledHookObserved = { ...(await probe('lab-450-installed')), executableBackups: [BACKUP] };
    expect(check.compare(o, hv()).map((f) => f.code)).toEqual(['hook-backup-executable']);
    expect(check.fix!(o, hv())).toEqual([{ describe: `take the x bits off ${BACKUP}`, run: { argv: ['chmod', 'a-x', BACKUP] } }]);
  });

  it('no /usr/bin/python3: reported, not fixable (the other findings stay)', async () => {
    const o = await probe('lab-450-no-python3');
    const findings = check.compare(o, hv());
    expect(findings.map((f) => f.code)).toEqual([
      'bundled-hook-modified',
      'bundled-hook-attributes',
      'hook-backup-executable',
      'python3-missing',
    ]);
    expect(findings.at(-1)).toEqual({
      code: 'python3-missing',
      message:
        "/usr/bin/python3 does not exist: vdsm cannot run the bundled hook (install python3; EL8's /usr/libexec/platform-python is not on the hook's #! line)",
      fixable: false,
    });
  });

  it("a missing hook directory is created before the write; something else in the hook's place is not fixable", async () => {
    const base = await probe('lab-450-not-installed');
    const stats = new Map(base.stats);
    stats.delete(MIGRATE.dir);
    stats.set(START.path, { path: START.path, mode: 0o040755, owner: 'root', group: 'root' });
    const o: BundledHookObserved = { ...base, stats };
    expect(check.compare(o, hv()).map((f) => [f.code, f.fixable])).toEqual([
      ['bundled-hook-not-regular', false],
      ['hook-dir-missing', undefined],
    ]);
    expect(check.fix!(o, hv()).map((s) => s.describe)).toEqual([
      `create ${MIGRATE.dir} (0755 root:root)`,
      `install the bundled floppy hook as ${MIGRATE.path} (0755 root:root, floppy directory ${CLIENT})`,
      `restore the SELinux labels of ${MIGRATE.path}`,
    ]);
    expect(check.fix!(o, hv())[0]!.run).toEqual({ argv: ['install', '-d', '-m', '0755', '-o', 'root', '-g', 'root', MIGRATE.dir] });
  });

  it('garbage: ParseError', async () => {
    expect(() => parseInstalledFiles('no-sha256sum\n', 0, [START.path])).toThrow(ParseError);
    expect(() => parseInstalledFiles(`sha256 ${'0'.repeat(64)} /etc/passwd\n`, 0, [START.path])).toThrow(ParseError);
    expect(() => parseInstalledFiles(`sha256 ${'0'.repeat(64)} ${START.path}\nbase64 ${START.path}\nAAAA\n`, 0, [START.path])).toThrow(
      ParseError,
    );
    await expect(
      probeWithFake(check, hv(), { ...fixture(ID, 'lab-450-installed'), stats: { stdout: 'stat: cannot stat\n', exitCode: 1 } }),
    ).rejects.toBeInstanceOf(ParseError);
  });

  it('a modified file larger than 64 KiB is reported without its old text', () => {
    const big = Buffer.alloc(65537, 'a')
      .toString('base64')
      .match(/.{1,76}/g)!
      .join('\n');
    const found = parseInstalledFiles(`sha256 ${'1'.repeat(64)} ${START.path}\nbase64 ${START.path}\n${big}\nend\n`, 0, [START.path]);
    expect(found.get(START.path)).toEqual({ sha256: '1'.repeat(64) });
  });
});

describe('the installed-files probe, run by a real shell', () => {
  // Paths in a temp dir stand for the two hook paths; the expected sums are the rendered hooks'.
  function run(shell: string, files: Record<'start' | 'migrate', string | undefined>): Map<string, { sha256: string; content?: string }> {
    const dir = mkdtempSync(join(tmpdir(), 'ofl-bhprobe-'));
    try {
      const expected = [
        { path: join(dir, 'start', '50_floppy'), sha256: START.sha256 },
        { path: join(dir, 'migrate', '50_floppy'), sha256: MIGRATE.sha256 },
      ];
      for (const [i, content] of [files.start, files.migrate].entries()) {
        mkdirSync(join(dir, i === 0 ? 'start' : 'migrate'));
        if (content !== undefined) writeFileSync(expected[i]!.path, content);
      }
      const r = spawnSync(shell, ['-c', installedFilesCommand(expected).sh], { encoding: 'utf8' });
      expect(r.stderr).toBe('');
      const parsed = parseInstalledFiles(
        r.stdout,
        r.status ?? -1,
        expected.map((f) => f.path),
      );
      return new Map([...parsed].map(([path, v]) => [path.slice(dir.length + 1), v]));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const shells = ['sh', 'dash', 'bash'].filter((sh) => spawnSync('sh', ['-c', `command -v ${sh}`]).status === 0);

  it.each(shells)('%s: both rendered hooks installed: two sums, no content', (shell) => {
    const got = run(shell, { start: START.content, migrate: MIGRATE.content });
    expect(got).toEqual(
      new Map([
        ['start/50_floppy', { sha256: START.sha256 }],
        ['migrate/50_floppy', { sha256: MIGRATE.sha256 }],
      ]),
    );
  });

  it.each(shells)('%s: a hand-edited bundled hook is sent (for the diff); a foreign file (the package hook) is not', (shell) => {
    const edited = `${START.content}# local change\n`;
    const foreign = '#!/usr/bin/python2\n# vdsm-hook-floppy\nimport os\n';
    const got = run(shell, { start: edited, migrate: foreign });
    expect(got.get('start/50_floppy')).toEqual({ sha256: sha256Hex(edited), content: edited });
    expect(got.get('migrate/50_floppy')).toEqual({ sha256: sha256Hex(foreign) });
  });

  it.each(shells)('%s: missing files print nothing; a one-line file is not mistaken for a hook', (shell) => {
    expect(run(shell, { start: undefined, migrate: undefined })).toEqual(new Map());
    expect(run(shell, { start: 'x', migrate: undefined })).toEqual(new Map([['start/50_floppy', { sha256: sha256Hex('x') }]]));
  });

  it('the mark is line 2 of both bundled hooks', () => {
    for (const f of [START, MIGRATE]) expect(f.content.split('\n')[1]!.startsWith(BUNDLED_HOOK_MARK)).toBe(true);
  });
});
