/**
 * Run a command on a lab host as root with the real OpenSSH client, verifying the host key strictly against
 * the lab's known_hosts (what a careful user would do; DESIGN §5).
 */
import { assertLoopback } from './addresses.js';
import { labPaths } from './paths.js';
import { run, type RunResult } from './run.js';

export interface SshOptions {
  /** Sent to the remote command's stdin. */
  input?: string;
  /** Kill the client after this long (the result then has a non-zero code). @defaultValue 60000 */
  timeoutMs?: number;
  /** @defaultValue "root" */
  user?: string;
  /** @defaultValue `.lab/id_lab` */
  identityFile?: string;
  /** @defaultValue `.lab/known_hosts` (holds the default lab's and every running group's keys) */
  knownHostsFile?: string;
}

export function sshArgs(address: string, command: string, opts: SshOptions = {}): string[] {
  assertLoopback(address);
  return [
    '-F',
    '/dev/null', // no user or system ssh_config can change what the lab tests
    '-o',
    'BatchMode=yes',
    '-o',
    'StrictHostKeyChecking=yes',
    '-o',
    `UserKnownHostsFile=${opts.knownHostsFile ?? labPaths.knownHosts}`,
    '-o',
    'GlobalKnownHostsFile=/dev/null',
    '-o',
    'IdentitiesOnly=yes',
    '-o',
    'IdentityAgent=none',
    '-o',
    'ConnectTimeout=10',
    '-o',
    'LogLevel=ERROR',
    '-i',
    opts.identityFile ?? labPaths.idLab,
    '-l',
    opts.user ?? 'root',
    address,
    '--',
    command,
  ];
}

export function sshRoot(address: string, command: string, opts: SshOptions = {}): Promise<RunResult> {
  return run('ssh', sshArgs(address, command, opts), { input: opts.input, timeoutMs: opts.timeoutMs ?? 60_000 });
}
