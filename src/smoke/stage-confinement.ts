/**
 * Stage 4, confinement: what the upload user must NOT be able to do, tried for real on its own connection
 * (conventions §6 "Smoke test for the sftp piece"; lab notes §3 record what OpenSSH answers):
 * - a shell command: ForceCommand internal-sftp turns every exec into sftp ("This service allows sftp
 *   connections only.", exit 1);
 * - a write at the chroot root, which is root-owned (sftp status 3, Permission denied);
 * - leaving the chroot with `..`: `/..` resolves to `/`, and `/` holds only the floppy directory;
 * - a TCP forward (DisableForwarding / AllowTcpForwarding no: "administratively prohibited").
 * Every refusal is checked; the stage fails on the first thing that is allowed and names it.
 */
import type { Config } from '../config/types.js';
import type { SftpClient, Transport } from '../ssh/transport.js';
import { uploadUserTarget } from '../config/resolve.js';
import type { SmokeConnections } from './connections.js';
import { errorText, lastLine } from './remote.js';
import type { StageOutcome } from './types.js';

export interface ConfinementInput {
  config: Config;
  connections: SmokeConnections;
  randomHex(bytes: number): string;
}

/** Each probe returns undefined when the user was refused (with a note of how), or the escape it found. */
interface ProbeResult {
  escaped?: string;
  refused?: string;
}

async function probeExec(transport: Transport): Promise<ProbeResult> {
  const r = await transport.exec('id', { privileged: false });
  const said = lastLine(`${r.stdout}\n${r.stderr}`);
  if (r.exitCode === 0)
    return {
      escaped: `the upload user can run commands: \`id\` exited 0 (${said}); ForceCommand internal-sftp is not in effect (sftp-sshd-chroot)`,
    };
  return { refused: `shell exec refused (exit ${r.exitCode ?? 'none'}${said ? `: ${said}` : ''})` };
}

async function probeRootWrite(client: SftpClient, name: string): Promise<ProbeResult> {
  const path = `/${name}`;
  try {
    await client.put(Buffer.from('ovirt-floppy smoke: this write must be refused\n'), path);
  } catch (error) {
    return { refused: `write at the chroot root refused (${lastLine(errorText(error)).replace(/^.*failed: /, '')})` };
  }
  await client.unlink(path).catch(() => {});
  return {
    escaped: `the upload user could write ${path} at the chroot root: the chroot directory must be root-owned and not writable by the user (sftp-chroot-path)`,
  };
}

async function probeDotDot(client: SftpClient, floppySubdir: string): Promise<ProbeResult> {
  const up = await client.realpath('/..');
  // Spelled out, not path.join: join would resolve the `..` here instead of asking the server.
  const upFromFloppy = await client.realpath(`/${floppySubdir}/../..`);
  if (up !== '/' || upFromFloppy !== '/')
    return { escaped: `".." leaves the chroot: /.. is ${up}, /${floppySubdir}/../.. is ${upFromFloppy}` };
  const names = (await client.readdir('/'))
    .map((e) => e.name)
    .filter((n) => n !== '.' && n !== '..')
    .sort();
  if (names.length !== 1 || names[0] !== floppySubdir) {
    return {
      escaped: `the upload user's / lists ${names.join(', ') || 'nothing'}, not just ${floppySubdir}: it is not chrooted into the floppy chroot (sftp-sshd-chroot)`,
    };
  }
  return { refused: `"/.." is "/", and / holds only ${floppySubdir}` };
}

async function probeForward(transport: Transport, host: string, port: number): Promise<ProbeResult> {
  if (!transport.forwardOut) return { refused: 'port forwarding not tried (transport cannot ask)' };
  try {
    // To the sftp server's own sshd, which certainly listens: if forwarding were allowed this would open.
    await transport.forwardOut(host, port);
  } catch (error) {
    return { refused: `port forwarding refused (${lastLine(errorText(error)).replace(/^.*: \(SSH\) /, '')})` };
  }
  return { escaped: `the upload user can open TCP forwards (to ${host}:${port}): set DisableForwarding yes (sftp-sshd-chroot)` };
}

export async function runConfinementStage(input: ConfinementInput): Promise<StageOutcome> {
  const target = uploadUserTarget(input.config);
  const sftp = input.config.sftp;
  if (!target || !sftp) return { status: 'failed', message: 'no upload user connection (sftp or sftp.uploadIdentityFile not configured)' };
  const transport = await input.connections.uploadUser(target);
  const client = await transport.sftp();
  const results: ProbeResult[] = [];
  try {
    results.push(await probeExec(transport));
    results.push(await probeRootWrite(client, `ovirt-floppy-smoke-${input.randomHex(4)}.probe`));
    results.push(await probeDotDot(client, sftp.floppySubdir));
    results.push(await probeForward(transport, target.host, target.port));
  } finally {
    await client.close().catch(() => {});
  }
  const escapes = results.flatMap((r) => (r.escaped ? [r.escaped] : []));
  const refusals = results.flatMap((r) => (r.refused ? [r.refused] : []));
  if (escapes.length > 0) return { status: 'failed', message: escapes[0]!, details: [...escapes.slice(1), ...refusals] };
  return { status: 'ok', message: `${sftp.uploadUser} is confined: ${refusals.join('; ')}` };
}
