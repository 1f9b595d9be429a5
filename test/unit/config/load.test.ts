/**
 * Finding and reading the file: -c over $OVIRT_FLOPPY_CONFIG over ./ovirt-floppy.yaml, relative paths against
 * cwd, `~` against $HOME, and syntax errors with line numbers (YAML and JSON's own terms).
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CONFIG_ENV, findConfigFile, loadConfig, parseConfig } from '../../../src/config/index.js';
import { ConfigError } from '../../../src/errors.js';

const MINIMAL = (host: string): string =>
  `manager:\n  host: ${host}\nfloppy:\n  serverPath: /exports/iso/floppy\n  clientPath: /rhev/floppy\n`;

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ovirt-floppy-config-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function failure(p: Promise<unknown>): Promise<ConfigError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(ConfigError);
  return e as ConfigError;
}

function parseFailure(text: string, file: string): ConfigError {
  try {
    parseConfig(text, { file, home: '/home/test' });
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return e as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

describe('which file', () => {
  beforeEach(() => {
    mkdirSync(join(dir, 'sub'));
    writeFileSync(join(dir, 'ovirt-floppy.yaml'), MINIMAL('default.example.com'));
    writeFileSync(join(dir, 'from-env.yaml'), MINIMAL('env.example.com'));
    writeFileSync(join(dir, 'sub', 'from-option.yaml'), MINIMAL('option.example.com'));
  });

  it('uses ./ovirt-floppy.yaml when neither -c nor the variable is given', async () => {
    const { config, file } = await loadConfig({ env: {}, cwd: dir });
    expect(file).toBe(join(dir, 'ovirt-floppy.yaml'));
    expect(config.manager?.host).toBe('default.example.com');
  });

  it(`$${CONFIG_ENV} wins over the default, relative to cwd`, async () => {
    const { config, file } = await loadConfig({ env: { [CONFIG_ENV]: 'from-env.yaml' }, cwd: dir });
    expect(file).toBe(join(dir, 'from-env.yaml'));
    expect(config.manager?.host).toBe('env.example.com');
  });

  it(`-c wins over $${CONFIG_ENV}`, async () => {
    const { config } = await loadConfig({ path: 'sub/from-option.yaml', env: { [CONFIG_ENV]: join(dir, 'from-env.yaml') }, cwd: dir });
    expect(config.manager?.host).toBe('option.example.com');
  });

  it(`an empty $${CONFIG_ENV} counts as unset`, () => {
    expect(findConfigFile({ env: { [CONFIG_ENV]: '' }, cwd: dir })).toEqual({ file: join(dir, 'ovirt-floppy.yaml'), source: 'default' });
  });

  it('a missing file says how it was chosen', async () => {
    const fromEnv = await failure(loadConfig({ env: { [CONFIG_ENV]: 'nope.yaml' }, cwd: dir }));
    expect(fromEnv.issues).toEqual([{ path: '(file)', message: `${join(dir, 'nope.yaml')} does not exist (named by $${CONFIG_ENV})` }]);
    const byDefault = await failure(loadConfig({ env: {}, cwd: join(dir, 'sub') }));
    expect(byDefault.issues[0]?.message).toContain('`ovirt-floppy init` writes a starter file');
    const directory = await failure(loadConfig({ path: 'sub', env: {}, cwd: dir }));
    expect(directory.issues[0]?.message).toBe(`${join(dir, 'sub')} is a directory (given with -c/--config)`);
  });

  it('expands ~ with $HOME from the given environment', async () => {
    writeFileSync(join(dir, 'keys.yaml'), `ssh:\n  identityFiles: [~/.ssh/id_ed25519, /etc/key]\n${MINIMAL('h.example.com')}`);
    const { config } = await loadConfig({ path: 'keys.yaml', env: { HOME: '/home/alice' }, cwd: dir });
    expect(config.ssh.identityFiles).toEqual(['/home/alice/.ssh/id_ed25519', '/etc/key']);
    expect(config.ssh.knownHostsFile).toBe('/home/alice/.ssh/known_hosts');
  });
});

describe('syntax errors', () => {
  it('YAML: line and column of the problem', () => {
    const e = parseFailure('manager:\n  host: engine.example.com\n floppy: x\n', 'c.yaml');
    expect(e.issues).toHaveLength(1);
    expect(e.issues[0]?.path).toMatch(/^line 3, column \d+$/);
    expect(e.message).toContain('c.yaml: 1 configuration problem:');
  });

  it('YAML: a tab for indentation is reported at its line', () => {
    const e = parseFailure('manager:\n\thost: engine.example.com\n', 'c.yaml');
    expect(e.issues[0]?.path).toMatch(/^line 2, column \d+$/);
  });

  it('JSON files get JSON messages with line and column', () => {
    const text = '{\n  "manager": {"host": "e"},\n  "floppy": {"serverPath": \'/x\'}\n}\n';
    expect(parseFailure(text, 'c.json').issues).toEqual([
      { path: 'line 3, column 28', message: 'invalid JSON: strings must use double quotes (") in JSON' },
    ]);
    expect(parseFailure('{"a": 1} // note', 'c.JSON').issues).toEqual([
      { path: 'line 1, column 10', message: 'invalid JSON: comments are not allowed in JSON (use YAML for a commented config)' },
    ]);
    expect(parseFailure('{"a": [1, 2', 'c.json').issues).toEqual([
      { path: 'line 1, column 12', message: 'invalid JSON: unexpected end of the file: a "]" is missing' },
    ]);
    expect(parseFailure('{"a": tru}', 'c.json').issues[0]?.message).toContain('expected a value');
  });

  it('the same JSON text in a .yaml file is read as YAML (JSON is YAML)', () => {
    const json = JSON.stringify({ manager: { host: 'e.example.com' }, floppy: { serverPath: '/a', clientPath: '/b' } });
    expect(parseConfig(json, { file: 'c.yaml' }).config.manager?.host).toBe('e.example.com');
    expect(parseConfig(json, { file: 'c.json' }).config.manager?.host).toBe('e.example.com');
  });

  it('schema issues of a JSON file carry line numbers too', () => {
    const text = '{\n  "manager": {\n    "host": "e",\n    "become": "su"\n  },\n  "floppy": {"serverPath": "/a", "clientPath": "/b"}\n}\n';
    expect(parseFailure(text, 'c.json').issues).toEqual([
      { path: 'manager.become', message: 'must be one of: sudo, none (got "su") (line 4)' },
    ]);
  });

  it('refuses alias bombs instead of expanding them', () => {
    // Each level repeats the previous one ten times: 10^9 items if expanded.
    const levels = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i <= 8; i++) {
      const prev = String.fromCharCode(96 + i);
      const cur = String.fromCharCode(97 + i);
      levels.push(`${cur}: &${cur} [${Array.from({ length: 10 }, () => `*${prev}`).join(', ')}]`);
    }
    const bomb = levels.join('\n');
    const e = parseFailure(bomb, 'c.yaml');
    expect(e.issues[0]?.message).toMatch(/alias/i);
  });
});
