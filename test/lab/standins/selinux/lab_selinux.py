#!/usr/bin/python3
"""Lab stand-ins for the SELinux tools (DESIGN.md §5; lab-notes §8: the kernel has SELinux disabled).

One multi-call program, installed as /usr/sbin/lab-selinux with the names EL uses as symlinks:
  getenforce                        Enforcing | Permissive | Disabled
  setenforce 1|0|Enforcing|Permissive
  selinuxenabled                    exit 0 if enabled, 1 if disabled
  getsebool -a | getsebool BOOL...  `BOOL --> on|off`   (libselinux utils/getsebool.c)
  setsebool [-PNV] BOOL VALUE | setsebool [-PNV] BOOL=VALUE...   (policycoreutils setsebool.c)
  restorecon [-RrvFnie...] PATH...  silent exit 0 when SELinux is disabled (setfiles.c); records the call
Messages and exit codes are upstream's (ovirt-facts.md §5.3 for the booleans that matter: virt_use_nfs).
Where the EL8 text is not verified it says so below.

State (what the kernel and the policy store would hold): /var/lib/lab-selinux/state.json or
$LAB_SELINUX_STATE:
  {"mode": "enforcing|permissive|disabled",
   "booleans": {"virt_use_nfs": {"active": false, "persistent": false}, ...},
   "restorecon": [{"path": "/x", "recursive": false}, ...]}
/etc/selinux/config (or $LAB_SELINUX_CONFIG) holds SELINUX=<mode> as on EL.

Plain-text shadow of the state, for the /bin/sh fast path (selinux/lab_selinux_fast.sh: getenforce,
selinuxenabled and `getsebool NAME...` without a Python start, ~30 ms of CPU per call otherwise, where EL runs
small C programs). Every save() (so also --init at install time and --boot) rewrites it after state.json, each
file atomically, the mode file last: with BASE = the state path minus a trailing `.json`,
  BASE.mode                         `enforcing|permissive|disabled` + newline
  BASE.booleans/NAME                `on|off` + newline (active value; files of vanished booleans are removed)
Only booleans named [A-Za-z0-9_]+ get a file. The fast path trusts the shadow only while BASE.mode exists and
state.json is not newer than it; otherwise it runs this program.
Lab commands: `lab-selinux --init MODE [BOOL=on|off...]` writes both files (install-role.sh);
`lab-selinux --boot` applies a reboot: mode from the config file, active booleans := persistent ones.
"""
import json
import os
import sys
import tempfile

# What `vdsm-tool configure` turns on, persistently (facts §5.3), plus a few stock booleans that stay off.
VDSM_BOOLEANS = ['virt_use_fusefs', 'virt_use_nfs', 'virt_use_samba', 'virt_use_sanlock', 'sanlock_use_fusefs',
                 'sanlock_use_nfs', 'sanlock_use_samba']
STOCK_OFF = ['httpd_can_network_connect', 'ssh_chroot_rw_homedirs', 'use_nfs_home_dirs']

CONFIG_TEMPLATE = """# This file controls the state of SELinux on the system.
# SELINUX= can take one of these three values:
#     enforcing - SELinux security policy is enforced.
#     permissive - SELinux prints warnings instead of enforcing.
#     disabled - No SELinux policy is loaded.
SELINUX={mode}
# SELINUXTYPE= can take one of these three values:
#     targeted - Targeted processes are protected,
#     minimum - Modification of targeted policy. Only selected processes are protected.
#     mls - Multi Level Security protection.
SELINUXTYPE=targeted
"""


def state_path():
    return os.environ.get('LAB_SELINUX_STATE', '/var/lib/lab-selinux/state.json')


def config_path():
    return os.environ.get('LAB_SELINUX_CONFIG', '/etc/selinux/config')


def load():
    try:
        with open(state_path(), encoding='utf-8') as f:
            return json.load(f)
    except OSError:
        return {'mode': 'disabled', 'booleans': {}, 'restorecon': []}  # no state: like Debian, no SELinux


def _write_atomic(path, text, prefix='tmp'):
    fd, tmp = tempfile.mkstemp(dir=os.path.dirname(path), prefix=prefix)
    with os.fdopen(fd, 'w', encoding='utf-8') as f:
        f.write(text)
    os.chmod(tmp, 0o644)
    os.rename(tmp, path)


def shadow_base(path):
    """The shadow's path prefix for state file `path` (module doc): the path without a trailing .json."""
    return path[:-5] if path.endswith('.json') else path


def save_shadow(state, path):
    """The plain-text shadow of `state` (module doc); written after state.json, the mode file last."""
    base = shadow_base(path)
    bdir = base + '.booleans'
    os.makedirs(bdir, exist_ok=True)
    names = {n for n in state['booleans'] if n and all(c.isascii() and (c.isalnum() or c == '_') for c in n)}
    for name in os.listdir(bdir):
        if name not in names and not name.startswith('.'):  # .tmp*: another writer's file in flight
            os.unlink(os.path.join(bdir, name))
    for name in sorted(names):
        _write_atomic(os.path.join(bdir, name), 'on\n' if state['booleans'][name]['active'] else 'off\n', '.tmp')
    _write_atomic(base + '.mode', state['mode'] + '\n', '.tmp')


def save(state):
    path = state_path()
    os.makedirs(os.path.dirname(path), exist_ok=True)
    _write_atomic(path, json.dumps(state, indent=1, sort_keys=True) + '\n')
    save_shadow(state, path)


def enabled(state):
    return state['mode'] != 'disabled'


def err(text):
    sys.stderr.write(text)


# -------------------------------------------------------------------------------------------------- tools
def getenforce(prog, args, state):
    print(state['mode'].capitalize())
    return 0


def selinuxenabled(prog, args, state):
    return 0 if enabled(state) else 1


def setenforce(prog, args, state):
    if len(args) != 1 or args[0].lower() not in ('1', '0', 'enforcing', 'permissive'):
        err('usage:  setenforce [ Enforcing | Permissive | 1 | 0 ]\n')
        return 1
    if not enabled(state):
        err('setenforce: SELinux is disabled\n')
        return 1
    state['mode'] = 'enforcing' if args[0].lower() in ('1', 'enforcing') else 'permissive'
    save(state)
    return 0


def getsebool(prog, args, state):
    """libselinux utils/getsebool.c."""
    if args and args[0] == '-a':
        if len(args) > 1:
            err('usage:  %s -a or %s boolean...\n' % (prog, prog))
            return 1
        if not enabled(state):
            err('%s:  SELinux is disabled\n' % prog)
            return 1
        names = sorted(state['booleans'])
        if not names:
            print('No booleans')
            return 0
    else:
        if any(a.startswith('-') for a in args):
            err('usage:  %s -a or %s boolean...\n' % (prog, prog))
            return 1
        if not enabled(state):
            err('%s:  SELinux is disabled\n' % prog)
            return 1
        if not args:
            err('usage:  %s -a or %s boolean...\n' % (prog, prog))
            return 1
        names = args
    for name in names:
        b = state['booleans'].get(name)
        if b is None:
            err('Error getting active value for %s\n' % name)
            return 255  # main() returns -1
        print('%s --> %s' % (name, 'on' if b['active'] else 'off'))
    return 0


def _bool_value(text):
    if text == '1' or text.lower() in ('true', 'on'):
        return True
    if text == '0' or text.lower() in ('false', 'off'):
        return False
    return None


def setsebool(prog, args, state):
    """policycoreutils setsebool.c. UNVERIFIED for EL8 (policycoreutils 2.9): with SELinux disabled this prints
    EL7's `setsebool:  SELinux is disabled.` and exits 1; newer upstream lets -P edit the policy store."""
    usage = '\nUsage:  setsebool [ -NPV ] boolean value | bool1=val1 bool2=val2...\n\n'
    if not args:
        err(usage)
        return 1
    if not enabled(state):
        err('setsebool:  SELinux is disabled.\n')
        return 1
    permanent = False
    rest = list(args)
    while rest and rest[0].startswith('-') and len(rest[0]) > 1:
        for c in rest.pop(0)[1:]:
            if c == 'P':
                permanent = True
            elif c not in 'NV':
                err(usage)
                return 1
    if not rest:
        err('Error: boolean name required\n' + usage)
        return 1
    if '=' not in rest[0]:
        if len(rest) != 2:
            err(usage)
            return 1
        rest = ['%s=%s' % (rest[0], rest[1])]
    changes = []
    for expr in rest:
        if '=' not in expr:
            err("setsebool: '=' not found in boolean expression %s\n" % expr)
            return 255
        name, text = expr.split('=', 1)
        value = _bool_value(text)
        if value is None:
            err('setsebool: illegal value %s for boolean %s\n' % (text, name))
            return 255
        changes.append((name, value))
    for name, _ in changes:
        if name not in state['booleans']:
            err('Boolean %s is not defined\n' % name if permanent
                else 'Could not change active booleans: Invalid boolean\n')
            return 255
    for name, value in changes:
        state['booleans'][name]['active'] = value
        if permanent:
            state['booleans'][name]['persistent'] = value
    save(state)
    return 0


def restorecon(prog, args, state):
    """policycoreutils setfiles.c as restorecon: silent exit 0 without SELinux; with it, each PATH must exist.
    Labels are not modelled: the call is recorded so tests can see that it happened."""
    if not enabled(state):
        return 0
    recursive = False
    paths = []
    it = iter(args)
    for a in it:
        if a.startswith('-') and len(a) > 1 and not paths:
            for c in a[1:]:
                if c in 'Rr':
                    recursive = True
                elif c in 'ef':
                    next(it, None)
                elif c not in 'ciIDlmnpqvFUW0x':
                    err('usage:  %s [-ciIDFUmnprRv0xT] [-e excludedir] pathname...\n'
                        'usage:  %s [-ciIDFUmnprRv0xT] [-e excludedir] -f filename\n' % (prog, prog))
                    return 255
        else:
            paths.append(a)
    if not paths:
        err('usage:  %s [-ciIDFUmnprRv0xT] [-e excludedir] pathname...\n'
            'usage:  %s [-ciIDFUmnprRv0xT] [-e excludedir] -f filename\n' % (prog, prog))
        return 255
    errors = False
    for p in paths:
        if not os.path.lexists(p):
            # UNVERIFIED exact wording (libselinux selinux_restorecon realpath failure, via the log callback).
            err('%s: SELinux: Could not get canonical path for %s restorecon: No such file or directory.\n'
                % (prog, p))
            errors = True
            continue
        state.setdefault('restorecon', []).append({'path': os.path.abspath(p), 'recursive': recursive})
    save(state)
    return 255 if errors else 0


# ---------------------------------------------------------------------------------------------- lab setup
def write_config(mode):
    path = config_path()
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, 'w', encoding='utf-8') as f:
        f.write(CONFIG_TEMPLATE.format(mode=mode))


def lab_init(args):
    mode = args[0]
    if mode not in ('enforcing', 'permissive', 'disabled'):
        err('lab-selinux --init: mode must be enforcing|permissive|disabled\n')
        return 2
    booleans = {n: {'active': True, 'persistent': True} for n in VDSM_BOOLEANS}
    booleans.update({n: {'active': False, 'persistent': False} for n in STOCK_OFF})
    for expr in args[1:]:
        name, _, text = expr.partition('=')
        value = _bool_value(text)
        if value is None:
            err('lab-selinux --init: bad boolean %s\n' % expr)
            return 2
        booleans[name] = {'active': value, 'persistent': value}
    save({'mode': mode, 'booleans': booleans, 'restorecon': []})
    write_config(mode)
    return 0


def lab_boot():
    state = load()
    try:
        with open(config_path(), encoding='utf-8') as f:
            for line in f:
                if line.startswith('SELINUX='):
                    state['mode'] = line.split('=', 1)[1].strip().lower()
    except OSError:
        pass
    for b in state['booleans'].values():
        b['active'] = b['persistent']
    save(state)
    return 0


TOOLS = {'getenforce': getenforce, 'setenforce': setenforce, 'selinuxenabled': selinuxenabled,
         'getsebool': getsebool, 'setsebool': setsebool, 'restorecon': restorecon}


def main(argv):
    prog = os.path.basename(argv[0])
    args = argv[1:]
    if prog in TOOLS:
        return TOOLS[prog](prog, args, load())
    if args[:1] == ['--init'] and len(args) >= 2:
        return lab_init(args[1:])
    if args == ['--boot']:
        return lab_boot()
    if args and args[0] in TOOLS:  # `lab-selinux getsebool ...` works too
        return TOOLS[args[0]](args[0], args[1:], load())
    err('usage: lab-selinux --init MODE [BOOL=on|off...] | --boot | TOOL [ARGS...]\n')
    return 2


if __name__ == '__main__':
    sys.exit(main(sys.argv))
