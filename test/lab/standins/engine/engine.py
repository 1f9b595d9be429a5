#!/usr/bin/python3
"""Lab stand-in for the ovirt-engine service (installed as /usr/share/lab-engine/engine.py; DESIGN.md §5).

    engine.py start | stop | restart | status      (what `systemctl ... ovirt-engine` calls; daemon + pidfile)
    engine.py run                                  (foreground, for tests; prints `listening ADDR:PORT` lines)
    (engine.py daemon FD is internal: the daemon process that `start` execs)

At start it snapshots vdc_options (the RUNNING values, ovirt-facts.md §1.6) and serves HTTP on the manager's
address; /ovirt-engine/services/health answers 503 for `startup_delay` seconds after every (re)start, then 200
(route_health.py). Routes come from every `route_*.py` next to this file (`register(router, runtime)`), so the
REST API (facts §4) can be added as separate modules; listeners come from the config, a listener with
`"tls": {"cert": ..., "key": ...}` serves HTTPS.

Config: /etc/lab-engine/engine.json or $LAB_ENGINE_CONF, e.g.
    {"address": "127.0.1.10", "listeners": [{"port": 80}], "startup_delay": 1.0}
plus, for the REST API (route_api_*.py, route_sso.py, route_pki.py; HTTPS listeners only), an "api" section with
its paths (api_context.py documents it).
Other paths ($ENV override): vdc_options $LAB_ENGINE_VDC_OPTIONS (/var/lib/lab-engine/vdc_options.json),
pidfile $LAB_ENGINE_PIDFILE (/run/lab-engine/ovirt-engine.pid), log $LAB_ENGINE_LOG
(/var/log/ovirt-engine/engine.log), running snapshot $LAB_ENGINE_RUNNING (/run/lab-engine/running-options.json).

Deviation: a real manager has httpd in front of the engine, so a stopped engine still answers 503 there; here
nothing listens while the engine is stopped (connection refused). Both mean "not healthy".
Safety: refuses any address outside 127.0.0.0/8 (the lab binds only to loopback).
"""
import glob
import importlib
import ipaddress
import json
import os
import signal
import ssl
import sys
import threading
import time
from http.server import ThreadingHTTPServer

HERE = os.path.dirname(os.path.realpath(__file__))
sys.path[:0] = [p for p in (HERE, os.path.join(os.path.dirname(HERE), 'common')) if os.path.isdir(p)]
from daemon_start import report_failure, start_daemon  # noqa: E402
import engine_runtime  # noqa: E402
import http_router  # noqa: E402
import vdc_options  # noqa: E402


def env_path(var, default):
    return os.environ.get(var, default)


def conf_path():
    return env_path('LAB_ENGINE_CONF', '/etc/lab-engine/engine.json')


def pidfile_path():
    return env_path('LAB_ENGINE_PIDFILE', '/run/lab-engine/ovirt-engine.pid')


def load_config():
    with open(conf_path(), encoding='utf-8') as f:
        cfg = json.load(f)
    if not ipaddress.ip_address(cfg['address']) in ipaddress.ip_network('127.0.0.0/8'):
        raise ValueError('refusing to bind %s: the lab binds only inside 127.0.0.0/8' % cfg['address'])
    cfg.setdefault('listeners', [{'port': 80}])
    return cfg


class Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True


def build_servers(cfg):
    """Snapshot the options, load the routes, bind every listener. Raises if any of it fails."""
    options = engine_runtime.RunningOptions(vdc_options.load(vdc_options.path_from_env()))
    runtime = engine_runtime.EngineRuntime(cfg, options)
    engine_runtime.snapshot_to_file(options, env_path('LAB_ENGINE_RUNNING', '/run/lab-engine/running-options.json'))
    router = http_router.Router()
    for path in sorted(glob.glob(os.path.join(HERE, 'route_*.py'))):
        importlib.import_module(os.path.basename(path)[:-3]).register(router, runtime)
    servers = []
    for listener in cfg['listeners']:
        tls = listener.get('tls')
        server = Server((cfg['address'], int(listener['port'])), http_router.make_handler(router, bool(tls)))
        if tls:
            ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            ctx.load_cert_chain(tls['cert'], tls['key'])
            # The handshake happens in the request's thread, so a client that never completes it cannot block
            # the accept loop of the listener.
            server.socket = ctx.wrap_socket(server.socket, server_side=True, do_handshake_on_connect=False)
        servers.append(server)
    return servers


def serve(servers):
    for s in servers[1:]:
        threading.Thread(target=s.serve_forever, daemon=True).start()
    servers[0].serve_forever()


def read_pid():
    try:
        with open(pidfile_path()) as f:
            pid = int(f.read().strip())
    except (OSError, ValueError):
        return None
    try:  # only a live engine.py counts (pid reuse after a crash)
        with open('/proc/%d/cmdline' % pid, 'rb') as f:
            if b'engine.py' not in f.read():
                return None
    except OSError:
        return None
    return pid


def cmd_run():
    servers = build_servers(load_config())
    for s in servers:
        host, port = s.server_address[:2]
        print('listening %s:%d' % (host, port), flush=True)
    serve(servers)


def cmd_start():
    """Double-fork a daemon; report success only once it has bound its listeners and written the pidfile."""
    if read_pid():
        return 0
    return start_daemon(_exec_daemon, 15, 'engine.py')


def _exec_daemon(w):
    # A fresh exec, so `ps` shows `engine.py daemon` rather than the `start` that forked it.
    os.set_inheritable(w, True)
    os.execv(sys.executable, [sys.executable, os.path.realpath(__file__), 'daemon', str(w)])


def _daemon_main(w):
    log = env_path('LAB_ENGINE_LOG', '/var/log/ovirt-engine/engine.log')
    try:
        os.makedirs(os.path.dirname(log), exist_ok=True)
        fd = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
        null = os.open(os.devnull, os.O_RDONLY)
        os.dup2(null, 0)
        os.dup2(fd, 1)
        os.dup2(fd, 2)
        os.closerange(3, w)
        os.closerange(w + 1, 1024)
        os.chdir('/')
        os.umask(0o022)
        servers = build_servers(load_config())
        pf = pidfile_path()
        os.makedirs(os.path.dirname(pf), exist_ok=True)
        with open(pf, 'w') as f:
            f.write('%d\n' % os.getpid())
        signal.signal(signal.SIGTERM, lambda *_: _exit_cleanly(pf))
        sys.stderr.write('%s engine started, pid %d\n' % (time.strftime('%Y-%m-%d %H:%M:%S'), os.getpid()))
        os.write(w, b'ok\n')
        os.close(w)
        serve(servers)
    except BaseException as e:  # noqa: B902 -- report anything to the waiting parent
        report_failure(w, e)
        os._exit(1)
    os._exit(0)


def _exit_cleanly(pf):
    try:
        os.unlink(pf)
    except OSError:
        pass
    os._exit(0)


def cmd_stop():
    pid = read_pid()
    if pid is None:
        try:
            os.unlink(pidfile_path())
        except OSError:
            pass
        return 0
    os.kill(pid, signal.SIGTERM)
    for sig_after in (10.0, 5.0):
        deadline = time.monotonic() + sig_after
        while time.monotonic() < deadline:
            if not os.path.exists('/proc/%d' % pid) or _is_zombie(pid):
                return 0
            time.sleep(0.05)
        os.kill(pid, signal.SIGKILL)
    return 1


def _is_zombie(pid):
    try:
        with open('/proc/%d/stat' % pid) as f:
            return f.read().rsplit(')', 1)[1].split()[0] == 'Z'
    except OSError:
        return True


def cmd_status():
    pid = read_pid()
    if pid is None:
        print('inactive')
        return 3
    print('active %d' % pid)
    return 0


def main(argv):
    if len(argv) == 2 and argv[0] == 'daemon':  # internal: the exec'd daemon, argv[1] = status pipe fd
        _daemon_main(int(argv[1]))
    cmds = {'run': cmd_run, 'start': cmd_start, 'stop': cmd_stop, 'status': cmd_status,
            'restart': lambda: cmd_stop() or cmd_start()}
    if len(argv) != 1 or argv[0] not in cmds:
        sys.stderr.write('usage: engine.py start|stop|restart|status|run\n')
        return 2
    return cmds[argv[0]]() or 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
