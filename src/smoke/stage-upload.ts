/**
 * Stage 3, upload: as the upload user, with that user's own key, over sftp into the chroot's floppy directory,
 * mode 0666 set explicitly with chmod (internal-sftp's `-u` umask would otherwise decide; virtesk uses 0666,
 * facts §5.2). A failure is explained from the server side when it can be (upload-diagnosis.ts).
 */
import { resolveSftp } from '../config/resolved.js';
import type { Config } from '../config/types.js';
import { ConnectError } from '../errors.js';
import type { SftpClient } from '../ssh/transport.js';
import { uploadUserTarget } from '../config/resolve.js';
import type { SmokeConnections } from './connections.js';
import { errorText, runScript } from './remote.js';
import type { SmokeImage, SmokeState, StageOutcome } from './types.js';
import { parseUploadDiagnosis, uploadDiagnosisScript } from './upload-diagnosis.js';

export interface UploadInput {
  config: Config;
  connections: SmokeConnections;
}

type UploadStep = 'login' | 'session' | 'write';

/** The server-side view of a failed upload: findings, or a note that it could not be asked. */
async function diagnose(input: UploadInput): Promise<string[]> {
  const { config, connections } = input;
  const server = connections.sftpServer;
  if (!server || !config.sftp) return [];
  try {
    const root = await connections.rootTo(server);
    const sftp = resolveSftp(config);
    const r = await runScript(root, uploadDiagnosisScript(sftp));
    return parseUploadDiagnosis(r.stdout, sftp);
  } catch (error) {
    return [`(could not ask ${server.name} why: ${errorText(error)})`];
  }
}

interface Who {
  user: string;
  host: string;
  keyFile: string;
  path: string;
}

function stepMessage(step: UploadStep, error: unknown, { user, host, keyFile, path }: Who): string {
  if (step === 'login' && error instanceof ConnectError && error.reason === 'auth') {
    return `${host} refused the upload user ${user}'s key ${keyFile}: is its public key in ~${user}/.ssh/authorized_keys? (sftp-authorized-keys)`;
  }
  if (step === 'login') return `cannot log in to ${host} as ${user}: ${errorText(error)}`;
  if (step === 'session') return `${host} closed ${user}'s sftp session (sshd ends a session whose chroot it refuses): ${errorText(error)}`;
  return `cannot write ${path} as ${user} on ${host}: ${errorText(error)}`;
}

async function failure(input: UploadInput, image: SmokeImage, step: UploadStep, error: unknown): Promise<StageOutcome> {
  const sftp = input.config.sftp!;
  const base = stepMessage(step, error, {
    user: sftp.uploadUser,
    host: sftp.name,
    keyFile: sftp.uploadIdentityFile ?? '',
    path: image.uploadPath,
  });
  // A refused key is about the key alone; anything later may be the chroot or the bind mount.
  const isAuth = step === 'login' && error instanceof ConnectError && error.reason === 'auth';
  const findings = isAuth ? [] : await diagnose(input);
  const named = findings.filter((f) => !f.startsWith('('));
  const notes = findings.filter((f) => f.startsWith('('));
  if (named.length === 0) return { status: 'failed', message: base, ...(notes.length ? { details: notes } : {}) };
  return { status: 'failed', message: `${named[0]} (${base})`, details: [...named.slice(1), ...notes] };
}

async function writeImage(client: SftpClient, image: SmokeImage): Promise<string | undefined> {
  await client.put(image.data, image.uploadPath, 0o666);
  const stat = await client.stat(image.uploadPath);
  if (!stat) return `${image.uploadPath} is not there after the write`;
  if (stat.size !== image.data.length) return `${image.uploadPath} has ${stat.size} bytes after the write, not ${image.data.length}`;
  const mode = stat.mode & 0o7777;
  if (mode !== 0o666) return `${image.uploadPath} has mode 0${mode.toString(8)} after chmod 0666`;
  return undefined;
}

export async function runUploadStage(input: UploadInput, state: SmokeState): Promise<StageOutcome> {
  const image = state.image;
  const sftp = input.config.sftp;
  const target = uploadUserTarget(input.config);
  if (!image || !sftp) return { status: 'failed', message: 'no image was built' };
  if (!target) {
    return {
      status: 'failed',
      message: "sftp.uploadIdentityFile is not configured: smoke uploads as the upload user, with that user's own private key",
    };
  }
  let step: UploadStep = 'login';
  try {
    const transport = await input.connections.uploadUser(target);
    step = 'session';
    const client = await transport.sftp();
    step = 'write';
    try {
      state.uploadStarted = true;
      const wrong = await writeImage(client, image);
      if (wrong) return { status: 'failed', message: wrong };
    } finally {
      await client.close().catch(() => {});
    }
  } catch (error) {
    return failure(input, image, step, error);
  }
  return {
    status: 'ok',
    message: `${image.name} written as ${sftp.uploadUser} (own key only) to ${sftp.name}:${image.uploadPath}, ${image.data.length} bytes, mode 0666`,
  };
}
