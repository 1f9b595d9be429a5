import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { defaultPropertyRegex } from '../../../src/config/property-regex.js';
import { IMAGE_BYTES } from '../../../src/image/index.js';
import { chooseImageName, propertyAccepts } from '../../../src/smoke/image-name.js';
import { runBuildStage, testUnattendXml } from '../../../src/smoke/stage-build.js';
import type { SmokeState } from '../../../src/smoke/types.js';
import { smokeConfig } from './support.js';

const CLIENT = '/rhev/data-center/mnt/127.0.1.20:_exports_iso/floppy';

describe('chooseImageName', () => {
  it('takes ovirt-floppy-smoke-<random>.vfd when the default regex accepts it', () => {
    const c = chooseImageName('0a1b2c3d', CLIENT, defaultPropertyRegex(CLIENT));
    expect(c).toEqual({
      ok: true,
      name: 'ovirt-floppy-smoke-0a1b2c3d.vfd',
      clientPath: `${CLIENT}/ovirt-floppy-smoke-0a1b2c3d.vfd`,
      refused: [],
    });
  });

  it('falls back to .img when the regex allows only that', () => {
    const c = chooseImageName('0a1b2c3d', CLIENT, `^${CLIENT.replace(/\./g, '\\.')}/[a-z0-9-]+\\.img$`);
    expect(c.ok).toBe(true);
    expect(c.name).toBe('ovirt-floppy-smoke-0a1b2c3d.img');
    expect(c.refused).toEqual([`${CLIENT}/ovirt-floppy-smoke-0a1b2c3d.vfd`]);
  });

  it('reports every refused candidate when the regex accepts none', () => {
    const c = chooseImageName('0a1b2c3d', CLIENT, '^/elsewhere/.*\\.vfd$');
    expect(c.ok).toBe(false);
    expect(c.refused).toHaveLength(3);
  });
});

describe('propertyAccepts', () => {
  it('matches the whole value like Java String.matches, anchors or not', () => {
    expect(propertyAccepts('/a/[a-z]+\\.vfd', '/a/x.vfd')).toBe(true);
    expect(propertyAccepts('/a/[a-z]+\\.vfd', '/a/x.vfd.bak')).toBe(false);
    expect(propertyAccepts('/a/[a-z]+\\.vfd', '/b/a/x.vfd')).toBe(false);
    expect(propertyAccepts('x|/a/.*', '/a/b')).toBe(true);
    expect(propertyAccepts('(', '(')).toBe(false);
  });
});

describe('build stage', () => {
  const hex = (n: number) => 'ab'.repeat(n);

  it('builds a 1.44 MB image with Unattend.xml and the marker, and records where it will live', () => {
    const state: SmokeState = {};
    const outcome = runBuildStage({ config: smokeConfig(), randomHex: hex, now: new Date('2025-01-02T03:04:05Z') }, state);
    expect(outcome.status).toBe('ok');
    const image = state.image!;
    expect(image.name).toBe('ovirt-floppy-smoke-abababab.vfd');
    expect(image.data.length).toBe(IMAGE_BYTES);
    expect(image.sha256).toBe(createHash('sha256').update(image.data).digest('hex'));
    expect(image.marker).toBe('ab'.repeat(16));
    // File contents sit in the data area as they are; the marker proves which run made the image.
    expect(image.data.includes(Buffer.from(testUnattendXml(image.marker)))).toBe(true);
    expect(image.data.includes(Buffer.from(`marker ${image.marker}`))).toBe(true);
    expect(image.data.includes(Buffer.from('UNATTEND'))).toBe(true);
    expect(image).toMatchObject({
      uploadPath: '/floppy/ovirt-floppy-smoke-abababab.vfd',
      serverPath: '/exports/iso/floppy/ovirt-floppy-smoke-abababab.vfd',
      clientPath: `${CLIENT}/ovirt-floppy-smoke-abababab.vfd`,
    });
    expect(outcome.message).toContain('the floppy regex accepts');
  });

  it('fails naming floppy.propertyRegex when the engine would refuse the path', () => {
    const state: SmokeState = {};
    const config = smokeConfig((c) => (c.floppy.propertyRegex = '^/srv/other/[a-z]+\\.vfd$'));
    const outcome = runBuildStage({ config, randomHex: hex, now: new Date() }, state);
    expect(outcome.status).toBe('failed');
    expect(outcome.message).toMatch(/^floppy\.propertyRegex refuses .*ovirt-floppy-smoke-abababab\.vfd/);
    expect(outcome.details?.[0]).toBe('regex: ^/srv/other/[a-z]+\\.vfd$');
    expect(state.image).toBeUndefined();
  });

  it('fails without an sftp server', () => {
    const outcome = runBuildStage({ config: smokeConfig((c) => delete c.sftp), randomHex: hex, now: new Date() }, {});
    expect(outcome).toMatchObject({ status: 'failed', message: expect.stringContaining('no sftp server') });
  });
});
