/**
 * Stage 5, visibility: the uploaded bytes are where everyone else looks for them. The sftp server must hold
 * them at `serverPath` (else the chroot's floppy directory is not the bind mount of it), and every hypervisor
 * must see them at `clientPath` with the same sha256, readable by vdsm and read-writable by qemu. One exec per
 * host over its root connection, all hosts at once.
 */
import type { Config, HostTarget } from '../config/types.js';
import type { SmokeConnections } from './connections.js';
import { errorText, runScript, settleEach } from './remote.js';
import type { SmokeImage, SmokeState, StageOutcome } from './types.js';
import { parseVisibility, visibilityProblems, visibilityScript } from './visibility-script.js';

export interface VisibilityInput {
  config: Config;
  connections: SmokeConnections;
}

async function hostProblems(input: VisibilityInput, host: HostTarget, image: SmokeImage): Promise<string[]> {
  const { config } = input;
  const onSftp = host.role === 'sftp';
  const path = onSftp ? image.serverPath : image.clientPath;
  const root = await input.connections.rootTo(host);
  const r = await runScript(root, visibilityScript(path, !onSftp));
  if (r.exitCode !== 0) return [`the visibility script failed (exit ${r.exitCode ?? 'none'}): ${r.stderr.trim()}`];
  const context = onSftp
    ? {
        missingDir: `floppy.serverPath does not exist on the sftp server (sftp-floppy-dir)`,
        missingFile: `the upload into the chroot did not land in ${config.floppy.serverPath}: ${config.sftp?.chrootDir}/${config.sftp?.floppySubdir} is not the bind mount of it (sftp-bind-mount)`,
      }
    : {
        missingDir: `the shared floppy directory is not mounted on this hypervisor (hypervisor-floppy-mount)`,
        missingFile: `${config.floppy.clientPath} here is not the sftp server's ${config.floppy.serverPath} (hypervisor-floppy-mount, cross-floppy-mount-source)`,
      };
  return visibilityProblems(parseVisibility(r.stdout), { path, sha256: image.sha256, ...context });
}

export async function runVisibilityStage(input: VisibilityInput, state: SmokeState): Promise<StageOutcome> {
  const image = state.image;
  if (!image) return { status: 'failed', message: 'no image was uploaded' };
  const hypervisors = input.connections.hypervisors;
  if (hypervisors.length === 0) return { status: 'failed', message: 'no hypervisors are configured' };
  const server = input.connections.sftpServer;
  const hosts = [...(server ? [server] : []), ...hypervisors];
  const results = await settleEach(hosts, (h) => hostProblems(input, h, image));
  const problems = results.flatMap((r, i) => {
    const name = hosts[i]!.name;
    if (!r.ok) return [`${name}: ${errorText(r.error)}`];
    return r.value.map((p) => `${name}: ${p}`);
  });
  if (problems.length > 0)
    return { status: 'failed', message: problems[0]!, ...(problems.length > 1 ? { details: problems.slice(1) } : {}) };
  const names = hypervisors.map((h) => h.name).join(', ');
  return {
    status: 'ok',
    message: `${names} see ${image.clientPath} with the uploaded sha256 ${image.sha256.slice(0, 12)}… (as does ${server?.name ?? 'the sftp server'} at ${image.serverPath}); vdsm reads it, qemu reads and writes it`,
  };
}
