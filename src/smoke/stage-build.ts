/**
 * Stage 2, build: a real image holding a test `Unattend.xml` (the file Windows Setup looks for at the root of
 * removable media, facts §7, §8.3) and a random marker — a 1.44 MB FAT12 floppy (src/image) or, where the smoke VM
 * gets a CD-ROM (payload-choice.ts), an ISO 9660 + Joliet image (src/iso) — under a name the property's regex
 * accepts (`floppy.propertyRegex` or `floppy.cdPropertyRegex`): otherwise the engine would refuse the VM's value
 * later, so say so now.
 */
import { createHash } from 'node:crypto';
import { posix } from 'node:path';
import type { Config } from '../config/types.js';
import { buildFloppyImage } from '../image/index.js';
import { buildIsoImage } from '../iso/build.js';
import { chooseImageName } from './image-name.js';
import type { DeviceChoice } from './payload-choice.js';
import type { SmokeState, StageOutcome } from './types.js';

/** An answer file with no settings: harmless if a real Windows VM reads it, and it says where it came from. */
export function testUnattendXml(marker: string): string {
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<!-- ovirt-floppy smoke test ${marker}: proves a private payload reaches the VM; it holds no settings. -->`,
    '<unattend xmlns="urn:schemas-microsoft-com:unattend">',
    '</unattend>',
    '',
  ].join('\r\n');
}

interface DeviceSpec {
  property: string;
  regex: string;
  regexKey: string;
  extensions: readonly string[];
  allow: string;
  words: string;
}

function deviceSpec(config: Config, device: DeviceChoice['device']): DeviceSpec {
  return device === 'cdrom'
    ? {
        property: config.floppy.cdProperty,
        regex: config.floppy.cdPropertyRegex,
        regexKey: 'floppy.cdPropertyRegex',
        extensions: ['iso'],
        allow: '<clientPath>/<name>.iso',
        words: 'ISO 9660 + Joliet',
      }
    : {
        property: 'floppy',
        regex: config.floppy.propertyRegex,
        regexKey: 'floppy.propertyRegex',
        extensions: ['vfd', 'img', 'flp'],
        allow: '<clientPath>/<name>.vfd',
        words: 'FAT12 floppy',
      };
}

export function runBuildStage(
  input: { config: Config; randomHex: (bytes: number) => string; now: Date; choice?: DeviceChoice },
  state: SmokeState,
): StageOutcome {
  const { config } = input;
  const sftp = config.sftp;
  if (!sftp) return { status: 'failed', message: 'no sftp server is configured: the image has nowhere to go' };
  const choice = input.choice ?? { device: 'floppy' as const, why: 'default' };
  const spec = deviceSpec(config, choice.device);
  const named = chooseImageName(input.randomHex(4), config.floppy.clientPath, spec.regex, spec.extensions);
  if (!named.ok) {
    return {
      status: 'failed',
      message: `${spec.regexKey} refuses ${named.clientPath}: the engine would reject it as a VM's ${spec.property} value; allow ${spec.allow} (the default regex does)`,
      details: [`regex: ${spec.regex}`, ...named.refused.map((p) => `refused: ${p}`)],
    };
  }
  const marker = input.randomHex(16);
  const files = [
    { name: 'Unattend.xml', data: Buffer.from(testUnattendXml(marker)) },
    { name: 'SMOKE.TXT', data: Buffer.from(`ovirt-floppy smoke test marker ${marker}\r\n`) },
  ];
  const data =
    choice.device === 'cdrom'
      ? buildIsoImage(files, { label: 'SMOKE', now: input.now }).image
      : buildFloppyImage(files, { label: 'SMOKE', now: input.now });
  const sha256 = createHash('sha256').update(data).digest('hex');
  state.image = {
    device: choice.device,
    property: spec.property,
    name: named.name,
    data,
    sha256,
    marker,
    uploadPath: posix.join('/', sftp.floppySubdir, named.name),
    serverPath: posix.join(config.floppy.serverPath, named.name),
    clientPath: named.clientPath,
  };
  return {
    status: 'ok',
    message: `${named.name}: ${spec.words} for ${spec.property} (${choice.why}), ${data.length} bytes, Unattend.xml + SMOKE.TXT (marker ${marker.slice(0, 8)}…), sha256 ${sha256.slice(0, 12)}…; the ${spec.property} regex accepts ${named.clientPath}`,
  };
}
