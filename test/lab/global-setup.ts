/**
 * vitest global setup of the `integration` project: bring the default lab up once, take it down at the end.
 * With OVIRT_FLOPPY_LAB_REUSE=1 a lab that is already up (every host of .lab/state.json answers) is reused
 * and left running afterwards.
 */
import { labDown, labStatus, labUp } from './lab.js';

export default async function setup(): Promise<() => Promise<void>> {
  if (process.env.OVIRT_FLOPPY_LAB_REUSE === '1') {
    const hosts = await labStatus();
    if (hosts.length > 0 && hosts.every((h) => h.answers)) {
      console.error(`lab: reusing the running lab (${hosts.length} hosts)`);
      return async () => {};
    }
  }
  const r = await labUp({ log: (m) => console.error(m) });
  console.error(`lab: up for the integration tests (${r.hosts.length} hosts)`);
  return async () => {
    await labDown();
  };
}
