/**
 * A lab manager is ready when its engine stand-in's health servlet answers 200 (the stand-in, like the real
 * engine, takes a moment to start). Waiting here keeps tests that run right after `up` deterministic.
 */
import fs from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { assertLoopback } from './addresses.js';
import type { LabHost } from './state.js';

function healthStatus(address: string): Promise<number> {
  assertLoopback(address);
  return new Promise((resolve) => {
    const req = http.get({ host: address, port: 80, path: '/ovirt-engine/services/health', timeout: 1_000 }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(0));
  });
}

/** Resolves when healthy; hosts without the engine stand-in (no /etc/lab-engine) are ready at once. */
export async function waitForEngine(host: LabHost, timeoutMs = 60_000): Promise<boolean> {
  const hasEngine = await fs.access(path.join(host.root, 'etc/lab-engine/engine.json')).then(
    () => true,
    () => false,
  );
  if (!hasEngine) return true;
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if ((await healthStatus(host.address)) === 200) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}
