/**
 * The keywords that foreign Match blocks set, with file, line and criteria, so a finding can name the block that
 * most likely gives the upload user its value (issue #13): sshd -T says WHAT is effective, not WHERE it came from.
 * Only blocks outside the ovirt-floppy block count; the criteria are quoted, not evaluated (sshd did that).
 */
import { scanSshdConfig } from './sshd-config-scan.js';

export interface MatchSetting {
  file: string;
  /** 1-based, as sshd numbers lines in its messages. */
  line: number;
  criteria: string;
  /** Lower-case, as sshd -T prints it. */
  keyword: string;
  value: string;
}

export function foreignMatchSettings(file: string, content: string | undefined): MatchSetting[] {
  if (content === undefined) return [];
  const scan = scanSshdConfig(content);
  const ours = (i: number) => scan.block !== undefined && i >= scan.block.begin && i <= scan.block.end;
  const out: MatchSetting[] = [];
  let criteria: string | undefined;
  for (const d of scan.directives) {
    if (ours(d.index)) {
      criteria = undefined;
      continue;
    }
    if (d.keyword === 'match') criteria = d.args.join(' ');
    else if (criteria !== undefined) out.push({ file, line: d.index + 1, criteria, keyword: d.keyword, value: d.args.join(' ') });
  }
  return out;
}

/** "Match Address 127.0.0.0/8 (/etc/ssh/sshd_config line 12: AllowTcpForwarding yes)" for the given keywords. */
export function nameSetters(settings: readonly MatchSetting[], keywords: readonly string[]): string[] {
  return settings
    .filter((s) => keywords.includes(s.keyword))
    .map((s) => `Match ${s.criteria} (${s.file} line ${s.line}: ${s.keyword} ${s.value})`);
}
