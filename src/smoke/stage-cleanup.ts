/**
 * Stage 8, cleanup: the upload user deletes the image (it owns the floppy directory's write permission, so it
 * can, whoever owns the file after a VM ran: facts §5.2), and every hypervisor must no longer see it. Real
 * images hold domain-join secrets, so this also runs after any failure once something was uploaded; if the
 * upload user cannot delete it (its login is what broke), root on the sftp server removes it instead and the
 * stage says so. `--keep` skips the stage.
 */
import { posix } from 'node:path';
import { resolveSftp } from '../config/resolved.js';
import type { Config, HostTarget } from '../config/types.js';
import { quoteArg } from '../shell/quote.js';
import { uploadUserTarget } from '../config/resolve.js';
import type { SmokeConnections } from './connections.js';
import { errorText, runScript, settleEach } from './remote.js';
import type { SmokeImage, SmokeState, StageOutcome } from './types.js';

export interface CleanupInput {
  config: Config;
  connections: SmokeConnections;
  keep: boolean;
}

/** 'deleted', 'absent' (never created), or throws. A broken connection is replaced once. */
async function deleteAsUploadUser(input: CleanupInput, image: SmokeImage): Promise<'deleted' | 'absent'> {
  const target = uploadUserTarget(input.config);
  if (!target) throw new Error('sftp.uploadIdentityFile is not configured');
  const attempt = async (fresh: boolean) => {
    const client = await (await input.connections.uploadUser(target, fresh)).sftp();
    try {
      if (!(await client.stat(image.uploadPath))) return 'absent' as const;
      await client.unlink(image.uploadPath);
      return 'deleted' as const;
    } finally {
      await client.close().catch(() => {});
    }
  };
  try {
    return await attempt(false);
  } catch {
    return attempt(true);
  }
}

async function deleteAsRoot(input: CleanupInput, image: SmokeImage): Promise<void> {
  const server = input.connections.sftpServer;
  if (!server || !input.config.sftp) throw new Error('no sftp server configured');
  const inChroot = posix.join(resolveSftp(input.config).mountTarget, image.name);
  const r = await runScript(await input.connections.rootTo(server), [`rm -f -- ${quoteArg(inChroot)} ${quoteArg(image.serverPath)}`]);
  if (r.exitCode !== 0) throw new Error(`rm exited ${r.exitCode ?? 'without a status'}: ${r.stderr.trim()}`);
}

async function stillThere(input: CleanupInput, host: HostTarget, path: string): Promise<boolean> {
  const f = quoteArg(path);
  // List the directory first so an NFS client revalidates its cached view (see visibility-script.ts).
  const r = await runScript(await input.connections.rootTo(host), [
    `ls -a -- ${quoteArg(posix.dirname(path))} >/dev/null 2>&1`,
    `if [ -e ${f} ]; then echo present; else echo gone; fi`,
  ]);
  return /^present$/m.test(r.stdout);
}

export async function runCleanupStage(input: CleanupInput, state: SmokeState): Promise<StageOutcome> {
  const image = state.image;
  if (!image || !state.uploadStarted) return { status: 'skipped', message: 'nothing was uploaded' };
  if (input.keep)
    return { status: 'skipped', message: `--keep: ${image.clientPath} stays (delete it when done: real images hold secrets)` };
  const user = input.config.sftp?.uploadUser ?? 'the upload user';
  let how: string;
  let failedAsUser: string | undefined;
  try {
    how = (await deleteAsUploadUser(input, image)) === 'deleted' ? `deleted as ${user}` : 'was never created';
  } catch (error) {
    failedAsUser = `${user} could not delete ${image.uploadPath}: ${errorText(error)}`;
    try {
      await deleteAsRoot(input, image);
      how = 'removed as root on the sftp server instead';
    } catch (rootError) {
      return {
        status: 'failed',
        message: `${failedAsUser}; as root neither: ${errorText(rootError)} — delete ${image.serverPath} by hand`,
      };
    }
  }
  const hosts = input.connections.hypervisors;
  const seen = await settleEach(hosts, (h) => stillThere(input, h, image.clientPath));
  const lingering = seen.flatMap((r, i) =>
    r.ok && !r.value ? [] : [`${hosts[i]!.name}${r.ok ? ' still sees it' : `: ${errorText(r.error)}`}`],
  );
  if (failedAsUser) return { status: 'failed', message: `${failedAsUser}; ${how}`, ...(lingering.length ? { details: lingering } : {}) };
  if (lingering.length > 0) return { status: 'failed', message: `${image.name} ${how}, but ${lingering.join('; ')}` };
  return { status: 'ok', message: `${image.name} ${how}; gone on ${hosts.map((h) => h.name).join(', ') || 'no hypervisor'}` };
}
