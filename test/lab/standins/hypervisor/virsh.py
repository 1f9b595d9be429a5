#!/usr/bin/python3
"""Lab stand-in for virsh on a hypervisor (installed as /usr/bin/virsh; DESIGN.md §5, ovirt-facts.md §0.3, §4.7).

  virsh -r dumpxml DOMAIN        the domain XML a (later) vdsm stand-in stored as
                                 /var/lib/lab-vdsm/domains/<uuid-or-name>.xml; DOMAIN may be the name or the
                                 UUID (libvirt <name> is the oVirt VM name, <uuid> its id: facts §4.7)
  virsh -r list [--all]          the stored domains, as running
  virsh -r domcapabilities [--machine M] [--virttype T] [--arch A] [--emulatorbin P]
                                 domain capabilities; the disk `diskDevice` enum lists `floppy` (and the bus
                                 enum `fdc`) unless /var/lib/lab-vdsm/domcaps-no-floppy says otherwise (facts
                                 §0.3: a check must read floppy support from here). An empty flag file removes
                                 floppy for every machine; otherwise each line is a machine-type prefix
                                 (e.g. `pc-q35-`) that loses it.
Without -r/--readonly, virsh on an oVirt host asks for SASL credentials (vdsm configures libvirt so); on a
closed stdin that fails like libvirt does. Unknown domain: `error: failed to get domain 'X'`, exit 1
(UNVERIFIED: older libvirt adds a second `error: Domain not found: ...` line).

Env: LAB_VDSM_DOMAINS (default /var/lib/lab-vdsm/domains), LAB_DOMCAPS_NO_FLOPPY (default
/var/lib/lab-vdsm/domcaps-no-floppy).
"""
import glob
import os
import sys
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.realpath(__file__))
sys.path[:0] = [p for p in (HERE, os.path.join(os.path.dirname(HERE), 'common')) if os.path.isdir(p)]
from domcaps_flag import floppy_supported  # noqa: E402

EMULATOR = '/usr/libexec/qemu-kvm'
MACHINE_ALIASES = {'pc': 'pc-i440fx-rhel7.6.0', 'q35': 'pc-q35-rhel8.6.0'}
MACHINE_PREFIXES = ('pc-i440fx-', 'pc-q35-')


def domains_dir():
    return os.environ.get('LAB_VDSM_DOMAINS', '/var/lib/lab-vdsm/domains')


def find_domain(ref):
    """Path of the stored XML whose file name, <name> or <uuid> equals ref."""
    for path in sorted(glob.glob(os.path.join(domains_dir(), '*.xml'))):
        if os.path.basename(path)[:-4] == ref:
            return path
        try:
            root = ET.parse(path).getroot()
        except (ET.ParseError, OSError):
            continue
        if ref in ((root.findtext('name') or '').strip(), (root.findtext('uuid') or '').strip()):
            return path
    return None


def cmd_dumpxml(args):
    refs = [a for a in args if not a.startswith('-')]
    if len(refs) != 1:
        sys.stderr.write("error: command 'dumpxml' requires <domain> option\n")
        return 1
    path = find_domain(refs[0])
    if path is None:
        sys.stderr.write("error: failed to get domain '%s'\n" % refs[0])
        return 1
    with open(path, encoding='utf-8') as f:
        sys.stdout.write(f.read())
    return 0


def cmd_list(args):
    print(' Id   Name                 State')
    print('-' * 40)
    for i, path in enumerate(sorted(glob.glob(os.path.join(domains_dir(), '*.xml'))), start=1):
        try:
            name = (ET.parse(path).getroot().findtext('name') or '').strip()
        except (ET.ParseError, OSError):
            continue
        print(' %-4d %-20s running' % (i, name))
    print()
    return 0



def option(args, name, default=None):
    for i, a in enumerate(args):
        if a == name and i + 1 < len(args):
            return args[i + 1]
        if a.startswith(name + '='):
            return a.split('=', 1)[1]
    return default


def cmd_domcapabilities(args):
    machine = option(args, '--machine') or 'pc'
    machine = MACHINE_ALIASES.get(machine, machine)
    if not machine.startswith(MACHINE_PREFIXES):
        sys.stderr.write("error: failed to get emulator capabilities\nerror: invalid argument: the machine '%s' is "
                         "not supported by emulator '%s'\n" % (machine, option(args, '--emulatorbin', EMULATOR)))
        return 1
    floppy = floppy_supported(machine)
    devices = ['disk', 'cdrom'] + (['floppy'] if floppy else []) + ['lun']
    buses = ['ide'] + (['fdc'] if floppy else []) + ['scsi', 'virtio', 'usb', 'sata']
    if machine.startswith('pc-q35-'):
        buses.remove('ide')
    vals = lambda items: ''.join('        <value>%s</value>\n' % v for v in items)  # noqa: E731
    sys.stdout.write(
        '<domainCapabilities>\n'
        '  <path>%s</path>\n  <domain>%s</domain>\n  <machine>%s</machine>\n  <arch>%s</arch>\n'
        "  <vcpu max='%s'/>\n  <iothreads supported='yes'/>\n"
        "  <os supported='yes'>\n    <enum name='firmware'/>\n  </os>\n"
        '  <devices>\n'
        "    <disk supported='yes'>\n      <enum name='diskDevice'>\n%s      </enum>\n"
        "      <enum name='bus'>\n%s      </enum>\n"
        "      <enum name='model'>\n%s      </enum>\n    </disk>\n"
        '  </devices>\n</domainCapabilities>\n'
        % (option(args, '--emulatorbin', EMULATOR), option(args, '--virttype', 'kvm'), machine,
           option(args, '--arch', 'x86_64'), '384' if machine.startswith('pc-q35-') else '240',
           vals(devices), vals(buses), vals(['virtio', 'virtio-transitional', 'virtio-non-transitional'])))
    return 0


COMMANDS = {'dumpxml': cmd_dumpxml, 'list': cmd_list, 'domcapabilities': cmd_domcapabilities}


def main(argv):
    readonly = False
    rest = list(argv)
    while rest and rest[0].startswith('-'):
        a = rest.pop(0)
        if a in ('-r', '--readonly'):
            readonly = True
        elif a in ('-c', '--connect') and rest:
            rest.pop(0)
        elif a in ('-q', '--quiet') or a.startswith('--connect='):
            pass
        else:
            sys.stderr.write("error: unsupported option '%s'. See --help.\n" % a)
            return 1
    if not rest:
        sys.stderr.write('lab virsh: interactive mode is not supported\n')
        return 1
    cmd, args = rest[0], rest[1:]
    if cmd not in COMMANDS:
        sys.stderr.write("error: unknown command: '%s'\n" % cmd)
        return 1
    if not readonly:
        sys.stdout.write('Please enter your authentication name: ')
        sys.stdout.flush()
        if not sys.stdin.readline():
            sys.stderr.write('\nerror: failed to connect to the hypervisor\n'
                             'error: authentication failed: Failed to collect auth credentials\n')
            return 1
        sys.stderr.write('error: failed to connect to the hypervisor\nerror: authentication failed: '
                         'authentication failed\n')
        return 1
    return COMMANDS[cmd](args)


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
