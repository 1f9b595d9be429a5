/**
 * The regex of the VM custom property `floppy` (UserDefinedVMProperties `floppy=<regex>`).
 *
 * The engine matches VM values with Java's `String.matches` (facts §1.4) and engine-config does not even compile
 * the regex, so a bad one is stored silently and only bites when a VM is edited. We check it here with
 * JavaScript, so it must stay inside the syntax both languages read the same way. And it must be tight
 * (facts §7): the hook attaches whatever file the value names, so `^.*$` lets anyone allowed to edit a VM's
 * custom properties hand qemu any file on the hypervisor.
 */
import { posix } from 'node:path';
import type { PayloadDevice } from './types.js';

// Characters with a meaning in Java or JavaScript regexes. Escaping each with a backslash is valid in both
// (Java allows `\` before any non-letter; JavaScript's unicode mode allows it before exactly these "syntax
// characters"). `Pattern.quote`'s `\Q...\E` is Java-only, and `-` `/` `:` `@` need no escape outside [...].
const SYNTAX_CHARACTERS = /[\\^$.|?*+()[\]{}]/g;

export function escapeRegex(text: string): string {
  return text.replace(SYNTAX_CHARACTERS, '\\$&');
}

/** The file names the default regex allows: a safe charset, no leading dot, a floppy image extension. */
export const SAFE_FILE_NAME_REGEX = '[A-Za-z0-9][A-Za-z0-9._-]{0,127}\\.(vfd|img|flp)';

/** The file names the default CD property regex allows: the same charset, the `.iso` extension the hook requires. */
export const SAFE_ISO_NAME_REGEX = '[A-Za-z0-9][A-Za-z0-9._-]{0,127}\\.iso';

/** `^<clientPath escaped>/<safe file name>$`. */
export function defaultPropertyRegex(clientPath: string): string {
  return `^${escapeRegex(clientPath)}/${SAFE_FILE_NAME_REGEX}$`;
}

/** `^<clientPath escaped>/<safe name>.iso$`: the CD property's default (issue #12). */
export function defaultCdPropertyRegex(clientPath: string): string {
  return `^${escapeRegex(clientPath)}/${SAFE_ISO_NAME_REGEX}$`;
}

const DEVICE_WORDING: Record<PayloadDevice, { image: string; names: string; device: string }> = {
  floppy: { image: 'win10-01.vfd', names: '<name>.vfd|img|flp', device: 'a writable floppy' },
  cdrom: { image: 'win10-01.iso', names: '<name>.iso', device: 'a CD' },
};

export interface RegexProblems {
  errors: string[];
  warnings: string[];
}

const COMMON_SUBSET_HINT =
  'the engine runs it as a Java regex and ovirt-floppy checks it with JavaScript; use only syntax both read the same way';

/** Syntax that one language accepts and the other reads differently or refuses. */
function subsetErrors(re: string): string[] {
  const errors = new Set<string>();
  let inClass = false;
  for (let i = 0; i < re.length; i++) {
    const c = re[i];
    if (c === '\\') {
      const n = re[i + 1];
      if (n === 'p' || n === 'P') errors.add(`a Unicode property class ("\\${n}{...}") is not allowed: ${COMMON_SUBSET_HINT}`);
      if (n === 'k') errors.add(`a named back-reference ("\\k<...>") is not allowed: ${COMMON_SUBSET_HINT}`);
      if (n === 'Q' || n === 'E') errors.add(`"\\Q...\\E" quoting is Java-only; escape each special character with "\\" instead`);
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      else if (c === '[')
        errors.add(`"[" inside [...] means a nested class in Java and a literal "[" in JavaScript; write "\\[" for the character`);
      else if (c === '&' && re[i + 1] === '&')
        errors.add(`"&&" inside [...] is a class intersection in Java and literal characters in JavaScript; ${COMMON_SUBSET_HINT}`);
      continue;
    }
    if (c === '[') {
      inClass = true;
      if (re[i + 1] === '^') i++;
      if (re[i + 1] === ']') errors.add(`"[]" and "[^]" mean different things in Java and JavaScript; write "\\]" for a literal "]"`);
      continue;
    }
    if (c === '(' && re[i + 1] === '?') {
      const n = re[i + 2] ?? '';
      if (n === '<') {
        const kind = re[i + 3] === '=' || re[i + 3] === '!' ? `lookbehind ("(?<${re[i + 3]}")` : 'a named group ("(?<name>...)")';
        errors.add(`${kind} is not allowed: ${COMMON_SUBSET_HINT}`);
      } else if (n === '>') {
        errors.add(`an atomic group ("(?>...)") is Java-only: ${COMMON_SUBSET_HINT}`);
      } else if (/[A-Za-z-]/.test(n)) {
        errors.add(`inline flags ("(?${n}...)") are not allowed: ${COMMON_SUBSET_HINT}`);
      }
    }
  }
  return [...errors];
}

/** V8 says "Invalid regular expression: /src/flags: Reason"; the reason is what helps. */
function reason(e: unknown): string {
  const message = (e as Error).message;
  return message.slice(message.lastIndexOf(': ') + 2);
}

/** Whether `re` ends in an unescaped `$`. */
function endsWithAnchor(re: string): boolean {
  if (!re.endsWith('$')) return false;
  let backslashes = 0;
  for (let i = re.length - 2; i >= 0 && re[i] === '\\'; i--) backslashes++;
  return backslashes % 2 === 0;
}

/** Whether `re` has a `|` outside every group and class: `^a|b$` is `(^a)|(b$)`, anchored only on one side each. */
function hasTopLevelAlternation(re: string): boolean {
  let depth = 0;
  let inClass = false;
  for (let i = 0; i < re.length; i++) {
    const c = re[i];
    if (c === '\\') {
      i++;
    } else if (inClass) {
      if (c === ']') inClass = false;
    } else if (c === '[') {
      inClass = true;
    } else if (c === '(') {
      depth++;
    } else if (c === ')') {
      depth--;
    } else if (c === '|' && depth === 0) {
      return true;
    }
  }
  return false;
}

/** What a hostile value shows when the regex accepts it. */
export type HostileKind = 'outside' | 'dotdot';

export interface HostileSample {
  value: string;
  kind: HostileKind;
  /** The value names a file (an image or /etc/shadow), not a directory such as `<clientPath>/..`. */
  namesFile: boolean;
}

/** The image name the config's warnings use in their examples. */
export const SAMPLE_IMAGE = 'win10-01.vfd';

/**
 * Values a floppy regex must reject, built around clientPath so a loose regex is caught: other directories,
 * relative paths, `..` traversal, siblings sharing clientPath's prefix, an unescaped `.` in the prefix (e.g. an
 * IP address in the vdsm mount name matches any character). One list, in one order, for the config's warnings
 * and the manager-floppy-regex check alike; `image` is the file name the examples show.
 */
export function hostileSamples(clientPath: string, image = SAMPLE_IMAGE): HostileSample[] {
  const dir = clientPath.length > 1 ? clientPath.replace(/\/+$/, '') : clientPath;
  const base = dir === '/' ? '' : dir;
  const parent = posix.dirname(dir);
  const outside = (value: string): HostileSample => ({ value, kind: 'outside', namesFile: true });
  const dotdot = (value: string, namesFile = true): HostileSample => ({ value, kind: 'dotdot', namesFile });
  const samples: HostileSample[] = [
    outside('/etc/shadow'),
    outside(`/${image}`),
    outside(`/tmp/${image}`),
    outside(image),
    dotdot(`${base}/..`, false),
    dotdot(`${base}/../${image}`),
    dotdot(`${base}/../../etc/shadow`),
    dotdot(`${base}/../../../../../../etc/shadow`),
    dotdot(`${base}/sub/../../${image}`),
    dotdot(`${base}/../${posix.basename(dir)}/${image}`),
    outside(`${base}-other/${image}`),
    outside(`${base}${image}`),
    outside(`${base}2/${image}`),
  ];
  if (parent !== dir) samples.push(outside(`${parent === '/' ? '' : parent}/${image}`));
  const dotless = base.replace(/\./g, 'X');
  if (dotless !== base) samples.push(outside(`${dotless}/${image}`));
  return samples;
}

/** What a regex does with the samples, matched as the engine matches: the WHOLE value (`String.matches`, facts §1.4). */
export interface RegexJudgement {
  /** Accepts /etc/shadow and arbitrary text alike (like `^.*$`). */
  acceptsAnything: boolean;
  /** The hostile samples it accepts, in {@link hostileSamples} order. */
  accepted: HostileSample[];
}

/** Compile `regex` for whole-value matching. @throws SyntaxError when JavaScript cannot read it. */
export function wholeValueRegex(regex: string): RegExp {
  return new RegExp(`^(?:${regex})$`);
}

/** The one regex judge: which hostile values `regex` lets through around `clientPath`. */
export function judgePropertyRegex(whole: RegExp, clientPath: string, image = SAMPLE_IMAGE): RegexJudgement {
  const acceptsAnything = whole.test('/etc/shadow') && whole.test('anything at all');
  return { acceptsAnything, accepted: acceptsAnything ? [] : hostileSamples(clientPath, image).filter((s) => whole.test(s.value)) };
}

/**
 * The literal text every match starts with: what follows `^` up to the first construct that is not a plain
 * (or escaped) character. A quantifier makes the character before it optional, so that one is dropped.
 */
export function literalPrefix(re: string): string {
  let out = '';
  for (let i = re.startsWith('^') ? 1 : 0; i < re.length; i++) {
    const c = re[i] ?? '';
    if (c === '\\') {
      const n = re[i + 1] ?? '';
      if (n === '' || /[A-Za-z0-9]/.test(n)) break; // \d, \w, \b ... are classes or assertions
      out += n;
      i++;
    } else if ('?*{'.includes(c)) {
      return out.slice(0, -1);
    } else if ('^$.|+()[]}'.includes(c)) {
      break;
    } else {
      out += c;
    }
  }
  return out;
}

/**
 * Errors (refused) and warnings (accepted, but unsafe or suspicious) for a floppy property regex.
 * `clientPath` may be undefined when it is itself invalid; the sample-based warnings are skipped then.
 */
export function propertyRegexProblems(re: string, clientPath: string | undefined, device: PayloadDevice = 'floppy'): RegexProblems {
  const wording = DEVICE_WORDING[device];
  const errors: string[] = [];
  const warnings: string[] = [];

  if (/^\/.*\/[a-z]*$/.test(re) && re.length > 1) {
    errors.push('write the bare regex, without /.../ delimiters or flags');
    return { errors, warnings };
  }
  // facts §1.4: `;` separates name=regex pairs in UserDefinedVMProperties, and a VM value can never contain one.
  if (re.includes(';')) errors.push('must not contain ";": it separates the name=regex pairs of UserDefinedVMProperties (facts §1.4)');

  let compiled: RegExp | undefined;
  try {
    compiled = new RegExp(re);
  } catch (e) {
    errors.push(`does not compile as a regex: ${reason(e)}`);
  }
  errors.push(...subsetErrors(re));
  if (compiled) {
    try {
      // Unicode mode refuses what non-unicode JavaScript silently reads as literals (`\A`, `\Z`, `\h`, a lone
      // `{` or `]`), which Java treats as syntax or errors.
      new RegExp(re, 'u');
    } catch (e) {
      errors.push(
        `uses syntax Java and JavaScript may read differently (${reason(e)}); escape with "\\" only the characters \\^$.|?*+()[]{}`,
      );
    }
  }
  if (!re.startsWith('^') || !endsWithAnchor(re)) {
    errors.push('must be anchored: start with "^" and end with "$"');
  } else if (hasTopLevelAlternation(re)) {
    errors.push('a "|" outside parentheses leaves each side anchored at one end only; write ^(a|b)$');
  }
  if (errors.length > 0 || !compiled || clientPath === undefined) return { errors, warnings };

  const judged = judgePropertyRegex(wholeValueRegex(re), clientPath, wording.image);
  if (judged.acceptsAnything) {
    warnings.push(
      `accepts any value (like ^.*$): anyone allowed to edit a VM's custom properties can attach any file qemu can open on the hypervisor as ${wording.device} (facts §7); use the default, which allows only ${clientPath}/${wording.names}`,
    );
    return { errors, warnings };
  }
  const outside = judged.accepted.find((s) => s.kind === 'outside');
  const dotdot = judged.accepted.find((s) => s.kind === 'dotdot');
  if (outside)
    warnings.push(
      `accepts a path outside floppy.clientPath (e.g. ${JSON.stringify(outside.value)}); the hook attaches any file it names (facts §7)`,
    );
  if (dotdot)
    warnings.push(
      `accepts a path with a ".." component (e.g. ${JSON.stringify(dotdot.value)}), which escapes floppy.clientPath (facts §7)`,
    );
  const prefix = literalPrefix(re);
  const dir = `${clientPath}/`;
  if (!dir.startsWith(prefix) && !prefix.startsWith(dir)) {
    warnings.push(
      `starts with ${JSON.stringify(prefix)}, not with floppy.clientPath (${JSON.stringify(dir)}): VMs name their image by clientPath, so no valid value would match`,
    );
  }
  return { errors, warnings };
}
