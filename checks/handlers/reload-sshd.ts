/**
 * Handler reload-sshd: validate the whole sshd configuration once more, then reload (not restart) sshd.
 *
 * Why: the candidate was validated before it replaced the live file, but the handler runs after every step of
 * the host, so `sshd -t` guards the final state; a failure stops here, before sshd ever reads a bad config
 * (DESIGN §3 "never leave a config that would stop sshd from starting"). Reload keeps open sessions, including
 * the one running this tool (facts §6.4). The unit is `ssh` on Debian, `sshd` on EL (host facts).
 *
 * sshd killed between the write and the reload (issue #13): systemd refuses to reload an inactive unit, and its
 * words do not say what matters. So when the reload fails and the unit is not active, the first line (the one the
 * report shows) says that sshd is not running and that the written configuration is valid (sshd -t just passed)
 * but not active; systemd's own lines follow. The handler does NOT start sshd: a daemon that is down was stopped
 * by someone or crashed, and bringing it up is a decision about the host, not about our block. The tool's own
 * session survives (sshd's session processes outlive the listener, KillMode=process in ssh.service).
 */
import type { Handler, Step } from '../../src/check-api.js';
import type { Config } from '../../src/config/types.js';

/** `sh -c RELOAD sh UNIT`: systemctl's output is held back so our line comes first. */
export const RELOAD_SCRIPT = [
  'out=$(systemctl reload "$1" 2>&1) && exit 0',
  'rc=$?',
  'if ! systemctl is-active --quiet "$1"; then',
  '  echo "sshd is not running ($1.service is not active): the written configuration is valid (sshd -t) but not active; start it: systemctl start $1" >&2',
  'fi',
  `printf '%s\\n' "$out" >&2`,
  'exit "$rc"',
].join('\n');

export const reloadSshd: Handler<Config> = {
  name: 'reload-sshd',
  describe: 'validate the sshd configuration and reload sshd',
  plan: ({ facts }): Step[] => {
    return [
      // sshd -t prints its complaint on stderr, which the runner puts into the step's error.
      { describe: 'validate the sshd configuration (sshd -t)', run: { argv: [facts.sshdPath ?? 'sshd', '-t'] } },
      { describe: `reload ${facts.sshdService}`, run: { argv: ['sh', '-c', RELOAD_SCRIPT, 'sh', facts.sshdService] } },
    ];
  },
};

export default reloadSshd;
