/** Run one planned step on a host; a non-zero exit becomes a RemoteCommandError naming the step. */
import type { Step } from '../check-api.js';
import { RemoteCommandError } from '../errors.js';
import type { Transport } from '../ssh/transport.js';
import { compileStep } from './step-command.js';

export async function executeStep(transport: Transport, step: Step, options: { now: Date; defaultTimeoutMs: number }): Promise<void> {
  const compiled = compileStep(step, options.now);
  const r = await transport.exec(compiled.command, {
    stdin: compiled.stdin,
    privileged: true,
    timeoutMs: step.timeout ? step.timeout * 1000 : options.defaultTimeoutMs,
  });
  if (r.exitCode !== 0) throw new RemoteCommandError(transport.target.name, step.describe, r.exitCode, r.signal, r.stderr || r.stdout);
}
