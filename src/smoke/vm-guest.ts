/**
 * The guest's own view of its removable media, when the stage can read it: a domain whose serial console is a
 * file on the hypervisor (`<serial type='file'>`, the ovirt-floppy lab's guest) is read over the root
 * connection, and the lines its tiny guest prints (test/lab/guest/init.sh) say what the guest read from each
 * floppy and CD-ROM:
 *   OFLAB-GUEST device fd0 sha256 <hex> bytes <n>      the whole medium
 *   OFLAB-GUEST file fd0 <path> sha256 <hex>           each file on it
 *   OFLAB-GUEST end                                    all media read
 * A real oVirt VM has no such console file (vdsm gives it a unix socket/pty), so there the stage keeps to
 * libvirt's XML and the evidence has no guestSha256.
 */
import { quote } from '../shell/quote.js';

export interface GuestDevice {
  /** Kernel name: fd0, sr0, … */
  name: string;
  sha256?: string;
  bytes?: number;
  unreadable?: boolean;
  files: { path: string; sha256: string }[];
}

export interface GuestView {
  devices: GuestDevice[];
  /** The guest printed its end line: every medium was read. */
  complete: boolean;
}

const PREFIX = 'OFLAB-GUEST ';

export function parseGuestConsole(text: string): GuestView {
  const devices = new Map<string, GuestDevice>();
  const dev = (name: string) => devices.get(name) ?? devices.set(name, { name, files: [] }).get(name)!;
  let complete = false;
  for (const raw of text.split('\n')) {
    const at = raw.indexOf(PREFIX);
    if (at < 0) continue;
    const line = raw.slice(at + PREFIX.length).trim();
    let m: RegExpExecArray | null;
    if ((m = /^device (\S+) sha256 ([0-9a-f]{64}) bytes (\d+)$/.exec(line)))
      Object.assign(dev(m[1]!), { sha256: m[2], bytes: Number(m[3]) });
    else if ((m = /^device (\S+) unreadable$/.exec(line))) dev(m[1]!).unreadable = true;
    else if ((m = /^file (\S+) (.+) sha256 ([0-9a-f]{64})$/.exec(line))) dev(m[1]!).files.push({ path: m[2]!, sha256: m[3]! });
    else if (line === 'end') complete = true;
  }
  return { devices: [...devices.values()], complete };
}

/** The guest's kernel name for a libvirt floppy target: fda → fd0, fdb → fd1. undefined for other targets. */
export function guestFloppyName(target: string | undefined): string | undefined {
  const m = /^fd([a-z])$/.exec(target ?? '');
  return m ? `fd${m[1]!.charCodeAt(0) - 'a'.charCodeAt(0)}` : undefined;
}

export interface ConsoleReader {
  exec(command: string): Promise<{ exitCode: number | null; stdout: string; stderr: string }>;
}

/**
 * Read the console file until the guest printed its end line, at most `timeoutMs` (a TCG guest boots in ~10 s).
 * undefined when the file cannot be read at all.
 */
export async function readGuestView(
  root: ConsoleReader,
  file: string,
  timeoutMs: number,
  clock: { now(): number; sleep(ms: number): Promise<void> },
  pollMs = 1000,
): Promise<GuestView | undefined> {
  const started = clock.now();
  let view: GuestView | undefined;
  for (;;) {
    const r = await root.exec(quote(['cat', '--', file]));
    if (r.exitCode === 0) view = parseGuestConsole(r.stdout);
    if (view?.complete || clock.now() - started >= timeoutMs) return view;
    await clock.sleep(pollMs);
  }
}
