/**
 * api-model `types/HostStatus.java` values (serialized lower case) in which a host is not audited: maintenance is
 * the admin's "hands off", non_responsive means the engine cannot reach vdsm either, the others are transitional
 * (installing, rebooting) or a host that is off. Pure data, shared by discovery and the checks.
 */
export const SKIPPED_HOST_STATUSES: readonly string[] = [
  'maintenance',
  'preparing_for_maintenance',
  'non_responsive',
  'down',
  'reboot',
  'kdumping',
  'installing',
  'installing_os',
  'install_failed',
  'pending_approval',
];
