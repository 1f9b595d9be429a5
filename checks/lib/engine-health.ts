/**
 * The engine's health servlet (facts §1.6): 200 with "DB Up!Welcome to Health Status!", 500 when the database
 * query fails. Asked with curl on the manager itself, as the ovirt ansible role does after a restart.
 */
import { ParseError } from '../../src/errors.js';
import { quote, quoteArg } from '../../src/shell/quote.js';

/** Seconds one health request may take. */
export const HEALTH_REQUEST_TIMEOUT = 5;

export function healthArgv(url: string): string[] {
  return ['curl', '-sS', '-o', '/dev/null', '-w', '%{http_code}', '--max-time', String(HEALTH_REQUEST_TIMEOUT), url];
}

export type HealthObservation = { curl: 'missing' } | { curl: 'ran'; httpCode: number; curlExit: number };

// curl(1) EXIT CODES, the ones a health request meets.
const CURL_EXITS: Record<number, string> = {
  6: 'could not resolve the host',
  7: 'could not connect',
  28: 'timed out',
  35: 'TLS handshake failed',
  52: 'empty reply',
  56: 'connection reset',
};

export function parseHealth(stdout: string, exitCode: number): HealthObservation {
  if (exitCode === 127) return { curl: 'missing' };
  const m = /^(\d{3})$/.exec(stdout.trim());
  if (!m) throw new ParseError('curl -w %{http_code}', stdout, `exit ${exitCode}`);
  return { curl: 'ran', httpCode: Number(m[1]), curlExit: exitCode };
}

/** "answered 500" / "could not connect (curl exit 7)". */
export function describeHealth(h: Extract<HealthObservation, { curl: 'ran' }>): string {
  if (h.curlExit === 0) return `answered HTTP ${h.httpCode}`;
  return `${CURL_EXITS[h.curlExit] ?? 'failed'} (curl exit ${h.curlExit})`;
}

/**
 * A bounded wait for 200: poll every 3 s until `timeoutSeconds` have passed, then fail with the last answer on
 * stderr (the runner shows it in the failed step).
 */
export function waitForHealthScript(url: string, timeoutSeconds: number): { sh: string } {
  const curl = quote(healthArgv(url));
  const seconds = Math.max(1, Math.floor(timeoutSeconds));
  return {
    sh: [
      `end=$(( $(date +%s) + ${seconds} ))`,
      'while :; do',
      `  code=$(${curl} 2>/dev/null)`,
      '  [ "$code" = 200 ] && exit 0',
      '  if [ "$(date +%s)" -ge "$end" ]; then',
      `    printf 'engine health %s did not answer 200 within %s s (last answer: HTTP %s)\\n' ${quoteArg(url)} ${seconds} "\${code:-none}" >&2`,
      '    exit 1',
      '  fi',
      '  sleep 3',
      'done',
    ].join('\n'),
  };
}
