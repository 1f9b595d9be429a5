/**
 * Issue #2: a host whose key is not in known_hosts is refused with host and fingerprint, the run is
 * incomplete (exit 3), and every other host is still checked. Read-only against the default lab.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { labPaths, readLabState } from '../lab/api.js';
import { runJson } from '../support/run-cli.js';

describe('host key verification against the lab', () => {
  it('refuses the host missing from known_hosts, names its SHA256 fingerprint, and checks the others', async () => {
    const state = await readLabState();
    const hv2 = state.hosts.find((h) => h.name === 'hv2')!;
    const dir = mkdtempSync('/tmp/of-hostkey-');
    const knownHosts = readFileSync(labPaths.knownHosts, 'utf8')
      .split('\n')
      .filter((l) => !l.startsWith(`${hv2.address} `));
    writeFileSync(join(dir, 'known_hosts'), knownHosts.join('\n'));
    const config = parse(readFileSync(labPaths.config, 'utf8'));
    config.ssh.knownHostsFile = join(dir, 'known_hosts');
    writeFileSync(join(dir, 'config.yaml'), stringify(config));

    const r = await runJson(['check', '-c', join(dir, 'config.yaml')]);
    expect(r.code).toBe(3);
    const refused = r.report.hosts.find((h) => h.name === 'hv2')!;
    expect(refused.reachable).toBe(false);
    const address = hv2.address.replaceAll('.', '\\.');
    expect(refused.error).toMatch(new RegExp(`hv2.*${address}.*ssh-ed25519.*SHA256:[A-Za-z0-9+/]{43}`, 's'));
    expect(refused.error).toContain('--accept-new-host-keys');
    const others = r.report.hosts.filter((h) => h.name !== 'hv2');
    expect(others.map((h) => h.name)).toEqual(['mgr', 'hv1', 'sftp']);
    for (const h of others) {
      expect(h.reachable).toBe(true);
      expect(h.stats).toEqual({ connections: 1, execs: 1 });
      expect(h.checks.length).toBeGreaterThan(0);
    }
    // The known_hosts file was not changed without --accept-new-host-keys.
    expect(readFileSync(join(dir, 'known_hosts'), 'utf8')).toBe(knownHosts.join('\n'));
  });
});
