import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { unifiedDiff } from '../../../src/runner/unified-diff.js';

// The diff must be a real unified diff: `patch` applies it to the old text and gets the new one.
function applies(before: string, after: string): boolean {
  const dir = mkdtempSync(join(tmpdir(), 'of-diff-'));
  writeFileSync(join(dir, 'f'), before);
  const diff = unifiedDiff(before, after, 'f');
  const r = spawnSync('patch', ['-s', '-o', join(dir, 'out'), join(dir, 'f')], { input: diff });
  if (r.status !== 0) return false;
  return spawnSync('cmp', ['-s', join(dir, 'out'), '-'], { input: after }).status === 0;
}

const fstab = Array.from({ length: 20 }, (_, i) => `UUID=${i} /mnt/${i} ext4 defaults 0 2`).join('\n') + '\n';

describe('unifiedDiff', () => {
  it('is empty for equal texts', () => expect(unifiedDiff('a\n', 'a\n', 'f')).toBe(''));
  it('shows an appended line with context', () => {
    const after = `${fstab}/exports/iso/floppy /srv/floppy_chroot/floppy none bind 0 0\n`;
    const diff = unifiedDiff(fstab, after, '/etc/fstab');
    expect(diff).toContain('+/exports/iso/floppy /srv/floppy_chroot/floppy none bind 0 0');
    expect(diff.split('\n').filter((l) => l.startsWith('+') && !l.startsWith('+++'))).toHaveLength(1);
  });
  it.runIf(spawnSync('sh', ['-c', 'command -v patch']).status === 0)('produces hunks that patch(1) applies', () => {
    expect(applies(fstab, fstab.replace('/mnt/3 ', '/mnt/three ').replace('/mnt/15 ', '/mnt/fifteen ') + 'new\n')).toBe(true);
    expect(applies('', 'created\n')).toBe(true);
    expect(applies('a\nb\nc\n', 'c\n')).toBe(true);
  });
});
