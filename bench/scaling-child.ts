/**
 * `check --format json` with a bench-only registry (scaling table): the same runner, connector and JSON
 * renderer as the CLI, loaded from the bench's snapshot build, with the registry narrowed or widened by
 * scaling-registry.ts. Run as its own process (node --import tsx) so its wall time and peak RSS are measured
 * like A's; the tsx loader adds a constant start-up cost, so the scaling rows compare with each other (the
 * "all" row is this harness with the real registry), not with A.
 * Usage: node --import tsx bench/scaling-child.ts BUILD_DIR CONFIG CHECKS_PER_HOST
 */
import path from 'node:path';
import { parseChecksPerHost, scalingRegistry } from './scaling-registry.js';

type RunModule = typeof import('../src/runner/run.js');
type ConfigModule = typeof import('../src/config/index.js');
type RegistryModule = typeof import('../checks/index.js');
type TransportModule = typeof import('../src/ssh/ssh2-transport.js');
type RenderModule = typeof import('../src/report/render.js');

const [buildDir, configPath, perHostText] = process.argv.slice(2);
if (!buildDir || !configPath || !perHostText) {
  console.error('usage: scaling-child.ts BUILD_DIR CONFIG CHECKS_PER_HOST');
  process.exit(2);
}
const load = <T>(rel: string) => import(path.join(buildDir, rel)) as Promise<T>;
const [{ run }, { loadConfig }, { registry }, { Ssh2Connector }, { renderReport }] = await Promise.all([
  load<RunModule>('dist/src/runner/run.js'),
  load<ConfigModule>('dist/src/config/index.js'),
  load<RegistryModule>('dist/checks/index.js'),
  load<TransportModule>('dist/src/ssh/ssh2-transport.js'),
  load<RenderModule>('dist/src/report/render.js'),
]);
const { config } = await loadConfig({ path: configPath, env: process.env, cwd: process.cwd() });
const perHost = parseChecksPerHost(perHostText)[0]!;
const report = await run({
  command: 'check',
  config,
  dryRun: false,
  flags: {},
  acceptNewHostKeys: false,
  connector: new Ssh2Connector(),
  registry: scalingRegistry(registry, perHost, config),
});
process.stdout.write(renderReport(report, 'json'));
