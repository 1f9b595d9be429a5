#!/usr/bin/python3
# ovirt-floppy's floppy hook for vdsm 4.40 and later: before_vm_start.
#
# Installed by `ovirt-floppy apply` as /usr/libexec/vdsm/hooks/before_vm_start/50_floppy on hypervisors whose
# vdsm no longer has vdsm-hook-floppy (removed in vdsm 4.40; the vdsm package obsoletes it). `apply` renders the
# FLOPPY_DIR line below from the config's floppy.clientPath, and `check` compares the installed copy with that
# rendering by sha256: edit the config and re-run `apply` instead of editing the installed copy.
#
# The contract is the original hook's: the VM custom property `floppy` (vdsm passes custom properties to hooks
# as environment variables) names an image file; without the property this hook does nothing. vdsm gives the
# domain XML in the file named by $_hook_domxml and reads it back after the hook; exit code 2 stops the VM
# start with the hook's stderr as the error ("Hook Error: ...").
#
# What it does differently from vdsm-hook-floppy, and why:
#   - The image must be a file directly inside FLOPPY_DIR, with a plain name (letters, digits, `.`, `_`, `-`),
#     also after resolving symlinks: the property is set by whoever may edit the VM, and the hook runs before
#     libvirt opens the file.
#   - A disk already at target fda is refused with an explanation: on cluster level 4.3 and lower the engine
#     puts its own sysprep floppy there, and a second fda only fails later in qemu with
#     "Duplicate ID 'drive-fdc0-0-0'". The same image already at fda is left alone (a hibernated VM's restore).
#   - The disk gets bus='fdc' and an explicit raw driver (no format probing of an uploaded file), and a
#     <seclabel model='dac' relabel='no'/> on the source, as the engine does for its own payload floppy, so
#     libvirt does not chown the image on the NFS share (it is group kvm, which qemu is in).
#
# Python 3 standard library only (the vdsm `hooking` module is not needed), written for Python 3.6 (EL8's
# /usr/bin/python3 and /usr/libexec/platform-python). vdsm runs this file by its shebang, /usr/bin/python3 as
# for vdsm's own python3 hooks (EL8 also has /usr/libexec/platform-python, the platform's private python3);
# `ovirt-floppy check` reports a host without /usr/bin/python3.
import os
import re
import sys
import traceback
from xml.dom import minidom

FLOPPY_DIR = None  # ovirt-floppy: floppy.clientPath, rendered at install time

SAFE_NAME = re.compile(r'[A-Za-z0-9][A-Za-z0-9._-]{0,254}\Z')

SYSPREP_ADVICE = (
    "The engine attaches its own sysprep floppy at fda when it initializes a Windows VM at cluster level 4.3 "
    "or lower, and a second floppy at fda fails in qemu with \"Duplicate ID 'drive-fdc0-0-0'\". Start the VM "
    "without initialization (no use_sysprep/use_initialization, no Initialization data, or a VM that is "
    "already initialized), or use cluster level 4.4 or later (the sysprep payload is a CD-ROM there), or set "
    "a non-Windows OS type for this start.")


class Refused(Exception):
    """A floppy value or domain this hook will not attach; the message goes to vdsm as the error."""


def shown(value):
    """The value for a message: non-printable and non-ASCII characters escaped, no quotes added."""
    return ascii(value)[1:-1]


def check_image(value):
    if not FLOPPY_DIR:
        raise Refused('floppy: this hook was installed without a floppy directory; run ovirt-floppy apply')
    prefix = FLOPPY_DIR + '/'
    name = value[len(prefix):] if value.startswith(prefix) else ''
    if not name or '/' in name or name in ('.', '..'):
        raise Refused('floppy: refusing %s: not a file directly inside the floppy directory %s'
                      % (shown(value), FLOPPY_DIR))
    if not SAFE_NAME.match(name):
        raise Refused('floppy: refusing %s: the file name may only hold letters, digits, ".", "_" and "-" '
                      '(first a letter or digit, at most 255)' % shown(value))
    real = os.path.realpath(value)
    if os.path.dirname(real) != os.path.realpath(FLOPPY_DIR):
        raise Refused('floppy: refusing %s: it resolves to %s, outside the floppy directory %s'
                      % (value, shown(real), FLOPPY_DIR))
    # The original hook's test and message: vdsm runs hooks as vdsm, so this also tells "vdsm cannot reach it".
    if not os.path.isfile(value):
        raise Refused('floppy: file not exists or not enough permissions: %s' % value)


def child_elements(node, tag):
    return [n for n in node.childNodes if n.nodeType == n.ELEMENT_NODE and n.tagName == tag]


def existing_fda(devices):
    """The source of a disk that already has target fda, '' for one without a source; None when there is none."""
    for disk in child_elements(devices, 'disk'):
        if any(t.getAttribute('dev') == 'fda' for t in child_elements(disk, 'target')):
            sources = child_elements(disk, 'source')
            return sources[0].getAttribute('file') if sources else ''
    return None


def floppy_disk(doc, path):
    # Attributes in alphabetical order: minidom before Python 3.8 writes them sorted, later ones in insertion
    # order, and the same XML from every python3 keeps the output predictable.
    disk = doc.createElement('disk')
    disk.setAttribute('device', 'floppy')
    disk.setAttribute('type', 'file')
    driver = doc.createElement('driver')
    driver.setAttribute('name', 'qemu')
    driver.setAttribute('type', 'raw')
    disk.appendChild(driver)
    source = doc.createElement('source')
    source.setAttribute('file', path)
    seclabel = doc.createElement('seclabel')
    seclabel.setAttribute('model', 'dac')
    seclabel.setAttribute('relabel', 'no')
    source.appendChild(seclabel)
    disk.appendChild(source)
    target = doc.createElement('target')
    target.setAttribute('bus', 'fdc')
    target.setAttribute('dev', 'fda')
    disk.appendChild(target)
    return disk


def attach(path):
    domxml = os.environ['_hook_domxml']
    with open(domxml, 'rb') as f:
        doc = minidom.parseString(f.read())
    devices = child_elements(doc.documentElement, 'devices')
    if not devices:
        raise Refused('floppy: the domain XML has no <devices> element')
    present = existing_fda(devices[0])
    if present == path:
        # vdsm also runs before_vm_start when it restores a hibernated VM, with the saved XML that already has
        # this hook's floppy (and ignores the hook's output there); refusing would fail the restore.
        return
    if present is not None:
        raise Refused('floppy: refusing to attach %s: the VM already has a floppy at fda (%s). %s'
                      % (path, shown(present) or 'no source', SYSPREP_ADVICE))
    devices[0].appendChild(floppy_disk(doc, path))
    with open(domxml, 'wb') as f:
        f.write(doc.toxml(encoding='utf-8'))


def main():
    if 'floppy' not in os.environ:
        return 0
    value = os.environ['floppy']
    try:
        check_image(value)
        attach(value)
    except Refused as refused:
        sys.stderr.write('%s\n' % refused)
        return 2
    except Exception:
        sys.stderr.write('floppy: [unexpected error]: %s\n' % traceback.format_exc())
        return 2
    return 0


if __name__ == '__main__':
    sys.exit(main())
