import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import {
  buildProbeScript, frameProbeOutput, parseProbeScript, ProbeFramingError, splitProbeOutput,
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
