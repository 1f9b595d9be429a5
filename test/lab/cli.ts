/**
 * `npm run lab -- up [--hypervisors N] [--vdsm-versions 4.30,4.50] | down | status | rootfs [--rebuild]`
 * (issue #3). Needs root.
 */
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import type { QemuPolicy, VdsmVersion } from './host.js';
import { labDown, labStatus, labUp } from './lab.js';
import { labPaths } from './paths.js';
import { prepareMachine } from './prepare.js';

const log = (m: string): void => console.error(m);

function parseVersions(list: string | undefined): VdsmVersion[] | undefined {
  if (list === undefined) return undefined;
  const versions = list.split(',').map((v) => v.trim());
  for (const v of versions) if (v !== '4.30' && v !== '4.50') throw new Error(`unknown vdsm version "${v}" (4.30, 4.50)`);
  return versions as VdsmVersion[];
}

function parsePolicies(list: string | undefined): QemuPolicy[] | undefined {
  if (list === undefined) return undefined;
  const policies = list.split(',').map((v) => v.trim());
  for (const v of policies)
    if (v !== 'upstream' && v !== 'rhel8' && v !== 'rhel9') throw new Error(`unknown QEMU policy "${v}" (upstream, rhel8, rhel9)`);
  return policies as QemuPolicy[];
}

await yargs(hideBin(process.argv))
  .scriptName('npm run lab --')
  .command(
    'up',
    'start the lab (cleans whatever an earlier run left first)',
    (y) =>
      y
        .option('hypervisors', { type: 'number', describe: 'number of hypervisors (1-250; > 2 puts them on 127.0.2.x)' })
        .option('vdsm-versions', { type: 'string', describe: 'comma list, one hypervisor per version (cycled with --hypervisors)' })
        .option('qemu-policy', {
          type: 'string',
          describe: 'comma list upstream|rhel8|rhel9, the RHEL QEMU floppy policy per hypervisor (cycled)',
        })
        .option('concurrency', { type: 'number', describe: 'hosts started at once (default 16)' })
        .option('rebuild-rootfs', { type: 'boolean', default: false }),
    async (a) => {
      const r = await labUp({
        hypervisors: a.hypervisors,
        vdsmVersions: parseVersions(a['vdsm-versions']),
        qemuPolicies: parsePolicies(a['qemu-policy']),
        rebuildRootfs: a['rebuild-rootfs'],
        concurrency: a.concurrency,
        log,
        verbose: true,
      });
      for (const h of r.hosts) console.log(`${h.name}\t${h.role}\t${h.address}\tpid ${h.pid}`);
      console.log(`config: ${r.configPath}`);
      console.log(
        `try:    ssh -o StrictHostKeyChecking=yes -o UserKnownHostsFile=${r.knownHostsPath} -i ${labPaths.idLab} root@${r.hosts[0]?.address} hostname`,
      );
    },
  )
  .command('down', 'stop every lab host and remove its mounts and files', {}, async () => {
    await labDown({ all: true });
    log('lab: down');
  })
  .command('status', 'list the lab hosts and whether each answers on port 22', {}, async () => {
    const hosts = await labStatus();
    if (hosts.length === 0) console.log('lab: not up');
    for (const h of hosts) console.log(`${h.name}\t${h.role}\t${h.address}\tpid ${h.pid}\t${h.answers ? 'up' : 'DOWN'}`);
    if (hosts.some((h) => !h.answers)) process.exitCode = 1;
  })
  .command(
    'rootfs',
    'build or restore the root filesystem only (CI does this as its own step)',
    (y) => y.option('rebuild', { type: 'boolean', default: false }),
    async (a) => {
      await prepareMachine({ rebuildRootfs: a.rebuild, log, verbose: true });
    },
  )
  .demandCommand(1)
  .strict()
  .fail((msg, err, y) => {
    if (err) console.error(`lab: ${err.message}`);
    else console.error(`${msg}\n\n${y.help()}`);
    process.exit(err ? 1 : 2);
  })
  .parseAsync();
