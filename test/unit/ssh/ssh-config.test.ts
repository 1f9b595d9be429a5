import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseProxyJump, readSshConfigText, resolveSshTarget, type SshTargetInput } from '../../../src/ssh/ssh-config.js';

const context = { homeDir: '/home/op', localUser: 'op' };
// What the config loader hands over when the YAML leaves user/port/identityFiles at their defaults.
const defaults: SshTargetInput = { host: 'hv1', user: 'root', port: 22, identityFiles: [] };

const config = `
# global defaults go last in ssh_config, first value wins
Host hv*
  HostName %h.lab.example
  User admin
  Port 2201
  IdentityFile ~/.ssh/id_hv_%r
  ProxyJump jump@bastion.lab.example:2200

Host db1
  HostName 127.0.2.5
  ProxyJump none

Match user root
  IdentityFile %d/.ssh/id_root

Host *
  User fallback
  IdentityFile ~/.ssh/id_all
`;

describe('resolveSshTarget', () => {
  it('lets ~/.ssh/config fill what the YAML left at its defaults', () => {
    const r = resolveSshTarget(defaults, config, context);
    expect(r).toMatchObject({ alias: 'hv1', hostName: 'hv1.lab.example', user: 'admin', port: 2201 });
    expect(r.identityFiles).toEqual(['/home/op/.ssh/id_hv_admin', '/home/op/.ssh/id_all']);
    expect(r.proxyJump).toEqual([{ host: 'bastion.lab.example', user: 'jump', port: 2200 }]);
    expect(r.warnings).toEqual([]);
  });

  it('keeps explicit YAML values (like ssh -l/-p on the command line) and adds config keys after YAML keys', () => {
    const r = resolveSshTarget({ host: 'hv1', user: 'deploy', port: 2022, identityFiles: ['/keys/yaml'] }, config, context);
    expect(r).toMatchObject({ hostName: 'hv1.lab.example', user: 'deploy', port: 2022 });
    expect(r.identityFiles).toEqual(['/keys/yaml', '/home/op/.ssh/id_hv_deploy', '/home/op/.ssh/id_all']);
  });

  it('treats an explicit default value as explicit when told so', () => {
    const r = resolveSshTarget(defaults, config, { ...context, explicit: { user: true, port: true } });
    expect(r).toMatchObject({ user: 'root', port: 22 });
    // `Match user root` now applies, as it would for `ssh -l root hv1`.
    expect(r.identityFiles).toContain('/home/op/.ssh/id_root');
  });

  it('uses the first obtained value: Host * comes after the specific block', () => {
    const r = resolveSshTarget({ ...defaults, host: 'db1' }, config, context);
    expect(r).toMatchObject({ hostName: '127.0.2.5', user: 'fallback', port: 22, proxyJump: [] });
  });

  it("falls back to ssh's default keys only when neither YAML nor config names one", () => {
    const r = resolveSshTarget({ ...defaults, host: 'x' }, 'Host x\n  User u\n', context);
    expect(r.identityFilesAreDefaults).toBe(true);
    expect(r.identityFiles).toEqual(['/home/op/.ssh/id_ed25519', '/home/op/.ssh/id_ecdsa', '/home/op/.ssh/id_rsa']);
    expect(r.hostName).toBe('x');
  });

  it('ignores ~/.ssh/config entirely (and tries no default keys) when it is not to be used', () => {
    const r = resolveSshTarget(defaults, undefined, context);
    expect(r).toEqual({
      alias: 'hv1',
      hostName: 'hv1',
      port: 22,
      user: 'root',
      identityFiles: [],
      identityFilesAreDefaults: false,
      proxyJump: [],
      warnings: [],
    });
  });

  it('never runs Match exec, and reports what it does not support', () => {
    const marker = join(tmpdir(), `ofl-match-exec-${process.pid}`);
    const text = `Match exec "touch ${marker}"\n  User evil\nHost hv1\n  ProxyCommand nc %h %p\nInclude ~/.ssh/more\n`;
    const r = resolveSshTarget(defaults, text, context);
    expect(r.user).toBe('root');
    expect(r.warnings.join('\n')).toMatch(/ProxyCommand/);
    expect(r.warnings.join('\n')).toMatch(/Include/);
    expect(r.warnings.join('\n')).toMatch(/Match exec/);
    expect(existsSync(marker)).toBe(false);
  });

  it('warns about and ignores an invalid Port', () => {
    const r = resolveSshTarget(defaults, 'Host hv1\n  Port ssh\n', context);
    expect(r.port).toBe(22);
    expect(r.warnings[0]).toMatch(/invalid Port/);
  });
});

describe('parseProxyJump', () => {
  it('parses the forms ssh accepts', () => {
    expect(parseProxyJump('bastion')).toEqual([{ host: 'bastion' }]);
    expect(parseProxyJump('ssh://u@[::1]:2200')).toEqual([{ host: '::1', user: 'u', port: 2200 }]);
    expect(parseProxyJump('a@j1:1,j2')).toEqual([{ host: 'j1', user: 'a', port: 1 }, { host: 'j2' }]);
    expect(parseProxyJump('NONE')).toEqual([]);
    const warnings: string[] = [];
    expect(parseProxyJump('a@b@c', warnings)).toEqual([]);
    expect(warnings).toHaveLength(1);
  });
});

describe('readSshConfigText', () => {
  it('reads the file, and a missing file as empty', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ofl-sc-'));
    try {
      writeFileSync(join(dir, 'config'), 'Host a\n');
      expect(await readSshConfigText(join(dir, 'config'))).toBe('Host a\n');
      expect(await readSshConfigText(join(dir, 'missing'))).toBe('');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
