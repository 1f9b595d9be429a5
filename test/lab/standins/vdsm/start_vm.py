#!/usr/bin/python3
"""Lab stand-in for vdsm starting a VM on a hypervisor (installed as /usr/share/lab-vdsm/start_vm.py; DESIGN.md §5).

What vdsm and libvirt/qemu do between the engine's VM.create and a running domain, as far as the floppy story
needs it (ovirt-facts.md §2.3, §3, §4.4, §4.7, §5.2):
  1. payloads: a disk whose source is `PAYLOAD:` gets a file under /var/run/vdsm/payload/<vmId>.<md5>.img made
     from the files in its device metadata (vdsm `mkimage`; a FAT floppy via mkfs.msdos + mcopy when present);
  2. the custom properties come from the domain metadata `<ovirt-vm:custom>` (vdsm vm.py `_md_desc.custom`) and
     the `before_vm_start` hooks run as vdsm:kvm with them as env (run_hooks.py, vdsm's `_runHooksDir`); a
     failure ends the start with vdsm's "Hook Error: <hook stderr>" (facts §2.3);
  3. libvirt checks the floppy/CD-ROM files as qemu (uid/gid of the `qemu` user, with its groups, facts §5.1):
     missing or not reachable → "Cannot access storage file '<path>' (as uid:U, gid:G): <strerror>"
     (libvirt `virStorageSourceReportBrokenChain`; UNVERIFIED wording); a source with startupPolicy='optional'
     is dropped instead. DAC relabelling is modelled as failing with EPERM (root_squash NFS, facts §5.2) and is
     never done, so what qemu may open is what the file's mode grants it;
  4. a floppy on a machine type whose domain capabilities have no floppy (virsh.py's
     /var/lib/lab-vdsm/domcaps-no-floppy) fails like qemu "Device isa-fdc is not supported with machine type
     M" (facts §0.3; UNVERIFIED exact libvirt wrapping);
  5. two disks at fda (the engine's sysprep floppy plus the hook's) fail like qemu does (virtesk, facts §3):
     "internal error process exited while connecting to monitor: qemu-kvm: -drive file=<path>,if=none,
     id=drive-fdc0-0-0,format=raw: Duplicate ID 'drive-fdc0-0-0' for drive";
  6. qemu opens each floppy/CD-ROM file (read-only with <readonly/>, else read-write; the hook's floppy is
     read-write, facts §2.2): refused → "... qemu-kvm: -drive file=<path>,...: Could not open '<path>':
     Permission denied" (UNVERIFIED wording);
  7. the domain runs: its XML (with libvirt's defaults for the hook's disk: bus, driver, alias) is kept as
     /var/lib/lab-vdsm/domains/<uuid>.xml, which `virsh -r dumpxml` prints (hypervisor/virsh.py).
The system disk (device='disk') is not checked: the lab has no storage domain behind it.

Usage (vdsmd.py calls the functions; the CLI is for tests and humans):
  start_vm.py create DOMXML_FILE     → {"vmId", "status": "Up"} on stdout, exit 0; or {"code", "message"}, exit 1
  start_vm.py destroy VMID | list | caps
Env for tests: LAB_VDSM_DOMAINS, LAB_VDSM_PAYLOAD_DIR (/var/run/vdsm/payload), LAB_VDSM_RUN_HOOKS
(/usr/share/lab-vdsm/run_hooks.py), LAB_VDSM_HOOKS_DIR, LAB_QEMU_USER (qemu), LAB_DOMCAPS_NO_FLOPPY; run_hooks.py
also reads LAB_VDSM_RUN_AS and LAB_VDSM_HOOK_PYTHONPATH.
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
from domcaps_flag import floppy_supported  # noqa: E402

OVIRT_VM = 'http://ovirt.org/vm/1.0'
ET.register_namespace('ovirt-vm', OVIRT_VM)
ET.register_namespace('ovirt-tune', 'http://ovirt.org/vm/tune/1.0')

QEMU_MONITOR = 'internal error process exited while connecting to monitor: '
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


def domains_dir():
    return env('LAB_VDSM_DOMAINS', '/var/lib/lab-vdsm/domains')


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


def qemu_ids():
    return ids(env('LAB_QEMU_USER', 'qemu'), 107, 107, [107, 36])


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
        raise VdsmError(HOOK_ERR, err[at:] if at >= 0 else 'Hook Error: %s' % err)
    return p.stdout.decode('utf-8')


# ---------------------------------------------------------------------------------------- libvirt and qemu
def as_user(uid, gid, groups, fn):
    """Run fn() (→ errno or 0) in a child with qemu's identity; the errno comes back as the exit code."""
    if os.getuid() != 0:
        return fn()
    pid = os.fork()
    if pid == 0:
        try:
            os.setgroups(groups)
            os.setgid(gid)
            os.setuid(uid)
            os._exit(fn())
        except BaseException:  # noqa: B902
            os._exit(255)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status)


def stat_errno(path):
    try:
        os.stat(path)
        return 0
    except OSError as e:
        return e.errno or 1


def open_errno(path, write):
    try:
        fd = os.open(path, os.O_RDWR if write else os.O_RDONLY)
        os.close(fd)
        return 0
    except OSError as e:
        return e.errno or 1


def media_disks(root):
    """Floppy and CD-ROM file disks with a source: what libvirt checks and qemu opens here."""
    out = []
    for disk in root.findall('./devices/disk'):
        source = disk.find('source')
        if disk.get('device') in ('floppy', 'cdrom') and disk.get('type', 'file') == 'file' \
                and source is not None and source.get('file'):
            out.append((disk, source))
    return out


def drive_id(disk):
    dev = (disk.find('target').get('dev') if disk.find('target') is not None else '') or ''
    if dev.startswith('fd'):
        return 'drive-fdc0-0-%d' % (ord(dev[-1]) - ord('a'))
    alias = disk.find('alias')
    return 'drive-' + (alias.get('name') if alias is not None else dev)


def check_launch(root):
    uid, gid, groups = qemu_ids()
    for disk, source in media_disks(root):
        path = source.get('file')
        err = as_user(uid, gid, groups, lambda: stat_errno(path))
        if err:
            if source.get('startupPolicy') == 'optional':
                source.set('file', '')  # libvirt drops a missing optional source
                continue
            raise VdsmError(CREATE_ERR, "Cannot access storage file '%s' (as uid:%d, gid:%d): %s"
                            % (path, uid, gid, os.strerror(err)))
    floppies = [d for d in root.findall('./devices/disk') if d.get('device') == 'floppy']
    type_el = root.find('./os/type')
    machine = type_el.get('machine', '') if type_el is not None else ''
    if floppies and not floppy_supported(machine):
        raise VdsmError(CREATE_ERR, QEMU_MONITOR + 'qemu-kvm: -device isa-fdc: Device isa-fdc is not supported '
                        'with machine type %s' % machine)
    at_fda = [d for d in floppies if d.find('target') is not None and d.find('target').get('dev') == 'fda']
    if len(at_fda) > 1:
        src = at_fda[1].find('source')
        raise VdsmError(CREATE_ERR, QEMU_MONITOR + "qemu-kvm: -drive file=%s,if=none,id=drive-fdc0-0-0,format=raw: "
                        "Duplicate ID 'drive-fdc0-0-0' for drive" % (src.get('file') if src is not None else ''))
    for disk, source in media_disks(root):
        path = source.get('file')
        write = disk.find('readonly') is None
        err = as_user(uid, gid, groups, lambda: open_errno(path, write))
        if err:
            raise VdsmError(CREATE_ERR, QEMU_MONITOR + "qemu-kvm: -drive file=%s,format=raw,if=none,id=%s%s: "
                            "Could not open '%s': %s" % (path, drive_id(disk), '' if write else ',readonly=on',
                                                         path, os.strerror(err)))


BUSES = {'fd': 'fdc', 'hd': 'ide', 'sd': 'sata', 'vd': 'virtio'}


def live_xml(root, dom_id):
    """What libvirt's live XML adds to disks the engine did not describe fully (the hook's floppy, facts §2.2)."""
    root.set('id', str(dom_id))
    for disk in root.findall('./devices/disk'):
        target = disk.find('target')
        if target is not None and not target.get('bus'):
            target.set('bus', BUSES.get((target.get('dev') or '')[:2], 'ide'))
        if disk.find('driver') is None:
            disk.insert(0, ET.Element('driver', {'name': 'qemu', 'type': 'raw'}))
        if disk.find('alias') is None and target is not None and (target.get('dev') or '').startswith('fd'):
            ET.SubElement(disk, 'alias', {'name': drive_id(disk)[len('drive-'):]})
    ET.indent(root)
    return ET.tostring(root, encoding='unicode') + '\n'


# ------------------------------------------------------------------------------------------------------ verbs
def domain_path(vm_id):
    return os.path.join(domains_dir(), '%s.xml' % vm_id)


def create(xml):
    try:
        root = ET.fromstring(xml.encode('utf-8'))
    except ET.ParseError as e:
        raise VdsmError(CREATE_ERR, 'Error creating the requested VM: %s' % e)
    vm_id = (root.findtext('uuid') or '').strip()
    if not vm_id or '/' in vm_id or vm_id.startswith('.'):
        raise VdsmError(CREATE_ERR, 'Error creating the requested VM: no usable <uuid>')
    if os.path.exists(domain_path(vm_id)):
        raise VdsmError(EXISTS, 'Virtual machine already exists')
    try:
        materialize_payloads(root, vm_id)
        final = run_before_vm_start(ET.tostring(root, encoding='unicode'), vm_id, custom_properties(root))
        root = ET.fromstring(final.encode('utf-8'))  # minidom's output carries an encoding declaration
        check_launch(root)
    except BaseException:
        remove_payloads(vm_id)
        raise
    os.makedirs(domains_dir(), exist_ok=True)
    dom_id = len(glob.glob(os.path.join(domains_dir(), '*.xml'))) + 1
    tmp = domain_path(vm_id) + '.tmp'
    with open(tmp, 'w', encoding='utf-8') as f:
        f.write(live_xml(root, dom_id))
    os.rename(tmp, domain_path(vm_id))
    return {'vmId': vm_id, 'status': 'Up'}


def remove_payloads(vm_id):
    for p in glob.glob(os.path.join(payload_dir(), '%s.*' % glob.escape(vm_id))):
        try:
            os.unlink(p)
        except OSError:
            pass


def destroy(vm_id):
    path = domain_path(vm_id)
    if '/' in vm_id or not os.path.exists(path):
        raise VdsmError(NO_VM, 'Virtual machine does not exist')
    os.unlink(path)
    remove_payloads(vm_id)
    return {'vmId': vm_id, 'status': 'Down'}


def list_vms():
    return [{'vmId': os.path.basename(p)[:-4], 'status': 'Up'}
            for p in sorted(glob.glob(os.path.join(domains_dir(), '*.xml')))]


def vdsm_version():
    """(major, minor) of the installed vdsm RPM; (4, 50) when rpm cannot tell (the lab installs it on every host)."""
    try:
        out = subprocess.run(['rpm', '-q', '--qf', '%{VERSION}', 'vdsm'], capture_output=True, text=True,
                             timeout=30).stdout
        major, minor = out.strip().split('.')[:2]
        return int(major), int(minor)
    except (OSError, ValueError, subprocess.SubprocessError):
        return 4, 50


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
    version = vdsm_version()
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
