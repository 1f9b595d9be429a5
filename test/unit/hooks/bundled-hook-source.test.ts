/**
 * checks/lib/bundled-hook-source.ts is generated from hooks/*.py (checks are pure and cannot read the packaged
 * files, so the hook text travels inside the code). This test regenerates it and compares byte for byte; after
 * changing a hook run `npx vitest run test/unit/hooks/bundled-hook-source.test.ts -u` to rewrite the module.
 */
import { readFileSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BUNDLED_HOOK_SOURCES } from '../../../checks/lib/bundled-hook-source.js';

const EVENTS = ['before_vm_start', 'before_vm_migrate_source'] as const;
const hookFile = (event: string) => new URL(`../../../hooks/${event}.py`, import.meta.url);

/** The module text: one JSON string per line, so a change to a hook shows as a readable diff. */
function generatedModule(): string {
  const out = [
    '/**',
    ' * GENERATED from hooks/before_vm_start.py and hooks/before_vm_migrate_source.py: do not edit by hand.',
    ' * test/unit/hooks/bundled-hook-source.test.ts keeps it equal to them; after changing a hook run',
    ' * `npx vitest run test/unit/hooks/bundled-hook-source.test.ts -u`.',
    ' */',
    'export const BUNDLED_HOOK_SOURCES = {',
  ];
  for (const event of EVENTS) {
    out.push(`  ${event}: [`);
    for (const line of readFileSync(hookFile(event), 'utf8').split('\n')) out.push(`    ${JSON.stringify(line)},`);
    out.push("  ].join('\\n'),");
  }
  out.push('} as const;', '');
  return out.join('\n');
}

describe('bundled hook sources', () => {
  it('checks/lib/bundled-hook-source.ts is generated from hooks/*.py', async () => {
    await expect(generatedModule()).toMatchFileSnapshot('../../../checks/lib/bundled-hook-source.ts');
  });

  it.each(EVENTS)('%s: the embedded text equals the packaged file byte for byte', (event) => {
    expect(BUNDLED_HOOK_SOURCES[event]).toBe(readFileSync(hookFile(event), 'utf8'));
  });

  it.each(EVENTS)('%s: the packaged file is an executable python3 script (for a manual install)', (event) => {
    expect(readFileSync(hookFile(event), 'utf8').split('\n')[0]).toBe('#!/usr/bin/python3');
    expect(statSync(hookFile(event)).mode & 0o111).toBe(0o111);
  });
});
