/** appliesTo of every sftp check: without an sftp host in the config there is nothing to check. */
import type { Config } from '../../src/config/types.js';

export function sftpConfigured({ config }: { config: Config }): true | string {
  return config.sftp ? true : 'no sftp host in the configuration';
}
