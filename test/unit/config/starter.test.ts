/** The `init` starter file: valid as written, valid with its optional sections uncommented, and explained. */
import { describe, expect, it } from 'vitest';
import { parseConfig, starterConfigYaml } from '../../../src/config/index.js';

/** Uncomment the YAML lines of the optional sections ("# x" → "x"), keeping explanations ("## ...") as comments. */
function uncommentOptional(text: string): string {
  const start = text.indexOf('# engineApi:');
  expect(start).toBeGreaterThan(0);
  return (
    text.slice(0, start) +
    text
      .slice(start)
      .replace(/^# (?!#)/gm, '')
      .replace(/^##/gm, '#')
  );
}

describe('starterConfigYaml', () => {
  it('validates as written, with no warnings', () => {
    const { config, warnings } = parseConfig(starterConfigYaml(), { file: 'ovirt-floppy.yaml', home: '/home/u' });
    expect(warnings).toEqual([]);
    expect(config.manager?.host).toBe('engine.example.com');
    expect(config.hypervisors.map((h) => h.name)).toEqual(['hv1', 'hv2']);
    expect(config.sftp).toMatchObject({ uploadUser: 'sftp-floppy-upload', chrootDir: '/srv/floppy_chroot', floppySubdir: 'floppy' });
    expect(config.engineApi).toBeUndefined();
  });

  it('validates with engineApi and smoke uncommented', () => {
    const { config } = parseConfig(uncommentOptional(starterConfigYaml()), { file: 'ovirt-floppy.yaml', home: '/home/u' });
    expect(config.engineApi).toEqual({
      url: 'https://engine.example.com/ovirt-engine/api',
      user: 'admin@internal',
      passwordEnv: 'OVIRT_ENGINE_PASSWORD',
      caFile: '/home/u/.config/ovirt-floppy/engine-ca.pem',
    });
    expect(config.smoke).toEqual({ vm: 'floppy-smoke', vmTimeout: 300 });
  });

  it('its commented propertyRegex is the default it describes', () => {
    const text = starterConfigYaml();
    const commented = /# propertyRegex: (.+)$/m.exec(text)?.[1];
    const { config } = parseConfig(text, { file: 'x.yaml' });
    expect(commented).toBe(config.floppy.propertyRegex);
    // ... and uncommenting it (a plain YAML scalar) gives the same value.
    const uncommented = text.replace('  # propertyRegex: ', '  propertyRegex: ');
    expect(parseConfig(uncommented, { file: 'x.yaml' }).config.floppy.propertyRegex).toBe(commented);
  });

  it("explains the values in the howto's terms and covers every section", () => {
    const text = starterConfigYaml();
    for (const word of [
      'FLOPPY_LOCATION_NFSSERVER',
      'FLOPPY_LOCATION_NFSCLIENT',
      'sftp-floppy-upload',
      '/srv/floppy_chroot',
      '^.*$',
      'virt_use_nfs',
    ]) {
      expect(text).toContain(word);
    }
    for (const section of ['ssh:', 'manager:', 'hypervisors:', 'sftp:', 'floppy:', '# engineApi:', '# smoke:']) {
      expect(text).toMatch(new RegExp(`^${section.replace('$', '\\$')}`, 'm'));
    }
  });
});
