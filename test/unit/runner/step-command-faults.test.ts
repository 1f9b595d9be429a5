/**
 * The write script under faults (issue #13 item 7), run by a real sh: a disk that fills up while the backup is
 * written (a real 128 KiB tmpfs; needs root like the lab, skipped with the reason otherwise), a live
 * validation that fails after the rename (the previous file comes back, same inode), and the directory fsync.
 */
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileStep, writeFileScript } from '../../../src/runner/step-command.js';

const NOW = new Date('2026-11-25T04:43:12.345Z');
const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

function runStep(step: Parameters<typeof compileStep>[0]) {
  return spawnSync('sh', ['-s'], { input: compileStep(step, NOW).stdin, encoding: 'utf8' });
}

describe('writeFile under faults', () => {
  it('post-rename validation fails: the previous file is back (same inode, mode, content), exit 5 names the validator', () => {
    const dir = mkdtempSync(join(tmpdir(), 'of-live-'));
    const path = join(dir, 'sshd_config');
    writeFileSync(path, 'Port 22\n', { mode: 0o644 });
    const inode = statSync(path).ino;
    const r = runStep({
      describe: 'write',
      run: {
        writeFile: {
          path,
          content: 'Port 2222\n',
          mode: '0600',
          validateLive: ['sh', '-c', `grep -q 2222 ${path} && { echo "${path} line 1: Bad port" >&2; exit 255; }; exit 0`],
        },
      },
    });
    expect(r.status).toBe(5);
    expect(r.stderr).toMatch(/validation after activation failed \(sh -c .*\): .*line 1: Bad port; the previous file is back/);
    expect(readFileSync(path, 'utf8')).toBe('Port 22\n');
    expect(statSync(path).ino).toBe(inode);
    expect(statSync(path).mode & 0o777).toBe(0o644);
    expect(readdirSync(dir).sort()).toEqual(['sshd_config', 'sshd_config.ovirt-floppy-20261125T044312Z.bak']);
  });

  it('post-rename validation passes: the new file stays, no leftover link', () => {
    const dir = mkdtempSync(join(tmpdir(), 'of-live-'));
    const path = join(dir, 'sshd_config');
    writeFileSync(path, 'Port 22\n');
    const r = runStep({ describe: 'write', run: { writeFile: { path, content: 'Port 2222\n', mode: '0600', validateLive: ['true'] } } });
    expect(r.status, r.stderr).toBe(0);
    expect(readFileSync(path, 'utf8')).toBe('Port 2222\n');
    expect(readdirSync(dir).filter((f) => f.includes('prev'))).toEqual([]);
  });

  it('fsyncs the directory after the rename', () => {
    expect(writeFileScript({ path: '/etc/fstab', content: 'x\n', mode: '0644' }, NOW)).toMatch(
      /mv -f "\$tmp" "\$path"\ntrap - EXIT\nsync "\$\(dirname "\$path"\)"/,
    );
  });

  const root = process.getuid?.() === 0;
  it.skipIf(!root)('disk full while the backup is written: exit 4, the live file untouched, no partial backup or temp file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'of-full-'));
    const mount = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=128k,mode=0755', 'tmpfs', dir], { encoding: 'utf8' });
    expect(mount.status, mount.stderr).toBe(0);
    try {
      const path = join(dir, 'fstab');
      // 56 KiB live + 56 KiB candidate fit in 128 KiB; the 56 KiB backup does not.
      writeFileSync(path, `${'# padding line of an fstab that is long enough\n'.repeat(1200)}`);
      const before = sha(path);
      const r = runStep({
        describe: 'write',
        run: { writeFile: { path, content: readFileSync(path, 'utf8').replace('# padding', '# changed'), mode: '0644' } },
      });
      expect(r.status).toBe(4);
      expect(r.stderr).toMatch(/cannot write the backup .*No space left on device.*left untouched/);
      expect(sha(path)).toBe(before);
      expect(readdirSync(dir)).toEqual(['fstab']);
    } finally {
      spawnSync('umount', [dir]);
      rmdirSync(dir);
    }
  });
});
