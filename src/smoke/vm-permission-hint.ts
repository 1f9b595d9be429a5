/**
 * When QEMU could not open the payload image ("Could not open '<path>': Permission denied", block/file-posix.c),
 * the hook did its job: the usual causes on an oVirt host are SELinux (enforcing, boolean virt_use_nfs off: confined
 * QEMU may not read files on NFS, facts §5.3) and the image's group/mode (qemu reaches it through group kvm).
 * Returns the hint to append to the VM stage's message, or undefined when the failure is something else.
 */
const DENIED = /Could not open '([^']+)': Permission denied/;

export function imagePermissionHint(why: string): string | undefined {
  const m = DENIED.exec(why);
  if (!m) return undefined;
  return (
    ` — QEMU may not open ${m[1]}: on an SELinux-enforcing host turn on virt_use_nfs (check hypervisor-selinux; ` +
    '`setsebool -P virt_use_nfs on`, or `ovirt-floppy apply`), and the image must be readable by group kvm'
  );
}
