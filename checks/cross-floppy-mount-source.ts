/**
 * cross-floppy-mount-source: on every hypervisor, the mount that holds floppy.clientPath has the same source.
 *
 * Why: a VM may start on any host of the cluster, and the hook looks the image up by the same path everywhere
 * (facts §5.4: "The image must be reachable under the same path on every host"); two hosts whose clientPath sits
 * on different exports see different files. The probe is the hypervisor checks' own (lib/mount-findmnt.ts: a
 * builtin walk to the nearest existing ancestor, one `findmnt -T`), so one parser serves both. The source most
 * hypervisors share is the reference; without a strict majority every host is named. Sources compare as strings
 * without a trailing slash. Never fixes. Role: hypervisor.
 */
import { defineCrossHostCheck, type Finding } from '../src/check-api.js';
import { normalizeRemotePath } from '../src/config/remote-path.js';
import { resolveFloppy } from '../src/config/resolved.js';
import type { Config } from '../src/config/types.js';
import { parsePathMount, pathMountCommand, type PathMount } from './lib/mount-findmnt.js';

// Sources are not plain paths (`host:/export`, `dev[/path]`): only trailing slashes are dropped.
const sourceOf = (m: PathMount): string => (m.mount ? normalizeRemotePath(m.mount.source) : '');
const describe = (name: string, m: PathMount): string =>
  `${name}: ${m.mount ? `${m.mount.source} on ${m.mount.target} (${m.mount.fstype})` : 'findmnt missing'}`;

export default defineCrossHostCheck<{ mount: PathMount }, Config>({
  id: 'cross-floppy-mount-source',
  title: 'every hypervisor sees the floppy directory on the same mount source',
  roles: ['hypervisor'],
  severity: 'error',
  probe: ({ config }) => ({ mount: { run: pathMountCommand(config.floppy.clientPath), parse: parsePathMount } }),
  compare: (observations, config) => {
    const result = new Map<string, Finding[]>();
    const counts = new Map<string, number>();
    for (const o of observations) counts.set(sourceOf(o.observed.mount), (counts.get(sourceOf(o.observed.mount)) ?? 0) + 1);
    if (counts.size <= 1) return result;
    const ranked = [...counts.entries()].sort((a, b) => b[1] - a[1]);
    const majority = ranked[0]![1] > ranked[1]![1] ? ranked[0]![0] : '';
    const summary = observations.map((o) => describe(o.host.name, o.observed.mount)).join('; ');
    const client = resolveFloppy(config).clientPath;
    for (const o of observations) {
      const m = o.observed.mount;
      if (majority !== '' && sourceOf(m) === majority) continue;
      const missing = m.probedPath !== client ? ` (${client} does not exist; asked for ${m.probedPath})` : '';
      const why = majority ? 'not on the same source as the other hypervisors' : 'and the hypervisors do not agree on one source';
      result.set(o.host.name, [
        {
          code: 'mount-source-differs',
          message: `${client} is on ${m.mount?.source ?? 'an unknown mount'} on ${o.host.name}${missing}, ${why} (${summary})`,
          ...(majority ? { expected: majority } : {}),
          ...(m.mount ? { actual: m.mount.source } : {}),
          fixable: false,
        },
      ]);
    }
    return result;
  },
});
