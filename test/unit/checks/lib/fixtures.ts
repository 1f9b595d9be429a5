/** Captured probe outputs (test/fixtures/outputs/<check-id>/<case>.json) and an sftp-host context. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Check, CheckContext, HostFacts } from '../../../../src/check-api.js';
import type { CheckResult } from '../../../../src/result/model.js';
import { evaluateCheck } from '../../../../src/runner/evaluate.js';
import type { Config } from '../../../../src/config/types.js';
import type { FakeAnswer } from '../../../support/fake-transport.js';
import { makeContext, type DeepPartial } from '../../../support/check-harness.js';

const ROOT = fileURLToPath(new URL('../../../fixtures/outputs/', import.meta.url));

export type Answers = Record<string, FakeAnswer & { stdout: string; exitCode: number }>;

export function fixture(checkId: string, name: string): Answers {
  return JSON.parse(readFileSync(`${ROOT}${checkId}/${name}.json`, 'utf8')) as Answers;
}

export function fixtureText(checkId: string, file: string): string {
  return readFileSync(`${ROOT}${checkId}/${file}`, 'utf8');
}

export function sftpContext(
  overrides: { config?: DeepPartial<Config>; flags?: Record<string, boolean>; facts?: Partial<HostFacts> } = {},
): CheckContext<Config> {
  return makeContext({ host: { name: 'sftp', role: 'sftp', address: '127.0.1.20' }, ...overrides });
}

/** The runner's verdict before probing matters: appliesTo and dependsOn (`earlier`: statuses of earlier checks). */
export function preflight<O>(
  check: Check<O, Config>,
  ctx: CheckContext<Config>,
  earlier: Record<string, CheckResult['status']> = {},
): CheckResult {
  const results = new Map(Object.entries(earlier).map(([id, status]) => [id, { status, changes: [] } as unknown as CheckResult]));
  return evaluateCheck(check as unknown as Check<unknown, Config>, { ok: true, observed: {} }, ctx, results).result;
}
