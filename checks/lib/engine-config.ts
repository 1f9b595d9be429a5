/**
 * Reading and writing `UserDefinedVMProperties` with `engine-config` (facts §1.2, §1.3, §1.5).
 *
 * Read: ONE `engine-config -g UserDefinedVMProperties` (no `--cver`) lists every level row. Each engine-config run
 * is a JVM start (seconds of CPU), so N+1 runs per audit (`-g --cver` per level) are avoided. This is lossless:
 *  - `-g` prints `KEY + ": " + value + " version: " + version + "\n"` per row, and `-g --cver` prints
 *    `value + "\n"`; both print the same `getDisplayValue()` (engine `EngineConfigLogic.printAllValuesForKey`,
 *    `printKeyWithSpecifiedVersion`; `ToolConsole.write` is a plain `System.out.print`).
 *  - The version (`vdc_options.version`, e.g. `4.7`) holds no space, so the LAST ` version: ` on a line is the
 *    separator: an end-anchored greedy match recovers a value that itself contains ` version: `.
 *  - Only a line break inside a value makes rows ambiguous; such output has a line that is not a row, and the
 *    parser refuses it (ParseError) instead of guessing. A value forging a whole row line after a line break
 *    is caught at write time: the write step re-reads the level with `--cver` and refuses to write if the
 *    value is not the one this probe saw (see `planPropertyWrite`).
 * Rows come in no particular order (no ORDER BY, facts §1.2); levels are sorted numerically.
 *
 * Every call runs under `timeout` (the prompt loop of §1.3 never ends on EOF, and a JVM waiting for its database
 * can hang) bounded by `manager.engineConfigTimeout`, which the config rules keep inside ssh.execTimeout: a hang is
 * then reported as engine-config's own timeout while the manager's other probes still answer, instead of the whole
 * probe exec timing out. GNU timeout signals the command's whole process group, so nothing is left running. And
 * under a UTF-8 locale: the JVM encodes stdout and decodes argv by the locale, and under the probe script's
 * LC_ALL=C a non-ASCII character would come back as `?` and be written back that way.
 */
import { ENGINE_CONFIG_KILL_GRACE } from '../../src/config/engine-config-limits.js';
import { ParseError } from '../../src/errors.js';
import { quote, quoteArg } from '../../src/shell/quote.js';
import { MARKER_PATH, writeRestartMarker } from './engine-restart-marker.js';

export const PROPERTY_KEY = 'UserDefinedVMProperties';

// C.UTF-8 on EL8+/Debian; EL7 (glibc 2.17) has no C.UTF-8 but ships en_US.UTF-8 in glibc-common.
const PICK_LOCALE = "L=en_US.UTF-8; locale -a 2>/dev/null | grep -qix 'c\\.utf-\\{0,1\\}8' && L=C.UTF-8";

/** engine-config bounded to `seconds` (SIGTERM), then SIGKILL after the grace. */
function engineConfig(seconds: number): string {
  if (!Number.isInteger(seconds) || seconds < 1) throw new RangeError(`engine-config timeout ${seconds} is not a positive integer`);
  return `LC_ALL=$L timeout -k ${ENGINE_CONFIG_KILL_GRACE} ${seconds} engine-config`;
}

/** The probe fragment: every row of the key, with engine-config's exit status as the fragment's. */
export function listPropertiesCommand(seconds: number): { sh: string } {
  return { sh: `${PICK_LOCALE}; ${engineConfig(seconds)} -g ${PROPERTY_KEY}` };
}

/** Seconds a write step (three bounded engine-config runs: check, set, read back) may take in all. */
export function propertyWriteSeconds(seconds: number): number {
  return 3 * (seconds + ENGINE_CONFIG_KILL_GRACE) + 30;
}

export interface LevelValue {
  version: string;
  value: string;
}

export type StoredProperties =
  | { state: 'ok'; levels: LevelValue[] }
  /** engine-config (or timeout) is not installed. */
  | { state: 'missing' }
  /** engine-config answered with an error (it prints errors on stdout, facts §1.3). */
  | { state: 'failed'; exitCode: number; message: string }
  /** `timeout` ended engine-config (124 after SIGTERM, 137 after SIGKILL): no answer, the stored value is unknown. */
  | { state: 'timeout'; exitCode: number };

const ROW = new RegExp(`^${PROPERTY_KEY}: (.*) version: (\\S+)$`);
const VERSION = /^[0-9A-Za-z][0-9A-Za-z._-]*$/;

/** Numeric order of dotted levels ("4.10" after "4.9"); non-numeric parts compare as text. */
export function compareLevels(a: string, b: string): number {
  const pa = a.split('.');
  const pb = b.split('.');
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i] ?? '';
    const y = pb[i] ?? '';
    const d = /^\d+$/.test(x) && /^\d+$/.test(y) ? Number(x) - Number(y) : x.localeCompare(y);
    if (d !== 0) return d;
  }
  return 0;
}

export function parseStoredProperties(stdout: string, exitCode: number): StoredProperties {
  if (exitCode === 127 || exitCode === 126) return { state: 'missing' };
  if (exitCode === 124 || exitCode === 137) return { state: 'timeout', exitCode };
  if (exitCode !== 0) return { state: 'failed', exitCode, message: stdout.trim() || `engine-config exited ${exitCode}` };
  if (!stdout.endsWith('\n')) throw new ParseError(`engine-config -g ${PROPERTY_KEY}`, stdout, 'output does not end with a line break');
  const levels: LevelValue[] = [];
  for (const line of stdout.slice(0, -1).split('\n')) {
    const m = ROW.exec(line);
    if (!m || !VERSION.test(m[2]!)) {
      throw new ParseError(`engine-config -g ${PROPERTY_KEY}`, line, 'not a "KEY: value version: X" row (a value with a line break?)');
    }
    if (levels.some((l) => l.version === m[2]))
      throw new ParseError(`engine-config -g ${PROPERTY_KEY}`, stdout, `level ${m[2]} listed twice`);
    levels.push({ version: m[2]!, value: m[1]! });
  }
  return { state: 'ok', levels: levels.sort((a, b) => compareLevels(a.version, b.version)) };
}

/**
 * One level's write as a shell step: refuse if the stored value is no longer `before` (changed since the probe,
 * or misread), set it with `-s … --cver` (never `-m`, facts §1.5), leave the restart-pending marker (the stored
 * value now differs from what the running engine read at its start; lib/engine-restart-marker.ts), then read it
 * back and fail unless it is `after`. Every run is bounded by `seconds`; a timeout says so. engine-config's own
 * messages go to stderr so a failed step shows them.
 */
export function planPropertyWrite(
  level: string,
  before: string,
  after: string,
  seconds: number,
  markerPath: string = MARKER_PATH,
): { sh: string } {
  const ec = engineConfig(seconds);
  const cver = `--cver=${level}`;
  const read = `${ec} -g ${PROPERTY_KEY} ${quoteArg(cver)}`;
  // `&& printf x` keeps trailing line breaks through $( ) and fails the assignment when engine-config fails.
  const expect = (v: string): string => quoteArg(`${v}\nx`);
  const say = (text: string): string => `{ echo ${quoteArg(text)} >&2; exit 1; }`;
  // The failed run's status in words: a timeout is named as one (124 SIGTERM, 137 SIGKILL), not as "exit 124".
  const failed = (text: string): string => `{ r=$?; echo ${quoteArg(`${text}: `)}"$(__of_ec_why $r)" >&2; exit 1; }`;
  return {
    sh: [
      PICK_LOCALE,
      `__of_ec_why() { case $1 in 124|137) echo 'engine-config did not answer within ${seconds} s' ;; *) echo "engine-config exit $1" ;; esac; }`,
      `cur=$(${read} && printf x) || ${failed(`cannot read ${PROPERTY_KEY} for level ${level}`)}`,
      `[ "$cur" = ${expect(before)} ] || ${say(`${PROPERTY_KEY} for level ${level} changed since it was checked; nothing written, run check again`)}`,
      `${ec} ${quote(['-s', `${PROPERTY_KEY}=${after}`, cver])} >&2 || ${failed(`engine-config -s ${PROPERTY_KEY} for level ${level} failed`)}`,
      writeRestartMarker(markerPath),
      `new=$(${read} && printf x) || ${failed(`cannot read back ${PROPERTY_KEY} for level ${level}`)}`,
      `[ "$new" = ${expect(after)} ] || ${say(`read-back of ${PROPERTY_KEY} for level ${level} differs from the value written`)}`,
    ].join('\n'),
  };
}
