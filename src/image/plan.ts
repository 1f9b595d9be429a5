/**
 * Decide the whole layout — short names, long-name entries, clusters — before writing a byte, and collect
 * every reason the files cannot go on one floppy, so the user sees all problems at once.
 */
import { fileNameProblems, nameKey } from './file-name-rules.js';
import { CLUSTER_BYTES, CLUSTER_COUNT, DATA_CAPACITY_BYTES, FIRST_CLUSTER, ROOT_ENTRIES } from './geometry.js';
import { longNameEntryCount } from './long-name.js';
import { assignShortNames, exactShortName, type RawShortName } from './short-name.js';
import { normalizeLabel } from './volume-label.js';

export interface PlanInput {
  /** Name on the floppy. */
  name: string;
  /** Bytes; undefined when the source could not be read (its own problem is reported by the caller). */
  size: number | undefined;
  /** Where the file came from, for messages (`./out/unattend.xml`). */
  source?: string;
}

export interface PlannedFile {
  name: string;
  rawShortName: RawShortName;
  /** Whether long-name entries precede the short entry (the name is not exactly its uppercase 8.3 form). */
  hasLongName: boolean;
  firstCluster: number; // 0 for an empty file (fatgen103 p.24)
  clusters: number;
  size: number;
}

export interface FloppyPlan {
  /** 11 bytes, space-padded; undefined = no label ("NO NAME" in the boot sector, no root entry). */
  label: string | undefined;
  files: PlannedFile[];
  rootEntries: number;
  clustersUsed: number;
}

export type PlanResult = { ok: true; plan: FloppyPlan } | { ok: false; problems: string[] };

const fmt = (n: number): string => n.toLocaleString('en-US');
const describe = (f: PlanInput): string =>
  `${JSON.stringify(f.name)}${f.source !== undefined && f.source !== f.name ? ` (from ${f.source})` : ''}`;

function needsLongName(name: string): boolean {
  const exact = exactShortName(name);
  return exact === undefined || name !== name.toUpperCase();
}

function entriesFor(name: string): number {
  return 1 + (needsLongName(name) ? longNameEntryCount(name) : 0);
}

export function planFloppyLayout(inputs: readonly PlanInput[], options: { label?: string } = {}): PlanResult {
  const problems: string[] = [];

  let label: string | undefined;
  if (options.label !== undefined) {
    const result = normalizeLabel(options.label);
    if (result.ok) label = result.padded;
    else problems.push(...result.problems.map((p) => `label ${JSON.stringify(options.label)}: ${p}`));
  }

  for (const f of inputs) problems.push(...fileNameProblems(f.name).map((p) => `${describe(f)}: ${p}`));

  const byKey = new Map<string, PlanInput[]>();
  for (const f of inputs) {
    const key = nameKey(f.name);
    byKey.set(key, [...(byKey.get(key) ?? []), f]);
  }
  for (const group of byKey.values()) {
    if (group.length > 1) {
      problems.push(`duplicate name (FAT compares names case-insensitively): ${group.map(describe).join(', ')}`);
    }
  }

  const rootEntries = (label ? 1 : 0) + inputs.reduce((n, f) => n + entriesFor(f.name), 0);
  if (rootEntries > ROOT_ENTRIES) {
    const longEntries = rootEntries - inputs.length - (label ? 1 : 0);
    problems.push(
      `root directory: ${inputs.length} files need ${rootEntries} directory entries (${inputs.length} short + ` +
        `${longEntries} long-name${label ? ' + 1 volume label' : ''}); a 1.44 MB floppy's root directory holds ` +
        `${ROOT_ENTRIES}: ${rootEntries - ROOT_ENTRIES} too many. Use fewer files or names that are valid ` +
        `uppercase 8.3 names (they need no long-name entries)`,
    );
  }

  const sized = inputs.filter((f): f is PlanInput & { size: number } => f.size !== undefined);
  const clustersUsed = sized.reduce((n, f) => n + Math.ceil(f.size / CLUSTER_BYTES), 0);
  if (clustersUsed > CLUSTER_COUNT) {
    const dataBytes = sized.reduce((n, f) => n + f.size, 0);
    const allocated = clustersUsed * CLUSTER_BYTES;
    problems.push(
      `total size: ${fmt(allocated - DATA_CAPACITY_BYTES)} bytes over. The files hold ${fmt(dataBytes)} bytes and ` +
        `take ${fmt(allocated)} bytes on the floppy (${fmt(clustersUsed)} clusters: each file is rounded up to ` +
        `whole ${CLUSTER_BYTES}-byte clusters); a 1.44 MB floppy holds ${fmt(DATA_CAPACITY_BYTES)} bytes ` +
        `(${fmt(CLUSTER_COUNT)} clusters)`,
    );
  }

  // An input without a size has its own problem in the caller's list; without it there is no layout to give.
  if (problems.length > 0 || sized.length !== inputs.length) return { ok: false, problems };

  const shortNames = assignShortNames(inputs.map((f) => f.name));
  let next = FIRST_CLUSTER;
  const files = sized.map((f, i): PlannedFile => {
    const clusters = Math.ceil(f.size / CLUSTER_BYTES);
    const firstCluster = clusters === 0 ? 0 : next;
    next += clusters;
    return {
      name: f.name,
      rawShortName: shortNames[i] as RawShortName,
      hasLongName: needsLongName(f.name),
      firstCluster,
      clusters,
      size: f.size,
    };
  });
  return { ok: true, plan: { label, files, rootEntries, clustersUsed } };
}

/** One message for a UsageError: a headline, then one indented line per problem. */
export function formatProblems(problems: readonly string[], what = 'cannot build the floppy image'): string {
  return `${what} (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n${problems.map((p) => `  - ${p}`).join('\n')}`;
}
