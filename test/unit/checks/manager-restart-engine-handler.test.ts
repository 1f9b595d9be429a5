/**
 * The restart-engine handler: exact steps, and its wait script run for real with /bin/sh and curl against a
 * loopback HTTP server of this test (200 at once) and a closed loopback port (bounded failure with a message).
 */
import { spawn, spawnSync } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { restartEngine } from '../../../checks/handlers/restart-engine.js';
import { waitForHealthScript } from '../../../checks/lib/engine-health.js';
import { makeContext } from '../../support/check-harness.js';

// Async: the HTTP server lives in this process, so the event loop must stay free while the script runs.
function runSh(script: string): Promise<{ status: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn('sh', ['-c', script]);
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (status) => resolve({ status, stderr }));
  });
}

const ctx = makeContext({ host: { name: 'mgr', role: 'manager', address: '127.0.1.10' }, config: { manager: { restartTimeout: 120 } } });

describe('handler restart-engine', () => {
  it('plans systemctl restart, then a bounded health wait, then (healthy) removes the restart-pending marker', () => {
    const steps = restartEngine.plan(ctx);
    expect(restartEngine.name).toBe('restart-engine');
    expect(steps.map((s) => [s.describe, s.timeout])).toEqual([
      ['restart ovirt-engine', 180],
      ['wait up to 120 s for http://127.0.1.10/ovirt-engine/services/health to answer 200', 150],
      ['remove /var/lib/ovirt-floppy/engine-restart-pending (the engine runs the stored properties now)', undefined],
    ]);
    expect(steps[2]!.run).toEqual({ argv: ['rm', '-f', '/var/lib/ovirt-floppy/engine-restart-pending'] });
    expect(steps[0]!.run).toEqual({ argv: ['systemctl', 'restart', 'ovirt-engine'] });
    expect(steps[1]!.run).toEqual(waitForHealthScript('http://127.0.1.10/ovirt-engine/services/health', 120));
  });

  const hasCurl = spawnSync('curl', ['--version']).status === 0;
  describe.skipIf(!hasCurl)('wait script', () => {
    let server: Server;
    let port = 0;
    beforeAll(async () => {
      server = createServer((req, res) =>
        res.writeHead(req.url === '/ovirt-engine/services/health' ? 200 : 500).end('DB Up!Welcome to Health Status!'),
      );
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      port = (server.address() as AddressInfo).port;
    });
    afterAll(() => new Promise<void>((r) => server.close(() => r())));

    it('returns 0 as soon as the servlet answers 200', async () => {
      const r = await runSh(waitForHealthScript(`http://127.0.0.1:${port}/ovirt-engine/services/health`, 30).sh);
      expect(r.status).toBe(0);
    });

    it('fails after the bound with the last answer on stderr', async () => {
      const started = Date.now();
      const r = await runSh(waitForHealthScript(`http://127.0.0.1:${port}/wrong`, 1).sh);
      expect(r.status).toBe(1);
      expect(r.stderr).toBe(`engine health http://127.0.0.1:${port}/wrong did not answer 200 within 1 s (last answer: HTTP 500)\n`);
      expect(Date.now() - started).toBeLessThan(10_000);
    });
  });
});
