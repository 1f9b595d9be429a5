/**
 * Stage 2, build: a real 1.44 MB FAT12 image (src/image) holding a test `Unattend.xml` (the file Windows Setup
 * looks for at the root of removable media, facts §7) and a random marker, under a name the configured
 * `floppy.propertyRegex` accepts — otherwise the engine would refuse the VM's `floppy` value later, so say so
 * now.
 */
import { createHash } from 'node:crypto';
import { posix } from 'node:path';
import type { Config } from '../config/types.js';
import { buildFloppyImage } from '../image/index.js';
import { chooseImageName } from './image-name.js';
import type { SmokeState, StageOutcome } from './types.js';

/** An answer file with no settings: harmless if a real Windows VM reads it, and it says where it came from. */
export function testUnattendXml(marker: string): string {
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<!-- ovirt-floppy smoke test ${marker}: proves a floppy payload reaches the VM; it holds no settings. -->`,
    '<unattend xmlns="urn:schemas-microsoft-com:unattend">',
    '</unattend>',
    '',
  ].join('\r\n');
}

export function runBuildStage(input: { config: Config; randomHex: (bytes: number) => string; now: Date }, state: SmokeState): StageOutcome {
  const { config } = input;
  const sftp = config.sftp;
  if (!sftp) return { status: 'failed', message: 'no sftp server is configured: the image has nowhere to go' };
  const choice = chooseImageName(input.randomHex(4), config.floppy.clientPath, config.floppy.propertyRegex);
  if (!choice.ok) {
    return {
      status: 'failed',
      message: `floppy.propertyRegex refuses ${choice.clientPath}: the engine would reject it as a VM's floppy value; allow <clientPath>/<name>.vfd (the default regex does)`,
      details: [`regex: ${config.floppy.propertyRegex}`, ...choice.refused.map((p) => `refused: ${p}`)],
    };
  }
  const marker = input.randomHex(16);
  const data = buildFloppyImage(
    [
      { name: 'Unattend.xml', data: Buffer.from(testUnattendXml(marker)) },
      { name: 'SMOKE.TXT', data: Buffer.from(`ovirt-floppy smoke test marker ${marker}\r\n`) },
    ],
    { label: 'SMOKE', now: input.now },
  );
  const sha256 = createHash('sha256').update(data).digest('hex');
  state.image = {
    name: choice.name,
    data,
    sha256,
    marker,
    uploadPath: posix.join('/', sftp.floppySubdir, choice.name),
    serverPath: posix.join(config.floppy.serverPath, choice.name),
    clientPath: choice.clientPath,
  };
  return {
    status: 'ok',
    message: `${choice.name}: ${data.length} bytes, Unattend.xml + SMOKE.TXT (marker ${marker.slice(0, 8)}…), sha256 ${sha256.slice(0, 12)}…; the floppy regex accepts ${choice.clientPath}`,
  };
}
