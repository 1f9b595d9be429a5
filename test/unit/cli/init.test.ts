import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/index.js';
import { runCli, tempCwd } from './harness.js';

describe('init', () => {
  it('writes the starter config to ./ovirt-floppy.yaml, and loadConfig accepts it', async () => {
    const cwd = await tempCwd();
    const r = await runCli(['init'], { cwd });
    expect(r.code).toBe(0);
    const path = join(cwd, 'ovirt-floppy.yaml');
    expect(await readFile(path, 'utf8')).toMatch(/^#/);
    const loaded = await loadConfig({ env: { HOME: cwd }, cwd });
    expect(loaded.file).toBe(path);
    expect(loaded.config.hypervisors.length).toBeGreaterThan(0);
    expect(r.stderr).toContain(`wrote ${path}`);
  });

  it('writes to FILE, refuses to overwrite without --force, overwrites with it', async () => {
    const cwd = await tempCwd();
    const path = join(cwd, 'prod.yaml');
    await writeFile(path, 'precious: true\n');
    const refused = await runCli(['init', 'prod.yaml'], { cwd });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('already exists; use --force');
    expect(await readFile(path, 'utf8')).toBe('precious: true\n');
    const forced = await runCli(['init', 'prod.yaml', '--force'], { cwd, starterConfigYaml: () => 'ssh: {}\n' });
    expect(forced.code).toBe(0);
    expect(await readFile(path, 'utf8')).toBe('ssh: {}\n');
  });

  it('a missing directory is a usage error', async () => {
    const cwd = await tempCwd();
    const r = await runCli(['init', 'no/such/dir/x.yaml'], { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('cannot write');
  });
});
