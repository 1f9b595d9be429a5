import { chmod, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { UsageError } from '../../../src/errors.js';
import { assertOutputWritable, OutputWriteError, writeOutputAtomic } from '../../../src/report/write-output.js';

async function tempDir() {
  const dir = await mkdtemp(join(tmpdir(), 'ovirt-floppy-out-'));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

describe('writeOutputAtomic', () => {
  it('writes a new file (mode 0644) and replaces an old one, leaving no temp file behind', async () => {
    const dir = await tempDir();
    const path = join(dir, 'ovirt_floppy.prom');
    await writeOutputAtomic(path, 'one\n');
    expect(await readFile(path, 'utf8')).toBe('one\n');
    await writeOutputAtomic(path, 'two\n');
    expect(await readFile(path, 'utf8')).toBe('two\n');
    expect(await readdir(dir)).toEqual(['ovirt_floppy.prom']);
    const { stat } = await import('node:fs/promises');
    expect((await stat(path)).mode & 0o777).toBe(0o644 & ~process.umask());
  });

  it('never lets a reader see half a file', async () => {
    const dir = await tempDir();
    const path = join(dir, 'big.prom');
    const before = `${'a'.repeat(4 * 1024 * 1024)}\n`;
    const after = `${'b'.repeat(8 * 1024 * 1024)}\n`;
    await writeFile(path, before);
    let done = false;
    const writing = writeOutputAtomic(path, after).finally(() => (done = true));
    const seen = new Set<string>();
    while (!done) {
      const content = await readFile(path, 'utf8');
      expect(content === before || content === after).toBe(true);
      seen.add(content === before ? 'before' : 'after');
    }
    await writing;
    expect(await readFile(path, 'utf8')).toBe(after);
    expect(seen.has('before')).toBe(true);
  });

  it('fails with OutputWriteError and cleans up when the directory is gone', async () => {
    const dir = await tempDir();
    await expect(writeOutputAtomic(join(dir, 'missing', 'x.prom'), 'x')).rejects.toBeInstanceOf(OutputWriteError);
    await expect(writeOutputAtomic(join(dir, 'missing', 'x.prom'), 'x')).rejects.toMatchObject({ exitCode: 3 });
    expect(await readdir(dir)).toEqual([]);
  });
});

describe('assertOutputWritable', () => {
  it('accepts a file in an existing writable directory', async () => {
    const dir = await tempDir();
    await expect(assertOutputWritable(join(dir, 'x.prom'))).resolves.toBeUndefined();
  });

  it('refuses a missing directory, or a path that is a directory, as a usage error', async () => {
    const dir = await tempDir();
    await expect(assertOutputWritable(join(dir, 'nope', 'x.prom'))).rejects.toBeInstanceOf(UsageError);
    await expect(assertOutputWritable(dir)).rejects.toThrow(/is a directory/);
  });

  it.skipIf(process.getuid?.() === 0)('refuses an unwritable directory', async () => {
    const dir = await tempDir();
    await chmod(dir, 0o500);
    await expect(assertOutputWritable(join(dir, 'x.prom'))).rejects.toThrow(/not writable/);
  });
});
