/** Answer the runner's host-facts commands on a FakeTransport from a captured fixture. */
import { readFileSync } from 'node:fs';
import { FACT_COMMANDS } from '../../src/runner/host-facts.js';
import type { ProbeOutput } from '../../src/runner/probe-script.js';
import type { FakeTransport } from './fake-transport.js';

export function loadFactsFixture(name: string): Record<string, ProbeOutput> {
  return JSON.parse(readFileSync(new URL(`../fixtures/outputs/host-facts/${name}.json`, import.meta.url), 'utf8')) as Record<
    string,
    ProbeOutput
  >;
}

export function answerFacts(transport: FakeTransport, fixture = 'debian12-machine'): FakeTransport {
  const outputs = loadFactsFixture(fixture);
  for (const { key, command } of FACT_COMMANDS) {
    const out = outputs[key];
    if (!out) throw new Error(`fixture ${fixture} has no ${key}`);
    transport.answer(command, { stdout: out.stdout, exitCode: out.exitCode });
  }
  return transport;
}
