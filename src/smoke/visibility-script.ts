/**
 * One script per host that says whether the uploaded image is there, its sha256, and (on hypervisors) whether
 * vdsm can read it and qemu can read and write it (facts §5.2: the hook's existence check runs as vdsm, qemu
 * opens the disk read-write). `runuser -u USER -- test ...` asks the kernel with that user's identity and
 * groups (the way checks/lib/hypervisor-access.ts does).
 *
 * The directory is listed before the file is looked at: opening it makes an NFS client revalidate its cached
 * view of the directory (close-to-open consistency), so a file created a moment ago on the server is not
 * hidden by a cached negative lookup.
 */
import { posix } from 'node:path';
import { ParseError } from '../errors.js';
import { quoteArg } from '../shell/quote.js';

export interface Visibility {
  dirExists: boolean;
  fileExists: boolean;
  sha256?: string;
  /** sha256sum's complaint when it could not read the file as root. */
  readError?: string;
  /** runuser exit codes: 0 allowed, 1 denied, 127 runuser missing; absent when not asked. */
  vdsmRead?: number;
  qemuReadWrite?: number;
}

export function visibilityScript(path: string, withAccess: boolean): string[] {
  const f = quoteArg(path);
  const d = quoteArg(posix.dirname(path));
  return [
    `if [ ! -d ${d} ]; then echo 'dir missing'; exit 0; fi`,
    `ls -a -- ${d} >/dev/null 2>&1`,
    `if [ ! -e ${f} ]; then echo 'file missing'; exit 0; fi`,
    `if sum=$(sha256sum -- ${f} 2>&1); then echo "sha256 \${sum%% *}"; else echo "read-error $sum"; fi`,
    ...(withAccess
      ? [
          `runuser -u vdsm -- test -r ${f} </dev/null; echo "vdsm-read $?"`,
          `runuser -u qemu -- test -r ${f} -a -w ${f} </dev/null; echo "qemu-rw $?"`,
        ]
      : []),
  ];
}

export function parseVisibility(stdout: string): Visibility {
  if (/^dir missing$/m.test(stdout)) return { dirExists: false, fileExists: false };
  if (/^file missing$/m.test(stdout)) return { dirExists: true, fileExists: false };
  const sha = /^sha256 ([0-9a-f]{64})$/m.exec(stdout)?.[1];
  const readError = /^read-error (.*)$/m.exec(stdout)?.[1];
  if (!sha && readError === undefined) throw new ParseError('visibility script', stdout, 'no sha256 line');
  const code = (name: string): number | undefined => {
    const m = new RegExp(`^${name} (\\d+)$`, 'm').exec(stdout);
    return m ? Number(m[1]) : undefined;
  };
  const vdsmRead = code('vdsm-read');
  const qemuReadWrite = code('qemu-rw');
  return {
    dirExists: true,
    fileExists: true,
    ...(sha ? { sha256: sha } : {}),
    ...(readError !== undefined ? { readError } : {}),
    ...(vdsmRead !== undefined ? { vdsmRead } : {}),
    ...(qemuReadWrite !== undefined ? { qemuReadWrite } : {}),
  };
}

function accessProblem(user: string, code: number | undefined, what: string, path: string): string | undefined {
  if (code === undefined || code === 0) return undefined;
  if (code === 127) return `runuser is missing, so ${user}'s access to ${path} cannot be tested`;
  return `${user} cannot ${what} ${path}`;
}

export interface Expected {
  path: string;
  sha256: string;
  /** What to say when the directory is missing, and when only the file is: the links to check. */
  missingDir: string;
  missingFile: string;
}

/** What is wrong with one host's view of the image (empty: nothing). */
export function visibilityProblems(v: Visibility, expected: Expected): string[] {
  const { path, sha256 } = expected;
  if (!v.dirExists) return [`${posix.dirname(path)} does not exist: ${expected.missingDir}`];
  if (!v.fileExists) return [`${path} is not there: ${expected.missingFile}`];
  if (v.readError !== undefined) return [`root cannot read ${path}: ${v.readError}`];
  const problems: string[] = [];
  if (v.sha256 !== sha256) problems.push(`${path} has sha256 ${v.sha256?.slice(0, 12)}…, not the uploaded ${sha256.slice(0, 12)}…`);
  const vdsm = accessProblem('vdsm', v.vdsmRead, 'read', path);
  const qemu = accessProblem('qemu', v.qemuReadWrite, 'read and write', path);
  if (vdsm) problems.push(`${vdsm} (the hook checks the file as vdsm, facts §2.2; hypervisor-floppy-access)`);
  if (qemu) problems.push(`${qemu} (qemu opens the floppy read-write, facts §5.2; hypervisor-floppy-access)`);
  return problems;
}
