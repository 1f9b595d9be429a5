// The VM stage's hint when QEMU could not open the payload image; the texts are captured from the lab's real
// libvirt 9 + QEMU 7.2 (test/integration/real-vm.int.test.ts, SELinux enforcing with virt_use_nfs off; Q35 refusal).
import { describe, expect, it } from 'vitest';
import { imagePermissionHint } from '../../../src/smoke/vm-permission-hint.js';

const DENIED =
  'on host g1-hv1: VM floppy-smoke is down with error. Exit message: internal error: process exited while connecting to monitor: ' +
  'qemu-system-x86_64: -blockdev {"driver":"file","filename":"/rhev/data-center/mnt/127.0.3.3:_exports_iso/floppy/ovirt-floppy-smoke-cbc49610.vfd",' +
  '"node-name":"libvirt-1-storage","auto-read-only":true,"discard":"unmap"}: ' +
  "Could not open '/rhev/data-center/mnt/127.0.3.3:_exports_iso/floppy/ovirt-floppy-smoke-cbc49610.vfd': Permission denied.";
const Q35 =
  'on host g1-hv1: VM floppy-smoke is down with error. Exit message: internal error: process exited while connecting to monitor: ' +
  'qemu-system-x86_64: -device {"driver":"isa-fdc"}: Device isa-fdc is not supported with machine type pc-q35-7.2.';

describe('imagePermissionHint', () => {
  it('names the image and the SELinux boolean when QEMU was denied the image', () => {
    expect(imagePermissionHint(DENIED)).toBe(
      ' — QEMU may not open /rhev/data-center/mnt/127.0.3.3:_exports_iso/floppy/ovirt-floppy-smoke-cbc49610.vfd: on an SELinux-enforcing ' +
        'host turn on virt_use_nfs (check hypervisor-selinux; `setsebool -P virt_use_nfs on`, or `ovirt-floppy apply`), and the image must be readable by group kvm',
    );
  });

  it('says nothing for other refusals', () => {
    expect(imagePermissionHint(Q35)).toBeUndefined();
  });
});
