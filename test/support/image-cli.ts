/** The `image` command module as main.ts registers it, driven through a real yargs parser (image and ISO tests). */
import yargs from 'yargs';
import { makeImageCommand } from '../../src/cli/commands/image.js';
import { decideExitCode } from '../../src/result/exit-code.js';

export interface ImageRun {
  lines: string[];
  code: number | undefined;
  error: unknown;
}

export async function runImageCli(args: string[]): Promise<ImageRun> {
  const lines: string[] = [];
  let code: number | undefined;
  const cmd = makeImageCommand({ print: (l) => lines.push(l), finish: (outcome) => (code = decideExitCode(outcome)) });
  let error: unknown;
  try {
    await yargs().command(cmd).strict().fail(false).exitProcess(false).parseAsync(args);
  } catch (e) {
    error = e;
  }
  return { lines, code, error };
}
