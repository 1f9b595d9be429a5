/**
 * Where A's controller CPU goes: one extra `check` under `node --cpu-prof`, its .cpuprofile folded into self
 * time per area (ssh2 protocol/crypto, our ssh layer, runner, checks, report, config/ajv, CLI, node internals,
 * GC, idle) and the top functions. Evidence for the README, not a timed sample.
 */
import fs from 'node:fs';
import path from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export interface ProfileSummary {
  totalMs: number;
  /** Self time per area, ms, largest first. */
  areas: { area: string; ms: number }[];
  top: { fn: string; where: string; ms: number }[];
}

function area(url: string, fn: string): string {
  if (fn === '(idle)') return 'idle (waiting for hosts)';
  if (fn === '(garbage collector)') return 'GC';
  if (fn === '(program)') return 'native (V8/libuv/OpenSSL outside JS)';
  if (url.includes('/node_modules/ssh2/lib/protocol/crypto') || url.includes('/node_modules/ssh2/lib/protocol/kex'))
    return 'ssh2 kex + crypto';
  if (url.includes('/node_modules/ssh2/')) return 'ssh2 protocol';
  if (url.includes('/node_modules/ajv')) return 'ajv (config schema)';
  if (url.includes('/node_modules/yargs') || url.includes('/node_modules/cliui')) return 'yargs (CLI)';
  if (url.includes('/node_modules/')) return `npm: ${url.split('/node_modules/')[1]?.split('/')[0]}`;
  for (const part of ['ssh', 'runner', 'report', 'config', 'cli', 'engine-api', 'image'])
    if (url.includes(`/dist/src/${part}/`)) return `tool: src/${part}`;
  if (url.includes('/dist/checks/')) return 'tool: checks';
  if (url.startsWith('node:')) return 'node internals';
  if (url === '') return 'native builtins (fs, zlib, crypto bindings, RegExp, JSON…)';
  return 'other';
}

export function summarizeProfile(dir: string): ProfileSummary | undefined {
  const file = fs.readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
  if (!file) return undefined;
  const p = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as CpuProfile;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  p.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (p.timeDeltas[i] ?? 0)));
  const areas = new Map<string, number>();
  const fns = new Map<string, { fn: string; where: string; us: number }>();
  for (const [id, us] of self) {
    const n = byId.get(id);
    if (!n) continue;
    const { functionName, url, lineNumber } = n.callFrame;
    const a = area(url, functionName);
    areas.set(a, (areas.get(a) ?? 0) + us);
    const where = url ? `${url.replace(/^.*\/(node_modules|dist)\//, '$1/')}:${lineNumber + 1}` : '';
    const key = `${functionName}@${where}`;
    const f = fns.get(key) ?? { fn: functionName || '(anonymous)', where, us: 0 };
    f.us += us;
    fns.set(key, f);
  }
  const ms = (us: number) => Math.round(us / 100) / 10;
  return {
    totalMs: ms(p.endTime - p.startTime),
    areas: [...areas].map(([a, us]) => ({ area: a, ms: ms(us) })).sort((x, y) => y.ms - x.ms),
    top: [...fns.values()]
      .filter((f) => f.fn !== '(idle)')
      .sort((x, y) => y.us - x.us)
      .slice(0, 15)
      .map((f) => ({ fn: f.fn, where: f.where, ms: ms(f.us) })),
  };
}
