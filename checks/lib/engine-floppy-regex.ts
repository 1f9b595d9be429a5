/**
 * Is the configured `floppy` regex tight enough? The hook attaches whatever existing file the value names as a
 * writable disk and does not check the path itself, so anyone allowed to edit a VM's custom properties could
 * attach any host file the vdsm/qemu users can reach if the regex allows it (facts §7, §2.2).
 *
 * A regex cannot be proven safe in general, so this judges it by behaviour: the engine matches the WHOLE value
 * (`String.matches`, facts §1.4), which `^(?:regex)$` reproduces in JavaScript; the regex must accept an image
 * directly in clientPath and reject a list of values that point elsewhere (other directories, `..` traversal,
 * sibling directories sharing clientPath's prefix, unescaped `.` in the prefix, relative paths).
 */
export type RegexProblemCode = 'regex-matches-anything' | 'regex-escapes-directory' | 'regex-rejects-images' | 'regex-not-checkable';

export interface RegexProblem {
  code: RegexProblemCode;
  message: string;
  /** A value the regex wrongly accepts (escapes) or the values it wrongly rejects. */
  example?: string;
}

const IMAGE_NAMES = ['payload.vfd', 'payload.img', 'payload.flp'];

function trimSlashes(path: string): string {
  return path.length > 1 ? path.replace(/\/+$/, '') : path;
}

/** Values outside `clientPath` that a safe regex must reject. */
export function valuesOutside(clientPath: string): string[] {
  const dir = trimSlashes(clientPath);
  const parent = dir.slice(0, dir.lastIndexOf('/')) || '/';
  const values = [
    '/etc/shadow',
    '/tmp/payload.vfd',
    'payload.vfd',
    `${dir}/../payload.vfd`,
    `${dir}/../../../../../../etc/shadow`,
    `${dir}/x/../../payload.vfd`,
    `${dir}-other/payload.vfd`,
    `${dir}2/payload.vfd`,
    `${parent === '/' ? '' : parent}/payload.vfd`,
  ];
  // An unescaped `.` in the prefix (e.g. an IP address in the vdsm mount name) matches any character.
  const dotless = dir.replace(/\./g, 'X');
  if (dotless !== dir) values.push(`${dotless}/payload.vfd`);
  return values;
}

export function judgeFloppyRegex(regex: string, clientPath: string): RegexProblem[] {
  let whole: RegExp;
  try {
    whole = new RegExp(`^(?:${regex})$`);
  } catch (error) {
    return [{ code: 'regex-not-checkable', message: `floppy regex ${regex} is not a JavaScript regex, so it cannot be checked (${(error as Error).message}); keep to the Java/JavaScript common subset` }];
  }
  const problems: RegexProblem[] = [];
  const dir = trimSlashes(clientPath);
  const images = IMAGE_NAMES.map((n) => `${dir}/${n}`);
  if (!images.some((v) => whole.test(v))) {
    problems.push({ code: 'regex-rejects-images', message: `floppy regex ${regex} accepts none of ${IMAGE_NAMES.join(', ')} in ${dir}`, example: images.join(' ') });
  }
  if (whole.test('/etc/shadow') && whole.test('anything at all')) {
    problems.push({ code: 'regex-matches-anything', message: `floppy regex ${regex} accepts any value: every VM editor could attach any host file as a writable disk (facts §7)` });
    return problems;
  }
  const escaped = valuesOutside(dir).find((v) => whole.test(v));
  if (escaped !== undefined) {
    problems.push({ code: 'regex-escapes-directory', message: `floppy regex ${regex} accepts ${escaped}, outside ${dir}; restrict it to plain file names in that directory (facts §7)`, example: escaped });
  }
  return problems;
}
