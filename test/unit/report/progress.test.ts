import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { finishedTitle, listrProgress, silentProgress } from '../../../src/report/progress.js';
import { check, host } from './sample-report.js';

/** A stream that records what listr2 writes (the `test` renderer serialises events as lines). */
function captureStream() {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, cb) {
      chunks.push(String(chunk));
      cb();
    },
  }) as unknown as NodeJS.WriteStream;
  return { stream, text: () => chunks.join('') };
}

const refs = [
  { name: 'mgr', role: 'manager' as const, address: '127.0.1.10' },
  { name: 'hv1', role: 'hypervisor' as const, address: '127.0.1.11' },
];

describe('listr progress', () => {
  it('shows one task per host, follows stages, and ends when every host finished', async () => {
    const out = captureStream();
    const view = listrProgress({ hosts: refs, stream: out.stream, renderer: 'test' });
    view.sink.hostStarted(refs[0]!);
    view.sink.hostStarted(refs[1]!);
    await new Promise((r) => setTimeout(r, 10));
    view.sink.hostStage('mgr', 'probe');
    view.sink.hostFinished(host('mgr', 'manager', [check('a', 'ok'), check('b', 'drift')]));
    view.sink.hostFinished(host('hv1', 'hypervisor', [], { reachable: false, error: 'hv1: refused: nope' }));
    await view.stop();
    const text = out.text();
    expect(text).toContain('mgr (manager 127.0.1.10) — probe');
    expect(text).toContain('mgr: 1 ok, 1 drift');
    // exitOnError: false — the failed host is shown as failed and the display still ends normally.
    expect(text).toContain('hv1: unreachable: hv1: refused: nope');
  });

  it('pauses (for the apply question) and reopens for the hosts still running', async () => {
    const out = captureStream();
    const view = listrProgress({ hosts: refs, stream: out.stream, renderer: 'test' });
    view.sink.hostStage('mgr', 'plan');
    await view.pause();
    const paused = out.text();
    expect(paused).toContain('mgr (manager 127.0.1.10) — plan');
    view.sink.hostStage('mgr', 'apply');
    view.sink.hostFinished(host('mgr', 'manager', [check('a', 'fixed')]));
    view.sink.hostFinished(host('hv1', 'hypervisor', [check('b', 'ok')]));
    await view.stop();
    const after = out.text().slice(paused.length);
    expect(after).toContain('mgr (manager 127.0.1.10) — apply');
    expect(after).toContain('mgr: 1 fixed');
    // Events after stop() are ignored and never reopen a display.
    const final = out.text();
    view.sink.hostStage('hv1', 'reprobe');
    await view.stop();
    expect(out.text()).toBe(final);
  });

  it('stop() ends a display whose hosts never finished (the run threw)', async () => {
    const out = captureStream();
    const view = listrProgress({ hosts: refs, stream: out.stream, renderer: 'test' });
    await expect(Promise.race([view.stop().then(() => 'stopped'), new Promise((r) => setTimeout(() => r('hung'), 2000))])).resolves.toBe(
      'stopped',
    );
  });

  it('titles a finished host by its non-zero counts', () => {
    expect(finishedTitle(host('h', 'sftp', [check('a', 'ok'), check('b', 'ok'), check('c', 'error')]))).toBe('h: 2 ok, 1 error');
    expect(finishedTitle(host('h', 'sftp', []))).toBe('h: no checks');
  });

  it('silentProgress accepts every event and prints nothing', async () => {
    const view = silentProgress();
    view.sink.hostStarted(refs[0]!);
    view.sink.hostStage('mgr', 'probe');
    view.sink.hostFinished(host('mgr', 'manager', []));
    await view.pause();
    await view.stop();
  });
});
