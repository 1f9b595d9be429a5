/**
 * `--replay-standins` (an experiment, off by default): on the bench's OWN converged fleet, replace the lab's
 * Python stand-ins that the probes call on every hypervisor (getenforce, getsebool, virsh; ~25-30 ms of CPU
 * each for the interpreter start, where a real EL host runs small C programs) by `/bin/sh` scripts that replay
 * the stand-in's recorded answer (stdout, stderr, exit status) for exactly the argument lists the probes use,
 * and hand every other argument list to the stand-in itself (under its own name: the SELinux stand-in is
 * multi-call by argv[0]). The answers are the stand-in's own, recorded after convergence, so `check` still
 * sees the same fleet (the bench still requires exit 0 and, for apply, 0 changes). Purpose: measure what the
 * audit costs when the remote programs cost what real ones cost, instead of estimating it.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** Argument lists the hypervisor probes use, per stand-in (from the probe script; see probe-cpu.ts fragments). */
const REPLAYS: Record<string, string[][]> = {
  getenforce: [[]],
  getsebool: [['virt_use_nfs']],
  virsh: [['-r', 'domcapabilities', '--machine', 'pc'], ['-r', 'domcapabilities', '--machine', 'q35']],
};

/** Remote script: record each answer, then put a replaying wrapper where the stand-in was. Idempotent. */
export function replayScript(): string {
  const D = '/var/lib/bench-replay';
  const lines = ['set -e', `D=${D}`, 'mkdir -p "$D/orig" "$D/real"'];
  for (const [cmd, argLists] of Object.entries(REPLAYS)) {
    lines.push(
      `p=$(command -v ${cmd}) || p=`,
      `if [ -n "$p" ] && [ ! -e "$D/orig/${cmd}" ] && head -c 200 "$(readlink -f "$p")" | grep -q python; then`,
      // A symlink (multi-call lab-selinux) is replaced; a file (virsh) is moved aside. Either way the stand-in
      // stays callable as $D/orig/<cmd>, whose basename is the name it was called by.
      `  if [ -L "$p" ]; then ln -s "$(readlink -f "$p")" "$D/orig/${cmd}"; rm -f "$p"; else mv "$p" "$D/real/${cmd}"; ln -s "$D/real/${cmd}" "$D/orig/${cmd}"; fi`,
      `  { echo '#!/bin/sh'; echo '# bench replay of the lab stand-in (bench/replay-standins.ts)'; echo 'case "$*" in'`,
    );
    argLists.forEach((args, i) => {
      const key = `${D}/${cmd}.${i}`;
      lines.push(
        `  set +e; "$D/orig/${cmd}" ${args.join(' ')} >${key}.out 2>${key}.err; echo $? >${key}.rc; set -e`,
        `  echo '"${args.join(' ')}") cat ${key}.out; cat ${key}.err >&2; exit $(cat ${key}.rc) ;;'`,
      );
    });
    lines.push(`  echo "esac"; echo 'exec ${D}/orig/${cmd} "$@"'; } >"$p"`, '  chmod 755 "$p"', 'fi');
  }
  lines.push('true');
  return `${lines.join('\n')}\n`;
}

/** Apply the replay on every host in `addresses` (same ssh options as B), `concurrency` at a time. */
export function replayStandIns(work: string, addresses: string[], sshOptions: string[], concurrency: number): void {
  const script = path.join(work, 'replay-standins.sh');
  fs.writeFileSync(script, replayScript());
  const list = path.join(work, 'replay-hosts.txt');
  fs.writeFileSync(list, addresses.map((a) => `${a}\n`).join(''));
  const line = `exec ssh ${sshOptions.join(' ')} root@"$1" sh -s < "$2"`;
  const r = spawnSync('xargs', ['-a', list, '-P', String(concurrency), '-I{}', 'sh', '-c', line, 'replay', '{}', script], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`bench: replaying stand-ins failed (exit ${r.status}): ${r.stderr.trim().slice(0, 2000)}`);
}
