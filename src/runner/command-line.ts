/** Turn a probe command or step `run` into the one shell command line sent to the host. */
import type { ProbeCommand } from '../check-api.js';
import { quote } from '../shell/quote.js';

export function commandLine(run: ProbeCommand['run']): string {
  return Array.isArray(run) ? quote(run) : run.sh;
}
