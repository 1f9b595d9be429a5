/** hostTargets: role order, per-host overrides over `ssh`, and `--only` by role or host. */
import { describe, expect, it } from 'vitest';
import { checkConfig, hostTargets, type Config } from '../../../src/config/index.js';
import { UsageError } from '../../../src/errors.js';

const { config } = checkConfig(
  {
    ssh: { user: 'ops', port: 2222, identityFiles: ['~/.ssh/default'], become: 'sudo' },
    sftp: { host: 'nfs.example.com', name: 'files', user: 'root', become: 'none' },
    hypervisors: [
      { host: 'hv1.example.com', name: 'hv1' },
      { host: 'hv2.example.com', name: 'hv2', port: 22, identityFiles: ['~/.ssh/hv2'] },
    ],
    manager: { host: 'engine.example.com', name: 'engine' },
    floppy: { serverPath: '/exports/iso/floppy', clientPath: '/rhev/floppy' },
  },
  { home: '/home/u' },
);

const names = (only?: string[], c: Config = config): string[] => hostTargets(c, only).map((t) => t.name);

describe('hostTargets', () => {
  it('lists manager, hypervisors, sftp in that order, whatever the file order', () => {
    expect(names()).toEqual(['engine', 'hv1', 'hv2', 'files']);
    expect(names([])).toEqual(['engine', 'hv1', 'hv2', 'files']);
  });

  it('fills each host from the ssh defaults unless it overrides them', () => {
    const [engine, hv1, hv2, files] = hostTargets(config);
    expect(engine).toEqual({
      name: 'engine',
      role: 'manager',
      host: 'engine.example.com',
      user: 'ops',
      port: 2222,
      identityFiles: ['/home/u/.ssh/default'],
      become: 'sudo',
      explicit: { user: true, port: true },
    });
    expect(hv1?.port).toBe(2222);
    expect(hv2).toMatchObject({ role: 'hypervisor', port: 22, identityFiles: ['/home/u/.ssh/hv2'], user: 'ops' });
    expect(files).toMatchObject({ role: 'sftp', user: 'root', become: 'none', identityFiles: ['/home/u/.ssh/default'] });
  });

  it('--only takes role words, host names and addresses, comma-separated or repeated; the result keeps role order', () => {
    expect(names(['sftp'])).toEqual(['files']);
    expect(names(['hypervisor'])).toEqual(['hv1', 'hv2']);
    expect(names(['hypervisors'])).toEqual(['hv1', 'hv2']);
    expect(names(['files', 'manager'])).toEqual(['engine', 'files']);
    expect(names(['hv2,engine'])).toEqual(['engine', 'hv2']);
    expect(names(['HV1.example.com'])).toEqual(['hv1']);
    expect(names(['hv1', 'hypervisor'])).toEqual(['hv1', 'hv2']);
  });

  it('an --only value that matches nothing is a usage error (exit 2) naming what exists', () => {
    expect(() => hostTargets(config, ['hv1', 'hv9', 'sftpp'])).toThrow(UsageError);
    expect(() => hostTargets(config, ['hv9'])).toThrow(
      '--only "hv9" matches no configured role or host (roles: manager, hypervisor, sftp; hosts: engine, hv1, hv2, files)',
    );
    const managerOnly = checkConfig({ manager: { host: 'e' }, floppy: { serverPath: '/a', clientPath: '/b' } }).config;
    expect(() => hostTargets(managerOnly, ['sftp'])).toThrow(/"sftp" matches no configured role or host/);
  });

  it('a machine in two roles is two targets (one per role)', () => {
    const both = checkConfig({ manager: { host: 'e' }, sftp: { host: 'e' }, floppy: { serverPath: '/a', clientPath: '/b' } }).config;
    expect(hostTargets(both, ['e']).map((t) => `${t.role}:${t.name}`)).toEqual(['manager:e', 'sftp:e']);
  });
});

describe('hostTargets: which user/port the file sets (so ~/.ssh/config User/Port apply only to the others)', () => {
  const load = (ssh: Record<string, unknown>, hv: Record<string, unknown> = {}) =>
    hostTargets(
      checkConfig(
        {
          ssh,
          hypervisors: [{ host: 'hv1.example.com', ...hv }],
          floppy: { serverPath: '/exports/iso/floppy', clientPath: '/rhev/floppy' },
        },
        { home: '/home/u' },
      ).config,
    )[0]!;

  it('defaults filled in by the schema are not explicit, even though they equal root / 22', () => {
    expect(load({})).toMatchObject({ user: 'root', port: 22, explicit: { user: false, port: false } });
  });

  it('`ssh.user: root` written in the file is explicit (it must win over ~/.ssh/config, like ssh -l root)', () => {
    expect(load({ user: 'root' })).toMatchObject({ user: 'root', explicit: { user: true, port: false } });
    expect(load({ port: 22 })).toMatchObject({ port: 22, explicit: { user: false, port: true } });
  });

  it("a host's own user/port is explicit", () => {
    expect(load({}, { user: 'root', port: 22 })).toMatchObject({ explicit: { user: true, port: true } });
  });

  it('a Config not made by the loader carries no record (the SSH layer infers from the values)', () => {
    const copy = structuredClone(
      checkConfig({ hypervisors: [{ host: 'hv1' }], floppy: { serverPath: '/exports/iso/floppy', clientPath: '/rhev/floppy' } }).config,
    );
    expect(hostTargets(copy)[0]!.explicit).toBeUndefined();
  });
});
