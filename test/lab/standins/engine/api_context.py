"""What the REST API routes of one engine process share, and the wrapper every API handler goes through.

engine.json `api` section (all optional; defaults are the manager's paths, install-role.sh writes them):
    {"state": "/var/lib/lab-engine/api-state.json", "hosts": "/etc/lab-engine/hosts.json",
     "password_file": "/etc/lab-engine/admin-password", "ca": "/etc/pki/ovirt-engine/ca.pem",
     "engine_cert": "/etc/pki/ovirt-engine/certs/apache.cer", "token_timeout": 360000,
     "vm_boot_delay": 0.3, "vdsm_timeout": 60}
"""
import contextlib
import threading
import traceback
import sys

import api_http
import api_sso
import api_state
import api_vdsm
from http_router import Response

SERVICE_UNAVAILABLE_HTML = (
    '<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n<title>503 Service Unavailable</title>\n'
    '</head><body>\n<h1>Service Unavailable</h1>\n<p>The server is temporarily unable to service your\n'
    'request due to maintenance downtime or capacity\nproblems. Please try again later.</p>\n</body></html>\n')


class ApiContext:
    def __init__(self, runtime):
        cfg = runtime.config.get('api') or {}
        self.runtime = runtime
        self.state_path = cfg.get('state', api_state.DEFAULT_PATH)
        self.hosts_path = cfg.get('hosts', '/etc/lab-engine/hosts.json')
        self.ca_path = cfg.get('ca', '/etc/pki/ovirt-engine/ca.pem')
        self.engine_cert_path = cfg.get('engine_cert', '/etc/pki/ovirt-engine/certs/apache.cer')
        self.tokens = api_sso.Tokens(cfg.get('password_file', '/etc/lab-engine/admin-password'),
                                     cfg.get('token_timeout', 360000))
        self.vm_boot_delay = float(cfg.get('vm_boot_delay', 0.3))
        self.vdsm_timeout = float(cfg.get('vdsm_timeout', 60))
        self._lock = threading.RLock()

    @contextlib.contextmanager
    def state(self, write=False):
        """The state under the engine's lock and the file's flock; saved on a clean exit when `write`."""
        with self._lock, api_state.locked(self.state_path):
            st = api_state.load(self.state_path)
            yield st
            if write:
                api_state.save(self.state_path, st)

    def hosts(self):
        return api_vdsm.load_hosts(self.hosts_path)

    def running_options(self):
        return self.runtime.options


def get(runtime):
    """The one ApiContext of this engine process (created on first use)."""
    ctx = getattr(runtime, 'lab_api', None)
    if ctx is None:
        ctx = runtime.lab_api = ApiContext(runtime)
    return ctx


def log(message):
    sys.stderr.write('lab-api: %s\n' % message)
    sys.stderr.flush()


def guarded(runtime, fn, authenticated=True, negotiate=True):
    """Wrap a handler `fn(request, ctx, user)`: HTTPS only, 503 while the engine starts (httpd in front answers
    that, route_health.py), `Version`/`Accept` checks, Bearer/Basic auth (401 otherwise, facts §4.1), and
    ApiError → fault."""

    def handle(request):
        if not request.tls:
            return Response(404, api_http.NOT_FOUND_HTML, 'text/html; charset=iso-8859-1')
        if not runtime.ready():
            return Response(503, SERVICE_UNAVAILABLE_HTML, 'text/html; charset=iso-8859-1')
        ctx = get(runtime)
        if negotiate:
            answer = api_http.negotiate(request)
            if answer is not None:
                return answer
        user = None
        if authenticated:
            user = ctx.tokens.user_for(request.headers.get('Authorization'))
            if user is None:
                # UNVERIFIED: the engine's exact 401 body and challenge; clients only need the status.
                return Response(401, '', 'text/html', {'WWW-Authenticate': 'Basic realm="RESTAPI"'})
        try:
            return fn(request, ctx, user)
        except api_http.ApiError as e:
            return api_http.fault(e.status, e.detail, e.reason)
        except Exception as e:  # noqa: BLE001 -- a stand-in bug must show as a 500, not kill the thread
            log(traceback.format_exc())
            return api_http.fault(500, '%s: %s' % (type(e).__name__, e))

    return handle
