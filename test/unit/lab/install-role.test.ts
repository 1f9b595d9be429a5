// install-role.sh refuses what would leave the lab's rules (DESIGN §5: loopback only, never the machine's own
// root) before it touches anything. Its real work is proven inside lab hosts (test/lab/standins-roles.int.test.ts).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { STANDINS, run } from './standins-helpers.js';

const installRole = (...args: string[]) => run('bash', [join(STANDINS, 'install-role.sh'), ...args]);

describe('install-role.sh argument checks', () => {
  it('rejects an unknown role and missing arguments', () => {
    expect(installRole('--role', 'nfs', '--root', '/tmp', '--name', 'x', '--address', '127.0.9.1')).toMatchObject({
      status: 2,
      stderr: 'install-role.sh: --role must be manager, hypervisor or sftp\n',
    });
    expect(installRole('--role', 'sftp', '--name', 'x')).toMatchObject({
      status: 2,
      stderr: 'install-role.sh: --root, --name and --address are required\n',
    });
  });

  it('rejects an address outside 127.0.0.0/8', () => {
    expect(installRole('--role', 'manager', '--root', '/tmp', '--name', 'm', '--address', '10.0.0.1')).toMatchObject({
      status: 2,
      stderr: 'install-role.sh: --address must be inside 127.0.0.0/8\n',
    });
  });

  it("never installs into the machine's own root", () => {
    expect(installRole('--role', 'sftp', '--root', '/', '--name', 's', '--address', '127.0.9.1')).toMatchObject({
      status: 2,
      stderr: "install-role.sh: refusing to install into the machine's own root\n",
    });
  });
});
