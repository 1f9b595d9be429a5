/** Client key pairs the lab hands out: `.lab/id_lab` (root on every host) and `.lab/id_upload` (sftp user). */
import fs from 'node:fs/promises';
import { runOk } from './run.js';

/** Create an unencrypted ed25519 key pair at `file`/`file.pub` unless both exist; returns the public line. */
export async function ensureKeyPair(file: string, comment: string): Promise<string> {
  const havePair = await Promise.all([fs.access(file), fs.access(`${file}.pub`)]).then(
    () => true,
    () => false,
  );
  if (!havePair) {
    await fs.rm(file, { force: true });
    await fs.rm(`${file}.pub`, { force: true });
    await runOk('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', comment, '-f', file]);
  }
  return (await fs.readFile(`${file}.pub`, 'utf8')).trim();
}
