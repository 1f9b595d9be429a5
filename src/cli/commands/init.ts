/** `ovirt-floppy init [FILE]`: write a commented starter config. */
import type { CommandModule } from 'yargs';
import { type InitOptions, writeStarterConfig } from '../init-config.js';
import type { CommandContext, GlobalArgs } from '../options.js';

interface InitArgs extends GlobalArgs {
  file?: string;
  force: boolean;
}

export function initCommand(ctx: CommandContext): CommandModule<GlobalArgs, InitArgs> {
  return {
    command: 'init [file]',
    describe: 'Write a commented starter config (default ./ovirt-floppy.yaml)',
    builder: (y) =>
      y
        .positional('file', { type: 'string', describe: 'Where to write it' })
        .option('force', { type: 'boolean', default: false, describe: 'Overwrite an existing file' })
        .example('$0 init', 'write ./ovirt-floppy.yaml')
        .example('$0 init prod.yaml --force', 'overwrite prod.yaml with the starter config'),
    handler: async (argv) => {
      const options: InitOptions = { file: argv.file, force: argv.force };
      ctx.finish(await writeStarterConfig(options, ctx.deps));
    },
  };
}
