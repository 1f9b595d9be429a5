/**
 * The command line actually sent for one exec. Privileged commands of a non-root login with `become: sudo` run
 * as `sudo -n sh -c <command>`: `-n` makes a password prompt fail at once instead of hanging (DESIGN §3), and
 * `sh -c` gives sudo one argv word however complex the command line is; quote() builds that word.
 */
import type { HostTarget } from '../config/types.js';
import { quote } from '../shell/quote.js';

export function needsSudo(target: Pick<HostTarget, 'user' | 'become'>, privileged: boolean): boolean {
  return privileged && target.become === 'sudo' && target.user !== 'root';
}

/** `command` as given, or wrapped in `sudo -n sh -c …` when needsSudo(). */
export function buildRemoteCommand(command: string, target: Pick<HostTarget, 'user' | 'become'>, privileged = true): string {
  return needsSudo(target, privileged) ? quote(['sudo', '-n', 'sh', '-c', command]) : command;
}
