/**
 * The rules pass and derived defaults, through checkConfig (the same path the loader takes).
 */
import { describe, expect, it } from 'vitest';
import { checkConfig } from '../../../src/config/index.js';
import { ConfigError, type Issue } from '../../../src/errors.js';

const FLOPPY = { serverPath: '/exports/iso/floppy', clientPath: '/rhev/floppy' };

function issues(data: unknown): string[] {
  try {
    checkConfig(data, { home: '/home/test' });
  } catch (e) {
    if (e instanceof ConfigError) return e.issues.map((i: Issue) => `${i.path}: ${i.message}`);
    throw e;
  }
  return [];
}

describe('derived defaults', () => {
  it('name defaults to host; remote paths lose trailing "/" and "." components', () => {
    const { config } = checkConfig({
      hypervisors: [{ host: 'hv1.example.com' }, { host: 'hv2.example.com', name: 'two' }],
      sftp: { host: 'nfs.example.com', chrootDir: '/srv/./floppy_chroot/' },
      floppy: { serverPath: '/exports/iso/floppy/', clientPath: '/rhev/./floppy/' },
    });
    expect(config.hypervisors.map((h) => h.name)).toEqual(['hv1.example.com', 'two']);
    expect(config.sftp?.name).toBe('nfs.example.com');
    expect(config.sftp?.chrootDir).toBe('/srv/floppy_chroot');
    expect(config.floppy.serverPath).toBe('/exports/iso/floppy');
    expect(config.floppy.clientPath).toBe('/rhev/floppy');
    // The regex is derived from the normalised clientPath.
    expect(config.floppy.propertyRegex).toBe('^/rhev/floppy/[A-Za-z0-9][A-Za-z0-9._-]{0,127}\\.(vfd|img|flp)$');
  });

  it('an explicit propertyRegex is kept as written', () => {
    const { config } = checkConfig({ manager: { host: 'e' }, floppy: { ...FLOPPY, propertyRegex: '^/rhev/floppy/x\\.vfd$' } });
    expect(config.floppy.propertyRegex).toBe('^/rhev/floppy/x\\.vfd$');
  });

  it('does not change its input', () => {
    const input = { manager: { host: 'e' }, floppy: { ...FLOPPY } };
    const copy = structuredClone(input);
    checkConfig(input);
    expect(input).toEqual(copy);
  });
});

describe('hosts', () => {
  it('the same address in two roles is allowed, under the same or another name', () => {
    expect(issues({ manager: { host: 'e.example.com' }, sftp: { host: 'e.example.com' }, floppy: FLOPPY })).toEqual([]);
    expect(
      issues({ manager: { host: 'e.example.com', name: 'engine' }, sftp: { host: 'e.example.com', name: 'files' }, floppy: FLOPPY }),
    ).toEqual([]);
    expect(issues({ manager: { host: '10.0.0.1' }, hypervisors: [{ host: '10.0.0.1' }], floppy: FLOPPY })).toEqual([]);
  });

  it('an address is host + effective port: the same host on another port is another machine', () => {
    expect(
      issues({
        ssh: { port: 2200 },
        hypervisors: [
          { host: 'gw', name: 'a' },
          { host: 'gw', name: 'b', port: 2201 },
          { host: 'gw', name: 'c', port: 2200 },
        ],
        floppy: FLOPPY,
      }),
    ).toEqual(['hypervisors[2].host: same host as hypervisors[0]: a host may appear only once per role']);
  });

  it('a host named like its own role is fine (--only sftp means the same thing either way)', () => {
    expect(issues({ sftp: { host: 's.example.com', name: 'sftp' }, manager: { host: 'e', name: 'manager' }, floppy: FLOPPY })).toEqual([]);
  });

  it('rules still run when the schema pass found problems, without a second message for the same value', () => {
    expect(
      issues({ ssh: { become: 'x' }, hypervisors: [{ host: 'a b' }, { host: 'a b' }, { host: 'ok' }, { host: 'ok' }], floppy: FLOPPY }),
    ).toEqual([
      'ssh.become: must be one of: sudo, none (got "x")',
      'hypervisors[0].host: must be a host name or IP address (letters, digits, ".", "-", "_"; ":" for IPv6) without spaces or shell characters (got "a b")',
      'hypervisors[1].host: must be a host name or IP address (letters, digits, ".", "-", "_"; ":" for IPv6) without spaces or shell characters (got "a b")',
      'hypervisors[3].host: same host as hypervisors[2]: a host may appear only once per role',
    ]);
  });
});

describe('warnings', () => {
  it('a non-root login without become cannot work', () => {
    const { warnings } = checkConfig({
      ssh: { user: 'ops', become: 'none' },
      hypervisors: [{ host: 'hv1' }, { host: 'hv2', user: 'root' }],
      floppy: FLOPPY,
    });
    expect(warnings).toEqual([
      { path: 'hypervisors[0].host', message: 'logs in as ops with become "none": probes and changes need root and will fail' },
    ]);
  });

  it('none for a valid default config', () => {
    expect(checkConfig({ manager: { host: 'e' }, hypervisors: [{ host: 'h' }], sftp: { host: 's' }, floppy: FLOPPY }).warnings).toEqual([]);
  });
});

describe('engineApi and smoke', () => {
  const api = { url: 'https://e/ovirt-engine/api', user: 'admin@internal' };
  it('exactly one password source', () => {
    expect(issues({ manager: { host: 'e' }, floppy: FLOPPY, engineApi: { ...api, passwordEnv: 'PW' } })).toEqual([]);
    expect(issues({ manager: { host: 'e' }, floppy: FLOPPY, engineApi: { ...api, passwordFile: '~/pw' } })).toEqual([]);
    expect(issues({ manager: { host: 'e' }, floppy: FLOPPY, engineApi: api })).toEqual([
      'engineApi: needs one of passwordEnv (an environment variable name) or passwordFile',
    ]);
  });

  it('discover needs engineApi; with it, no hypervisors list is needed and clusters are kept', () => {
    expect(issues({ manager: { host: 'e' }, floppy: FLOPPY, discover: {} })).toEqual([
      "discover: needs engineApi: the hypervisors are read from the engine's REST API",
    ]);
    const { config } = checkConfig({
      manager: { host: 'e' },
      floppy: FLOPPY,
      engineApi: { ...api, passwordEnv: 'PW' },
      discover: { clusters: ['Default'] },
    });
    expect([config.hypervisors, config.discover]).toEqual([[], { clusters: ['Default'] }]);
    expect(
      issues({ manager: { host: 'e' }, floppy: FLOPPY, engineApi: { ...api, passwordEnv: 'PW' }, discover: { clusters: [], all: true } }),
    ).toEqual(['discover.all: unknown property "all" (allowed: clusters)', 'discover.clusters: must list at least 1 entry']);
  });

  it('smoke without a vm needs no engineApi', () => {
    const { config } = checkConfig({ manager: { host: 'e' }, floppy: FLOPPY, smoke: {} });
    expect(config.smoke).toEqual({ vmTimeout: 300 });
  });
});

describe('CD payloads (payload, floppy.cdProperty, floppy.cdPropertyRegex)', () => {
  it('defaults: payload auto, cdProperty floppycd, the CD regex derived from clientPath and ending in .iso', () => {
    const { config } = checkConfig({ manager: { host: 'e' }, floppy: FLOPPY });
    expect(config.payload).toBe('auto');
    expect(config.floppy.cdProperty).toBe('floppycd');
    expect(config.floppy.cdPropertyRegex).toBe('^/rhev/floppy/[A-Za-z0-9][A-Za-z0-9._-]{0,127}\\.iso$');
  });

  it('refuses "floppy" as the CD property name and a name the engine refuses, in one error', () => {
    expect(issues({ manager: { host: 'e' }, floppy: { ...FLOPPY, cdProperty: 'Floppy' } })).toEqual([
      'floppy.cdProperty: must not be "floppy": that is the floppy payload property; pick another name, e.g. floppycd',
    ]);
    const both = issues({ manager: { host: 'e' }, payload: 'cd', floppy: { ...FLOPPY, cdProperty: 'floppy-cd' } });
    expect(both).toHaveLength(2);
    expect(both.join('\n')).toMatch(/^payload: .*auto.*floppy.*cdrom/m);
    expect(both.join('\n')).toMatch(/^floppy\.cdProperty: must be a custom property name/m);
  });

  it('a CD regex that accepts anything gets the floppy regex warning, worded for .iso', () => {
    const { warnings } = checkConfig({ manager: { host: 'e' }, floppy: { ...FLOPPY, cdPropertyRegex: '^.*$' } });
    const texts = warnings.map((w) => `${w.path}: ${w.message}`);
    expect(texts).toHaveLength(1);
    expect(texts[0]).toMatch(/^floppy\.cdPropertyRegex: accepts any value .* as a CD .*allows only \/rhev\/floppy\/<name>\.iso$/);
  });

  it('an unanchored CD regex is an error at its own path', () => {
    expect(issues({ manager: { host: 'e' }, floppy: { ...FLOPPY, cdPropertyRegex: '/rhev/floppy/.*\\.iso' } })).toEqual([
      'floppy.cdPropertyRegex: must be anchored: start with "^" and end with "$"',
    ]);
  });
});

describe('manager.engineConfigTimeout', () => {
  it('defaults to 30, inside the default ssh.execTimeout 60', () => {
    const { config } = checkConfig({ manager: { host: 'e' }, floppy: FLOPPY });
    expect(config.manager?.engineConfigTimeout).toBe(30);
    expect(issues({ manager: { host: 'e', engineConfigTimeout: 54 }, floppy: FLOPPY })).toEqual([]);
  });

  it('must fit inside ssh.execTimeout with the kill grace, or a hang would end the whole manager probe', () => {
    const message =
      "manager.engineConfigTimeout: must be smaller than ssh.execTimeout (20) minus 5 s (timeout's grace before SIGKILL), else a hanging engine-config ends the whole manager probe instead of being reported as itself; at most 14";
    expect(issues({ ssh: { execTimeout: 20 }, manager: { host: 'e' }, floppy: FLOPPY })).toEqual([message]);
    expect(issues({ ssh: { execTimeout: 20 }, manager: { host: 'e', engineConfigTimeout: 15 }, floppy: FLOPPY })).toEqual([message]);
    expect(issues({ ssh: { execTimeout: 20 }, manager: { host: 'e', engineConfigTimeout: 14 }, floppy: FLOPPY })).toEqual([]);
  });
});
