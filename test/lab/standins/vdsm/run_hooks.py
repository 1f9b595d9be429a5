#!/usr/bin/python3
"""Run vdsm hooks for one event the way vdsm does (lab stand-in, installed by the lab's vdsm RPMs as
/usr/share/lab-vdsm/run_hooks.py).

Copies vdsm `lib/vdsm/common/hooks.py` `_runHooksDir` (ovirt-facts.md §2.3):
- scripts = glob <hooksdir>/<event>/*, kept if a regular file executable by the caller, run in sorted order;
- the domain XML goes to a temp file named by env `_hook_domxml`; custom properties become env vars; `vmId`;
  PYTHONPATH gets the directory of the `vdsm.hook` package appended (so `import hooking` works);
- rc 0 ok; rc != 0 collects stderr; rc 2 stops further hooks; any collected error is a HookError.
vdsmd runs as User=vdsm Group=kvm (facts §0.4): started as root, this drops to vdsm:kvm with vdsm's
supplementary groups first, so the hook's `os.path.isfile` runs with vdsm's rights.

Usage:
  run_hooks.py EVENT DOMXML_FILE [--vm-id UUID] [--custom NAME=VALUE]...
Prints the final XML on stdout and exits 0; on a hook error prints `Hook Error: <stderr of the last failing
hook>` on stderr and exits 1 (vdsm raises HookError, code 1500, message "Hook Error").

Env for tests: LAB_VDSM_HOOKS_DIR (default /usr/libexec/vdsm/hooks), LAB_VDSM_RUN_AS (default `vdsm`;
empty = do not drop privileges), LAB_VDSM_HOOK_PYTHONPATH (default: the directory of this stand-in's
`vdsm/hook` package).
"""
import glob
import grp
import os
import pwd
import subprocess
import sys
import tempfile

DEFAULT_HOOKS_DIR = '/usr/libexec/vdsm/hooks'
DEFAULT_HOOK_PYTHONPATH = '/usr/lib/python3/dist-packages/vdsm/hook'


def scripts_per_dir(hooks_dir, event):
    if os.path.isabs(event) or '..' in event.split('/'):
        raise ValueError('bad hook directory: %s' % event)
    path = os.path.join(hooks_dir, event, '*')
    return sorted(s for s in glob.glob(path) if os.path.isfile(s) and os.access(s, os.X_OK))


def drop_to(user):
    """Become `user` with its primary group from the unit (kvm for vdsm) and its supplementary groups."""
    pw = pwd.getpwnam(user)
    gid = grp.getgrnam('kvm').gr_gid if user == 'vdsm' else pw.pw_gid
    os.initgroups(user, gid)
    os.setgid(gid)
    os.setuid(pw.pw_uid)


def run_hooks_dir(data, event, custom, vm_id, hooks_dir, hook_pythonpath):
    scripts = scripts_per_dir(hooks_dir, event)
    if not scripts:
        return data, []
    errors = []
    data_fd, data_filename = tempfile.mkstemp()
    try:
        os.write(data_fd, data.encode('utf-8') if data else b'')
        os.close(data_fd)
        env = os.environ.copy()
        env.update(custom)
        if vm_id:
            env['vmId'] = vm_id
        ppath = env.get('PYTHONPATH', '')
        env['PYTHONPATH'] = ':'.join(ppath.split(':') + [hook_pythonpath])
        env['_hook_domxml'] = data_filename
        for script in scripts:
            p = subprocess.run([script], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
            sys.stderr.write('%s: rc=%s err=%r\n' % (script, p.returncode, p.stderr))
            if p.returncode != 0:
                errors.append(p.stderr.decode('utf-8', 'replace'))
            if p.returncode == 2:
                break
        with open(data_filename, encoding='utf-8') as f:
            final = f.read()
    finally:
        os.unlink(data_filename)
    return final, errors


def main(argv):
    if len(argv) < 2:
        sys.stderr.write(__doc__)
        return 2
    event, domxml_file = argv[0], argv[1]
    custom, vm_id, rest = {}, None, argv[2:]
    while rest:
        opt = rest.pop(0)
        if opt == '--vm-id' and rest:
            vm_id = rest.pop(0)
        elif opt == '--custom' and rest and '=' in rest[0]:
            name, value = rest.pop(0).split('=', 1)
            custom[name] = value
        else:
            sys.stderr.write('run_hooks.py: bad argument %s\n' % opt)
            return 2
    with open(domxml_file, encoding='utf-8') as f:
        data = f.read()
    run_as = os.environ.get('LAB_VDSM_RUN_AS', 'vdsm')
    if run_as and os.getuid() == 0:
        drop_to(run_as)
    final, errors = run_hooks_dir(
        data, event, custom, vm_id,
        os.environ.get('LAB_VDSM_HOOKS_DIR', DEFAULT_HOOKS_DIR),
        os.environ.get('LAB_VDSM_HOOK_PYTHONPATH', DEFAULT_HOOK_PYTHONPATH))
    if errors:
        sys.stderr.write('Hook Error: %s' % errors[-1])
        return 1
    sys.stdout.write(final)
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
