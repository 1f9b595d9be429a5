"""HTTP plumbing of the engine stand-in's REST API (ovirt-facts.md §4.2): JSON only, `Version: 4` (or the
`/v4` path prefix), faults as `{"reason": ..., "detail": ...}`, links as `{"href", "id"}`.

JSON scalars are native: numbers and booleans as JSON numbers and booleans (facts §8.4; api-model
`003-CommonConcepts.adoc` "JSON representation": `"memory": 1073741824`; Jackson writes the model's Integer/Long/
Boolean fields natively), dates as epoch milliseconds (api-model `A01-PrimitiveTypes.adoc`). (The javadoc example in
api-model `types/Cluster.java` quotes them, `"major": "4"`; the reference docs and the writer do not.) Empty fields
are omitted (facts §4.2 NON_NULL).

Deviations: XML (the engine's default) is not served — a request that does not accept JSON gets 406; the API and
SSO answer only on HTTPS listeners (plain HTTP: 404; UNVERIFIED what httpd does there on a real manager).
"""
import json
import re

from http_router import Response

API = '/ovirt-engine/api'
API_PREFIX = r'/ovirt-engine/api(?:/v4)?'   # facts §4.2: `/ovirt-engine/api/v4/...` selects v4 like the header

NOT_FOUND_HTML = ('<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n<title>404 Not Found</title>\n'
                  '</head><body>\n<h1>Not Found</h1>\n<p>The requested URL was not found on this server.</p>\n'
                  '</body></html>\n')


class ApiError(Exception):
    """Raised by handlers; becomes a fault response."""

    def __init__(self, status, detail, reason='Operation Failed'):
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.reason = reason


def scalar(value):
    """A model scalar as the v4 JSON writer prints it (see module doc): numbers and booleans stay native."""
    if isinstance(value, (bool, int, float)):
        return value
    return str(value)


def prune(obj):
    """Drop None and empty containers, recursively (NON_NULL; empty wrappers never appear)."""
    if isinstance(obj, dict):
        out = {}
        for k, v in obj.items():
            v = prune(v)
            if v is None or v == {} or v == []:
                continue
            out[k] = v
        return out
    if isinstance(obj, list):
        return [prune(v) for v in obj]
    return obj


def json_response(status, obj):
    return Response(status, json.dumps(prune(obj), indent=2) + '\n', 'application/json')


def fault(status, detail, reason='Operation Failed'):
    return Response(status, json.dumps({'reason': reason, 'detail': detail}, indent=2) + '\n', 'application/json')


def validation_fault(message_list):
    """A backend validation failure: HTTP 400, detail = the translated message list's toString()
    (`BaseBackendResource.handleError`: BackendFailureException → BAD_REQUEST; `localize(errors).toString()`)."""
    return ApiError(400, '[%s]' % ', '.join(message_list))


def entity_not_found(ident):
    # restapi Messages ENTITY_NOT_FOUND_TEMPLATE "Entity not found: {0}" (UNVERIFIED: some resources answer 404
    # with an empty body).
    return ApiError(404, 'Entity not found: %s' % ident)


def link(kind, ident):
    return {'href': '%s/%s/%s' % (API, kind, ident), 'id': ident}


def version_obj(version):
    major, minor = version.split('.')
    return {'major': int(major), 'minor': int(minor)}


def version_str(obj):
    """{major, minor} (strings or numbers) or "4.3" → "4.3"; None for absent."""
    if obj is None:
        return None
    if isinstance(obj, str):
        return obj
    return '%s.%s' % (obj.get('major'), obj.get('minor'))


def body_json(request):
    if not request.body:
        return {}
    try:
        obj = json.loads(request.body.decode('utf-8'))
    except (UnicodeDecodeError, ValueError) as e:
        raise ApiError(400, 'Failed to parse the request body: %s' % e, 'Bad Request')
    if not isinstance(obj, dict):
        raise ApiError(400, 'The request body must be a JSON object', 'Bad Request')
    return obj


def query1(request, name, default=None):
    values = request.query.get(name)
    return values[0] if values else default


def flag(value):
    return str(value).lower() == 'true'


def negotiate(request):
    """Version and format checks (facts §4.2); returns a Response to send instead, or None."""
    version = (request.headers.get('Version') or '').strip()
    if version and version != '4':
        # VersionFilter answers unsupported versions with 400 (facts §4.2). The lab has no v3 (deviation).
        return fault(400, 'Version "%s" isn\'t supported' % version, 'Bad Request')
    accept = request.headers.get('Accept') or ''
    if 'json' not in accept and '*/*' not in accept and accept:
        return Response(406, '', 'text/plain')
    if not accept:
        return Response(406, 'The lab engine serves JSON only: send Accept: application/json\n', 'text/plain')
    return None


def strip_matrix(ident):
    """`vms/ID;next_run=true` → (ID, {'next_run': 'true'})"""
    parts = ident.split(';')
    params = {}
    for p in parts[1:]:
        k, _, v = p.partition('=')
        params[k] = v
    return parts[0], params


SAFE_ID = re.compile(r'[A-Za-z0-9._-]+')
