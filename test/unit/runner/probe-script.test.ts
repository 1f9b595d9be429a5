import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  buildProbeScript,
  frameProbeOutput,
  needsIsolation,
  parseProbeScript,
  ProbeFramingError,
  splitProbeOutput,
  STATUS_UNKNOWN_EXIT_CODE,
  type ScriptCommand,
} from '../../../src/runner/probe-script.js';

// The script is run by real shells here: the framing must hold in dash (Debian sh), bash (EL sh) and sh.
const SHELLS = ['sh', 'dash', 'bash'].filter((sh) => spawnSync('sh', ['-c', `command -v ${sh}`]).status === 0);
const NONCE = '0123456789abcdef';

const tricky = [
  { key: 'a/newlines', command: "printf 'hello\\n\\n\\n'" },
  { key: 'a/false', command: 'false' },
  { key: 'b/exit', command: 'echo before; exit 7' },
  { key: 'b/syntax-error', command: 'if then fi (' },
  // Output that looks exactly like a header of this very run must stay content.
  { key: 'c/fake-header', command: `printf '@@OF:${NONCE} a/false 0 3\\nabc\\n'` },
  { key: 'c/reads-stdin', command: 'cat' },
  { key: 'c/utf8', command: "printf 'é€x'" },
  { key: 'c/missing', command: 'no-such-command-xyz' },
  { key: 'c/locale', command: 'echo "$LC_ALL"' },
  { key: 'c/stderr', command: 'echo visible; echo hidden >&2' },
  { key: 'c/quotes', command: `printf '%s' "it's \\"quoted\\" \\$HOME"` },
];

describe.each(SHELLS)('probe script under %s', (shell) => {
  const run = () => {
    const r = spawnSync(shell, ['-s'], { input: buildProbeScript(tricky, NONCE) });
    return splitProbeOutput(Buffer.concat([Buffer.from('Last login: motd noise\n'), r.stdout]), NONCE);
  };

  it('keeps every output byte-exact with its exit status, whatever the output contains', () => {
    const out = run();
    expect([...out.keys()]).toEqual(tricky.map((c) => c.key));
    expect(out.get('a/newlines')).toEqual({ stdout: 'hello\n\n\n', exitCode: 0 });
    expect(out.get('a/false')).toEqual({ stdout: '', exitCode: 1 });
    expect(out.get('b/exit')).toEqual({ stdout: 'before\n', exitCode: 7 });
    expect(out.get('b/syntax-error')?.exitCode).toBe(2);
    expect(out.get('c/fake-header')).toEqual({ stdout: `@@OF:${NONCE} a/false 0 3\nabc\n`, exitCode: 0 });
    expect(out.get('c/reads-stdin')).toEqual({ stdout: '', exitCode: 0 });
    expect(out.get('c/utf8')).toEqual({ stdout: 'é€x', exitCode: 0 });
    expect(out.get('c/missing')?.exitCode).toBe(127);
    expect(out.get('c/locale')?.stdout).toBe('C\n');
    expect(out.get('c/stderr')?.stdout).toBe('visible\n');
    expect(out.get('c/quotes')?.stdout).toBe('it\'s "quoted" $HOME');
  });
});

describe('splitProbeOutput', () => {
  it('reads back what frameProbeOutput wrote, including header-like content', () => {
    const body = `x\n@@OF:${NONCE} k2 0 1\ny\n`;
    const raw = Buffer.concat([
      frameProbeOutput(NONCE, 'k1', { stdout: body, exitCode: 3 }),
      frameProbeOutput(NONCE, 'k2', { stdout: '', exitCode: 0 }),
    ]);
    const out = splitProbeOutput(raw, NONCE);
    expect(out.get('k1')).toEqual({ stdout: body, exitCode: 3 });
    expect(out.get('k2')).toEqual({ stdout: '', exitCode: 0 });
  });

  it('refuses a cut-short output instead of guessing', () => {
    const raw = frameProbeOutput(NONCE, 'k1', { stdout: 'abcdef', exitCode: 0 }).subarray(0, 30);
    expect(() => splitProbeOutput(raw, NONCE)).toThrow(ProbeFramingError);
  });

  it('ignores headers of another run (another nonce) before the first real one', () => {
    const raw = Buffer.concat([
      Buffer.from('@@OF:ffffffffffffffff k0 0 1\nz\n'),
      frameProbeOutput(NONCE, 'k1', { stdout: 'ok', exitCode: 0 }),
    ]);
    expect([...splitProbeOutput(raw, NONCE).keys()]).toEqual(['k1']);
  });
});

describe('parseProbeScript', () => {
  it('recovers every (key, command) pair, even commands with quotes and newlines', () => {
    const commands = [...tricky, { key: 'd/multiline', command: "echo 'a\nb'; echo \"c'd\"" }];
    expect(parseProbeScript(buildProbeScript(commands, NONCE))).toEqual(commands);
  });
});

// ---------------------------------------------------------------------------------------------------------
// One fork per command (EXIT-trap framing), the exec/trap fallback, the lost-status safety net, and identical
// commands run once. Every shell that exists here runs the real script; EL's /bin/sh is bash in POSIX mode
// (started as `sh`), Debian's is dash.

const has = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
interface Shell {
  name: string;
  file: string;
  args: string[];
  argv0?: string;
}
const ALL_SHELLS: Shell[] = [
  { name: 'sh', file: 'sh', args: [] },
  { name: 'dash', file: 'dash', args: [] },
  { name: 'bash', file: 'bash', args: [] },
  { name: 'bash --posix', file: 'bash', args: ['--posix'] },
  { name: 'bash started as sh', file: 'bash', args: [], argv0: 'sh' },
  { name: 'busybox sh', file: 'busybox', args: ['sh'] },
].filter((sh) => has(sh.file));

function runScript(shell: Shell, script: string): ReturnType<typeof splitProbeOutput> {
  const r = spawnSync(shell.file, [...shell.args, '-s'], { input: script, argv0: shell.argv0, maxBuffer: 64 << 20 });
  expect(r.status).toBe(0);
  return splitProbeOutput(r.stdout, NONCE);
}

const BIG = 1 << 20;
const hostile: ScriptCommand[] = [
  { key: 'h/exit', command: 'printf partial; exit 7' },
  { key: 'h/syntax', command: 'echo never; if then fi (' },
  { key: 'h/return', command: 'echo r; return 3' },
  { key: 'h/set-e', command: 'set -e; false; echo unreachable' },
  { key: 'h/trailing', command: "printf 'a\\n\\n\\n'" },
  { key: 'h/no-trailing', command: "printf 'no newline'" },
  { key: 'h/empty', command: 'true' },
  { key: 'h/external-last', command: 'echo first; /bin/sh -c "exit 4"' },
  // Headers and status markers of this very run, mid-output and at the very end: content, not framing.
  { key: 'h/headers', command: `printf '@@OF:${NONCE} h/exit 0 3\\nabc\\n@@OF:${NONCE}:0\\n'` },
  { key: 'h/marker-at-end', command: `printf 'x@@OF:${NONCE}:5'` },
  { key: 'h/looks-like-status', command: "printf 'x0'" },
  { key: 'h/stdin', command: 'cat; echo "read:$(cat)"' },
  { key: 'h/stderr', command: 'echo out; echo err >&2; exit 1' },
  { key: 'h/large', command: `head -c ${BIG} /dev/zero | tr '\\0' 'y'` },
  { key: 'h/printf-function', command: 'printf() { echo hijacked; }; printf x' },
  // These name exec or trap: the two-fork form keeps their status.
  { key: 'x/exec-true', command: 'exec true' },
  { key: 'x/exec-false', command: 'exec false' },
  { key: 'x/exec-output', command: "exec printf 'x0'" },
  { key: 'x/exec-redirect', command: 'exec >/dev/null; echo gone; exit 6' },
  { key: 'x/own-trap', command: "trap 'echo bye' EXIT; echo hi" },
  { key: 'x/trap-reset', command: 'trap - EXIT; echo t; exit 2' },
  // An exec the loose match cannot see (the word is built at run time): no marker, so `?`, never a guess.
  { key: 'z/hidden-exec', command: 'e=ex; "${e}ec" printf \'ends like a status x1\'' },
  { key: 'z/after', command: 'echo still framed' },
];

describe.each(ALL_SHELLS.map((sh) => [sh.name, sh] as const))('one-fork framing under %s', (_name, shell) => {
  it('keeps every guarantee with hostile fragments', () => {
    const out = runScript(shell, buildProbeScript(hostile, NONCE));
    expect([...out.keys()]).toEqual(hostile.map((c) => c.key));
    expect(out.get('h/exit')).toEqual({ stdout: 'partial', exitCode: 7 });
    expect(out.get('h/syntax')?.exitCode).toBe(2);
    expect(out.get('h/return')).toEqual({ stdout: 'r\n', exitCode: 3 });
    expect(out.get('h/set-e')).toEqual({ stdout: '', exitCode: 1 });
    expect(out.get('h/trailing')).toEqual({ stdout: 'a\n\n\n', exitCode: 0 });
    expect(out.get('h/no-trailing')).toEqual({ stdout: 'no newline', exitCode: 0 });
    expect(out.get('h/empty')).toEqual({ stdout: '', exitCode: 0 });
    expect(out.get('h/external-last')).toEqual({ stdout: 'first\n', exitCode: 4 });
    expect(out.get('h/headers')).toEqual({ stdout: `@@OF:${NONCE} h/exit 0 3\nabc\n@@OF:${NONCE}:0\n`, exitCode: 0 });
    expect(out.get('h/marker-at-end')).toEqual({ stdout: `x@@OF:${NONCE}:5`, exitCode: 0 });
    expect(out.get('h/looks-like-status')).toEqual({ stdout: 'x0', exitCode: 0 });
    expect(out.get('h/stdin')).toEqual({ stdout: 'read:\n', exitCode: 0 });
    expect(out.get('h/stderr')).toEqual({ stdout: 'out\n', exitCode: 1 });
    expect(out.get('h/large')).toEqual({ stdout: 'y'.repeat(BIG), exitCode: 0 });
    expect(out.get('h/printf-function')).toEqual({ stdout: 'hijacked\n', exitCode: 0 });
    expect(out.get('x/exec-true')).toEqual({ stdout: '', exitCode: 0 });
    expect(out.get('x/exec-false')).toEqual({ stdout: '', exitCode: 1 });
    expect(out.get('x/exec-output')).toEqual({ stdout: 'x0', exitCode: 0 });
    expect(out.get('x/exec-redirect')).toEqual({ stdout: '', exitCode: 6 });
    expect(out.get('x/own-trap')).toEqual({ stdout: 'hi\nbye\n', exitCode: 0 });
    expect(out.get('x/trap-reset')).toEqual({ stdout: 't\n', exitCode: 2 });
    expect(out.get('z/hidden-exec')).toEqual({ stdout: 'ends like a status x1', exitCode: STATUS_UNKNOWN_EXIT_CODE, statusUnknown: true });
    expect(out.get('z/after')).toEqual({ stdout: 'still framed\n', exitCode: 0 });
  });

  it('runs identical commands once and still answers every key', () => {
    const dir = mkdtempSync(join(tmpdir(), 'of-probe-'));
    try {
      const counted = `echo run >> ${dir}/count; printf 'same\\n\\n'; exit 3`;
      const commands = [
        { key: 'a/first', command: counted },
        { key: 'b/other', command: 'echo other' },
        { key: 'c/again', command: counted },
      ];
      const script = buildProbeScript(commands, NONCE);
      const out = runScript(shell, script);
      expect(readFileSync(join(dir, 'count'), 'utf8')).toBe('run\n');
      expect(Object.fromEntries(out)).toEqual({
        'a/first': { stdout: 'same\n\n', exitCode: 3 },
        'b/other': { stdout: 'other\n', exitCode: 0 },
        'c/again': { stdout: 'same\n\n', exitCode: 3 },
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('identical commands in the script text', () => {
  const commands = [
    { key: 'hv/where', command: 'findmnt -n -o SOURCE /x' },
    { key: 'hv/other', command: 'echo other' },
    { key: 'cross/mount', command: 'findmnt -n -o SOURCE /x' },
  ];

  it('runs 2 commands for 3 keys, and reads back all 3 (key, command) pairs', () => {
    const script = buildProbeScript(commands, NONCE);
    expect(script.match(/^__of_run(_sub)? /gm)).toHaveLength(2);
    expect(parseProbeScript(script)).toEqual([commands[0], commands[2], commands[1]]);
    expect(parseProbeScript(script, { distinct: true })).toEqual([commands[0], commands[1]]);
  });
});

describe('needsIsolation', () => {
  it('matches exec and trap as words, loosely, and nothing inside longer names', () => {
    for (const c of ['exec true', 'x; exec 3>&-', "'exec' cat", 'find / -exec ls {} +', 'trap "" EXIT', 'a && exec b'])
      expect(needsIsolation(c), c).toBe(true);
    for (const c of ['ls /usr/libexec/vdsm/hooks', 'executable', 'trapdoor', 'test -x f', 'my_exec', 'exec_x'])
      expect(needsIsolation(c), c).toBe(false);
  });

  it('puts only such commands in the two-fork form', () => {
    const script = buildProbeScript(
      [
        { key: 'a', command: 'exec true' },
        { key: 'b', command: 'ls /usr/libexec' },
      ],
      NONCE,
    );
    expect(script).toContain("\n__of_run_sub a 'exec true'\n");
    expect(script).toContain("\n__of_run b 'ls /usr/libexec'\n");
  });
});

describe('unknown status in the framing', () => {
  it('reads `?` as statusUnknown, and frameProbeOutput writes it', () => {
    const raw = Buffer.concat([
      frameProbeOutput(NONCE, 'k1', { stdout: 'x1', exitCode: STATUS_UNKNOWN_EXIT_CODE, statusUnknown: true }),
      frameProbeOutput(NONCE, 'k2', { stdout: '', exitCode: 0 }),
    ]);
    expect(raw.toString()).toContain(`@@OF:${NONCE} k1 ? 2\n`);
    expect(Object.fromEntries(splitProbeOutput(raw, NONCE))).toEqual({
      k1: { stdout: 'x1', exitCode: STATUS_UNKNOWN_EXIT_CODE, statusUnknown: true },
      k2: { stdout: '', exitCode: 0 },
    });
  });

  it('refuses a nonce that is not hex (it is pasted into shell patterns)', () => {
    expect(() => buildProbeScript([], 'ab*')).toThrow(/hex/);
  });
});

// Processes: the shell's own forks, counted with strace (clone/fork/vfork that returned a pid). Builtins only
// in the fragments, so every fork is the framing's.
const STRACE = has('strace') && spawnSync('strace', ['-f', '-qq', '-o', '/dev/null', 'true']).status === 0;
// (argv0 cannot be passed through strace; `bash --posix` stands for bash started as sh.)
describe.skipIf(!STRACE).each(ALL_SHELLS.filter((sh) => !sh.argv0).map((sh) => [sh.name, sh] as const))(
  'forks under %s (strace)',
  (_name, shell) => {
    const forks = (script: string): number => {
      const dir = mkdtempSync(join(tmpdir(), 'of-strace-'));
      try {
        const log = join(dir, 'log');
        const argv = ['-f', '-qq', '-e', 'trace=clone,clone3,fork,vfork', '-o', log, shell.file, ...shell.args, '-s'];
        const r = spawnSync('strace', argv, { input: script });
        expect(r.status).toBe(0);
        return readFileSync(log, 'utf8')
          .split('\n')
          .filter((l) => /^\d+\s+(clone3?|v?fork)\(.*= \d+$/.test(l)).length;
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    };
    const builtins = Array.from({ length: 19 }, (_, i) => ({ key: `k/${i}`, command: `echo line ${i}; exit ${i % 3}` }));

    it('forks once per command, twice for an exec/trap command, never for a repeated command', () => {
      expect(forks(buildProbeScript([], NONCE))).toBe(0);
      expect(forks(buildProbeScript(builtins, NONCE))).toBe(19);
      expect(forks(buildProbeScript([...builtins, { key: 'x/exec', command: 'exec echo' }], NONCE))).toBe(21);
      expect(forks(buildProbeScript([...builtins, { key: 'x/same', command: builtins[4]!.command }], NONCE))).toBe(19);
    });
  },
);
