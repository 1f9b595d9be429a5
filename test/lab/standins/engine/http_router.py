"""Routing for the engine stand-in's HTTP(S) listeners.

Route modules (`route_*.py` next to engine.py) call `router.add(method, pattern, handler)`; `pattern` is a
regular expression matched against the whole path (query string excluded); named groups become
`request.params`. A handler gets a `Request` and returns a `Response`. The first matching route wins;
no match gives Apache's 404 page (the engine sits behind httpd on a real manager).
"""
import re
from http.server import BaseHTTPRequestHandler
from urllib.parse import parse_qs, urlsplit

NOT_FOUND_HTML = ('<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n<title>404 Not Found</title>\n'
                  '</head><body>\n<h1>Not Found</h1>\n<p>The requested URL was not found on this server.</p>\n'
                  '</body></html>\n')


class Request:
    def __init__(self, method, target, headers, body, tls):
        parts = urlsplit(target)
        self.method = method
        self.path = parts.path
        self.query = parse_qs(parts.query, keep_blank_values=True)
        self.headers = headers
        self.body = body
        self.tls = tls
        self.params = {}


class Response:
    def __init__(self, status, body=b'', content_type='text/plain', headers=None):
        self.status = status
        self.body = body.encode('utf-8') if isinstance(body, str) else body
        self.content_type = content_type
        self.headers = dict(headers or {})


class Router:
    def __init__(self):
        self._routes = []

    def add(self, method, pattern, handler):
        self._routes.append((method, re.compile(pattern), handler))

    def dispatch(self, request):
        for method, regex, handler in self._routes:
            m = regex.fullmatch(request.path)
            if m and method in (request.method, '*'):
                request.params = m.groupdict()
                return handler(request)
        return Response(404, NOT_FOUND_HTML, 'text/html; charset=iso-8859-1')


def make_handler(router, tls=False):
    """A BaseHTTPRequestHandler class that hands every request to `router`."""

    class Handler(BaseHTTPRequestHandler):
        server_version = 'Apache'  # what httpd in front of the engine announces (no version, ServerTokens Prod)
        sys_version = ''

        def _read_body(self):
            if 'chunked' in (self.headers.get('Transfer-Encoding') or '').lower():
                # node's https.request sends a body without Content-Length chunked (src/engine-api/http.ts)
                body = b''
                while True:
                    size = int(self.rfile.readline().split(b';')[0].strip() or b'0', 16)
                    if size == 0:
                        while self.rfile.readline() not in (b'\r\n', b'\n', b''):  # trailers
                            pass
                        return body
                    body += self.rfile.read(size)
                    self.rfile.readline()  # CRLF after the chunk
            length = int(self.headers.get('Content-Length') or 0)
            return self.rfile.read(length) if length else b''

        def _serve(self):
            body = self._read_body()
            resp = router.dispatch(Request(self.command, self.path, self.headers, body, tls))
            self.send_response(resp.status)
            self.send_header('Content-Type', resp.content_type)
            self.send_header('Content-Length', str(len(resp.body)))
            for k, v in resp.headers.items():
                self.send_header(k, v)
            self.end_headers()
            if self.command != 'HEAD':
                self.wfile.write(resp.body)

        do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = _serve

        def log_message(self, fmt, *args):  # access log on stderr = the engine's log file
            super().log_message(fmt, *args)

    return Handler
