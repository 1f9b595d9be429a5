/**
 * Shell fragments the fault tests run as root on a lab host to set their scene up (callers join them with ' && ').
 * One copy each, so that every test's upload user and systemctl wrapper are made the same way.
 */
import { readFileSync } from 'node:fs';
import { quoteArg } from '../../src/shell/quote.js';
import { labPaths } from '../lab/api.js';

/** A shell-less upload user with the lab's upload key, as an admin or an earlier run left it; `-G groups` optional. */
export function uploadUserCommands(user: string, groups?: string): string[] {
  const pub = readFileSync(`${labPaths.dir}/id_upload.pub`, 'utf8').trim();
  const [u, ssh, keys] = [user, `/home/${user}/.ssh`, `/home/${user}/.ssh/authorized_keys`].map(quoteArg);
  return [
    `useradd -m -s /usr/sbin/nologin${groups ? ` -G ${quoteArg(groups)}` : ''} ${u}`,
    `install -d -m 0700 -o ${u} -g ${u} ${ssh}`,
    `printf '%s\\n' ${quoteArg(pub)} > ${keys}`,
    `chown ${u}: ${keys} && chmod 0600 ${keys}`,
  ];
}

/** /usr/bin/systemctl replaced by `script`, which hands what it does not fake to /usr/bin/systemctl.real. */
export function systemctlWrapperCommands(script: string): string[] {
  return [
    'mv /usr/bin/systemctl /usr/bin/systemctl.real',
    `printf '%s\\n' ${quoteArg(script)} > /usr/bin/systemctl && chmod 0755 /usr/bin/systemctl`,
  ];
}
