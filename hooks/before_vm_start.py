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
# CD payloads (issue #12): when the property named by CD_PROPERTY (floppy.cdProperty, default floppycd) is set, the
# same path rules apply plus an .iso name, and the image becomes a read-only cdrom on the bus that fits the machine
# (SATA on Q35, IDE on i440fx) at the first unit no other disk uses; see "CD payloads" below. A VM with only the CD
# may migrate (before_vm_migrate_source lets it): the image is on the shared directory every host mounts.
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
CD_PROPERTY = None  # ovirt-floppy: floppy.cdProperty, rendered at install time

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


def check_image(value, prop='floppy', suffix=None):
    """The value must name a plain file directly inside FLOPPY_DIR, also after resolving symlinks."""
    if not FLOPPY_DIR:
        raise Refused('%s: this hook was installed without a floppy directory; run ovirt-floppy apply' % prop)
    prefix = FLOPPY_DIR + '/'
    name = value[len(prefix):] if value.startswith(prefix) else ''
    if not name or '/' in name or name in ('.', '..'):
        raise Refused('%s: refusing %s: not a file directly inside the floppy directory %s'
                      % (prop, shown(value), FLOPPY_DIR))
    if not SAFE_NAME.match(name):
        raise Refused('%s: refusing %s: the file name may only hold letters, digits, ".", "_" and "-" '
                      '(first a letter or digit, at most 255)' % (prop, shown(value)))
    if suffix and not name.endswith(suffix):
        raise Refused('%s: refusing %s: a CD payload must be an ISO image named *%s' % (prop, shown(value), suffix))
    real = os.path.realpath(value)
    if os.path.dirname(real) != os.path.realpath(FLOPPY_DIR):
        raise Refused('%s: refusing %s: it resolves to %s, outside the floppy directory %s'
                      % (prop, value, shown(real), FLOPPY_DIR))
    # The original hook's test and message: vdsm runs hooks as vdsm, so this also tells "vdsm cannot reach it".
    if not os.path.isfile(value):
        raise Refused('%s: file not exists or not enough permissions: %s' % (prop, value))


def child_elements(node, tag):
    return [n for n in node.childNodes if n.nodeType == n.ELEMENT_NODE and n.tagName == tag]


def existing_fda(devices):
    """The source of a disk that already has target fda, '' for one without a source; None when there is none."""
    for disk in child_elements(devices, 'disk'):
        if any(t.getAttribute('dev') == 'fda' for t in child_elements(disk, 'target')):
            sources = child_elements(disk, 'source')
            return sources[0].getAttribute('file') if sources else ''
    return None


def file_disk(doc, device, path, bus, dev, readonly=False):
    """A raw file disk with no DAC relabel on its source (see the header), as the floppy and the CD use it."""
    # Attributes in alphabetical order: minidom before Python 3.8 writes them sorted, later ones in insertion
    # order, and the same XML from every python3 keeps the output predictable.
    disk = doc.createElement('disk')
    disk.setAttribute('device', device)
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
    target.setAttribute('bus', bus)
    target.setAttribute('dev', dev)
    disk.appendChild(target)
    if readonly:
        disk.appendChild(doc.createElement('readonly'))
    return disk


def floppy_disk(doc, path):
    return file_disk(doc, 'floppy', path, 'fdc', 'fda')


# --- CD payloads (the CD property, floppy.cdProperty) --------------------------------------------------------
# Where QEMU has no floppy (Q35 on EL8, every machine on EL9/EL10) the same private directory feeds a read-only
# CD-ROM instead. The bus fits the machine: SATA (q35's built-in AHCI, controller 0, units 0-5) or IDE (i440fx's
# PIIX, 2 buses x 2 units). The engine puts its own cdrom at unit 2 (hdc/sdc) and its sysprep/cloud-init payload
# cdrom at hdd on IDE, sdb on SATA (ovirt-engine VmDeviceCommonUtils getCdDeviceIndex/getCdPayloadDeviceIndex,
# LibvirtVmXmlBuilder writeCdRom; older engines put the SATA cdrom at sda). Rather than trusting those numbers,
# the hook reads every disk of the domain: a target name in use (sd* is shared by SATA, SCSI and USB disks) or a
# drive address taken on that bus - explicit, or derived from the name the way libvirt does
# (virDomainDiskDefAssignAddress: IDE controller=i/4 bus=(i%4)/2 unit=i%2, SATA controller=i/6 unit=i%6) - is
# skipped; no free unit is a clear refusal.

CD_BUSES = {
    'ide': {'prefix': 'hd', 'units': 4, 'label': 'IDE'},
    'sata': {'prefix': 'sd', 'units': 6, 'label': 'SATA'},
}


def machine_bus(doc):
    """'sata' for Q35 machines, 'ide' for i440fx ones (pc, pc-i440fx-*, rhel6.x.0), else None."""
    machine = ''
    for os_el in child_elements(doc.documentElement, 'os'):
        for t in child_elements(os_el, 'type'):
            machine = t.getAttribute('machine')
    if 'q35' in machine:
        return 'sata', machine
    if machine == 'pc' or 'i440fx' in machine or re.match(r'rhel[0-9]', machine):
        return 'ide', machine
    return None, machine


def name_index(name, prefix):
    """sda -> 0, sdb -> 1, ... (a single letter only: the units of one controller)."""
    if len(name) == len(prefix) + 1 and name.startswith(prefix) and 'a' <= name[-1] <= 'z':
        return ord(name[-1]) - ord('a')
    return None


def derived_address(index, bus):
    if bus == 'ide':
        return (index // 4, (index % 4) // 2, index % 2)
    return (index // 6, 0, index % 6)


def disk_target(disk):
    targets = child_elements(disk, 'target')
    return (targets[0].getAttribute('dev'), targets[0].getAttribute('bus')) if targets else ('', '')


def disk_address(disk):
    for a in child_elements(disk, 'address'):
        if a.getAttribute('type') == 'drive':
            num = lambda k: int(a.getAttribute(k) or '0', 0)
            return (num('controller'), num('bus'), num('unit'))
    return None


def occupied(devices, bus):
    """Target names of every disk, and the drive addresses taken on `bus` (with what holds them)."""
    names, addresses = {}, {}
    prefix = CD_BUSES[bus]['prefix']
    for disk in child_elements(devices, 'disk'):
        dev, disk_bus = disk_target(disk)
        what = '%s %s' % (disk.getAttribute('device') or 'disk', dev or '(no target)')
        names[dev] = what
        if disk_bus != bus:
            continue
        address = disk_address(disk)
        if address is None:
            index = name_index(dev, prefix)
            address = derived_address(index, bus) if index is not None else None
        if address is not None:
            addresses[address] = what
    return names, addresses


def existing_cdrom(devices, path):
    for disk in child_elements(devices, 'disk'):
        if disk.getAttribute('device') != 'cdrom':
            continue
        if any(s.getAttribute('file') == path for s in child_elements(disk, 'source')):
            return True
    return False


def free_cd_target(devices, bus):
    names, addresses = occupied(devices, bus)
    spec = CD_BUSES[bus]
    for index in range(spec['units']):
        name = spec['prefix'] + chr(ord('a') + index)
        if name not in names and derived_address(index, bus) not in addresses:
            return name, None
    taken = ', '.join(sorted(set(addresses.values()) | set(v for k, v in names.items() if k.startswith(spec['prefix']))))
    return None, taken


def attach_cdrom(doc, devices, path, prop):
    if existing_cdrom(devices, path):
        return  # a hibernated VM's restore: the saved XML already has it (see attach_floppy)
    bus, machine = machine_bus(doc)
    if bus is None:
        raise Refused('%s: refusing to attach %s: machine type %s is neither Q35 nor i440fx, so the CD bus is unknown'
                      % (prop, path, shown(machine) or '(none)'))
    dev, taken = free_cd_target(devices, bus)
    if dev is None:
        raise Refused('%s: refusing to attach %s: no free %s unit on %s (%d units, taken by: %s)'
                      % (prop, path, CD_BUSES[bus]['label'], machine, CD_BUSES[bus]['units'], taken))
    devices.appendChild(file_disk(doc, 'cdrom', path, bus, dev, readonly=True))


def attach_floppy(doc, devices, path):
    present = existing_fda(devices)
    if present == path:
        # vdsm also runs before_vm_start when it restores a hibernated VM, with the saved XML that already has
        # this hook's floppy (and ignores the hook's output there); refusing would fail the restore.
        return
    if present is not None:
        raise Refused('floppy: refusing to attach %s: the VM already has a floppy at fda (%s). %s'
                      % (path, shown(present) or 'no source', SYSPREP_ADVICE))
    devices.appendChild(floppy_disk(doc, path))


def attach(requests):
    """requests: (property, path) pairs, checked already; the domain XML is read and written once."""
    domxml = os.environ['_hook_domxml']
    with open(domxml, 'rb') as f:
        doc = minidom.parseString(f.read())
    devices = child_elements(doc.documentElement, 'devices')
    if not devices:
        raise Refused('%s: the domain XML has no <devices> element' % requests[0][0])
    for prop, path in requests:
        if prop == 'floppy':
            attach_floppy(doc, devices[0], path)
        else:
            attach_cdrom(doc, devices[0], path, prop)
    with open(domxml, 'wb') as f:
        f.write(doc.toxml(encoding='utf-8'))


def main():
    requests = []
    if 'floppy' in os.environ:
        requests.append(('floppy', os.environ['floppy']))
    if CD_PROPERTY and CD_PROPERTY in os.environ:
        requests.append((CD_PROPERTY, os.environ[CD_PROPERTY]))
    if not requests:
        return 0
    try:
        for prop, value in requests:
            check_image(value, prop, None if prop == 'floppy' else '.iso')
        attach(requests)
    except Refused as refused:
        sys.stderr.write('%s\n' % refused)
        return 2
    except Exception:
        sys.stderr.write('%s: [unexpected error]: %s\n' % (requests[0][0], traceback.format_exc()))
        return 2
    return 0


if __name__ == '__main__':
    sys.exit(main())
