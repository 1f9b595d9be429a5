/**
 * Every check, in display and execution order: manager, hypervisors, sftp server; then the cross-host checks
 * and the handlers. Explicit lists, no registration by side effect (house-style §2).
 */
import type { Registry } from '../src/check-api.js';
import type { Config } from '../src/config/types.js';
import restartEngine from './handlers/restart-engine.js';
import reloadSshd from './handlers/reload-sshd.js';
import { crossHostChecks } from './list-cross.js';
import { hypervisorChecks } from './list-hypervisor.js';
import { managerChecks } from './list-manager.js';
import { sftpChecks } from './list-sftp.js';

export const registry: Registry<Config> = {
  checks: [...managerChecks, ...hypervisorChecks, ...sftpChecks],
  crossHostChecks,
  handlers: [restartEngine, reloadSshd],
};
