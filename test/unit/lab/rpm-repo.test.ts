// test/lab/rpm/build-repo.sh builds the lab's local repository (issue #3; lab-notes §5; ovirt-facts.md §0.1,
// §2.1). Needs rpmbuild and createrepo_c (apt packages rpm, createrepo-c; the lab installs them).
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PYTHON, RPM_DIR, hasCommand, run, tempDir } from './standins-helpers.js';

const tools = ['rpmbuild', 'createrepo_c', 'rpm2archive'].every(hasCommand);
let dir: { path: string; remove: () => void };
const out = () => join(dir.path, 'repo');
const qp = (rel: string, ...q: string[]) => run('rpm', ['-qp', ...q, join(out(), rel)], { env: { HOME: dir.path } });

describe.skipIf(!tools)('build-repo.sh', () => {
  beforeAll(() => {
    dir = tempDir('repo-');
    const r = run('bash', [join(RPM_DIR, 'build-repo.sh'), out()], { timeoutMs: 60_000 });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  }, 90_000);
  afterAll(() => dir?.remove());

  it('builds the four noarch packages with the right names and versions', () => {
    const nevra = (rel: string) => qp(rel, '--qf', '%{NAME} %{VERSION} %{RELEASE} %{ARCH}').stdout;
    expect(nevra('el8/ovirt-engine-4.5.6-1.el8.noarch.rpm')).toBe('ovirt-engine 4.5.6 1.el8 noarch');
    expect(nevra('el7/vdsm-4.30.46-1.el7.noarch.rpm')).toBe('vdsm 4.30.46 1.el7 noarch');
    expect(nevra('el8/vdsm-4.50.5-1.el8.noarch.rpm')).toBe('vdsm 4.50.5 1.el8 noarch');
    expect(nevra('el7/vdsm-hook-floppy-4.30.46-1.el7.noarch.rpm')).toBe('vdsm-hook-floppy 4.30.46 1.el7 noarch');
  });

  it("vdsm 4.50 obsoletes vdsm-hook-floppy like upstream's spec; 4.30 does not", () => {
    expect(qp('el8/vdsm-4.50.5-1.el8.noarch.rpm', '--obsoletes').stdout.trim()).toBe('vdsm-hook-floppy < 4.50.5-1.el8');
    expect(qp('el7/vdsm-4.30.46-1.el7.noarch.rpm', '--obsoletes').stdout.trim()).toBe('');
  });

  it('generates no requirements besides vdsm for the hook (AutoReqProv: no; the lab rpmdb is empty)', () => {
    const reqs = (rel: string) =>
      qp(rel, '--requires')
        .stdout.split('\n')
        .filter((l) => l && !l.startsWith('rpmlib('));
    expect(reqs('el7/vdsm-hook-floppy-4.30.46-1.el7.noarch.rpm')).toEqual(['vdsm']);
    expect(reqs('el7/vdsm-4.30.46-1.el7.noarch.rpm')).toEqual([]);
    expect(reqs('el8/ovirt-engine-4.5.6-1.el8.noarch.rpm')).toEqual([]);
  });

  it('the hook package installs the two hooks 0755 (facts §2.1)', () => {
    const files = qp('el7/vdsm-hook-floppy-4.30.46-1.el7.noarch.rpm', '--qf', '[%{FILEMODES:perms} %{FILENAMES}\n]').stdout;
    expect(files.trim().split('\n').sort()).toEqual([
      '-rwxr-xr-x /usr/libexec/vdsm/hooks/before_vm_migrate_source/50_floppy',
      '-rwxr-xr-x /usr/libexec/vdsm/hooks/before_vm_start/50_floppy',
    ]);
  });

  it('lays out per-version repositories: the 4.5 one has no hook package, each has repodata', () => {
    expect(
      readdirSync(join(out(), 'el8'))
        .filter((f) => f.endsWith('.rpm'))
        .sort(),
    ).toEqual(['ovirt-engine-4.5.6-1.el8.noarch.rpm', 'vdsm-4.50.5-1.el8.noarch.rpm']);
    expect(
      readdirSync(join(out(), 'el7'))
        .filter((f) => f.endsWith('.rpm'))
        .sort(),
    ).toEqual(['vdsm-4.30.46-1.el7.noarch.rpm', 'vdsm-hook-floppy-4.30.46-1.el7.noarch.rpm']);
    for (const d of ['', 'el7', 'el8']) expect(existsSync(join(out(), d, 'repodata/repomd.xml'))).toBe(true);
  });

  it('the packaged hook runs with the packaged hooking library the way vdsm runs it', () => {
    const root = join(dir.path, 'root');
    mkdirSync(root);
    for (const rel of ['el7/vdsm-4.30.46-1.el7.noarch.rpm', 'el7/vdsm-hook-floppy-4.30.46-1.el7.noarch.rpm']) {
      const r = run('sh', ['-c', 'rpm2archive - < "$1" | tar -xz', 'x', join(out(), rel)], { cwd: root });
      expect(r.status).toBe(0);
    }
    const domxml = join(dir.path, 'domxml');
    writeFileSync(domxml, '<domain><devices></devices></domain>');
    const image = join(dir.path, 'a.vfd');
    writeFileSync(image, 'x');
    const r = run(PYTHON, [join(root, 'usr/share/lab-vdsm/run_hooks.py'), 'before_vm_start', domxml, '--custom', `floppy=${image}`], {
      env: {
        LAB_VDSM_RUN_AS: '',
        LAB_VDSM_HOOKS_DIR: join(root, 'usr/libexec/vdsm/hooks'),
        LAB_VDSM_HOOK_PYTHONPATH: join(root, 'usr/lib/python3/dist-packages/vdsm/hook'),
      },
    });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(
      `<?xml version="1.0" encoding="utf-8"?><domain><devices><disk type="file" device="floppy"><source file="${image}"/><target dev="fda"/></disk></devices></domain>`,
    );
  });
});
