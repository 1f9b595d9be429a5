/**
 * Per-host folding: a manager check that audits every hypervisor through the engine says the same thing once per
 * host ("hv1: the engine lists no before_vm_start/50_floppy hook …", then hv2, … hv200). Texts that start with the
 * name of a host of the run followed by `: ` and are equal after it fold into one line naming the hosts as ranges
 * (`hv1–hv200 (200 hosts): …`), so the report does not grow with the fleet. Only names of the run's hosts count as
 * a prefix: `/etc/fstab: …` never folds.
 */
import { hostGroupLabel } from './host-ranges.js';

export interface HostFoldable {
  text: string;
  /** Everything else that must be equal for two items to fold, as one string. */
  rest: string;
}

function splitHost(text: string, hostNames: ReadonlySet<string>): { host: string; tail: string } | undefined {
  const colon = text.indexOf(': ');
  if (colon <= 0) return undefined;
  const host = text.slice(0, colon);
  return hostNames.has(host) ? { host, tail: text.slice(colon + 2) } : undefined;
}

/** Folds items that differ only in their leading host name; first-appearance order, members kept. */
export function foldHosts<T extends HostFoldable>(items: readonly T[], hostNames: ReadonlySet<string>): { text: string; members: T[] }[] {
  const out: { key: string; hosts: string[]; tail?: string; text: string; members: T[] }[] = [];
  for (const item of items) {
    const split = splitHost(item.text, hostNames);
    const key = split ? `${split.tail}\u0001${item.rest}` : undefined;
    const found = key === undefined ? undefined : out.find((o) => o.key === key);
    if (found && split) {
      found.hosts.push(split.host);
      found.members.push(item);
    } else {
      out.push({
        key: key ?? `\u0002${out.length}`,
        hosts: split ? [split.host] : [],
        tail: split?.tail,
        text: item.text,
        members: [item],
      });
    }
  }
  return out.map((o) => ({ text: o.hosts.length > 1 ? `${hostGroupLabel(o.hosts)}: ${o.tail}` : o.text, members: o.members }));
}
