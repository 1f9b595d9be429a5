/** `ovirt-floppy apply`: plan the fixes, ask (or --yes), apply, re-check. */
import type { CommandModule } from 'yargs';
import type { ReportFormat } from '../../report/render.js';
import { type CommandContext, type GlobalArgs, addConfigOption, addFormatOption, addOnlyOption, addVerboseOption } from '../options.js';
import { runChecks } from '../run-checks.js';

interface ApplyArgs extends GlobalArgs {
  config?: string;
  only?: string[];
  format: ReportFormat;
  verbose: boolean;
  'dry-run': boolean;
  diff: boolean;
  yes: boolean;
  'cleanup-stale': boolean;
}

export function applyCommand(ctx: CommandContext): CommandModule<GlobalArgs, ApplyArgs> {
  return {
    command: 'apply',
    describe: 'Fix what check reports: show the plan, ask, change, verify',
    builder: (y) =>
      addVerboseOption(addFormatOption(addOnlyOption(addConfigOption(y))))
        .option('dry-run', { type: 'boolean', default: false, describe: 'Only show the plan; never change anything' })
        .option('diff', { type: 'boolean', default: false, describe: 'Show each change as a diff (before → after)' })
        .option('yes', { alias: 'y', type: 'boolean', default: false, describe: 'Apply without asking (needed off a terminal)' })
        .option('cleanup-stale', { type: 'boolean', default: false, describe: 'Also delete floppy images older than floppy.maxAgeHours' })
        .example('$0 apply --dry-run --diff', 'show what would change, with diffs')
        .example('$0 apply', 'show the plan and ask before changing anything')
        .example('$0 apply --yes --only sftp', 'fix the sftp server without asking (cron, CI)'),
    handler: async (argv) =>
      ctx.finish(
        await runChecks(
          {
            command: 'apply',
            configPath: argv.config,
            only: argv.only,
            format: argv.format,
            dryRun: argv['dry-run'],
            showDiff: argv.diff,
            yes: argv.yes,
            flags: argv['cleanup-stale'] ? { cleanupStale: true } : {},
            acceptNewHostKeys: argv['accept-new-host-keys'],
            color: argv.color,
            verbose: argv.verbose,
          },
          ctx.deps,
        ),
      ),
  };
}
