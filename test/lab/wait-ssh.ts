/** Whether an sshd answers on ADDRESS:22, i.e. sends its `SSH-2.0-` banner. */
import net from 'node:net';
import { assertLoopback } from './addresses.js';

/** One probe: resolves true when the banner arrives within `timeoutMs`. */
export function sshAnswers(address: string, timeoutMs = 1_000): Promise<boolean> {
  assertLoopback(address);
  return new Promise((resolve) => {
    const sock = net.connect({ host: address, port: 22 });
    const done = (ok: boolean): void => {
      sock.destroy();
      resolve(ok);
    };
    sock.setTimeout(timeoutMs, () => done(false));
    sock.once('data', (d) => done(d.toString('latin1').startsWith('SSH-')));
    sock.once('error', () => done(false));
    sock.once('close', () => done(false));
  });
}
