#!/usr/bin/python3
# Lab stand-in for vdsm-hook-floppy's before_vm_migrate_source hook (installed as
# /usr/libexec/vdsm/hooks/before_vm_migrate_source/50_floppy by the lab's vdsm-hook-floppy RPM).
#
# Same logic as upstream (ovirt-facts.md §2.2; vdsm `vdsm_hooks/floppy/before_vm_migrate_source.py`):
# a VM carrying the `floppy` custom property refuses live migration with exit code 2. Upstream's shebang is
# python2 (facts §0.1); the lab's Debian root has only python3, which runs this unchanged.

import os
import sys

if 'floppy' in os.environ:
    sys.stderr.write('floppy before_vm_migrate_source: cannot migrate VM with floppy hook\n')
    sys.exit(2)
