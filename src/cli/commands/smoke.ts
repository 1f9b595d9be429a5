/**
 * `ovirt-floppy smoke`: prove the chain end to end. The flags are the DESIGN §2 contract already; the work
 * lands with the smoke issue (src/smoke/), until then it says so and exits 2.
 */
import type { CommandModule } from 'yargs';
import { UsageError } from '../../errors.js';
import type { ReportFormat } from '../../report/render.js';
import { type CommandContext, type GlobalArgs, addConfigOption, addFormatOption } from '../options.js';

interface SmokeArgs extends GlobalArgs {
  config?: string;
  keep: boolean;
  format: ReportFormat;
}

export async function runSmokeNotImplemented(): Promise<number> {
  throw new UsageError('smoke is not implemented yet');
}

export function smokeCommand(ctx: CommandContext): CommandModule<GlobalArgs, SmokeArgs> {
  return {
    command: 'smoke',
    describe: 'End-to-end test: upload a floppy image over sftp and boot a test VM with it',
    builder: (y) =>
      addFormatOption(addConfigOption(y))
        .option('keep', { type: 'boolean', default: false, describe: 'Keep the uploaded test image and VM state for inspection' })
        .example('$0 smoke', 'run every stage against ./ovirt-floppy.yaml')
        .example('$0 smoke --keep --format json', 'keep the artefacts, report as JSON'),
    handler: async () => ctx.finish(await runSmokeNotImplemented()),
  };
}
