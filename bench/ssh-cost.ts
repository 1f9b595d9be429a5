/**
 * Evidence for the README (not part of `npm run bench`): what ONE login costs, on the client and on the server,
 * for OpenSSH with its defaults and with other key exchanges, and for the tool's ssh2 connector, measured on a
 * 1-hypervisor bench fleet. `sudo node --import tsx bench/ssh-cost.ts [--logins 30]`
 *
 * Client CPU: GNU time around a loop of sequential logins (OpenSSH: one `ssh … true` process each; ssh2: one
 * node process connecting `logins` times, minus the same process with 0 logins). Server CPU: the host's sshd is
 * PID 1 of its namespace and waits for every per-connection sshd, so the growth of its cutime+cstime
 * (/proc/PID/stat) over the loop is the server side of those logins (sshd re-exec, key exchange, auth, PAM,
 * session, `true`).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { labPaths } from '../test/lab/paths.js';
import { snapshotBuild } from './build.js';
import { installSignalTeardown, startFleet, stopFleet } from './lab.js';
import { ensureGnuTime } from './measure.js';

const log = (m: string): void => void process.stderr.write(`${m}\n`);
const logins = Number(process.argv[process.argv.indexOf('--logins') + 1] || 30) || 30;
const TICK_MS = 1000 / 100; // USER_HZ

function serverTicks(unsharePid: number): number {
  const child = fs.readFileSync(`/proc/${unsharePid}/task/${unsharePid}/children`, 'utf8').trim().split(/\s+/)[0];
  const stat = fs.readFileSync(`/proc/${child}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(f[13]) + Number(f[14]); // cutime + cstime (fields 16, 17)
}

function timedCpu(argv: string[], env?: NodeJS.ProcessEnv): { cpuMs: number; wallMs: number } {
  const t0 = Date.now();
  const r = spawnSync('/usr/bin/time', ['-f', '%U %S', ...argv], { encoding: 'utf8', env: env ?? process.env });
  if (r.status !== 0) throw new Error(`${argv.join(' ')}: exit ${r.status}: ${r.stderr}`);
  const [u, s] = r.stderr.trim().split('\n').at(-1)!.split(' ').map(Number);
  return { cpuMs: ((u ?? NaN) + (s ?? NaN)) * 1000, wallMs: Date.now() - t0 };
}

ensureGnuTime(log);
const build = snapshotBuild(log);
installSignalTeardown(log, () => build.remove());
const rows: { what: string; clientMs: number; serverMs: number; wallMs: number }[] = [];
try {
  const fleet = await startFleet(1, log);
  const hv = fleet.hypervisors[0]!;
  const base = [
    '-o',
    'BatchMode=yes',
    '-o',
    'StrictHostKeyChecking=yes',
    '-o',
    `UserKnownHostsFile=${fleet.knownHostsPath}`,
    '-i',
    labPaths.idLab,
  ];
  const variants: [string, string[]][] = [
    ['OpenSSH defaults (sntrup761x25519, chacha20-poly1305)', []],
    ['OpenSSH -o KexAlgorithms=curve25519-sha256', ['-o', 'KexAlgorithms=curve25519-sha256']],
    ['OpenSSH curve25519 + aes128-gcm', ['-o', 'KexAlgorithms=curve25519-sha256', '-o', 'Ciphers=aes128-gcm@openssh.com']],
    ['OpenSSH -F /dev/null (no /etc/ssh/ssh_config)', ['-F', '/dev/null']],
  ];
  for (const [what, extra] of variants) {
    const cmd = `i=0; while [ $i -lt ${logins} ]; do ssh "$@" root@${hv.address} true || exit 1; i=$((i+1)); done`;
    const before = serverTicks(hv.pid);
    const t = timedCpu(['sh', '-c', cmd, 'loop', ...base, ...extra]);
    const server = (serverTicks(hv.pid) - before) * TICK_MS;
    rows.push({ what, clientMs: t.cpuMs / logins, serverMs: server / logins, wallMs: t.wallMs / logins });
  }
  // ssh2 through the tool's own connector, sequential connect + exec `true` + close.
  const child = path.join(build.dir, 'ssh2-loop.mjs');
  fs.writeFileSync(
    child,
    [
      `import { Ssh2Connector } from ${JSON.stringify(path.join(build.dir, 'dist/src/ssh/ssh2-transport.js'))};`,
      'const n = Number(process.argv[2]);',
      `const target = { name: 'hv', role: 'hypervisor', host: ${JSON.stringify(hv.address)}, user: 'root', port: 22, identityFiles: [${JSON.stringify(labPaths.idLab)}], become: 'none' };`,
      `const opts = { acceptNewHostKeys: false, connectTimeoutMs: 10000, execTimeoutMs: 10000, knownHostsFile: ${JSON.stringify(fleet.knownHostsPath)}, agent: false, useSshConfig: false };`,
      'const c = new Ssh2Connector();',
      "for (let i = 0; i < n; i++) { const t = await c.connect(target, opts); const r = await t.exec('true'); if (r.exitCode !== 0) process.exit(1); await t.close(); }",
    ].join('\n'),
  );
  const idle = timedCpu([process.execPath, child, '0']);
  const before = serverTicks(hv.pid);
  const t = timedCpu([process.execPath, child, String(logins)]);
  const server = (serverTicks(hv.pid) - before) * TICK_MS;
  rows.push({
    what: "ssh2 (the tool's connector: curve25519, aes128-gcm)",
    clientMs: (t.cpuMs - idle.cpuMs) / logins,
    serverMs: server / logins,
    wallMs: (t.wallMs - idle.wallMs) / logins,
  });
} finally {
  await stopFleet();
  build.remove();
}
console.log(`per login (${logins} sequential logins each; client = this machine's ssh/node, server = the host's sshd side)`);
console.log('what                                                    client CPU ms  server CPU ms  wall ms');
for (const r of rows)
  console.log(
    `${r.what.padEnd(56)} ${r.clientMs.toFixed(1).padStart(12)}  ${r.serverMs.toFixed(1).padStart(13)}  ${r.wallMs.toFixed(0).padStart(7)}`,
  );
