/**
 * A Transport that answers only what it was told. Any other command throws UnexpectedCommandError, so a test
 * proves exactly which commands a check or the runner sends (house-style §3.8).
 *
 * The runner's probe script (`sh -s` with the script on stdin) is answered per command: the fake reads the
 * script back with parseProbeScript, answers each (key, command) from the same table, and frames the answers
 * the way the real script does.
 */
import type { HostTarget } from '../../src/config/types.js';
import { frameProbeOutput, parseProbeScript } from '../../src/runner/probe-script.js';
import type { ExecOptions, ExecResult, SftpClient, Transport, TransportStats } from '../../src/ssh/transport.js';

export interface FakeAnswer {
  stdout?: string;
  stderr?: string;
  exitCode?: number | null;
  signal?: string;
}

export class UnexpectedCommandError extends Error {
  constructor(readonly command: string) {
    super(`fake transport was not told about: ${command}`);
  }
}
UnexpectedCommandError.prototype.name = 'UnexpectedCommandError';

export type AnswerTable = Map<string, FakeAnswer | ((options: ExecOptions | undefined) => FakeAnswer)>;

export interface ExecCall {
  command: string;
  stdin?: string;
  privileged?: boolean;
}

export class FakeTransport implements Transport {
  readonly stats: TransportStats = { connections: 1, execs: 0 };
  readonly calls: ExecCall[] = [];
  /** Individual probe commands answered inside probe scripts, in order. */
  readonly probeCommands: string[] = [];
  closed = false;

  constructor(
    readonly target: HostTarget,
    readonly answers: AnswerTable = new Map(),
    private readonly sftpClient?: SftpClient,
  ) {}

  answer(command: string, answer: FakeAnswer | ((options: ExecOptions | undefined) => FakeAnswer)): this {
    this.answers.set(command, answer);
    return this;
  }

  async exec(command: string, options?: ExecOptions): Promise<ExecResult> {
    this.stats.execs += 1;
    const stdin = options?.stdin === undefined ? undefined : options.stdin.toString();
    this.calls.push({ command, stdin, privileged: options?.privileged });
    const nonce = stdin ? /@@OF:([0-9a-f]+) /.exec(stdin)?.[1] : undefined;
    if (command.endsWith('sh -s') && stdin && nonce) return this.answerScript(stdin, nonce);
    const found = this.answers.get(command);
    if (!found) throw new UnexpectedCommandError(command);
    const a = typeof found === 'function' ? found(options) : found;
    return {
      exitCode: a.exitCode === undefined ? 0 : a.exitCode,
      signal: a.signal,
      stdout: a.stdout ?? '',
      stderr: a.stderr ?? '',
      durationMs: 1,
    };
  }

  private answerScript(script: string, nonce: string): ExecResult {
    const parts: Buffer[] = [];
    for (const { key, command } of parseProbeScript(script)) {
      const found = this.answers.get(command);
      if (!found) throw new UnexpectedCommandError(command);
      const a = typeof found === 'function' ? found(undefined) : found;
      this.probeCommands.push(command);
      parts.push(frameProbeOutput(nonce, key, { stdout: a.stdout ?? '', exitCode: a.exitCode ?? 0 }));
    }
    // Like the real transport (ssh2-session.ts): raw bytes too, which the probe framing reads.
    const raw = Buffer.concat(parts);
    return { exitCode: 0, stdout: raw.toString('utf8'), stdoutRaw: raw, stderr: '', durationMs: 1 };
  }

  async sftp(): Promise<SftpClient> {
    if (!this.sftpClient) throw new UnexpectedCommandError('sftp()');
    return this.sftpClient;
  }

  async close(): Promise<void> {
    this.closed = true;
  }
}

export function fakeTarget(overrides: Partial<HostTarget> = {}): HostTarget {
  return { name: 'host1', role: 'hypervisor', host: '127.0.1.11', user: 'root', port: 22, identityFiles: [], become: 'none', ...overrides };
}
