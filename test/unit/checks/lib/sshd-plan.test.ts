import { describe, expect, it } from 'vitest';
import { renderManagedBlock } from '../../../../checks/lib/sshd-block.js';
import { isIncludedGlobally, scanSshdConfig } from '../../../../checks/lib/sshd-config-scan.js';
import { planSshdBlock, SSHD_DROPIN, SSHD_MAIN, type PlanInput } from '../../../../checks/lib/sshd-plan.js';
import { fixture } from './fixtures.js';

// The stock Debian 12 sshd_config, captured (sftp-sshd-chroot/stock-debian12.json): Include on line 12, Subsystem on 115.
const DEBIAN = fixture('sftp-sshd-chroot', 'stock-debian12').main!.stdout;
const NO_INCLUDE = DEBIAN.replace(/^Include .*\n/m, '');
const BLOCK_OPTS = { user: 'sftp-floppy-upload', chrootDir: '/srv/floppy_chroot', opensshVersion: '9.2p1' };
const file = (content: string) => ({ content, mode: '0644', owner: 'root', group: 'root' });
const input = (over: Partial<PlanInput>): PlanInput => ({
  main: file(DEBIAN),
  subsystemMissing: false,
  block: BLOCK_OPTS,
  sshd: '/usr/sbin/sshd',
  ...over,
});
const write = (over: Partial<PlanInput>) => {
  const p = planSshdBlock(input(over));
  if (p.kind !== 'write') throw new Error(p.reason);
  return p;
};
const count = (text: string, re: RegExp) => (text.match(re) ?? []).length;

describe('sshd block planner', () => {
  it('Include of sshd_config.d first (Debian 12, RHEL 9) → the drop-in, and sshd_config is not touched', () => {
    const p = write({});
    expect(p.path).toBe(SSHD_DROPIN);
    expect(p.before).toBeUndefined();
    expect(p.mode).toBe('0600');
    expect(p.content).toBe(`${renderManagedBlock({ ...BLOCK_OPTS, withSubsystem: false }).join('\n')}\n`);
    expect(p.validate[0]).toBe('sh');
  });

  it('no Include (RHEL 8, OpenSSH 8.0) → appended to sshd_config, keeping its mode and every line', () => {
    const p = write({ main: { ...file(NO_INCLUDE), mode: '0600' } });
    expect(p.path).toBe(SSHD_MAIN);
    expect(p.mode).toBe('0600');
    expect(p.content.startsWith(NO_INCLUDE)).toBe(true);
    expect(p.validate).toEqual(['/usr/sbin/sshd', '-t', '-f', '{}']);
  });

  it('an Include inside a Match does not count as global', () => {
    const main = `${NO_INCLUDE}Match Group x\n  Include /etc/ssh/sshd_config.d/*.conf\n`;
    expect(isIncludedGlobally(scanSshdConfig(main), SSHD_DROPIN)).toBe(false);
    expect(isIncludedGlobally(scanSshdConfig('Include sshd_config.d/*.conf\n'), SSHD_DROPIN)).toBe(true);
    expect(isIncludedGlobally(scanSshdConfig('include = /etc/ssh/sshd_config.d/[0-9]*.conf\n'), SSHD_DROPIN)).toBe(true);
    expect(isIncludedGlobally(scanSshdConfig('Include /etc/ssh/sshd_config.d/*.cfg\n'), SSHD_DROPIN)).toBe(false);
    expect(write({ main: file(main) }).path).toBe(SSHD_MAIN);
  });

  it('an existing block is replaced in place, never duplicated — in sshd_config even when an Include appeared since', () => {
    const first = write({ main: file(NO_INCLUDE) });
    const edited = first.content.replace('PermitTTY no', 'PermitTTY yes') + '# a line the admin added after our block\n';
    const again = write({ main: file(`Include /etc/ssh/sshd_config.d/*.conf\n${edited}`) });
    expect(again.path).toBe(SSHD_MAIN);
    expect(count(again.content, /# BEGIN ovirt-floppy/g)).toBe(1);
    expect(again.content).toContain('\tPermitTTY no\n');
    expect(again.content.endsWith('# a line the admin added after our block\n')).toBe(true);
  });

  it('an existing drop-in block is replaced; other lines of that file stay', () => {
    const old = `# admin note\n${renderManagedBlock({ ...BLOCK_OPTS, chrootDir: '/old', withSubsystem: false }).join('\n')}\n`;
    const p = write({ dropIn: file(old) });
    expect(p.path).toBe(SSHD_DROPIN);
    expect(p.before).toBe(old);
    expect(p.content).toBe(`# admin note\n${renderManagedBlock({ ...BLOCK_OPTS, withSubsystem: false }).join('\n')}\n`);
  });

  it('Subsystem sftp: never added while sshd has one; added before Match only where that is global context', () => {
    expect(write({}).content).not.toMatch(/Subsystem/);
    expect(write({ main: file(NO_INCLUDE) }).content.match(/^Subsystem/gm)).toHaveLength(1); // Debian's own line only
    const drop = write({ main: file(DEBIAN.replace(/^Subsystem.*\n/m, '')), subsystemMissing: true });
    expect(drop.content).toMatch(/^Subsystem sftp internal-sftp\nMatch User sftp-floppy-upload$/m);
    const bare = NO_INCLUDE.replace(/^Subsystem.*\n/m, '');
    const main = write({ main: file(bare), subsystemMissing: true });
    expect(main).toMatchObject({ subsystemAdded: true, subsystemUnplaceable: false });
    // Our block goes above a foreign Match (issue #13), which is global context: the Subsystem line can go there too.
    const withMatch = write({ main: file(`${bare}Match Group admins\n  X11Forwarding yes\n`), subsystemMissing: true });
    expect(withMatch).toMatchObject({ subsystemAdded: true, subsystemUnplaceable: false });
    expect(withMatch.content).toMatch(/^Subsystem sftp internal-sftp\nMatch User sftp-floppy-upload$/m);
    // The line we added once is kept on a rewrite (sshd then shows it, so "missing" is false).
    expect(write({ main: file(main.content.replace('PermitTTY no', 'PermitTTY yes')) }).content).toMatch(/^Subsystem sftp internal-sftp$/m);
  });

  it('a foreign Match comes after our block: first obtained value wins (issue #13)', () => {
    const foreign = 'Match Address 127.0.0.0/8\n\tAllowTcpForwarding yes\nMatch Group partners\n\tChrootDirectory none\n';
    const block = renderManagedBlock({ ...BLOCK_OPTS, withSubsystem: false }).join('\n');
    const p = write({ main: file(`${NO_INCLUDE}${foreign}`) });
    expect(p.content).toBe(`${NO_INCLUDE}${block}\n\n${foreign}`);
    // Idempotent: the block is now in place.
    expect(write({ main: file(p.content) }).content).toBe(p.content);
    // An old block (appended below the foreign ones by earlier releases) is moved up, the admin's lines untouched.
    const moved = write({ main: file(`${NO_INCLUDE}${foreign}\n${block}\n`) });
    expect(moved.content).toBe(`${NO_INCLUDE}${block}\n\n${foreign}\n`);
    expect(count(moved.content, /Match Address 127\.0\.0\.0\/8/g)).toBe(1);
  });

  it('damaged or doubled blocks are left to a human', () => {
    expect(planSshdBlock(input({ main: file(`${DEBIAN}# BEGIN ovirt-floppy managed block\nMatch User x\n`) }))).toMatchObject({
      kind: 'manual',
    });
    const block = `${renderManagedBlock({ ...BLOCK_OPTS, withSubsystem: false }).join('\n')}\n`;
    expect(planSshdBlock(input({ main: file(`${NO_INCLUDE}${block}`), dropIn: file(block) }))).toMatchObject({ kind: 'manual' });
    expect(planSshdBlock(input({ main: undefined }))).toMatchObject({ kind: 'manual' });
  });

  it('forwarding keywords follow the OpenSSH version (DisableForwarding from 7.4)', () => {
    const lines = (v?: string) =>
      renderManagedBlock({ ...BLOCK_OPTS, opensshVersion: v, withSubsystem: false })
        .filter((l) => /Forwarding|Tunnel/.test(l))
        .map((l) => l.trim());
    expect(lines('7.4p1')).toEqual(['DisableForwarding yes', 'PermitTunnel no']);
    expect(lines('6.6.1p1')).toEqual(['AllowTcpForwarding no', 'X11Forwarding no', 'AllowAgentForwarding no', 'PermitTunnel no']);
    expect(lines(undefined)).toEqual(['AllowTcpForwarding no', 'X11Forwarding no', 'AllowAgentForwarding no', 'PermitTunnel no']);
  });
});
