/**
 * Match blocks with REAL connection parameters (issue #13), against a real sshd (lib/real-sshd.ts): the probe script
 * itself runs in sh with a given $SSH_CONNECTION and sftp.uploadFrom, a `sshd` wrapper first in PATH pointing it at
 * a scratch config. Proves: `Match LocalPort` is evaluated (laddr/lport from SSH_CONNECTION), `Match Address` of a
 * partner's address only in that view, `Match Group` through sshd's own group lookup of `user=`, the foreign
 * blocks named in the findings, and the planned block (moved above them) effective in every view.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import check from '../../../../checks/sftp-sshd-chroot.js';
import { parseSshdEffective, sshdEffectiveScript } from '../../../../checks/lib/sshd-effective.js';
import { planSshdBlock } from '../../../../checks/lib/sshd-plan.js';
import { renderManagedBlock } from '../../../../checks/lib/sshd-block.js';
import { fixture, sftpContext } from './fixtures.js';
import { findRealSshd } from './real-sshd.js';

const sshd = findRealSshd();
const DEBIAN = fixture('sftp-sshd-chroot', 'stock-debian12').main!.stdout.replace(/^Include .*\n/m, '');
// real-sshd runs everything as nobody when we are root: that is then the upload user, with its own primary group.
const USER = process.getuid?.() === 0 ? 'nobody' : userInfo().username;
const GROUP = execFileSync('id', ['-gn', USER], { encoding: 'utf8' }).trim();
const FOREIGN = [
  'Match LocalPort 2222',
  '\tPermitTTY yes',
  'Match Address 192.0.2.0/24',
  '\tDisableForwarding no',
  '\tAllowTcpForwarding yes',
  `Match Group ${GROUP}`,
  '\tChrootDirectory none',
  '',
].join('\n');

if (typeof sshd === 'string') console.warn(`SKIPPED real sshd tests: ${sshd}`);

describe.skipIf(typeof sshd === 'string')('sshd -T -C with real connection parameters', () => {
  const s = sshd as Exclude<typeof sshd, string>;
  afterAll(() => s.cleanup());
  const bin = join(s.dir, 'bin');
  const config = join(s.dir, 'sshd_config');
  mkdirSync(bin, { recursive: true, mode: 0o755 });
  writeFileSync(join(bin, 'sshd'), `#!/bin/sh\nexec ${s.path} -f ${config} "$@"\n`, { mode: 0o755 });
  const ctx = () => {
    const c = sftpContext();
    c.config.sftp!.uploadUser = USER;
    c.config.sftp!.uploadFrom = ['192.0.2.7'];
    return c;
  };
  const probe = (main: string, sshConnection: string) => {
    writeFileSync(config, `HostKey ${s.hostKey}\n${main}`, { mode: 0o644 });
    const script = sshdEffectiveScript(USER, ['192.0.2.7']);
    const r = s.run(['env', `PATH=${bin}:/usr/sbin:/usr/bin:/sbin:/bin`, `SSH_CONNECTION=${sshConnection}`, 'sh', '-c', script]);
    return { effective: parseSshdEffective(r.out, r.code), files: new Map(), main, dropIn: undefined };
  };
  const block = renderManagedBlock({ user: USER, chrootDir: '/srv/floppy_chroot', opensshVersion: '9.2p1', withSubsystem: false });

  it('each foreign block is caught in the view whose parameters it matches, and named', () => {
    // Our block below the foreign ones, as releases before issue #13 appended it.
    const o = probe(`${DEBIAN}${FOREIGN}${block.join('\n')}\n`, '127.0.0.1 50000 127.0.3.9 2222');
    expect(o.effective.state).toBe('ok');
    if (o.effective.state !== 'ok') return;
    expect(o.effective.views.map((v) => v.connection)).toEqual([
      `user=${USER},host=127.0.0.1,addr=127.0.0.1,laddr=127.0.3.9,lport=2222`,
      `user=${USER},host=192.0.2.7,addr=192.0.2.7,laddr=127.0.3.9,lport=2222`,
    ]);
    const f = check.compare(o, ctx()).filter((x) => x.severity !== 'info');
    const by = (code: string) => f.find((x) => x.code === code)?.message ?? '';
    // Match Group: sshd looked the user's groups up itself; every view has it.
    expect(by('chroot-directory')).toBe(
      `ChrootDirectory for ${USER} is none; set by a foreign Match Group ${GROUP} (/etc/ssh/sshd_config line ${DEBIAN.split('\n').length + 6}: chrootdirectory none)`,
    );
    // Match LocalPort: both views carry lport=2222.
    expect(by('tty-allowed')).toContain('set by a foreign Match LocalPort 2222');
    // Match Address of the partner's network: only the uploadFrom view.
    expect(by('forwarding-allowed')).toContain(`(when connecting as user=${USER},host=192.0.2.7,addr=192.0.2.7`);
    expect(by('forwarding-allowed')).toContain('set by a foreign Match Address 192.0.2.0/24');
    expect(f.every((x) => x.fixable !== false)).toBe(true);
  });

  it('without SSH_CONNECTION (sudo drops it) a Match LocalPort cannot be evaluated: sshd says so, not "invalid"', () => {
    const o = probe(`${DEBIAN}${FOREIGN}`, '');
    expect(o.effective).toEqual({
      state: 'invalid',
      exitCode: 255,
      message: "'Match LocalPort' in configuration but 'lport' not in connection test specification.",
    });
  });

  it('the planned file puts our block above the foreign Match blocks: effective in every view', () => {
    const before = `${DEBIAN}${FOREIGN}${block.join('\n')}\n`;
    const plan = planSshdBlock({
      main: { content: before, mode: '0644', owner: 'root', group: 'root' },
      subsystemMissing: false,
      block: { user: USER, chrootDir: '/srv/floppy_chroot', opensshVersion: '9.2p1' },
      sshd: s.path,
    });
    if (plan.kind !== 'write') throw new Error(plan.reason);
    const o = probe(plan.content, '127.0.0.1 50000 127.0.3.9 2222');
    expect(check.compare(o, ctx()).filter((x) => x.severity !== 'info')).toEqual([]);
  });
});
