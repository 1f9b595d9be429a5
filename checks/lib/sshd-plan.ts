/**
 * Where the managed block goes and what the file looks like afterwards (pure).
 *
 * Precedence, so a second run lands on the same file: (1) the file that already holds the block, replaced in
 * place; (2) the drop-in, when an Include in global context pulls it in (Debian 12, RHEL 9: the Include is the
 * first directive; a Match in an included file does not leak into the rest, facts §6.2); (3) appended at the
 * end of sshd_config (a Match block lasts to the end of the file, facts §6.2).
 *
 * Before the first foreign Match of that file, not after it (issue #13): for a keyword set in several matching
 * blocks the first one wins (facts §6.2), so a foreign `Match Address 127.0.0.0/8` or `Match Group partners` above
 * our block would override our ChrootDirectory/ForceCommand/forwarding for the upload user. Our block matches only
 * the upload user, so moving it above every other Match changes nothing for anyone else; the foreign block's other
 * keywords still apply to the user. An existing block below a foreign Match is moved up. A foreign Match in a file
 * sshd reads before ours (an earlier drop-in) cannot be outrun this way: the check names the foreign blocks it can
 * see that set the keyword (lib/sshd-match-blocks.ts).
 */
import { renderManagedBlock, type BlockOptions } from './sshd-block.js';
import { isIncludedGlobally, scanSshdConfig, type SshdConfigScan } from './sshd-config-scan.js';
import { dropInValidateArgv, mainValidateArgv } from './sshd-validate.js';

export const SSHD_MAIN = '/etc/ssh/sshd_config';
export const SSHD_DROPIN_DIR = '/etc/ssh/sshd_config.d';
export const SSHD_DROPIN_NAME = '50-ovirt-floppy.conf';
export const SSHD_DROPIN = `${SSHD_DROPIN_DIR}/${SSHD_DROPIN_NAME}`;

export interface ConfigFile {
  content: string;
  /** Octal, e.g. "0644". */
  mode: string;
  owner: string;
  group: string;
}

export interface PlanInput {
  main?: ConfigFile;
  dropIn?: ConfigFile;
  /** sshd -T shows no `subsystem sftp` at all. */
  subsystemMissing: boolean;
  block: Omit<BlockOptions, 'withSubsystem'>;
  sshd: string;
}

export type SshdPlan =
  | {
      kind: 'write';
      path: string;
      before?: string;
      content: string;
      mode: string;
      owner: string;
      group: string;
      validate: string[];
      validateLive: string[];
      subsystemAdded: boolean;
      subsystemUnplaceable: boolean;
    }
  | { kind: 'manual'; reason: string };

function hasSubsystemLine(scan: SshdConfigScan): boolean {
  return scan.block !== undefined && scan.lines.slice(scan.block.begin, scan.block.end).some((l) => /^\s*subsystem\s/i.test(l));
}

/** A Match outside our block before `index`: from there on, a global keyword would be a Match keyword. */
function inMatchContextAt(scan: SshdConfigScan, index: number): boolean {
  return scan.directives.some(
    (d) => d.keyword === 'match' && d.index < index && !(scan.block && d.index > scan.block.begin && d.index < scan.block.end),
  );
}

/**
 * The first Match line outside our block. Right before that line, not above the comments over it: which comment
 * lines belong to the Match cannot be told (Debian's stock file ends with a commented example Match).
 */
function foreignMatchStart(scan: SshdConfigScan): number | undefined {
  const outside = (i: number) => !(scan.block && i >= scan.block.begin && i <= scan.block.end);
  return scan.directives.find((d) => d.keyword === 'match' && outside(d.index))?.index;
}

/** Where the block starts in the planned file: in place, or before the first foreign Match, or at the end. */
function blockPosition(scan: SshdConfigScan): number {
  const foreign = foreignMatchStart(scan);
  if (scan.block && (foreign === undefined || scan.block.begin < foreign)) return scan.block.begin;
  return foreign ?? scan.lines.length;
}

function withBlock(scan: SshdConfigScan, content: string, block: string[]): string {
  const at = blockPosition(scan);
  if (!scan.block && at === scan.lines.length) {
    const sep = content === '' ? '' : content.endsWith('\n') ? '\n' : '\n\n';
    return `${content}${sep}${block.join('\n')}\n`;
  }
  const kept = scan.lines.map((l, i) => ({ l, i })).filter(({ i }) => !scan.block || i < scan.block.begin || i > scan.block.end);
  const before = kept.filter(({ i }) => i < at).map(({ l }) => l);
  const after = kept.filter(({ i }) => i >= at).map(({ l }) => l);
  // A block put above a foreign Match gets a blank line before it; one kept in place changes nothing around it.
  const gap = (scan.block && at === scan.block.begin) || after[0] === '' ? [] : [''];
  return [...before, ...block, ...gap, ...after].join('\n') + '\n';
}

export function planSshdBlock(input: PlanInput): SshdPlan {
  if (!input.main) return { kind: 'manual', reason: `${SSHD_MAIN} does not exist` };
  const main = scanSshdConfig(input.main.content);
  const drop = input.dropIn ? scanSshdConfig(input.dropIn.content) : undefined;
  if (main.brokenBlock)
    return { kind: 'manual', reason: `${SSHD_MAIN} has a damaged managed block (${main.brokenBlock}); repair it by hand` };
  if (drop?.brokenBlock)
    return { kind: 'manual', reason: `${SSHD_DROPIN} has a damaged managed block (${drop.brokenBlock}); repair it by hand` };
  if (main.block && drop?.block) return { kind: 'manual', reason: `both ${SSHD_MAIN} and ${SSHD_DROPIN} hold a managed block; remove one` };

  const toDropIn = !main.block && (drop?.block !== undefined || isIncludedGlobally(main, SSHD_DROPIN));
  const scan = toDropIn ? (drop ?? scanSshdConfig('')) : main;
  const file = toDropIn ? input.dropIn : input.main;
  const content = file?.content ?? '';
  // Keep a Subsystem line we wrote before; add one only where it lands in global context.
  const wantSubsystem = input.subsystemMissing || hasSubsystemLine(scan);
  const placeable = toDropIn || !inMatchContextAt(scan, blockPosition(scan));
  const block = renderManagedBlock({ ...input.block, withSubsystem: wantSubsystem && placeable });
  return {
    kind: 'write',
    path: toDropIn ? SSHD_DROPIN : SSHD_MAIN,
    before: file?.content,
    content: withBlock(scan, content, block),
    // A new drop-in is root-only, as CIS wants sshd_config (conventions §6); an existing file keeps its own.
    mode: file?.mode ?? '0600',
    owner: file?.owner ?? 'root',
    group: file?.group ?? 'root',
    validate: toDropIn
      ? dropInValidateArgv({ sshd: input.sshd, mainPath: SSHD_MAIN, dropInDir: SSHD_DROPIN_DIR, dropInName: SSHD_DROPIN_NAME })
      : mainValidateArgv(input.sshd),
    // After the rename, sshd -t reads the whole live configuration; a failure puts the previous file back.
    validateLive: [input.sshd, '-t'],
    subsystemAdded: wantSubsystem && placeable && input.subsystemMissing,
    subsystemUnplaceable: input.subsystemMissing && !placeable,
  };
}
