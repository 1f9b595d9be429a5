/**
 * Every fixture config through the real loader: valid/ files load, have exactly the Config shape and exactly
 * their expected warnings (`<name>.warnings.txt`, none if absent); invalid/ files fail with exactly the issues
 * in `<name>.expected.txt`, in order.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hostTargets, loadConfig, type Config } from '../../../src/config/index.js';
import { ConfigError, type Issue } from '../../../src/errors.js';
import { configShape, shapeProblems } from './shape.js';

const ROOT = join(import.meta.dirname, '../../fixtures/config');
const env = { HOME: '/home/test' };

function fixtures(kind: 'valid' | 'invalid'): string[] {
  return readdirSync(join(ROOT, kind))
    .filter((f) => /\.(ya?ml|json)$/.test(f))
    .sort();
}

function expectedLines(file: string): string[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l !== '');
}

const lines = (issues: Issue[]): string[] => issues.map((i) => `${i.path}: ${i.message}`);

describe('valid fixtures', () => {
  it('there are some', () => expect(fixtures('valid').length).toBeGreaterThanOrEqual(5));

  for (const name of fixtures('valid')) {
    it(`${name} loads as a Config`, async () => {
      const loaded = await loadConfig({ path: name, env, cwd: join(ROOT, 'valid') });
      // Typed: the loader's result is a Config; at run time it must have exactly that shape.
      const config: Config = loaded.config;
      expect(shapeProblems(config, configShape)).toEqual([]);
      expect(loaded.file).toBe(join(ROOT, 'valid', name));
      expect(lines(loaded.warnings)).toEqual(expectedLines(join(ROOT, 'valid', name.replace(/\.\w+$/, '.warnings.txt'))));
      expect(hostTargets(config).length).toBeGreaterThan(0);
    });
  }

  it('full.json sets every optional key, so it exercises the whole Config type', async () => {
    const { config } = await loadConfig({ path: 'full.json', env, cwd: join(ROOT, 'valid') });
    expect(config.manager?.user).toBe('root');
    expect(config.hypervisors[0]?.identityFiles).toEqual(['/home/test/.ssh/hv_key']);
    expect(config.sftp?.uploadIdentityFile).toBe('/home/test/.ssh/floppy_upload');
    expect(config.engineApi?.passwordFile).toBe('/home/test/.config/ovirt-floppy/engine-password');
    expect(config.engineApi?.caFile).toBe('/etc/pki/ovirt-engine/ca.pem');
    expect(config.smoke).toEqual({ vm: 'floppy-smoke', vmTimeout: 900 });
    expect(config.floppy.maxAgeHours).toBe(1.5);
    expect('$schema' in config).toBe(false);
  });
});

describe('invalid fixtures', () => {
  it('there are some', () => expect(fixtures('invalid').length).toBeGreaterThanOrEqual(10));

  for (const name of fixtures('invalid')) {
    it(`${name} fails with exactly its expected issues`, async () => {
      const expected = expectedLines(join(ROOT, 'invalid', name.replace(/\.\w+$/, '.expected.txt')));
      expect(expected.length).toBeGreaterThan(0);
      const error = await loadConfig({ path: name, env, cwd: join(ROOT, 'invalid') }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(ConfigError);
      const configError = error as ConfigError;
      expect(lines(configError.issues)).toEqual(expected);
      expect(configError.file).toBe(join(ROOT, 'invalid', name));
      expect(configError.exitCode).toBe(2);
    });
  }

  it('a file with three different mistakes reports all three paths', async () => {
    const error = (await loadConfig({ path: 'three-mistakes.yaml', env, cwd: join(ROOT, 'invalid') }).catch(
      (e: unknown) => e,
    )) as ConfigError;
    expect(error.issues.map((i) => i.path)).toEqual(['ssh.become', 'hypervisors[1].host', 'sftp.chrootdir']);
    expect(error.message).toContain('3 configuration problems');
  });
});
