/**
 * The restart-pending marker: how a pending engine restart stays visible without the REST API (issue #13).
 *
 * The engine reads UserDefinedVMProperties only at start (facts §1.6). Without `engineApi` nothing shows what the
 * running engine holds, so the step that writes the property with engine-config also leaves this file on the
 * manager (lib/engine-config.ts), and the restart handler removes it only once the engine answered healthy after
 * its restart (handlers/restart-engine.ts). A marker written AFTER the running engine started means that engine has
 * not read the change: restart pending. Only changes made by ovirt-floppy leave a marker; someone else's
 * engine-config run is invisible this way.
 *
 * Times are compared on the boot clock, not the wall clock: the marker keeps /proc/uptime at the write, and the
 * engine's main process has its start in /proc/PID/stat (clock ticks since boot), so an NTP step or a slow clock
 * cannot turn one into the other. The boot id tells a marker from an earlier boot (the engine has started since).
 * The wall-clock time is kept for the message only.
 */
import { posix } from 'node:path';
import { ParseError } from '../../src/errors.js';
import { quoteArg } from '../../src/shell/quote.js';

export const MARKER_DIR = '/var/lib/ovirt-floppy';
export const MARKER_PATH = `${MARKER_DIR}/engine-restart-pending`;

const NOW = [
  'echo "changed_at=$(date +%s)"',
  'echo "boot_id=$(cat /proc/sys/kernel/random/boot_id)"',
  'echo "uptime=$(cut -d" " -f1 /proc/uptime)"',
].join('; ');

/**
 * Shell lines that write the marker atomically (temp file in the same directory, rename), root-only (0700 directory,
 * umask 077). Not fatal: the value is already stored, and the restart that activates it matters more than its
 * visibility without the API, so a failed write only says so on stderr.
 */
export function writeRestartMarker(path: string = MARKER_PATH): string {
  const dir = posix.dirname(path);
  const tmp = `${dir}/.${posix.basename(path)}.$$`;
  return [
    `if ( umask 077 && mkdir -p ${quoteArg(dir)} && chmod 0700 ${quoteArg(dir)} && { ${NOW}; } > "${tmp}" && mv -f "${tmp}" ${quoteArg(path)} ); then :; else`,
    `  rm -f "${tmp}"; echo ${quoteArg(`warning: cannot write ${path}; a pending restart is visible only with engineApi`)} >&2`,
    'fi',
  ].join('\n');
}

/** argv that removes the marker (the restart handler, after the engine answered healthy). */
export function removeRestartMarker(): string[] {
  return ['rm', '-f', MARKER_PATH];
}

/**
 * The probe: `none` when there is no marker (nothing else asked), else the marker's lines (`marker_` prefixed), the
 * boot clock now and the start of `service`'s main process (`systemctl show -p MainPID`, systemd ≥ 219/EL7;
 * field 22 of /proc/PID/stat, counted after the `)` that ends the command name, which may hold spaces).
 */
export function restartMarkerCommand(service: string, path: string = MARKER_PATH): { sh: string } {
  const m = quoteArg(path);
  return {
    sh: [
      `[ -e ${m} ] || { echo none; exit 0; }`,
      `sed 's/^/marker_/' ${m} || exit 1`,
      NOW.replace('changed_at', 'now'),
      `pid=$(systemctl show -p MainPID ${quoteArg(service)} 2>/dev/null | sed -n 's/^MainPID=//p')`,
      'echo "engine_pid=$pid"',
      `case $pid in ''|0|*[!0-9]*) ;; *) echo "engine_start_ticks=$(sed 's/.*) //' /proc/$pid/stat | cut -d' ' -f20)" ;; esac`,
      'echo "clk_tck=$(getconf CLK_TCK)"',
    ].join('\n'),
  };
}

export interface BootTime {
  bootId: string;
  /** Seconds since boot. */
  uptime: number;
}

export type RestartMarker =
  | { state: 'none' }
  | {
      state: 'present';
      /** When ovirt-floppy stored the change: epoch seconds (wall clock, for the message) and the boot clock. */
      changedAt: number;
      changed: BootTime;
      now: BootTime & { epoch: number };
      /** The engine's main process start, seconds since boot; undefined when systemd did not name one. */
      engineStart?: number;
    };

const BOOT_ID = /^[0-9a-f-]{8,64}$/;

function num(fields: Map<string, string>, key: string, what: string, stdout: string): number {
  const v = fields.get(key);
  if (v === undefined || !/^\d+(\.\d+)?$/.test(v))
    throw new ParseError(what, stdout, `${key} is ${v === undefined ? 'missing' : JSON.stringify(v)}`);
  return Number(v);
}

function bootId(fields: Map<string, string>, key: string, what: string, stdout: string): string {
  const v = fields.get(key);
  if (v === undefined || !BOOT_ID.test(v))
    throw new ParseError(what, stdout, `${key} is ${v === undefined ? 'missing' : JSON.stringify(v)}`);
  return v;
}

export function parseRestartMarker(stdout: string, exitCode: number): RestartMarker {
  const what = `restart marker ${MARKER_PATH}`;
  if (exitCode !== 0) throw new ParseError(what, stdout, `exit ${exitCode}`);
  if (stdout === 'none\n') return { state: 'none' };
  const fields = new Map<string, string>();
  for (const line of stdout.split('\n').filter((l) => l !== '')) {
    const eq = line.indexOf('=');
    if (eq <= 0) throw new ParseError(what, line, 'not a key=value line');
    fields.set(line.slice(0, eq), line.slice(eq + 1));
  }
  const pid = fields.get('engine_pid') ?? '';
  const ticks = fields.get('engine_start_ticks');
  const running = /^[1-9]\d*$/.test(pid) && ticks !== undefined && ticks !== '';
  return {
    state: 'present',
    changedAt: num(fields, 'marker_changed_at', what, stdout),
    changed: { bootId: bootId(fields, 'marker_boot_id', what, stdout), uptime: num(fields, 'marker_uptime', what, stdout) },
    now: {
      epoch: num(fields, 'now', what, stdout),
      bootId: bootId(fields, 'boot_id', what, stdout),
      uptime: num(fields, 'uptime', what, stdout),
    },
    ...(running ? { engineStart: num(fields, 'engine_start_ticks', what, stdout) / num(fields, 'clk_tck', what, stdout) } : {}),
  };
}

/** ISO time (UTC, seconds) of an epoch second count. */
export function isoSeconds(epoch: number): string {
  return new Date(Math.round(epoch) * 1000).toISOString().replace('.000Z', 'Z');
}

export type MarkerVerdict =
  | { pending: false; why: string }
  | { pending: true; changedAt: string; engineSince: string }
  /** A marker exists but the engine's start could not be read: nothing can be concluded. */
  | { unknown: string };

/** Whether the marker says the running engine has not read ovirt-floppy's last change. */
export function markerVerdict(marker: RestartMarker, service: string): MarkerVerdict {
  if (marker.state === 'none') return { pending: false, why: 'no marker' };
  if (marker.changed.bootId !== marker.now.bootId) return { pending: false, why: 'the manager rebooted since the change' };
  if (marker.engineStart === undefined) return { unknown: `systemctl show -p MainPID ${service} named no running process` };
  const engineSince = isoSeconds(marker.now.epoch - (marker.now.uptime - marker.engineStart));
  if (marker.changed.uptime > marker.engineStart) {
    return { pending: true, changedAt: isoSeconds(marker.changedAt), engineSince };
  }
  return { pending: false, why: `${service} restarted at ${engineSince}, after the change` };
}
