/**
 * The lab for tests (issue #3; docs/dev/team-contract.md "The lab"). Bring the default lab up/down, read its
 * state, run commands on its hosts, and start disposable host groups for tests that change hosts.
 */
export { labDown, labStatus, labUp, type HostStatus, type LabUpOptions, type LabUpResult } from './lab.js';
export { startGroup, type GroupSpec, type LabGroup } from './group.js';
export { readLabState, type LabHost, type LabState } from './state.js';
export { sshRoot, sshArgs, type SshOptions } from './ssh.js';
export type { RunResult } from './run.js';
export type { HypervisorOptions, QemuPolicy, VdsmVersion } from './host.js';
export { labPaths } from './paths.js';
export { mountsUnder } from './mounts.js';
export { isLoopback, assertLoopback } from './addresses.js';
