#!/usr/bin/python3
"""Lab stand-in for systemctl (installed as /usr/bin/systemctl on every lab host; DESIGN.md §5).

Lab hosts have no systemd: sshd is PID 1 of the host's pid namespace (lab-notes §2, §8). Known units:
  ssh.service / sshd.service (both names on every host; Debian calls it ssh, EL sshd):
    reload, restart  → SIGHUP to sshd, which re-executes itself with the new config (lab-notes §2: "kill -HUP 1
                       reloads sshd"). restart cannot stop PID 1 without ending the host, so it is a reload too.
                       On Debian-like hosts (no /etc/redhat-release) `sshd -t` runs first, as Debian's
                       ssh.service ExecReload/ExecStartPre do, and a failure gives systemd's "Job ... failed".
                       EL's sshd.service has no such check: an invalid config makes the re-exec'd sshd exit,
                       which ends the lab host as it ends sshd on a real host.
    start, status, is-active, is-enabled → running; stop → refused (it would end the host).
  ovirt-engine.service (where /usr/share/lab-engine/engine.py exists): start|stop|restart|status|is-active|
    is-enabled via engine.py (daemon + pidfile); reload is not applicable (no ExecReload).
  show -p PROP [-p PROP ...] [--value] UNIT...: MainPID (the engine's daemon pid, sshd's LAB_SSHD_PID, 0 when not
    running or unknown, as systemd prints it) and ActiveState; other properties are not printed. Units are
    separated by an empty line, as systemd does.
  daemon-reload: no-op. Unknown units/verbs: systemd's texts and exit codes (start/restart/reload/stop 5,
  status 4, is-active prints "inactive" and exits 3, is-enabled 1).

Env for tests: LAB_SSHD_PID (default 1; must be a process named sshd, else nothing is signalled),
LAB_SSHD (default /usr/sbin/sshd), LAB_ENGINE_PY (default /usr/share/lab-engine/engine.py),
LAB_REDHAT_RELEASE (default /etc/redhat-release).
"""
import os
import signal
import subprocess
import sys

ENGINE_DESC = 'oVirt Engine'


def env(name, default):
    return os.environ.get(name, default)


def is_el():
    return os.path.exists(env('LAB_REDHAT_RELEASE', '/etc/redhat-release'))


def unit_name(arg):
    return arg[:-len('.service')] if arg.endswith('.service') else arg


def engine_py():
    p = env('LAB_ENGINE_PY', '/usr/share/lab-engine/engine.py')
    return p if os.path.exists(p) else None


def known(unit):
    return unit in ('ssh', 'sshd') or (unit == 'ovirt-engine' and engine_py() is not None)


# ------------------------------------------------------------------------------------------------------ sshd
def sshd_pid():
    pid = int(env('LAB_SSHD_PID', '1'))
    try:
        with open('/proc/%d/comm' % pid) as f:
            comm = f.read().strip()
    except OSError:
        comm = ''
    if comm != 'sshd':
        sys.stderr.write('lab systemctl: PID %d is %r, not sshd; not signalling it\n' % (pid, comm))
        return None
    return pid


def job_failed(unit, quiet=False):
    if not quiet:
        sys.stderr.write('Job for %s.service failed because the control process exited with error code.\n'
                         'See "systemctl status %s.service" and "journalctl -xe" for details.\n' % (unit, unit))
    return 1


def sshd_reload(unit):
    if not is_el():
        check = subprocess.run([env('LAB_SSHD', '/usr/sbin/sshd'), '-t'], stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
        if check.returncode != 0:
            return job_failed(unit)
    pid = sshd_pid()
    if pid is None:
        return job_failed(unit)
    os.kill(pid, signal.SIGHUP)
    return 0


def sshd_action(verb, unit, quiet):
    if verb in ('reload', 'restart', 'try-restart', 'reload-or-restart', 'try-reload-or-restart'):
        return sshd_reload(unit)
    if verb == 'start':
        return 0
    if verb == 'stop':
        sys.stderr.write('lab systemctl: refusing to stop %s.service: sshd is PID 1 of this lab host\n' % unit)
        return 1
    if verb == 'is-active':
        quiet or print('active')
        return 0
    if verb == 'is-enabled':
        quiet or print('enabled')
        return 0
    if verb == 'status':
        desc = 'OpenSSH server daemon' if is_el() else 'OpenBSD Secure Shell server'
        print('\u25cf %s.service - %s\n   Loaded: loaded (/usr/lib/systemd/system/%s.service; enabled)\n'
              '   Active: active (running)\n Main PID: %s (sshd)' % (unit, desc, unit, env('LAB_SSHD_PID', '1')))
        return 0
    return None


# ---------------------------------------------------------------------------------------------- ovirt-engine
def engine(cmd):
    p = subprocess.run([sys.executable, engine_py(), cmd], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       text=True)
    return p.returncode, p.stdout, p.stderr


def engine_action(verb, unit, quiet):
    if verb in ('start', 'restart', 'try-restart', 'reload-or-restart'):
        rc, _, err = engine('restart' if verb != 'start' else 'start')
        if rc != 0:
            sys.stderr.write(err)
            return job_failed(unit)
        return 0
    if verb == 'stop':
        return engine('stop')[0]
    if verb in ('is-active', 'status'):
        rc, out, _ = engine('status')
        active = rc == 0
        if verb == 'is-active':
            quiet or print('active' if active else 'inactive')
            return 0 if active else 3
        pid = out.split()[1] if active else ''
        print('\u25cf ovirt-engine.service - %s\n   Loaded: loaded (/usr/lib/systemd/system/ovirt-engine.service;'
              ' enabled; vendor preset: disabled)\n   Active: %s' % (ENGINE_DESC, 'active (running)' if active
                                                                    else 'inactive (dead)'))
        if active:
            print(' Main PID: %s (engine.py)' % pid)
        return 0 if active else 3
    if verb == 'is-enabled':
        quiet or print('enabled')
        return 0
    if verb == 'reload':
        sys.stderr.write('Failed to reload ovirt-engine.service: Job type reload is not applicable for unit '
                         'ovirt-engine.service.\n')
        return 1
    return None


# ---------------------------------------------------------------------------------------------------- show
def main_pid(unit):
    if unit in ('ssh', 'sshd'):
        return int(env('LAB_SSHD_PID', '1'))
    if unit == 'ovirt-engine' and engine_py() is not None:
        rc, out, _ = engine('status')
        return int(out.split()[1]) if rc == 0 else 0
    return 0


def show(units, props, value_only):
    blocks = []
    for unit in units:
        pid = main_pid(unit)
        values = {'MainPID': str(pid), 'ActiveState': 'active' if known(unit) and pid else 'inactive'}
        lines = [values[p] if value_only else '%s=%s' % (p, values[p]) for p in props if p in values]
        blocks.append('\n'.join(lines))
    print('\n\n'.join(blocks))
    return 0


# ------------------------------------------------------------------------------------------------- unknown
def unknown_unit(verb, unit, quiet):
    """systemd's answers for a unit that does not exist."""
    u = unit + '.service'
    if verb == 'is-active':
        quiet or print('inactive')
        return 3
    if verb == 'status':
        sys.stderr.write('Unit %s could not be found.\n' % u)
        return 4
    if verb == 'stop':
        sys.stderr.write('Failed to stop %s: Unit %s not loaded.\n' % (u, u))
        return 5
    if verb == 'is-enabled':
        sys.stderr.write('Failed to get unit file state for %s: No such file or directory\n' % u)
        return 1
    if verb in ('enable', 'disable'):
        sys.stderr.write('Failed to %s unit: Unit file %s does not exist.\n' % (verb, u))
        return 1
    sys.stderr.write('Failed to %s %s: Unit %s not found.\n' % (verb, u, u))
    return 5


UNIT_VERBS = ('start', 'stop', 'restart', 'reload', 'try-restart', 'reload-or-restart', 'try-reload-or-restart',
              'status', 'is-active', 'is-enabled', 'enable', 'disable')


def main(argv):
    quiet = False
    value_only = False
    props = []
    args = []
    it = iter(argv)
    for a in it:
        if a in ('-q', '--quiet'):
            quiet = True
        elif a in ('-p', '--property'):
            props.extend(next(it, '').split(','))
        elif a.startswith('--property='):
            props.extend(a[len('--property='):].split(','))
        elif a == '--value':
            value_only = True
        elif a.startswith('-'):
            continue  # --no-pager, --no-block, -l, --full, --now, ...: no effect here
        else:
            args.append(a)
    if not args:
        sys.stderr.write('lab systemctl: listing units is not supported\n')
        return 1
    verb, units = args[0], [unit_name(u) for u in args[1:]]
    if verb == 'daemon-reload':
        return 0
    if verb == 'show' and units:
        return show(units, props, value_only)
    if verb not in UNIT_VERBS:
        sys.stderr.write('Unknown operation %s.\n' % verb)  # systemd 239 (EL8) wording
        return 1
    if not units:
        sys.stderr.write('Too few arguments.\n')
        return 1
    rc = 0
    for unit in units:
        if not known(unit):
            r = unknown_unit(verb, unit, quiet)
        elif verb in ('enable', 'disable'):
            r = 0
        elif unit in ('ssh', 'sshd'):
            r = sshd_action(verb, unit, quiet)
        else:
            r = engine_action(verb, unit, quiet)
        rc = rc or r or 0
    return rc


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
