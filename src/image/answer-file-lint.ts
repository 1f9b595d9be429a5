/**
 * Answer-file lint for `image` (issue #16 item 5): an XML answer file (Autounattend.xml / Unattend.xml) must be
 * well-formed — Windows Setup rejects a broken one only at install time, on the VM console — and the admin is
 * told which secret-bearing elements it holds, by NAME only (the values never reach a terminal or a log), and
 * whether a password is stored with `<PlainText>true</PlainText>` (clear text instead of Setup's base64 form).
 * Everything else (sysprep.inf, scripts) passes as it is. Pure: content in, verdict out; the command prints.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';

/**
 * Elements of the unattend schema (Microsoft-Windows-Shell-Setup, -UnattendedJoin, -Setup) whose content is a
 * secret or holds one: passwords, product keys, domain-join credentials.
 */
export const SECRET_ELEMENTS: readonly string[] = [
  'AdministratorPassword',
  'AutoLogon',
  'Credentials',
  'DomainAdminPassword',
  'MachinePassword',
  'Password',
  'ProductKey',
];

export type AnswerFileLint =
  | { kind: 'not-xml'; file: string }
  | { kind: 'xml'; file: string; secrets: string[]; plainTextCount: number }
  | { kind: 'malformed'; file: string; line: number; column: number; message: string };

/** XML by name (`.xml`) or by content (an XML declaration or a first element after an optional BOM). */
export function looksLikeXml(file: string, text: string): boolean {
  return /\.xml$/i.test(file) || /^\uFEFF?\s*<[?!A-Za-z]/.test(text);
}

type Tree = Record<string, unknown>;

/** Walks the parsed document; a secret element is named once and not descended into for more names. */
function collect(node: unknown, secrets: Set<string>, counts: { plainText: number }): void {
  if (Array.isArray(node)) {
    for (const item of node) collect(item, secrets, counts);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  for (const [name, child] of Object.entries(node as Tree)) {
    if (name === 'PlainText') {
      const values = Array.isArray(child) ? child : [child];
      counts.plainText += values.filter((v) => String(v).trim().toLowerCase() === 'true').length;
      continue;
    }
    if (SECRET_ELEMENTS.includes(name)) secrets.add(name);
    collect(child, secrets, counts);
  }
}

/** Lint one input file. Never returns element values. */
export function lintAnswerFile(file: string, content: Buffer | string): AnswerFileLint {
  const text = typeof content === 'string' ? content : content.toString('utf8');
  if (!looksLikeXml(file, text)) return { kind: 'not-xml', file };
  const body = text.replace(/^\uFEFF/, '');
  const verdict = XMLValidator.validate(body);
  if (verdict !== true) return { kind: 'malformed', file, line: verdict.err.line, column: verdict.err.col, message: verdict.err.msg };
  // Namespace prefixes dropped: unattend files use a default namespace, but `wcm:` etc. may prefix elements.
  const tree = new XMLParser({ ignoreAttributes: true, removeNSPrefix: true, parseTagValue: false }).parse(body) as Tree;
  const secrets = new Set<string>();
  const counts = { plainText: 0 };
  collect(tree, secrets, counts);
  return { kind: 'xml', file, secrets: SECRET_ELEMENTS.filter((s) => secrets.has(s)), plainTextCount: counts.plainText };
}

/** The note for a file that holds secrets; undefined when there is nothing to say. */
export function describeLint(lint: AnswerFileLint): string | undefined {
  if (lint.kind !== 'xml' || (lint.secrets.length === 0 && lint.plainTextCount === 0)) return undefined;
  const parts: string[] = [];
  if (lint.secrets.length > 0) parts.push(`holds secrets in ${lint.secrets.join(', ')} (values not shown)`);
  if (lint.plainTextCount > 0) {
    parts.push(`${lint.plainTextCount} password${lint.plainTextCount === 1 ? ' is' : 's are'} stored as clear text (PlainText true)`);
  }
  return `note: ${lint.file}: ${parts.join('; ')}; delete the image once the VM has booted`;
}

/** `FILE:LINE:COLUMN: not well-formed XML: why` for a malformed file. */
export function describeMalformed(lint: Extract<AnswerFileLint, { kind: 'malformed' }>): string {
  return `${lint.file}:${lint.line}:${lint.column}: not well-formed XML: ${lint.message}`;
}
