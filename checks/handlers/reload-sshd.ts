/**
 * Handler reload-sshd: validate the whole sshd configuration once more, then reload (not restart) sshd.
 *
 * Why: the candidate was validated before it replaced the live file, but the handler runs after every step of
 * the host, so `sshd -t` guards the final state; a failure stops here, before sshd ever reads a bad config
 * (DESIGN §3 "never leave a config that would stop sshd from starting"). Reload keeps open sessions, including
 * the one running this tool (facts §6.4). The unit is `ssh` on Debian, `sshd` on EL (host facts).
 */
import type { Handler, Step } from '../../src/check-api.js';
import type { Config } from '../../src/config/types.js';

export const reloadSshd: Handler<Config> = {
  name: 'reload-sshd',
  describe: 'validate the sshd configuration and reload sshd',
  plan: ({ facts }): Step[] => {
    return [
      // sshd -t prints its complaint on stderr, which the runner puts into the step's error.
      { describe: 'validate the sshd configuration (sshd -t)', run: { argv: [facts.sshdPath ?? 'sshd', '-t'] } },
      { describe: `reload ${facts.sshdService}`, run: { argv: ['systemctl', 'reload', facts.sshdService] } },
    ];
  },
};

export default reloadSshd;
