import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/errors.js';
import { buildFloppyImage } from '../../../src/image/build.js';
import { formatProblems, planFloppyLayout } from '../../../src/image/plan.js';

const sized = (name: string, size = 1) => ({ name, size });

describe('planFloppyLayout', () => {
  it('lays files out in contiguous clusters from 2, empty files at cluster 0', () => {
    const r = planFloppyLayout([sized('A.TXT', 1), sized('b.txt', 0), sized('C.TXT', 513), sized('D.TXT', 512)], {
      label: 'x',
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.plan.files.map((f) => [f.firstCluster, f.clusters, f.hasLongName])).toEqual([
      [2, 1, false],
      [0, 0, true],
      [3, 2, false],
      [5, 1, false],
    ]);
    expect(r.plan).toMatchObject({ label: 'X          ', rootEntries: 1 + 4 + 1, clustersUsed: 4 });
  });

  it('reports every problem at once', () => {
    const r = planFloppyLayout(
      [
        sized('Unattend.xml'),
        sized('UNATTEND.XML'),
        sized('sub/dir.xml'),
        sized('what?.xml'),
        sized('big.bin', 1_457_664),
        { name: 'gone.xml', size: undefined, source: './in/gone.xml' },
      ],
      { label: 'much too long label' },
    );
    expect(r.ok).toBe(false);
    const text = r.ok ? '' : r.problems.join('\n');
    expect(text).toMatch(/label "much too long label": is 19 characters long/);
    expect(text).toMatch(/"sub\/dir.xml": contains a directory separator/);
    expect(text).toMatch(/"what\?.xml": contains '\?'/);
    expect(text).toMatch(/duplicate name \(FAT compares names case-insensitively\): "Unattend.xml", "UNATTEND.XML"/);
    expect(text).toMatch(/total size: 2,048 bytes over/);
  });

  it('counts long-name entries and the label against the 224 root entries', () => {
    const names = Array.from({ length: 112 }, (_, i) => sized(`f${i}.txt`)); // 2 entries each
    expect(planFloppyLayout(names).ok).toBe(true);
    const r = planFloppyLayout(names, { label: 'L' });
    expect(r.ok ? [] : r.problems).toEqual([
      'root directory: 112 files need 225 directory entries (112 short + 112 long-name + 1 volume label); a 1.44 MB ' +
        "floppy's root directory holds 224: 1 too many. Use fewer files or names that are valid uppercase 8.3 names " +
        '(they need no long-name entries)',
    ]);
    // Uppercase 8.3 names need one entry each: 224 of them fit exactly.
    expect(planFloppyLayout(Array.from({ length: 224 }, (_, i) => sized(`F${i}.TXT`))).ok).toBe(true);
    expect(planFloppyLayout(Array.from({ length: 225 }, (_, i) => sized(`F${i}.TXT`))).ok).toBe(false);
  });

  it('names the source of a file when it differs from its name', () => {
    const r = planFloppyLayout([
      { name: 'a.xml', size: 1, source: '/x/a.xml' },
      { name: 'A.XML', size: 1, source: '/y/A.XML' },
    ]);
    expect(r.ok ? '' : r.problems[0]).toBe(
      'duplicate name (FAT compares names case-insensitively): "a.xml" (from /x/a.xml), "A.XML" (from /y/A.XML)',
    );
  });
});

describe('buildFloppyImage errors', () => {
  it('throws one UsageError (exit 2) whose message lists every problem', () => {
    let err: unknown;
    try {
      buildFloppyImage(
        [
          { name: 'a.xml', data: Buffer.alloc(1) },
          { name: 'A.xml', data: Buffer.alloc(1) },
          { name: 'x|y', data: Buffer.alloc(1) },
        ],
        { label: 'a*b', serial: 2 ** 32 },
      );
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(UsageError);
    expect((err as UsageError).exitCode).toBe(2);
    const msg = (err as Error).message;
    expect(msg.split('\n')[0]).toBe('cannot build the floppy image (4 problems):');
    expect(msg).toMatch(/option serial: 4294967296 is not a 32-bit unsigned integer/);
    expect(msg).toMatch(/label "a\*b": contains '\*'/);
    expect(msg).toMatch(/"x\|y": contains '\|'/);
    expect(msg).toMatch(/duplicate name/);
  });

  it('is deterministic given now and serial', () => {
    const files = [{ name: 'Unattend.xml', data: Buffer.from('x') }];
    const opts = { now: new Date(2024, 1, 2, 3, 4, 5), serial: 42, label: 'A' };
    expect(buildFloppyImage(files, opts).equals(buildFloppyImage(files, opts))).toBe(true);
  });
});

describe('formatProblems', () => {
  it('singular and plural headline', () => {
    expect(formatProblems(['x'])).toBe('cannot build the floppy image (1 problem):\n  - x');
    expect(formatProblems(['x', 'y'])).toBe('cannot build the floppy image (2 problems):\n  - x\n  - y');
  });
});
