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

// Characters with a meaning in Java or JavaScript regexes. Escaping each with a backslash is valid in both
// (Java allows `\` before any non-letter; JavaScript's unicode mode allows it before exactly these "syntax
// characters"). `Pattern.quote`'s `\Q...\E` is Java-only, and `-` `/` `:` `@` need no escape outside [...].
const SYNTAX_CHARACTERS = /[\\^$.|?*+()[\]{}]/g;

export function escapeRegex(text: string): string {
  return text.replace(SYNTAX_CHARACTERS, '\\$&');
}

/** The file names the default regex allows: a safe charset, no leading dot, a floppy image extension. */
export const SAFE_FILE_NAME_REGEX = '[A-Za-z0-9][A-Za-z0-9._-]{0,127}\\.(vfd|img|flp)';

/** `^<clientPath escaped>/<safe file name>$`. */
export function defaultPropertyRegex(clientPath: string): string {
  return `^${escapeRegex(clientPath)}/${SAFE_FILE_NAME_REGEX}$`;
}

export interface RegexProblems {
  errors: string[];
  warnings: string[];
}

const COMMON_SUBSET_HINT = 'the engine runs it as a Java regex and ovirt-floppy checks it with JavaScript; use only syntax both read the same way';

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
      else if (c === '[') errors.add(`"[" inside [...] means a nested class in Java and a literal "[" in JavaScript; write "\\[" for the character`);
      else if (c === '&' && re[i + 1] === '&') errors.add(`"&&" inside [...] is a class intersection in Java and literal characters in JavaScript; ${COMMON_SUBSET_HINT}`);
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

/** Values the regex must NOT accept, each with why; built around clientPath so a loose regex is caught. */
function hostileSamples(clientPath: string): { value: string; why: 'outside' | 'dotdot' }[] {
  const dir = clientPath === '/' ? '' : clientPath;
  const parent = posix.dirname(clientPath);
  const name = 'win10-01.vfd';
  const samples: { value: string; why: 'outside' | 'dotdot' }[] = [
    { value: '/etc/shadow', why: 'outside' },
    { value: `/${name}`, why: 'outside' },
    { value: `/tmp/${name}`, why: 'outside' },
    { value: `${dir}-other/${name}`, why: 'outside' },
    { value: `${dir}${name}`, why: 'outside' },
    { value: `${dir}/..`, why: 'dotdot' },
    { value: `${dir}/../${name}`, why: 'dotdot' },
    { value: `${dir}/../../etc/shadow`, why: 'dotdot' },
    { value: `${dir}/sub/../../${name}`, why: 'dotdot' },
    { value: `${dir}/../${posix.basename(clientPath)}/${name}`, why: 'dotdot' },
  ];
  if (parent !== clientPath) samples.push({ value: `${parent === '/' ? '' : parent}/${name}`, why: 'outside' });
  return samples;
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
export function propertyRegexProblems(re: string, clientPath: string | undefined): RegexProblems {
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
      errors.push(`uses syntax Java and JavaScript may read differently (${reason(e)}); escape with "\\" only the characters \\^$.|?*+()[]{}`);
    }
  }
  if (!re.startsWith('^') || !endsWithAnchor(re)) {
    errors.push('must be anchored: start with "^" and end with "$"');
  } else if (hasTopLevelAlternation(re)) {
    errors.push('a "|" outside parentheses leaves each side anchored at one end only; write ^(a|b)$');
  }
  if (errors.length > 0 || !compiled || clientPath === undefined) return { errors, warnings };

  const rx = compiled;
  if (rx.test('/etc/shadow') && rx.test('x') && rx.test('')) {
    warnings.push(
      `accepts any value (like ^.*$): anyone allowed to edit a VM's custom properties can attach any file qemu can open on the hypervisor as a writable floppy (facts §7); use the default, which allows only ${clientPath}/<name>.vfd|img|flp`,
    );
    return { errors, warnings };
  }
  const hostile = hostileSamples(clientPath).filter((s) => rx.test(s.value));
  const outside = hostile.find((s) => s.why === 'outside');
  const dotdot = hostile.find((s) => s.why === 'dotdot');
  if (outside) warnings.push(`accepts a path outside floppy.clientPath (e.g. ${JSON.stringify(outside.value)}); the hook attaches any file it names (facts §7)`);
  if (dotdot) warnings.push(`accepts a path with a ".." component (e.g. ${JSON.stringify(dotdot.value)}), which escapes floppy.clientPath (facts §7)`);
  const prefix = literalPrefix(re);
  const dir = `${clientPath}/`;
  if (!dir.startsWith(prefix) && !prefix.startsWith(dir)) {
    warnings.push(`starts with ${JSON.stringify(prefix)}, not with floppy.clientPath (${JSON.stringify(dir)}): VMs name their image by clientPath, so no valid value would match`);
  }
  return { errors, warnings };
}
