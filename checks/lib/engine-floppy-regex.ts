/**
 * Is the configured `floppy` regex tight enough? The hook attaches whatever existing file the value names as a
 * writable disk and does not check the path itself, so anyone allowed to edit a VM's custom properties could
 * attach any host file the vdsm/qemu users can reach if the regex allows it (facts §7, §2.2).
 *
 * A regex cannot be proven safe in general, so it is judged by behaviour, by the same judge and samples the
 * config loader uses (src/config/property-regex.ts: whole-value matching as the engine's `String.matches`,
 * facts §1.4); here the regex must also accept an image directly in clientPath. This file words the findings.
 */
import { hostileSamples, judgePropertyRegex, wholeValueRegex } from '../../src/config/property-regex.js';
import { normalizeRemotePath } from '../../src/config/remote-path.js';

export type RegexProblemCode = 'regex-matches-anything' | 'regex-escapes-directory' | 'regex-rejects-images' | 'regex-not-checkable';

export interface RegexProblem {
  code: RegexProblemCode;
  message: string;
  /** A value the regex wrongly accepts (escapes) or the values it wrongly rejects. */
  example?: string;
}

const IMAGE_NAMES = ['payload.vfd', 'payload.img', 'payload.flp'];

/** The image name the check's examples show. */
const IMAGE = 'payload.vfd';

/** Values outside `clientPath` that a safe regex must reject (the shared hostile samples, naming payload.vfd). */
export function valuesOutside(clientPath: string): string[] {
  return hostileSamples(clientPath, IMAGE).map((s) => s.value);
}

export function judgeFloppyRegex(regex: string, clientPath: string): RegexProblem[] {
  let whole: RegExp;
  try {
    whole = wholeValueRegex(regex);
  } catch (error) {
    return [
      {
        code: 'regex-not-checkable',
        message: `floppy regex ${regex} is not a JavaScript regex, so it cannot be checked (${(error as Error).message}); keep to the Java/JavaScript common subset`,
      },
    ];
  }
  const problems: RegexProblem[] = [];
  const dir = normalizeRemotePath(clientPath);
  const images = IMAGE_NAMES.map((n) => `${dir}/${n}`);
  if (!images.some((v) => whole.test(v))) {
    problems.push({
      code: 'regex-rejects-images',
      message: `floppy regex ${regex} accepts none of ${IMAGE_NAMES.join(', ')} in ${dir}`,
      example: images.join(' '),
    });
  }
  const judged = judgePropertyRegex(whole, dir, IMAGE);
  if (judged.acceptsAnything) {
    problems.push({
      code: 'regex-matches-anything',
      message: `floppy regex ${regex} accepts any value: every VM editor could attach any host file as a writable disk (facts §7)`,
    });
    return problems;
  }
  // The example names a file the hook would attach (`<dir>/..` is a directory).
  const escaped = judged.accepted.find((s) => s.namesFile)?.value;
  if (escaped !== undefined) {
    problems.push({
      code: 'regex-escapes-directory',
      message: `floppy regex ${regex} accepts ${escaped}, outside ${dir}; restrict it to plain file names in that directory (facts §7)`,
      example: escaped,
    });
  }
  return problems;
}
