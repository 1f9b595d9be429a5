#!/usr/bin/python3
"""Lab stand-in for vdsmd's API listener on a hypervisor (installed as /usr/share/lab-vdsm/vdsmd.py; DESIGN.md §5).

The engine reaches vdsm on port 54321 (real: JSON-RPC over STOMP over TLS). The lab's engine stand-in sends
JSON-RPC 2.0 over plain HTTP instead, POSTed to `/`, and only on loopback:
    VM.create {"vmID", "xml"}   → start_vm.create: payloads, before_vm_start hooks as vdsm, libvirt/qemu checks
    VM.destroy {"vmID"}         → the domain is gone (virsh no longer shows it)
    Host.getVMList {}           → [{"vmId", "status"}]
    Host.getCapabilities {}     → {"hooks": {event: {script: {"md5"}}}}   (facts §2.3)
    Host.ping {}                → true
Errors: {"error": {"code": <vdsm errCode>, "message": ...}} — 1500 "Hook Error: ..." for a failed hook.
Deviation: VM.create answers when the VM runs or failed; real vdsm answers WaitForLaunch at once and reports the
outcome later (the engine stand-in makes the call from a background thread, so callers see the same states).

    vdsmd.py start | stop | status    daemon with pidfile /run/vdsm/vdsmd.pid, log /var/log/vdsm/vdsm.log
    vdsmd.py run                      foreground (tests); prints `listening ADDR:PORT`
Config: /etc/lab-vdsm/vdsmd.json or $LAB_VDSMD_CONF: {"address": "127.0.1.11", "port": 54321}.
Env: LAB_VDSMD_PIDFILE, LAB_VDSMD_LOG; start_vm.py's LAB_* variables pass through.
Safety: refuses any address outside 127.0.0.0/8.
"""
import ipaddress
import json
import os
import signal
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

HERE = os.path.dirname(os.path.realpath(__file__))
sys.path[:0] = [p for p in (HERE, os.path.join(os.path.dirname(HERE), 'common')) if os.path.isdir(p)]
from daemon_start import start_daemon  # noqa: E402
import start_vm  # noqa: E402

_create_lock = threading.Lock()  # one VM creation at a time, like vdsm's per-VM locks (coarser)


def env(name, default):
    return os.environ.get(name, default)


def load_config():
    with open(env('LAB_VDSMD_CONF', '/etc/lab-vdsm/vdsmd.json'), encoding='utf-8') as f:
        cfg = json.load(f)
    if ipaddress.ip_address(cfg['address']) not in ipaddress.ip_network('127.0.0.0/8'):
        raise ValueError('refusing to bind %s: the lab binds only inside 127.0.0.0/8' % cfg['address'])
    cfg.setdefault('port', 54321)
    return cfg


def dispatch(method, params):
    if method == 'VM.create':
        with _create_lock:
            return start_vm.create(params['xml'])
    if method == 'VM.destroy':
        return start_vm.destroy(params['vmID'])
    if method == 'Host.getVMList':
        return start_vm.list_vms()
    if method == 'Host.getCapabilities':
        return start_vm.capabilities()
    if method == 'Host.ping':
        return True
    raise start_vm.VdsmError(-32601, 'Method not found: %s' % method)


class Handler(BaseHTTPRequestHandler):
    server_version = 'lab-vdsm'
    sys_version = ''

    def do_POST(self):  # noqa: N802
        length = int(self.headers.get('Content-Length') or 0)
        req_id = None
        try:
            req = json.loads(self.rfile.read(length).decode('utf-8'))
            req_id = req.get('id')
            answer = {'jsonrpc': '2.0', 'id': req_id, 'result': dispatch(req.get('method'), req.get('params') or {})}
        except start_vm.VdsmError as e:
            answer = {'jsonrpc': '2.0', 'id': req_id, 'error': {'code': e.code, 'message': e.message}}
        except Exception as e:  # noqa: BLE001 -- report, keep serving
            answer = {'jsonrpc': '2.0', 'id': req_id, 'error': {'code': 16, 'message': 'Unexpected exception: %s'
                                                                                         % e}}
        body = json.dumps(answer).encode('utf-8')
        self.send_response(200)
        self.send_header('Content-Type', 'application/json')
        self.send_header('Content-Length', str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True


def pidfile():
    return env('LAB_VDSMD_PIDFILE', '/run/vdsm/vdsmd.pid')


def read_pid():
    try:
        with open(pidfile()) as f:
            pid = int(f.read().strip())
        with open('/proc/%d/cmdline' % pid, 'rb') as f:
            return pid if b'vdsmd.py' in f.read() else None
    except (OSError, ValueError):
        return None


def cmd_run():
    cfg = load_config()
    server = Server((cfg['address'], int(cfg['port'])), Handler)
    print('listening %s:%d' % server.server_address[:2], flush=True)
    server.serve_forever()


def cmd_start():
    """Double-fork; succeed once the daemon has bound its port (so a boot script can rely on it)."""
    if read_pid():
        return 0
    return start_daemon(_daemon_main, 10, 'vdsmd.py')


def _daemon_main(w):
    log = env('LAB_VDSMD_LOG', '/var/log/vdsm/vdsm.log')
    os.makedirs(os.path.dirname(log), exist_ok=True)
    fd = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    os.dup2(os.open(os.devnull, os.O_RDONLY), 0)
    os.dup2(fd, 1)
    os.dup2(fd, 2)
    os.chdir('/')
    cfg = load_config()
    server = Server((cfg['address'], int(cfg['port'])), Handler)
    os.makedirs(os.path.dirname(pidfile()), exist_ok=True)
    with open(pidfile(), 'w') as f:
        f.write('%d\n' % os.getpid())
    signal.signal(signal.SIGTERM, lambda *_: os._exit(0))
    os.write(w, b'ok\n')
    os.close(w)
    server.serve_forever()


def cmd_stop():
    pid = read_pid()
    if pid:
        os.kill(pid, signal.SIGTERM)
    return 0


def cmd_status():
    pid = read_pid()
    print('active %d' % pid if pid else 'inactive')
    return 0 if pid else 3


def main(argv):
    cmds = {'run': cmd_run, 'start': cmd_start, 'stop': cmd_stop, 'status': cmd_status}
    if len(argv) != 1 or argv[0] not in cmds:
        sys.stderr.write('usage: vdsmd.py start|stop|status|run\n')
        return 2
    return cmds[argv[0]]() or 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
