/**
 * A check that needs root, on a host whose probe did not run as root (a non-root login with `become: none`),
 * cannot be judged: what a non-root user sees of sshd -T, /etc/shadow or a 0770 directory is not the truth.
 * It was a quiet skip or a wrong verdict before (issue #13 item 7); now it is an error that names the login user,
 * so the run is incomplete (DESIGN §2: exit 3, Nagios CRITICAL) instead of passing with nothing checked.
 */
import type { Check, CheckContext } from '../check-api.js';

/** Why the check cannot be judged without root, or undefined when it can (root, or a check that needs none). */
export function rootMissing(check: Pick<Check, 'needsRoot'>, ctx: Pick<CheckContext<unknown>, 'facts' | 'login'>): string | undefined {
  if (check.needsRoot === false || ctx.facts.uid === 0) return undefined;
  const who = ctx.login ? `the login user ${ctx.login.user}` : 'the login user';
  const how = ctx.login ? `; become: ${ctx.login.become}` : '';
  return (
    `needs root: the probe ran as ${who} (uid ${ctx.facts.uid}${how}), which cannot see what this check judges; ` +
    'log in as root, or use become: sudo with passwordless sudo (NOPASSWD)'
  );
}
