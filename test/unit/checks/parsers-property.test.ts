/**
 * Every probe parser of every check, on random and mutated captured outputs (issue #13): the parser returns a
 * value or throws a ParseError — never another error (a TypeError would turn a garbled host answer into a crash
 * message instead of "could not parse X"), and never hangs (each run is timed by vitest; the inputs are bounded).
 * Seeds are the captured real outputs under test/fixtures/outputs/<check-id>/; mutations cut, duplicate, swap,
 * flip bytes (Latin-1 included) and drop lines, with any exit code.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { registry } from '../../../checks/index.js';
import type { ProbeCommand, Role } from '../../../src/check-api.js';
import { ParseError } from '../../../src/errors.js';
import { makeContext } from '../../support/check-harness.js';

const OUTPUTS = join(import.meta.dirname, '../../fixtures/outputs');

function capturedOutputs(checkId: string, key: string): string[] {
  let files: string[];
  try {
    files = readdirSync(join(OUTPUTS, checkId)).filter((f) => f.endsWith('.json'));
  } catch {
    return [];
  }
  return files.flatMap((f) => {
    const answers = JSON.parse(readFileSync(join(OUTPUTS, checkId, f), 'utf8')) as Record<string, { stdout?: string }>;
    const out = answers[key]?.stdout;
    return typeof out === 'string' ? [out] : [];
  });
}

/** A mutation of a captured output: what a truncated, garbled or localised answer looks like. */
function mutated(seeds: string[]): fc.Arbitrary<string> {
  if (seeds.length === 0) return fc.string({ maxLength: 200 });
  const seed = fc.constantFrom(...seeds);
  const lines = (s: string) => s.split('\n');
  return fc.oneof(
    fc.tuple(seed, fc.nat()).map(([s, n]) => s.slice(0, n % (s.length + 1))),
    fc.tuple(seed, fc.nat(), fc.integer({ min: 0, max: 255 })).map(([s, n, b]) => {
      const i = n % (s.length + 1);
      return `${s.slice(0, i)}${String.fromCharCode(b)}${s.slice(i + 1)}`;
    }),
    fc.tuple(seed, fc.nat()).map(([s, n]) =>
      lines(s)
        .filter((_, i) => i !== n % Math.max(1, lines(s).length))
        .join('\n'),
    ),
    fc.tuple(seed, fc.nat()).map(([s, n]) => {
      const l = lines(s);
      const i = n % Math.max(1, l.length);
      return [...l.slice(0, i + 1), l[i] ?? '', ...l.slice(i + 1)].join('\n');
    }),
    fc.tuple(seed, fc.string({ maxLength: 40 })).map(([s, junk]) =>
      lines(s)
        .map((l, i) => (i % 3 === 1 ? `${junk}${l}` : l))
        .join('\n'),
    ),
    seed.map((s) => s.replace(/[0-9]/g, 'x')),
    seed.map((s) => s.replace(/ /g, '\t')),
    fc.string({ maxLength: 300, unit: 'binary' }),
  );
}

const ROLE_HOST: Record<Role, { name: string; role: Role; address: string }> = {
  manager: { name: 'mgr', role: 'manager', address: '127.0.1.10' },
  hypervisor: { name: 'hv1', role: 'hypervisor', address: '127.0.1.11' },
  sftp: { name: 'sftp', role: 'sftp', address: '127.0.1.20' },
};

const parsers: { name: string; cmd: ProbeCommand; seeds: string[] }[] = [];
for (const check of [...registry.checks, ...registry.crossHostChecks]) {
  const ctx = makeContext({ host: ROLE_HOST[check.roles[0]!] });
  const probe = check.probe({ config: ctx.config, host: ctx.host, flags: {} }) as Record<string, ProbeCommand>;
  for (const [key, cmd] of Object.entries(probe)) parsers.push({ name: `${check.id}/${key}`, cmd, seeds: capturedOutputs(check.id, key) });
}

describe('every probe parser: a value or a ParseError', () => {
  it('found the parsers', () => {
    expect(parsers.length).toBeGreaterThan(25);
  });

  for (const { name, cmd, seeds } of parsers) {
    it(`${name} (${seeds.length} captured seeds)`, () => {
      fc.assert(
        fc.property(mutated(seeds), fc.integer({ min: -1, max: 255 }), (stdout, exitCode) => {
          try {
            cmd.parse(stdout, exitCode);
          } catch (error) {
            if (!(error instanceof ParseError))
              throw new Error(`${name} threw ${(error as Error)?.constructor?.name}: ${(error as Error)?.message}`);
          }
        }),
        { numRuns: 150 },
      );
    });
  }
});
