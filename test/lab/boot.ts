/**
 * Start a prepared host: `unshare --mount --pid --uts --fork --kill-child` + `chroot` into its root, where
 * /bin/sh mounts /proc and /sys, sets the hostname, runs the stand-ins' boot actions (/etc/lab-boot.d/*.sh, in
 * order; a failing one is logged, as a failing unit would be) and then execs sshd as PID 1 of the host (the
 * stand-in `systemctl reload ssh` sends SIGHUP to PID 1). lab-notes §2a.
 *
 * Spawned from node rather than from a shell script so that this process is the unshare's parent: when the
 * host is stopped (its sshd killed first, see sh/teardown.sh), unshare reaps sshd and we reap unshare at
 * once, instead of both waiting as zombies for the machine's PID 1 (~2 s, lab-notes "Teardown gotcha").
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';

export function bootScript(name: string): string {
  if (!/^[a-z0-9][a-z0-9-]{0,62}$/.test(name)) throw new Error(`bad host name ${JSON.stringify(name)}`);
  return [
    `mount -t proc proc /proc && mount -t sysfs sysfs /sys && hostname ${name} || exit 1`,
    'for f in /etc/lab-boot.d/*.sh; do',
    '  [ -f "$f" ] || continue',
    '  /bin/sh "$f" || echo "lab-boot: $f failed with rc=$?"',
    'done',
    'exec /usr/sbin/sshd -D -E /var/log/sshd.log',
  ].join('\n');
}

/** Start the host whose overlay is mounted at `root`; returns the PID of its `unshare` process. */
export function spawnHost(root: string, name: string, consoleLog: string): number {
  const out = fs.openSync(consoleLog, 'a');
  try {
    const child = spawn(
      'unshare',
      [
        '--mount',
        '--pid',
        '--uts',
        '--fork',
        '--kill-child',
        '--propagation',
        'private',
        'chroot',
        root,
        '/bin/sh',
        '-c',
        bootScript(name),
      ],
      // detached = its own session: a Ctrl-C of `npm run lab` never reaches the host.
      { detached: true, stdio: ['ignore', out, out] },
    );
    child.on('error', (err) => fs.appendFileSync(consoleLog, `lab: unshare failed: ${err.message}\n`));
    child.unref(); // the host outlives `npm run lab -- up`
    if (child.pid === undefined) throw new Error(`could not start unshare for ${name}`);
    return child.pid;
  } finally {
    fs.closeSync(out);
  }
}
