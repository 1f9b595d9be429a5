/**
 * The probe memo of one config (Check.remember → ProbeContext.memo): per host (name and address, so a host that
 * moves starts afresh) a few keyed strings. Pure: the CLI reads and writes the file (memo-file.ts), the runner
 * only gets and sets.
 */
export interface MemoFile {
  version: 1;
  hosts: Record<string, Record<string, string>>;
}

export class ProbeMemoStore {
  private readonly hosts: Map<string, Map<string, string>>;

  constructor(file?: MemoFile) {
    this.hosts = new Map(Object.entries(file?.hosts ?? {}).map(([h, values]) => [h, new Map(Object.entries(values))]));
  }

  static hostKey(host: { name: string; address: string }): string {
    return `${host.name}@${host.address}`;
  }

  get(host: string, key: string): string | undefined {
    return this.hosts.get(host)?.get(key);
  }

  set(host: string, key: string, value: string): void {
    const values = this.hosts.get(host) ?? new Map<string, string>();
    values.set(key, value);
    this.hosts.set(host, values);
  }

  toFile(): MemoFile {
    const hosts: Record<string, Record<string, string>> = {};
    for (const [h, values] of [...this.hosts].sort(([a], [b]) => a.localeCompare(b))) hosts[h] = Object.fromEntries(values);
    return { version: 1, hosts };
  }
}

/** A memo file's text; anything unexpected gives an empty memo (it is a cache: the next run rebuilds it). */
export function parseMemoFile(text: string): MemoFile | undefined {
  try {
    const o = JSON.parse(text) as Partial<MemoFile> | null;
    if (!o || o.version !== 1 || typeof o.hosts !== 'object' || o.hosts === null) return undefined;
    const ok = Object.values(o.hosts).every(
      (v) => v !== null && typeof v === 'object' && Object.values(v).every((x) => typeof x === 'string'),
    );
    return ok ? { version: 1, hosts: o.hosts } : undefined;
  } catch {
    return undefined;
  }
}
