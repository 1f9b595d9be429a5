import fs from 'node:fs';
import { snapshotBuild } from './build.js';
import { startFleet, stopFleet } from './lab.js';
import { probeScripts } from './probe-scripts.js';
const log = (m: string) => console.error(m);
const build = snapshotBuild(log);
try {
  const t0 = Date.now();
  const g = await startFleet(Number(process.argv[2] ?? 2), log);
  log(`up in ${Date.now() - t0} ms: ${g.hosts.map((h) => `${h.name}=${h.address}`).join(' ')} config ${g.configPath}`);
  fs.copyFileSync(g.configPath, '/tmp/bx/config.yaml');
  for (const s of await probeScripts(build, g.configPath)) fs.writeFileSync(`/tmp/bx/${s.target.name}.sh`, s.script);
  fs.writeFileSync('/tmp/bx/info.json', JSON.stringify({ build: build.dir, group: g }, null, 1));
  log('sleeping; touch /tmp/bx/stop to end');
  while (!fs.existsSync('/tmp/bx/stop')) await new Promise((r) => setTimeout(r, 500));
} finally {
  await stopFleet();
  build.remove();
  log('stopped');
}
