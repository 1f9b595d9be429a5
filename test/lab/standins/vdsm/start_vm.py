#!/usr/bin/python3
"""Lab stand-in for vdsm starting a VM on a hypervisor (installed as /usr/share/lab-vdsm/start_vm.py; DESIGN.md §5).

What vdsm and libvirt/qemu do between the engine's VM.create and a running domain, as far as the floppy story
needs it (ovirt-facts.md §2.3, §3, §4.4, §4.7, §5.2):
  1. payloads: a disk whose source is `PAYLOAD:` gets a file under /var/run/vdsm/payload/<vmId>.<md5>.img made
     from the files in its device metadata (vdsm `mkimage`; a FAT floppy via mkfs.msdos + mcopy when present);
  2. the custom properties come from the domain metadata `<ovirt-vm:custom>` (vdsm vm.py `_md_desc.custom`) and
     the `before_vm_start` hooks run as vdsm:kvm with them as env (run_hooks.py, vdsm's `_runHooksDir`); a
     failure ends the start with vdsm's "Hook Error: <hook stderr>" (facts §2.3), worded
     "Hook Error: (b'<hook stderr>',)" from vdsm 4.40 (facts §8.5);
  3. the domain, as the hooks left it, goes to this host's real libvirt (`virsh create`, libvirtd 9.0 started on
     first use by /usr/sbin/lab-libvirt) and QEMU 7.2 behind the RHEL policy wrapper (hypervisor/qemu_policy.sh,
     which also models SELinux): they accept or refuse it. A refusal ends the start with libvirt's own message
     (vdsm: the VM goes Down with the libvirtError text as its exit message).
  Before the hand-over, what the lab cannot provide is replaced, and only that (lab_domain()): there is no
  storage domain, so the system disk (device='disk') goes and the VM boots the lab guest (/.lab/guest: Debian
  kernel + busybox initramfs that reads every floppy and CD-ROM and logs name + sha256 to its serial console,
  a file named in <serial type='file'>); type='kvm' only where the lab's probe saw KVM boot the guest
  (/etc/lab-qemu/accel = kvm and /dev/kvm present, test/lab/accel.ts), else type='qemu' (TCG); memory 256 MiB and
  one vCPU (2 shared cores). The hook's disks, the machine type and everything else stay as the engine and the
  hooks wrote them.
Usage (vdsmd.py calls the functions; the CLI is for tests and humans):
  start_vm.py create DOMXML_FILE     → {"vmId", "status": "Up"} on stdout, exit 0; or {"code", "message"}, exit 1
  start_vm.py destroy VMID | list | caps
Env for tests: LAB_VDSM_PAYLOAD_DIR (/var/run/vdsm/payload), LAB_VDSM_RUN_HOOKS (/usr/share/lab-vdsm/run_hooks.py),
LAB_VDSM_HOOKS_DIR, LAB_VDSM_VERSION (default: rpm -q vdsm), LAB_VIRSH (/usr/local/bin/virsh),
LAB_VDSM_CONSOLE_DIR (/var/log/lab-vdsm/console), LAB_QEMU_ACCEL_FILE (/etc/lab-qemu/accel),
LAB_KVM_DEVICE (/dev/kvm); run_hooks.py also reads LAB_VDSM_RUN_AS and LAB_VDSM_HOOK_PYTHONPATH.
"""
import glob
import grp
import hashlib
import json
import os
import pwd
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.realpath(__file__))
sys.path[:0] = [p for p in (HERE, os.path.join(os.path.dirname(HERE), 'common')) if os.path.isdir(p)]

OVIRT_VM = 'http://ovirt.org/vm/1.0'
ET.register_namespace('ovirt-vm', OVIRT_VM)
ET.register_namespace('ovirt-tune', 'http://ovirt.org/vm/tune/1.0')

FLOPPY_SIZE = 1474560
# vdsm define.errCode
NO_VM, EXISTS, CREATE_ERR, HOOK_ERR = 1, 4, 9, 1500


class VdsmError(Exception):
    def __init__(self, code, message):
        super().__init__(message)
        self.code = code
        self.message = message


def env(name, default):
    return os.environ.get(name, default)


def payload_dir():
    return env('LAB_VDSM_PAYLOAD_DIR', '/var/run/vdsm/payload')


def hooks_dir():
    return env('LAB_VDSM_HOOKS_DIR', '/usr/libexec/vdsm/hooks')


def ids(user, default_uid, default_gid, default_groups):
    """(uid, gid, groups) of a user on this host; the facts §5.1 numbers where it does not exist."""
    try:
        pw = pwd.getpwnam(user)
        return pw.pw_uid, pw.pw_gid, os.getgrouplist(user, pw.pw_gid)
    except KeyError:
        return default_uid, default_gid, default_groups


def group_id(name, default):
    try:
        return grp.getgrnam(name).gr_gid
    except KeyError:
        return default


# ------------------------------------------------------------------------------------------------ metadata
def custom_properties(root):
    """<metadata><ovirt-vm:vm><ovirt-vm:custom><ovirt-vm:NAME>VALUE</...> → [(NAME, VALUE)] (facts §4.4)."""
    custom = root.find('./metadata/{%s}vm/{%s}custom' % (OVIRT_VM, OVIRT_VM))
    if custom is None:
        return []
    return [(child.tag.split('}', 1)[-1], child.text or '') for child in custom]


def payload_files(root, dev):
    for device in root.findall('./metadata/{%s}vm/{%s}device' % (OVIRT_VM, OVIRT_VM)):
        if device.get('devtype') == 'disk' and device.get('name') == dev:
            return [(f.get('path'), f.text or '') for f in device.findall('./{%s}payload/{%s}file' % (OVIRT_VM,
                                                                                                         OVIRT_VM))]
    return []


def make_image(path, files, floppy):
    """vdsm mkimage: a FAT floppy (mkfs.msdos + mcopy, both in the lab root) or, for CD-ROMs, the files
    concatenated (the lab has no genisoimage; nothing reads the ISO)."""
    tmpdir = tempfile.mkdtemp(prefix='payload-')
    try:
        if floppy and shutil.which('mkfs.msdos') and shutil.which('mcopy'):
            subprocess.run(['mkfs.msdos', '-C', path, '1440'], check=True, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL)
            for name, content in files:
                src = os.path.join(tmpdir, os.path.basename(name))
                with open(src, 'w', encoding='utf-8') as f:
                    f.write(content)
                subprocess.run(['mcopy', '-i', path, src, '::' + os.path.basename(name)], check=True,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        else:
            with open(path, 'wb') as f:
                for _, content in files:
                    f.write(content.encode('utf-8'))
                if floppy:
                    f.truncate(FLOPPY_SIZE)
    finally:
        shutil.rmtree(tmpdir, ignore_errors=True)


def materialize_payloads(root, vm_id):
    """Replace `PAYLOAD:` sources by files vdsm (uid vdsm, group qemu, 0640) made; the directory is vdsm's."""
    for disk in root.findall('./devices/disk'):
        source = disk.find('source')
        target = disk.find('target')
        if source is None or source.get('file') != 'PAYLOAD:' or target is None:
            continue
        files = payload_files(root, target.get('dev'))
        digest = hashlib.md5(json.dumps(files).encode('utf-8')).hexdigest()
        os.makedirs(payload_dir(), exist_ok=True)
        own(payload_dir(), 0o750)
        path = os.path.join(payload_dir(), '%s.%s.img' % (vm_id, digest))
        make_image(path, files, disk.get('device') == 'floppy')
        own(path, 0o640)
        source.set('file', path)


def own(path, mode):
    """vdsm:qemu and `mode`; a non-root run (unit tests) keeps its own ownership."""
    if os.getuid() == 0:
        os.chown(path, ids('vdsm', 36, 36, [36])[0], group_id('qemu', 107))
    os.chmod(path, mode)


# --------------------------------------------------------------------------------------------------- hooks
def run_before_vm_start(xml, vm_id, custom):
    """vdsm's before_vm_start through run_hooks.py (which drops to vdsm:kvm); the XML the hooks leave."""
    fd, path = tempfile.mkstemp(prefix='domxml-')
    try:
        with os.fdopen(fd, 'w', encoding='utf-8') as f:
            f.write(xml)
        argv = [sys.executable, env('LAB_VDSM_RUN_HOOKS', '/usr/share/lab-vdsm/run_hooks.py'), 'before_vm_start',
                path, '--vm-id', vm_id]
        for name, value in custom:
            argv += ['--custom', '%s=%s' % (name, value)]
        p = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           env=dict(os.environ, LAB_VDSM_HOOKS_DIR=hooks_dir()))
    finally:
        os.unlink(path)
    err = p.stderr.decode('utf-8', 'replace')
    if p.returncode != 0:
        at = err.find('Hook Error: ')
        hook_stderr = err[at + len('Hook Error: '):] if at >= 0 else err
        raise VdsmError(HOOK_ERR, hook_error_message(hook_stderr))
    return p.stdout.decode('utf-8')


def vdsm_version():
    """The installed vdsm's version ("4.30.46"), from rpm like everything else on the host; '' if unknown."""
    try:
        p = subprocess.run(['rpm', '-q', '--qf', '%{VERSION}', 'vdsm'], stdout=subprocess.PIPE,
                           stderr=subprocess.DEVNULL)
    except OSError:
        return ''
    return p.stdout.decode('ascii', 'replace').strip() if p.returncode == 0 else ''


def hook_error_message(hook_stderr):
    """vdsm ≤ 4.30: "Hook Error: <stderr>"; vdsm 4.40+ keeps the stderr bytes as the exception's args, so the
    message reads "Hook Error: (b'<stderr>',)" (facts §8.5: lib/vdsm/common/exception.py 466-474)."""
    version = env('LAB_VDSM_VERSION', '') or vdsm_version()
    parts = [int(x) for x in version.split('.')[:2] if x.isdigit()]
    if parts and parts >= [4, 40]:
        return 'Hook Error: %s' % ((hook_stderr.encode('utf-8'),),)
    return 'Hook Error: %s' % hook_stderr


# ---------------------------------------------------------------------------------------- libvirt and qemu
GUEST_DIR = '/.lab/guest'
GUEST_MEMORY_MIB = 256


def console_dir():
    return env('LAB_VDSM_CONSOLE_DIR', '/var/log/lab-vdsm/console')


def virsh(*args, stdin=None):
    """This host's virsh (/usr/local/bin/virsh starts libvirtd on first use): (exit code, stdout, stderr)."""
    p = subprocess.run([env('LAB_VIRSH', '/usr/local/bin/virsh'), *args], input=stdin, stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE)
    return p.returncode, p.stdout.decode('utf-8', 'replace'), p.stderr.decode('utf-8', 'replace')


def libvirt_message(stderr):
    """virsh's `error: ...` lines without its own "Failed to create domain from FILE" frame."""
    lines = [ln[len('error: '):] if ln.startswith('error: ') else ln for ln in stderr.strip().splitlines()]
    lines = [ln for ln in lines if ln.strip() and not ln.startswith('Failed to create domain from ')]
    return ' '.join(lines) or 'libvirt refused the domain (no message)'


def domain_type():
    """'kvm' (what vdsm always asks for) where the lab measured that KVM works, else 'qemu' (TCG)."""
    try:
        with open(env('LAB_QEMU_ACCEL_FILE', '/etc/lab-qemu/accel')) as f:
            accel = f.read().strip()
    except OSError:
        accel = ''
    return 'kvm' if accel == 'kvm' and os.path.exists(env('LAB_KVM_DEVICE', '/dev/kvm')) else 'qemu'


def lab_domain(root, vm_id):
    """What the lab cannot provide, replaced (module doc); the rest of the domain is untouched."""
    root.set('type', domain_type())
    for tag in ('memory', 'currentMemory'):
        el = root.find(tag)
        if el is not None:
            el.text, el.attrib = str(GUEST_MEMORY_MIB), {'unit': 'MiB'}
    vcpu = root.find('vcpu')
    if vcpu is not None:
        vcpu.text, vcpu.attrib = '1', {}
    devices = root.find('devices')
    for disk in list(devices.findall('disk')) if devices is not None else []:
        if disk.get('device', 'disk') == 'disk':
            devices.remove(disk)
    os_el = root.find('os')
    for tag, text in (('kernel', GUEST_DIR + '/vmlinuz'), ('initrd', GUEST_DIR + '/initrd.img'),
                      ('cmdline', 'console=ttyS0 quiet')):
        el = os_el.find(tag)
        if el is None:
            el = ET.SubElement(os_el, tag)
        el.text = text
    for smbios in os_el.findall('smbios'):
        if root.find('sysinfo') is None:
            os_el.remove(smbios)  # the engine's <sysinfo> is not part of the lab's domain XML
    os.makedirs(console_dir(), exist_ok=True)
    serial = ET.SubElement(devices, 'serial', {'type': 'file'})
    ET.SubElement(serial, 'source', {'path': os.path.join(console_dir(), '%s.log' % vm_id)})
    ET.SubElement(serial, 'target', {'port': '0'})


def launch(root, vm_id):
    lab_domain(root, vm_id)
    fd, path = tempfile.mkstemp(prefix='libvirt-', suffix='.xml')
    try:
        with os.fdopen(fd, 'w', encoding='utf-8') as f:
            f.write(ET.tostring(root, encoding='unicode'))
        code, _, err = virsh('create', path)
    finally:
        os.unlink(path)
    if code != 0:
        raise VdsmError(CREATE_ERR, libvirt_message(err))


# ------------------------------------------------------------------------------------------------------ verbs
def create(xml):
    try:
        root = ET.fromstring(xml.encode('utf-8'))
    except ET.ParseError as e:
        raise VdsmError(CREATE_ERR, 'Error creating the requested VM: %s' % e)
    vm_id = (root.findtext('uuid') or '').strip()
    if not vm_id or '/' in vm_id or vm_id.startswith('.'):
        raise VdsmError(CREATE_ERR, 'Error creating the requested VM: no usable <uuid>')
    if vm_id in [v['vmId'] for v in list_vms()]:
        raise VdsmError(EXISTS, 'Virtual machine already exists')
    try:
        materialize_payloads(root, vm_id)
        final = run_before_vm_start(ET.tostring(root, encoding='unicode'), vm_id, custom_properties(root))
        root = ET.fromstring(final.encode('utf-8'))  # minidom's output carries an encoding declaration
        launch(root, vm_id)
    except BaseException:
        remove_payloads(vm_id)
        raise
    return {'vmId': vm_id, 'status': 'Up'}


def remove_payloads(vm_id):
    for p in glob.glob(os.path.join(payload_dir(), '%s.*' % glob.escape(vm_id))):
        try:
            os.unlink(p)
        except OSError:
            pass


def destroy(vm_id):
    if '/' in vm_id or vm_id not in [v['vmId'] for v in list_vms()]:
        raise VdsmError(NO_VM, 'Virtual machine does not exist')
    code, _, err = virsh('destroy', vm_id)
    # The guest may power itself off between the list and the destroy (the lab guest does once it has read its
    # payload). vdsm learns that from libvirt's lifecycle event, marks the VM Down and then answers a destroy with
    # "already down and destroyed" instead of an error (vdsm lib/vdsm/virt/vm.py _destroyVmGraceful, lastStatus DOWN +
    # VIR_ERR_NO_DOMAIN); so a domain that is gone by now counts as destroyed, any other failure stays one.
    if code != 0 and vm_id in [v['vmId'] for v in list_vms()]:
        raise VdsmError(CREATE_ERR, libvirt_message(err))
    remove_payloads(vm_id)
    return {'vmId': vm_id, 'status': 'Down'}


def list_vms():
    """The running domains, by uuid (= the oVirt VM id, facts §4.7)."""
    code, out, err = virsh('list', '--uuid')
    if code != 0:
        raise VdsmError(CREATE_ERR, libvirt_message(err))
    return [{'vmId': u.strip(), 'status': 'Up'} for u in out.splitlines() if u.strip()]


def script_info(path, version):
    """vdsm `lib/vdsm/common/hooks.py` `_getScriptInfo`: the file's bytes hashed, '' when unreadable. sha256 under
    'checksum' from vdsm 4.40 (commit 402bde5a9 "MD5 hash can't be used in FIPS mode", first in v4.40.1), md5 under
    'md5' before."""
    new = version >= (4, 40)
    try:
        with open(path, 'rb') as f:
            data = f.read()
        digest = hashlib.sha256(data).hexdigest() if new else hashlib.md5(data).hexdigest()
    except EnvironmentError:
        digest = ''
    return {'checksum': digest} if new else {'md5': digest}


def capabilities():
    """caps['hooks'] (vdsm hooks.installed(), facts §2.3): {event: {script: {'checksum'|'md5': hex}}}, computed at
    every call from the hook files there are: `_scriptsPerDir` keeps regular files executable for vdsm."""
    # vdsm_version() above: "" when rpm cannot tell (then as the current vdsm, which the lab installs on 4.40+ hosts).
    text = env('LAB_VDSM_VERSION', '') or vdsm_version()
    parts = tuple(int(x) for x in text.split('.')[:2] if x.isdigit())
    version = parts if len(parts) == 2 else (4, 50)
    hooks = {}
    for path in sorted(glob.glob(os.path.join(hooks_dir(), '*', '*'))):
        if not (os.path.isfile(path) and os.access(path, os.X_OK)):
            continue
        hooks.setdefault(os.path.basename(os.path.dirname(path)), {})[os.path.basename(path)] = script_info(path, version)
    return {'hooks': hooks}


def main(argv):
    try:
        if len(argv) == 2 and argv[0] == 'create':
            with open(argv[1], encoding='utf-8') as f:
                result = create(f.read())
        elif len(argv) == 2 and argv[0] == 'destroy':
            result = destroy(argv[1])
        elif argv == ['list']:
            result = list_vms()
        elif argv == ['caps']:
            result = capabilities()
        else:
            sys.stderr.write('usage: start_vm.py create DOMXML_FILE | destroy VMID | list | caps\n')
            return 2
    except VdsmError as e:
        print(json.dumps({'code': e.code, 'message': e.message}))
        return 1
    print(json.dumps(result))
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
