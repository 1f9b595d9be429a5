#!/usr/bin/python3
# ovirt-floppy's floppy hook for vdsm 4.40 and later: before_vm_migrate_source.
#
# Installed by `ovirt-floppy apply` as /usr/libexec/vdsm/hooks/before_vm_migrate_source/50_floppy, next to
# before_vm_start/50_floppy. Same behaviour and message as vdsm-hook-floppy's hook: a VM started with the
# `floppy` custom property refuses live migration (exit code 2 makes vdsm fail the migration). Kept as the
# original has it, so a VM behaves the same with either hook. Remove the property and restart the VM to make it
# migratable again.
#
# A VM with only the CD payload property (floppy.cdProperty) may migrate: its image is in floppy.clientPath, the
# shared directory every hypervisor mounts at the same path (ovirt-floppy check proves it per host), libvirt carries
# the cdrom with its source path to the destination, and refusing would keep a host from entering maintenance.
#
# Python 3 standard library only, Python 3.6 compatible (see before_vm_start/50_floppy).
import os
import sys

if 'floppy' in os.environ:
    sys.stderr.write('floppy before_vm_migrate_source: cannot migrate VM with floppy hook\n')
    sys.exit(2)
