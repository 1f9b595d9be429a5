import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { BLOCK_BEGIN, BLOCK_END } from '../../../checks/lib/sshd-config-scan.js';
import { renderManagedBlock } from '../../../checks/lib/sshd-block.js';
import { bindLine } from '../../../checks/lib/fstab-edit.js';
import { SSHD_DROPIN_NAME } from '../../../checks/lib/sshd-plan.js';

// The bench's playbooks must converge to (setup.yml) and audit (audit.yml) what the tool does; when the tool gained
// the transfer log and `nofail` (2026-12-03) they did not follow, and the 400-hypervisor run of 2026-12-04 found it
// only at its very end (check after setup.yml: 2 drifts). This keeps them in step with the tool's own renderers.
const ansibleDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'bench', 'ansible');
const vars = { user: '{{ upload_user }}', chrootDir: '{{ chroot_dir }}' };

type Task = Record<string, Record<string, unknown> | undefined>;

/** The arguments of the one task in the playbook that calls `module` with arguments matching `where`. */
function taskArgs(name: string, module: string, where: (args: Record<string, unknown>) => boolean): Record<string, unknown> {
  const plays = parse(fs.readFileSync(path.join(ansibleDir, name), 'utf8')) as { tasks?: Task[]; handlers?: Task[] }[];
  const all = plays.flatMap((p) => [...(p.tasks ?? []), ...(p.handlers ?? [])]).map((t) => t[module]);
  const matching = all.filter((a): a is Record<string, unknown> => a !== undefined && where(a));
  if (matching.length !== 1) throw new Error(`${name}: ${matching.length} ${module} tasks match, expected 1`);
  return matching[0]!;
}

describe('the bench playbooks do what the tool does', () => {
  // OpenSSH 9.2 (the lab's) and an sftp subsystem already defined, as on the bench's sftp server.
  const toolBlock = renderManagedBlock({ ...vars, opensshVersion: '9.2p1', withSubsystem: false }).filter(
    (l) => l !== BLOCK_BEGIN && l !== BLOCK_END,
  );

  it.each(['setup.yml', 'audit.yml'])('%s writes the same sshd Match block as the tool, line for line', (name) => {
    const { block } = taskArgs(name, 'ansible.builtin.blockinfile', (a) => String(a.path).endsWith(`/${SSHD_DROPIN_NAME}`));
    expect(String(block).trimEnd().split('\n')).toEqual(toolBlock);
  });

  it('setup.yml mounts the bind with the options of the tool’s fstab line', () => {
    const options = bindLine({ source: '/s', target: '/t' }).split(' ')[3];
    expect(taskArgs('setup.yml', 'ansible.posix.mount', () => true)).toMatchObject({ fstype: 'none', opts: options });
  });

  it('audit.yml expects the tool’s fstab line', () => {
    // bindLine escapes blanks (\040), so the template variables go in after it.
    const line = bindLine({ source: 'SOURCE', target: 'TARGET' })
      .replace('SOURCE', '{{ floppy_server_path }}')
      .replace('TARGET', '{{ chroot_dir }}/{{ floppy_subdir }}');
    expect(taskArgs('audit.yml', 'ansible.builtin.lineinfile', (a) => a.path === '/etc/fstab')).toMatchObject({ path: '/etc/fstab', line });
  });
});
