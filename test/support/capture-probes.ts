/**
 * Capture a host's real probe outputs as a fixture: the runner's own script (facts + every probe of every
 * check of the host's role) sent with the OpenSSH client, split, and written as JSON keyed like the runner
 * keys them. Usage (root, lab up):
 *   node --import tsx test/support/capture-probes.ts CONFIG HOST-NAME OUT.json
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { registry } from '../../checks/index.js';
import { hostTargets, loadConfig } from '../../src/config/index.js';
import { FACT_COMMANDS } from '../../src/runner/host-facts.js';
import { buildProbe, scriptCommands } from '../../src/runner/probe-host.js';
import { buildProbeScript, newNonce, splitProbeOutput } from '../../src/runner/probe-script.js';

async function capture(configPath: string, hostName: string, out: string): Promise<void> {
  const { config } = await loadConfig({ path: configPath, env: process.env, cwd: process.cwd() });
  const target = hostTargets(config, [hostName])[0];
  if (!target) throw new Error(`no host ${hostName} in ${configPath}`);
  const ctx = { config, host: { name: target.name, role: target.role, address: target.host }, flags: {} };
  const checks = [...registry.checks, ...registry.crossHostChecks].filter((c) => c.roles.includes(target.role));
  const nonce = newNonce();
  const script = buildProbeScript([...FACT_COMMANDS, ...scriptCommands(checks.map((c) => buildProbe(c, ctx)))], nonce);
  const ssh = spawnSync(
    'ssh',
    [
      '-F',
      '/dev/null',
      '-o',
      'BatchMode=yes',
      '-o',
      'StrictHostKeyChecking=yes',
      '-o',
      `UserKnownHostsFile=${config.ssh.knownHostsFile}`,
      '-i',
      config.ssh.identityFiles[0] ?? '',
      `${target.user}@${target.host}`,
      'sh -s',
    ],
    { input: script, maxBuffer: 64 << 20 },
  );
  if (ssh.status !== 0) throw new Error(`ssh exited ${ssh.status}: ${ssh.stderr.toString()}`);
  const outputs = Object.fromEntries(splitProbeOutput(ssh.stdout, nonce));
  writeFileSync(out, `${JSON.stringify(outputs, null, 1)}\n`);
  console.log(`${out}: ${Object.keys(outputs).length} outputs from ${target.name} (${target.host})`);
}

const [configPath, hostName, out] = process.argv.slice(2);
if (!configPath || !hostName || !out) {
  console.error('usage: capture-probes.ts CONFIG HOST-NAME OUT.json');
  process.exit(2);
}
capture(configPath, hostName, out).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
