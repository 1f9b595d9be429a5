import { describe, expect, it } from 'vitest';
import { reloadSshd } from '../../../../checks/handlers/reload-sshd.js';
import { makeContext } from '../../../support/check-harness.js';

describe('handler reload-sshd', () => {
  it("validates with the host's sshd, then reloads the host's unit (Debian: ssh)", () => {
    const ctx = makeContext({ host: { name: 'sftp', role: 'sftp', address: '127.0.1.20' } });
    expect(reloadSshd.plan(ctx).map((s) => s.run)).toEqual([{ argv: ['/usr/sbin/sshd', '-t'] }, { argv: ['systemctl', 'reload', 'ssh'] }]);
  });

  it('EL: sshd', () => {
    const ctx = makeContext({ facts: { sshdService: 'sshd', sshdPath: '/usr/sbin/sshd' } });
    expect(reloadSshd.plan(ctx)[1]!.run).toEqual({ argv: ['systemctl', 'reload', 'sshd'] });
  });
});
