/**
 * `ovirt-floppy image OUT.vfd|OUT.iso FILE... [--format iso|floppy] [--label NAME]` (DESIGN §2): build a 1.44 MB
 * FAT12 floppy image (src/image) or an ISO 9660 + Joliet image for the CD payload (src/iso, issue #12) holding
 * FILEs at its root, in pure TypeScript, so the admin's workstation needs neither mtools nor genisoimage.
 *
 * The handler maps argv to options and calls runImage(); bad input surfaces as a UsageError (exit 2) listing
 * every problem at once, which main.ts prints and turns into the exit code.
 */
import path from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { UsageError } from '../../errors.js';
import { DEFAULT_IMAGE_MODE, writeFloppyImage, type WrittenFloppy } from '../../image/index.js';
import { lintInputFiles } from '../../image/lint-files.js';
import { formatProblems } from '../../image/plan.js';
import { writeIsoImage, type WrittenIso } from '../../iso/write.js';
import type { Outcome } from '../../result/exit-code.js';

export type ImageFormat = 'floppy' | 'iso';

/**
 * OUT's extension picks the format: the ones the engine's default property regexes accept (`.iso` for floppy.cdProperty,
 * `.vfd` `.img` `.flp` for floppy), so an image named otherwise would be refused when attached anyway. Any other
 * extension needs `--format`: guessing floppy for `vm01.bin` would hand a Q35 VM an image it cannot read.
 */
export const IMAGE_EXTENSIONS: Readonly<Record<string, ImageFormat>> = {
  '.iso': 'iso',
  '.vfd': 'floppy',
  '.img': 'floppy',
  '.flp': 'floppy',
};

/** `--format` wins; else OUT's extension (any case). @throws UsageError (exit 2) for any other extension. */
export function imageFormatFor(out: string, format: ImageFormat | undefined): ImageFormat {
  if (format) return format;
  const ext = path.extname(out).toLowerCase();
  const byExtension = IMAGE_EXTENSIONS[ext];
  if (byExtension) return byExtension;
  const accepted = Object.entries(IMAGE_EXTENSIONS).map(([e, f]) => `${e} (${f})`);
  const what = ext === '' ? 'has no extension' : `ends in ${JSON.stringify(ext)}`;
  throw new UsageError(
    formatProblems([`${out}: ${what}; name it ${accepted.join(', ')} or give --format iso|floppy`], 'cannot choose the image format'),
  );
}

export interface ImageArgs {
  out: string;
  files: string[];
  /** `--format`: overrides the extension of OUT. */
  format?: ImageFormat | undefined;
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

export function describeWrittenIso(w: WrittenIso): string[] {
  const lines = [
    `wrote ${w.path}: ISO 9660 + Joliet (${fmt(w.image.length)} bytes), label ${w.label}, ` +
      `mode 0${DEFAULT_IMAGE_MODE.toString(8)} (answer files often hold secrets)`,
  ];
  const width = Math.max(14, ...w.files.map((f) => f.primaryName.length));
  for (const f of w.files) lines.push(`  ${f.primaryName.padEnd(width)}  ${fmt(f.size).padStart(9)}  ${f.name}`);
  lines.push(`  ${w.files.length} file${w.files.length === 1 ? '' : 's'}`);
  return lines;
}

/** Build and write the image. @throws UsageError (exit 2) listing every problem. */
export async function runImage(args: ImageArgs, io: Pick<ImageCommandIo, 'print'>): Promise<Outcome> {
  const format = imageFormatFor(args.out, args.format);
  const notes = await lintInputFiles(args.files);
  const label = args.label === undefined ? {} : { label: args.label };
  const lines =
    format === 'iso'
      ? describeWrittenIso(await writeIsoImage(args.out, args.files, label))
      : describeWritten(await writeFloppyImage(args.out, args.files, label));
  for (const line of lines) io.print(line);
  if (!args.quiet) for (const note of notes) io.print(note);
  return { kind: 'done' };
}

export function makeImageCommand(io: ImageCommandIo): CommandModule<object, ImageArgs> {
  return {
    command: 'image <out> <files..>',
    describe:
      'Build a floppy (1.44 MB FAT12) or ISO (9660 + Joliet) image holding FILEs at its root (mode 0600: answer files hold secrets)',
    builder: (y: Argv<object>): Argv<ImageArgs> =>
      y
        .positional('out', {
          type: 'string',
          demandOption: true,
          describe: 'Image file to write (vm01.iso, vm01.vfd, .img, .flp); replaced atomically',
        })
        .positional('files', {
          type: 'string',
          array: true,
          demandOption: true,
          describe: 'Files to put at the root of the image, each under its own base name (e.g. Autounattend.xml)',
        })
        .option('format', {
          alias: 'f',
          choices: ['iso', 'floppy'] as const,
          describe:
            'iso: ISO 9660 + Joliet for a CD-ROM payload (Q35 on EL8, every VM on EL9/EL10); floppy: 1.44 MB FAT12. ' +
            'Default: by the extension of OUT (.iso; .vfd, .img, .flp); needed for any other',
        })
        .option('label', {
          alias: 'L',
          type: 'string',
          describe:
            "Volume label; floppy: up to 11 characters (A-Z 0-9 and !#$%&'()-@^_`{}~ and inner spaces); " +
            'ISO: up to 16 of A-Z 0-9 _ (default PAYLOAD); uppercased',
        })
        .option('quiet', {
          alias: 'q',
          type: 'boolean',
          default: false,
          describe: 'Do not name the secret-bearing elements found in XML answer files',
        })
        .example('$0 image vm01.vfd ./Autounattend.xml --label SYSPREP', 'a floppy image with one answer file')
        .example('$0 image vm01.iso ./Autounattend.xml', 'an ISO for the CD payload (floppy.cdProperty)'),
    handler: async (argv) => {
      io.finish(await runImage({ out: argv.out, files: argv.files, format: argv.format, label: argv.label, quiet: argv.quiet }, io));
    },
  };
}
