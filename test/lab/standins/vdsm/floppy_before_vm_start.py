#!/usr/bin/python3
# Lab stand-in for vdsm-hook-floppy's before_vm_start hook (installed as
# /usr/libexec/vdsm/hooks/before_vm_start/50_floppy by the lab's vdsm-hook-floppy RPM).
#
# Copies upstream behaviour exactly (ovirt-facts.md §2.2; vdsm `vdsm_hooks/floppy/before_vm_start.py`
# as of the last release that shipped it, v4.30.x). Upstream starts with `#!/usr/bin/python2` (facts §0.1)
# and used `os.environ.has_key`; the lab's Debian root has only python3, so this is the same logic in
# python3. It imports `hooking` from the directory vdsm appends to PYTHONPATH (facts §2.3; the lab's stand-in
# library lives in /usr/lib/python3/dist-packages/vdsm/hook/).
#
# Kept on purpose, because upstream does it: the bare `except:` also catches the SystemExit raised by
# `sys.exit(2)` after the "file not exists" message, so stderr then carries that message followed by
# `floppy: [unexpected error]: Traceback ... SystemExit: 2`, and the exit code is still 2.

import os
import sys
import hooking
import traceback

'''
floppy vdsm hook
================
adding floppy to libvirt domain entry:

syntax:
floppy=/path/to/vfd

<disk type='file' device='floppy'>
    <source file='/home/iso/my.vfd'/>
    <target dev='fda' />
</disk>

Note:
    some linux distro need to load the floppy disk kernel module:
    # modprobe floppy
'''

if 'floppy' in os.environ:
    try:
        floppy = os.environ['floppy']

        if not os.path.isfile(floppy):
            sys.stderr.write('floppy: file not exists or not enough permissions: %s\n' % floppy)
            sys.exit(2)

        domxml = hooking.read_domxml()
        devices = domxml.getElementsByTagName('devices')[0]

        disk = domxml.createElement('disk')
        disk.setAttribute('type', 'file')
        disk.setAttribute('device', 'floppy')
        devices.appendChild(disk)

        source = domxml.createElement('source')
        source.setAttribute('file', floppy)
        disk.appendChild(source)

        target = domxml.createElement('target')
        target.setAttribute('dev', 'fda')
        disk.appendChild(target)

        hooking.write_domxml(domxml)

    except:  # noqa: E722 -- upstream's bare except, see the header
        sys.stderr.write('floppy: [unexpected error]: %s\n' % traceback.format_exc())
        sys.exit(2)
