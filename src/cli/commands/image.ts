/**
 * `ovirt-floppy image OUT.vfd FILE... [--label NAME]` (DESIGN §2): build a 1.44 MB FAT12 floppy image holding
 * FILEs at its root, in pure TypeScript (src/image), so the admin's workstation needs no mtools.
 *
 * The handler maps argv to options and calls runImage(); bad input surfaces as a UsageError (exit 2) listing
 * every problem at once, which main.ts prints and turns into the exit code.
 */
import type { Argv, CommandModule } from 'yargs';
import { DEFAULT_IMAGE_MODE, writeFloppyImage, type WrittenFloppy } from '../../image/index.js';
import { lintInputFiles } from '../../image/lint-files.js';
import type { Outcome } from '../../result/exit-code.js';

export interface ImageArgs {
  out: string;
  files: string[];
  label?: string | undefined;
  /** `--quiet`: no answer-file notes (a malformed XML file still fails). */
  quiet?: boolean | undefined;
}

export interface ImageCommandIo {
  /** One line of human output (stdout). */
  print: (line: string) => void;
  /** How the command ended; main.ts turns it into the exit code (yargs handlers cannot return one). */
  finish: (outcome: Outcome) => void;
}

const fmt = (n: number): string => n.toLocaleString('en-US');

export function describeWritten(w: WrittenFloppy): string[] {
  const lines = [
    `wrote ${w.path}: 1.44 MB FAT12 floppy, label ${w.label ?? '(none)'}, ` +
      `mode 0${DEFAULT_IMAGE_MODE.toString(8)} (answer files often hold secrets)`,
  ];
  const width = Math.max(12, ...w.files.map((f) => f.shortName.length));
  for (const f of w.files) {
    lines.push(`  ${f.shortName.padEnd(width)}  ${fmt(f.size).padStart(9)}  ${f.name === f.shortName ? '' : f.name}`.trimEnd());
  }
  lines.push(`  ${w.files.length} file${w.files.length === 1 ? '' : 's'}, ${fmt(w.freeBytes)} bytes free`);
  return lines;
}

/** Build and write the image. @throws UsageError (exit 2) listing every problem. */
export async function runImage(args: ImageArgs, io: Pick<ImageCommandIo, 'print'>): Promise<Outcome> {
  const notes = await lintInputFiles(args.files);
  const written = await writeFloppyImage(args.out, args.files, args.label === undefined ? {} : { label: args.label });
  for (const line of describeWritten(written)) io.print(line);
  if (!args.quiet) for (const note of notes) io.print(note);
  return { kind: 'done' };
}

export function makeImageCommand(io: ImageCommandIo): CommandModule<object, ImageArgs> {
  return {
    command: 'image <out> <files..>',
    describe: 'Build a 1.44 MB FAT12 floppy image holding FILEs at its root (file mode 0600: answer files hold secrets)',
    builder: (y: Argv<object>): Argv<ImageArgs> =>
      y
        .positional('out', { type: 'string', demandOption: true, describe: 'Image file to write (e.g. vm01.vfd); replaced atomically' })
        .positional('files', {
          type: 'string',
          array: true,
          demandOption: true,
          describe: 'Files to put at the root of the floppy, each under its own base name (e.g. Autounattend.xml)',
        })
        .option('label', {
          alias: 'L',
          type: 'string',
          describe: "Volume label, up to 11 characters (A-Z 0-9 and !#$%&'()-@^_`{}~ and inner spaces); uppercased",
        })
        .option('quiet', {
          alias: 'q',
          type: 'boolean',
          default: false,
          describe: 'Do not name the secret-bearing elements found in XML answer files',
        })
        .example('$0 image vm01.vfd ./Autounattend.xml --label SYSPREP', 'an image with one answer file'),
    handler: async (argv) => {
      io.finish(await runImage({ out: argv.out, files: argv.files, label: argv.label, quiet: argv.quiet }, io));
    },
  };
}
