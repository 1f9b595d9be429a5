"""The libvirt domain XML the engine sends to vdsm when it runs a VM (engine `LibvirtVmXmlBuilder`,
`VmInfoBuildUtils.createSysprepPayloadDevice`; ovirt-facts.md §3, §4.4, §4.7).

- `<name>` is the VM name, `<uuid>` the VM id (facts §4.7).
- The VM's custom properties valid for its level go into the metadata `<ovirt-vm:custom>`, one element per
  property (`writeVmCustomMetadata`); vdsm turns them into hook env vars (facts §4.4).
- Machine type from the chipset: bios i440fx_* → pc-i440fx, q35_* → pc-q35 (cluster_default: the cluster's).
- Windows (osinfo family; here: os type `windows*`, facts §3) with a sysprep payload: a FLOPPY at fda on levels
  4.2/4.3 (`isFloppySupported`), a CD-ROM otherwise. The engine's floppy is a file disk on bus fdc, readonly,
  alias ua-<device id>, DAC seclabel relabel=no, source `PAYLOAD:` (vdsm puts the file under
  /var/run/vdsm/payload/) and the payload's files in the device metadata (vdsm tests/virt/data/vm_sysprep_floppy.xml).
Only the devices the floppy story needs are written (a system disk, a CD-ROM, the payload).
"""
import uuid
import xml.etree.ElementTree as ET

OVIRT_VM = 'http://ovirt.org/vm/1.0'
OVIRT_TUNE = 'http://ovirt.org/vm/tune/1.0'
ET.register_namespace('ovirt-vm', OVIRT_VM)
ET.register_namespace('ovirt-tune', OVIRT_TUNE)

# The cluster's emulated machine comes from what its hosts' libvirt reports (a RHEL 8 host: pc-i440fx-rhel7.6.0,
# pc-q35-rhel8.6.0). The lab's hypervisors run Debian's QEMU 7.2 under real libvirt (issue #11), which knows only
# the upstream names, so the lab cluster's machine types are those.
MACHINES = {'i440fx': 'pc-i440fx-7.2', 'q35': 'pc-q35-7.2'}
FLOPPY_LEVELS = ('4.2', '4.3')  # osinfo os.other.devices.floppy.support (facts §0.2)
POOL_ID = '5c3e2d8a-6f9b-4c01-9a3e-000000000001'
DOMAIN_ID = 'b1504dab-e92b-43cb-963e-df14bbda9e33'


def effective_level(vm, cluster):
    """custom_compatibility_version if set, else the cluster's (facts §4.3)."""
    return vm.get('custom_compatibility_version') or cluster['version']


def effective_bios(vm, cluster):
    bios = vm.get('bios_type') or 'cluster_default'
    return cluster.get('bios_type', 'i440fx_sea_bios') if bios == 'cluster_default' else bios


def chipset(bios):
    return 'q35' if bios.startswith('q35') else 'i440fx'


def is_windows(vm):
    return (vm.get('os_type') or '').startswith('windows')


def sysprep_file_name(os_type):
    """osinfo sysprepFileName: sysprep.inf for XP/2003, Unattend.xml for Windows 7/2008 and later (facts §3)."""
    return 'sysprep.inf' if os_type.startswith(('windows_xp', 'windows_2003')) else 'Unattend.xml'


def sysprep_content(vm):
    init = vm.get('initialization') or {}
    if init.get('custom_script'):
        return init['custom_script']
    return ('<?xml version="1.0" encoding="utf-8"?>\n<unattend xmlns="urn:schemas-microsoft-com:unattend">\n'
            '  <!-- lab engine: sysprep for %s (host name %s, user %s) -->\n</unattend>\n'
            % (vm['name'], init.get('host_name', vm['name']), init.get('user_name', 'Administrator')))


def _sub(parent, tag, attrs=None, text=None):
    el = ET.SubElement(parent, tag, {k: v for k, v in (attrs or {}).items() if v is not None})
    if text is not None:
        el.text = text
    return el


def _id(vm, what):
    return str(uuid.uuid5(uuid.UUID(vm['id']), what))


def build(vm, cluster, custom_pairs, sysprep):
    """→ (xml text, payload device target or None)."""
    level = effective_level(vm, cluster)
    bios = effective_bios(vm, cluster)
    q35 = chipset(bios) == 'q35'

    dom = ET.Element('domain', {'type': 'kvm'})
    _sub(dom, 'name', text=vm['name'])
    _sub(dom, 'uuid', text=vm['id'])
    mem_kib = str(int(vm.get('memory', 4294967296)) // 1024)
    _sub(dom, 'memory', text=mem_kib)
    _sub(dom, 'currentMemory', text=mem_kib)
    _sub(dom, 'vcpu', {'current': '1'}, '16')

    meta = _sub(dom, 'metadata')
    _sub(meta, '{%s}qos' % OVIRT_TUNE)
    md = _sub(meta, '{%s}vm' % OVIRT_VM)
    _sub(md, '{%s}clusterVersion' % OVIRT_VM, text=level)
    custom = _sub(md, '{%s}custom' % OVIRT_VM)
    for name, value in custom_pairs:
        _sub(custom, '{%s}%s' % (OVIRT_VM, name), text=value)
    _sub(md, '{%s}launchPaused' % OVIRT_VM, text='false')
    _sub(md, '{%s}resumeBehavior' % OVIRT_VM, text='auto_resume')

    os_el = _sub(dom, 'os')
    _sub(os_el, 'type', {'arch': 'x86_64', 'machine': MACHINES[chipset(bios)]}, 'hvm')
    if bios in ('q35_ovmf', 'q35_secure_boot'):
        _sub(os_el, 'loader', {'readonly': 'yes', 'secure': 'yes' if bios == 'q35_secure_boot' else 'no',
                               'type': 'pflash'}, '/usr/share/OVMF/OVMF_CODE.secboot.fd')
    _sub(os_el, 'smbios', {'mode': 'sysinfo'})
    features = _sub(dom, 'features')
    _sub(features, 'acpi')

    devices = _sub(dom, 'devices')
    img, vol = _id(vm, 'image'), _id(vm, 'volume')
    disk = _sub(devices, 'disk', {'type': 'file', 'device': 'disk', 'snapshot': 'no'})
    _sub(disk, 'target', {'bus': 'scsi', 'dev': 'sda'})
    _sub(disk, 'source', {'file': '/rhev/data-center/%s/%s/images/%s/%s' % (POOL_ID, DOMAIN_ID, img, vol)})
    _sub(disk, 'driver', {'cache': 'none', 'error_policy': 'stop', 'io': 'threads', 'name': 'qemu', 'type': 'qcow2'})
    _sub(disk, 'alias', {'name': 'ua-' + img})
    _sub(disk, 'boot', {'order': '1'})
    _sub(disk, 'serial', text=img)

    cd = _sub(devices, 'disk', {'type': 'file', 'device': 'cdrom', 'snapshot': 'no'})
    _sub(cd, 'driver', {'error_policy': 'report', 'name': 'qemu', 'type': 'raw'})
    _sub(cd, 'source', {'file': '', 'startupPolicy': 'optional'})
    _sub(cd, 'target', {'bus': 'sata' if q35 else 'ide', 'dev': 'sdc' if q35 else 'hdc'})
    _sub(cd, 'readonly')
    _sub(cd, 'alias', {'name': 'ua-' + _id(vm, 'cdrom')})

    payload_target = None
    if sysprep:
        floppy = level in FLOPPY_LEVELS
        dev_id = _id(vm, 'payload')
        payload_target = 'fda' if floppy else ('sdd' if q35 else 'hdd')
        pd = _sub(devices, 'disk', {'type': 'file', 'device': 'floppy' if floppy else 'cdrom', 'snapshot': 'no'})
        src = _sub(pd, 'source', {'file': 'PAYLOAD:', 'startupPolicy': 'optional'})
        _sub(src, 'seclabel', {'model': 'dac', 'relabel': 'no', 'type': 'none'})
        _sub(pd, 'target', {'bus': 'fdc' if floppy else ('sata' if q35 else 'ide'), 'dev': payload_target})
        _sub(pd, 'readonly')
        _sub(pd, 'alias', {'name': 'ua-' + dev_id})
        dmd = _sub(md, '{%s}device' % OVIRT_VM, {'devtype': 'disk', 'name': payload_target})
        payload = _sub(dmd, '{%s}payload' % OVIRT_VM)
        _sub(payload, '{%s}file' % OVIRT_VM, {'path': sysprep_file_name(vm.get('os_type', ''))}, sysprep_content(vm))

    ET.indent(dom)
    return ET.tostring(dom, encoding='unicode') + '\n', payload_target
