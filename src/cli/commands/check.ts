/** `ovirt-floppy check`: audit every host, change nothing. */
import type { CommandModule } from 'yargs';
import type { ReportFormat } from '../../report/render.js';
import { type CommandContext, type GlobalArgs, addConfigOption, addFormatOption, addOnlyOption, addVerboseOption } from '../options.js';
import { runChecks } from '../run-checks.js';

interface CheckArgs extends GlobalArgs {
  config?: string;
  only?: string[];
  format: ReportFormat;
  verbose: boolean;
  output?: string;
  state?: string | false;
  'only-failed': boolean;
}

export function checkCommand(ctx: CommandContext): CommandModule<GlobalArgs, CheckArgs> {
  return {
    command: 'check',
    describe: 'Audit the environment: report what differs from the config, change nothing',
    builder: (y) =>
      addVerboseOption(addFormatOption(addOnlyOption(addConfigOption(y))))
        .option('output', { type: 'string', describe: 'Write the report to this file atomically (temp file + rename) instead of stdout' })
        .option('state', {
          type: 'string',
          describe:
            'Drift history: what is new, fixed and still failing since the last run (default: one file per config under ' +
            '$XDG_STATE_HOME/ovirt-floppy, else ~/.local/state/ovirt-floppy). --no-state keeps nothing between runs: no history, ' +
            "and no probe memo (QEMU's floppy answer per QEMU binary, under $XDG_CACHE_HOME/ovirt-floppy)",
        })
        .option('only-failed', {
          type: 'boolean',
          default: false,
          describe: 'Re-check only the hosts and checks that failed in the last run (needs the state)',
        })
        .example('$0 check', 'audit every host in ./ovirt-floppy.yaml')
        .example('$0 check -c prod.yaml --only hypervisor', 'audit only the hypervisors')
        .example('$0 check --only-failed', 're-check what failed last time, e.g. after fixing it by hand')
        .example('$0 check --format nagios', 'one-line result and plugin exit code for Nagios/Icinga')
        .example('$0 check --format prometheus --output /var/lib/node_exporter/ovirt_floppy.prom', 'textfile-collector metrics'),
    handler: async (argv) =>
      ctx.finish(
        await runChecks(
          {
            command: 'check',
            configPath: argv.config,
            only: argv.only,
            format: argv.format,
            output: argv.output,
            dryRun: false,
            showDiff: false,
            yes: false,
            flags: {},
            acceptNewHostKeys: argv['accept-new-host-keys'],
            color: argv.color,
            verbose: argv.verbose,
            state: argv.state as string | false | undefined,
            onlyFailed: argv['only-failed'],
          },
          ctx.deps,
        ),
      ),
  };
}
