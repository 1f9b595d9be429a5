"""Whether the lab's QEMU offers a floppy for a machine type (facts §0.3): the one flag file the lab's tests
control, read alike by virsh.py (domcapabilities) and start_vm.py (VM start). Absent: floppy everywhere; empty:
nowhere; else one machine-type prefix per line lacks it. virsh_fast.sh answers the first two cases itself.
Installed as /usr/share/lab-vdsm/domcaps_flag.py; found through ../common when run from the source tree.
"""
import os

FLAG_FILE = '/var/lib/lab-vdsm/domcaps-no-floppy'


def floppy_supported(machine):
    flag = os.environ.get('LAB_DOMCAPS_NO_FLOPPY', FLAG_FILE)
    try:
        with open(flag, encoding='utf-8') as f:
            prefixes = [line.strip() for line in f if line.strip()]
    except OSError:
        return True
    return bool(prefixes) and not any(machine.startswith(p) for p in prefixes)
