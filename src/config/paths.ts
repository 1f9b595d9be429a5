/**
 * Config paths: where in the document an issue is. Kept as segments while validating (so an issue can be
 * located in the YAML source) and printed as `hypervisors[1].host` in the `path: message` lines users read.
 */

export type PathSegment = string | number;
export type ConfigPath = readonly PathSegment[];

/** An issue before it is printed: `at` is a path into the document, `line` is filled in when the source is known. */
export interface LocatedIssue {
  at: ConfigPath;
  message: string;
  line?: number;
}

/** Printed for issues about the document as a whole (no key to point at). */
export const ROOT_PATH = '(config)';

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** `['hypervisors', 1, 'host']` → `hypervisors[1].host`; odd keys are quoted: `sftp["chroot dir"]`. */
export function formatPath(at: ConfigPath): string {
  if (at.length === 0) return ROOT_PATH;
  let out = '';
  for (const seg of at) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (IDENTIFIER.test(seg)) out += out === '' ? seg : `.${seg}`;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}

/** Decode an ajv `instancePath` (JSON pointer) against the data, so array indexes become numbers. */
export function fromJsonPointer(pointer: string, data: unknown): PathSegment[] {
  if (pointer === '') return [];
  const out: PathSegment[] = [];
  let node: unknown = data;
  for (const raw of pointer.slice(1).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(node) && /^\d+$/.test(key)) {
      out.push(Number(key));
      node = node[Number(key)];
    } else {
      out.push(key);
      node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined;
    }
  }
  return out;
}

export function samePath(a: ConfigPath, b: ConfigPath): boolean {
  return a.length === b.length && a.every((seg, i) => seg === b[i]);
}
