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

/** Which property's regex is judged: its name (for messages) and the image names it must accept. */
export interface RegexSubject {
  name: string;
  images: readonly string[];
}

export const FLOPPY_SUBJECT: RegexSubject = { name: 'floppy', images: IMAGE_NAMES };

/** The CD property's regex (issue #12) must accept an ISO in the directory and nothing outside it. */
export function cdSubject(name: string): RegexSubject {
  return { name, images: ['payload.iso'] };
}

export function judgeFloppyRegex(regex: string, clientPath: string, subject: RegexSubject = FLOPPY_SUBJECT): RegexProblem[] {
  const label = `${subject.name} regex`;
  let whole: RegExp;
  try {
    whole = wholeValueRegex(regex);
  } catch (error) {
    return [
      {
        code: 'regex-not-checkable',
        message: `${label} ${regex} is not a JavaScript regex, so it cannot be checked (${(error as Error).message}); keep to the Java/JavaScript common subset`,
      },
    ];
  }
  const problems: RegexProblem[] = [];
  const dir = normalizeRemotePath(clientPath);
  const images = subject.images.map((n) => `${dir}/${n}`);
  if (!images.some((v) => whole.test(v))) {
    problems.push({
      code: 'regex-rejects-images',
      message: `${label} ${regex} accepts none of ${subject.images.join(', ')} in ${dir}`,
      example: images.join(' '),
    });
  }
  const judged = judgePropertyRegex(whole, dir, subject.images[0] ?? IMAGE);
  if (judged.acceptsAnything) {
    problems.push({
      code: 'regex-matches-anything',
      message: `${label} ${regex} accepts any value: every VM editor could attach any host file as a writable disk (facts §7)`,
    });
    return problems;
  }
  // The example names a file the hook would attach (`<dir>/..` is a directory).
  const escaped = judged.accepted.find((s) => s.namesFile)?.value;
  if (escaped !== undefined) {
    problems.push({
      code: 'regex-escapes-directory',
      message: `${label} ${regex} accepts ${escaped}, outside ${dir}; restrict it to plain file names in that directory (facts §7)`,
      example: escaped,
    });
  }
  return problems;
}
