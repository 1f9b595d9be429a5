/** Cross-host checks: evaluated after every host was probed; they report, never fix. */
import type { CrossHostCheck } from '../src/check-api.js';
import type { Config } from '../src/config/types.js';
import crossFloppyMountSource from './cross-floppy-mount-source.js';
import crossKvmGid from './cross-kvm-gid.js';
import crossPayloadImages from './cross-payload-images.js';

export const crossHostChecks: CrossHostCheck<any, Config>[] = [crossKvmGid, crossFloppyMountSource, crossPayloadImages];
