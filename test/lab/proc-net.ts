/**
 * Read this machine's TCP/UDP sockets from /proc/net and the sockets a process holds, so tests can prove that
 * the lab listens on and connects to 127.0.0.0/8 only (DESIGN §5). Lab hosts share the machine's network
 * namespace, so the machine's tables hold every lab socket.
 */
import fs from 'node:fs/promises';

export interface SocketEntry {
  proto: 'tcp' | 'tcp6' | 'udp' | 'udp6';
  local: string;
  localPort: number;
  remote: string;
  /** Kernel state number: 0A = LISTEN for TCP, 01 = ESTABLISHED. */
  state: string;
  inode: number;
}

/** IPv4 in /proc/net is one little-endian 32-bit hex word. */
function ipv4(hex: string): string {
  const n = Number.parseInt(hex, 16);
  return [n & 255, (n >>> 8) & 255, (n >>> 16) & 255, (n >>> 24) & 255].join('.');
}

/** IPv6: four little-endian 32-bit words; IPv4-mapped addresses come back in dotted form. */
function ipv6(hex: string): string {
  const bytes: number[] = [];
  for (let w = 0; w < 4; w++) {
    const word = hex.slice(w * 8, w * 8 + 8);
    for (let b = 3; b >= 0; b--) bytes.push(Number.parseInt(word.slice(b * 2, b * 2 + 2), 16));
  }
  if (bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 255 && bytes[11] === 255) {
    return `::ffff:${bytes.slice(12).join('.')}`;
  }
  const groups = [];
  for (let i = 0; i < 16; i += 2) groups.push((((bytes[i] ?? 0) << 8) | (bytes[i + 1] ?? 0)).toString(16));
  return groups.join(':');
}

export async function readSockets(): Promise<SocketEntry[]> {
  const out: SocketEntry[] = [];
  for (const proto of ['tcp', 'tcp6', 'udp', 'udp6'] as const) {
    const text = await fs.readFile(`/proc/net/${proto}`, 'utf8').catch(() => '');
    for (const line of text.split('\n').slice(1)) {
      const f = line.trim().split(/\s+/);
      if (f.length < 10) continue;
      const [lAddr = '', lPort = '0'] = (f[1] ?? '').split(':');
      const [rAddr = ''] = (f[2] ?? '').split(':');
      const conv = proto.endsWith('6') ? ipv6 : ipv4;
      out.push({
        proto,
        local: conv(lAddr),
        localPort: Number.parseInt(lPort, 16),
        remote: conv(rAddr),
        state: f[3] ?? '',
        inode: Number(f[9]),
      });
    }
  }
  return out;
}

/** Socket inodes held open by a process. */
export async function socketInodes(pid: number): Promise<number[]> {
  const fds = await fs.readdir(`/proc/${pid}/fd`).catch(() => [] as string[]);
  const links = await Promise.all(fds.map((fd) => fs.readlink(`/proc/${pid}/fd/${fd}`).catch(() => '')));
  return links.flatMap((l) => {
    const m = /^socket:\[(\d+)\]$/.exec(l);
    return m ? [Number(m[1])] : [];
  });
}

/** Every process in the pid namespace of `pid` (a lab host's sshd: PID 1 inside the host). */
export async function processesInPidNamespaceOf(pid: number): Promise<number[]> {
  const ns = await fs.readlink(`/proc/${pid}/ns/pid`);
  const pids = (await fs.readdir('/proc')).filter((n) => /^\d+$/.test(n)).map(Number);
  const same = await Promise.all(pids.map(async (p) => (await fs.readlink(`/proc/${p}/ns/pid`).catch(() => '')) === ns));
  return pids.filter((_, i) => same[i]);
}

/** The host-side PID of a lab host's sshd (the only child of its recorded unshare). */
export async function hostInitPid(unsharePid: number): Promise<number> {
  const children = (await fs.readFile(`/proc/${unsharePid}/task/${unsharePid}/children`, 'utf8')).trim().split(/\s+/);
  const pid = Number(children[0]);
  if (!Number.isInteger(pid) || pid <= 0) throw new Error(`unshare ${unsharePid} has no child`);
  return pid;
}

/** 127.0.0.0/8, also as an IPv4-mapped IPv6 address. */
export function isLoopbackV4(address: string): boolean {
  return /^(::ffff:)?127\./.test(address);
}
