/** The OS release line shown in reports: /etc/redhat-release on EL hosts, else os-release ID and VERSION_ID. */
import type { HostFacts } from '../../src/check-api.js';

export function osRelease(facts: HostFacts): string {
  return facts.redhatRelease ?? (`${facts.osId} ${facts.osVersionId}`.trim() || 'unknown OS');
}
