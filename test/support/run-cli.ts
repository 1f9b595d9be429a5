/** Run the real CLI as a child process (from source through tsx) and capture what a user would see. */
import { spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const ENTRY = fileURLToPath(new URL('./cli-entry.ts', import.meta.url));
/** `check` keeps a drift history by default (under $XDG_STATE_HOME): tests keep theirs out of the real home. */
const TEST_STATE_HOME = join(tmpdir(), 'ovirt-floppy-test-state');
/** ... and a probe memo (QEMU's answers, under $XDG_CACHE_HOME): theirs too. */
const TEST_CACHE_HOME = join(tmpdir(), 'ovirt-floppy-test-cache');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

export function runCli(args: string[], opts: { env?: NodeJS.ProcessEnv; input?: string; timeoutMs?: number } = {}): Promise<CliResult> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', ENTRY, ...args], {
      cwd: ROOT,
      env: { ...process.env, NO_COLOR: '1', XDG_STATE_HOME: TEST_STATE_HOME, XDG_CACHE_HOME: TEST_CACHE_HOME, ...opts.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 300_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString(), ms: Date.now() - started });
    });
    child.stdin.end(opts.input ?? '');
  });
}

/** `check`/`apply` with `--format json`, parsed. */
export async function runJson(
  args: string[],
): Promise<{ code: number | null; report: import('../../src/result/model.js').RunReport; stderr: string }> {
  const r = await runCli([...args, '--format', 'json']);
  try {
    return { code: r.code, report: JSON.parse(r.stdout), stderr: r.stderr };
  } catch {
    throw new Error(`not JSON (exit ${r.code}):\n${r.stdout}\n${r.stderr}`);
  }
}
