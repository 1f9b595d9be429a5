import { describe, expect, it } from 'vitest';
import { ConnectError } from '../../../src/errors.js';
import { runCli } from './harness.js';

describe('error handling in main', () => {
  it('an AppError prints its short message and exits with its code', async () => {
    const r = await runCli(['check'], {
      run: async () => {
        throw new ConnectError('hv1', 'refused', 'connect ECONNREFUSED');
      },
    });
    expect(r.code).toBe(3);
    expect(r.stderr).toBe('ovirt-floppy: hv1: refused: connect ECONNREFUSED\n');
  });

  it('anything else is a bug: stack and "please report", exit 3', async () => {
    const r = await runCli(['check'], {
      run: async () => {
        throw new TypeError('x is undefined');
      },
    });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/^ovirt-floppy: internal error: x is undefined\nTypeError: x is undefined\n\s+at /);
    expect(r.stderr).toContain('this is a bug, please report it');
  });

  it('--debug adds the stack and the cause chain of an AppError', async () => {
    const error = new ConnectError('hv1', 'timeout', 'no answer', {
      cause: new Error('socket hang up', { cause: new Error('ETIMEDOUT') }),
    });
    const plain = await runCli(['check'], {
      run: async () => {
        throw error;
      },
    });
    expect(plain.stderr).not.toContain('caused by');
    const debug = await runCli(['check', '--debug'], {
      run: async () => {
        throw error;
      },
    });
    expect(debug.stderr).toContain('ConnectError: hv1: timeout: no answer\n    at ');
    expect(debug.stderr).toContain('caused by: Error: socket hang up');
    expect(debug.stderr).toContain('caused by: Error: ETIMEDOUT');
  });

  it('errors under --format nagios are UNKNOWN (3) with one line on stdout', async () => {
    const r = await runCli(['check', '--format=nagios'], {
      run: async () => {
        throw new TypeError('boom');
      },
    });
    expect(r.code).toBe(3);
    expect(r.stdout).toBe('OVIRT-FLOPPY UNKNOWN - internal error: boom\n');
  });

  it('the progress display is stopped even when the run throws', async () => {
    let stopped = 0;
    const r = await runCli(['check'], {
      isTTY: { stdin: false, stdout: false, stderr: true },
      createProgress: () => ({
        sink: { hostStarted: () => {}, hostStage: () => {}, hostFinished: () => {} },
        pause: async () => {},
        stop: async () => void (stopped += 1),
      }),
      run: async () => {
        throw new Error('x');
      },
    });
    expect(r.code).toBe(3);
    expect(stopped).toBe(1);
  });
});
