import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BLOCK_BEGIN, BLOCK_END } from '../../../checks/lib/sshd-config-scan.js';
import { renderManagedBlock } from '../../../checks/lib/sshd-block.js';
import { bindLine } from '../../../checks/lib/fstab-edit.js';

// The bench's playbooks must converge to (setup.yml) and audit (audit.yml) what the tool does; when the tool gained
// the transfer log and `nofail` (2026-12-03) they did not follow, and the 400-hypervisor run of 2026-12-04 found it
// only at its very end (check after setup.yml: 2 drifts). This keeps them in step with the tool's own renderers.
const ansibleDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'bench', 'ansible');
const playbook = (name: string) => fs.readFileSync(path.join(ansibleDir, name), 'utf8');
const vars = { user: '{{ upload_user }}', chrootDir: '{{ chroot_dir }}' };

/** The `block: |` literal of the task that manages the sshd Match block, dedented. */
function sshdBlock(text: string): string[] {
  const m = /marker: "# \{mark\} ovirt-floppy managed block"\n\s*block: \|\n((?: {10}.*\n)+)/.exec(text);
  if (!m) throw new Error('no managed sshd block in the playbook');
  return m[1]!
    .trimEnd()
    .split('\n')
    .map((l) => l.slice(10));
}

describe('the bench playbooks do what the tool does', () => {
  // OpenSSH 9.2 (the lab's) and an sftp subsystem already defined, as on the bench's sftp server.
  const toolBlock = renderManagedBlock({ ...vars, opensshVersion: '9.2p1', withSubsystem: false }).filter(
    (l) => l !== BLOCK_BEGIN && l !== BLOCK_END,
  );

  it.each(['setup.yml', 'audit.yml'])('%s writes the same sshd Match block as the tool, line for line', (name) => {
    expect(sshdBlock(playbook(name))).toEqual(toolBlock);
  });

  it('setup.yml mounts the bind with the options of the tool’s fstab line', () => {
    const options = bindLine({ source: '/s', target: '/t' }).split(' ')[3];
    expect(playbook('setup.yml')).toMatch(new RegExp(`\\n\\s+fstype: none\\n\\s+opts: ${options}\\n`));
  });

  it('audit.yml expects the tool’s fstab line', () => {
    // bindLine escapes blanks (\040), so the template variables go in after it.
    const line = bindLine({ source: 'SOURCE', target: 'TARGET' })
      .replace('SOURCE', '{{ floppy_server_path }}')
      .replace('TARGET', '{{ chroot_dir }}/{{ floppy_subdir }}');
    expect(playbook('audit.yml')).toContain(`line: "${line}"`);
  });
});
