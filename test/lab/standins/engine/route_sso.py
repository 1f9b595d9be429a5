"""The engine's SSO token endpoints (ovirt-facts.md §4.1; enginesso `OAuthTokenServlet`, `SsoService`).

POST /ovirt-engine/sso/oauth/token   form: grant_type=password, scope=ovirt-app-api (mandatory), username,
                                     password → 200 {"access_token", "scope", "exp", "token_type": "bearer"}
                                     or 400 {"error_code": "access_denied"|"invalid_request"|..., "error": ...}
POST /ovirt-engine/services/sso-logout   form: scope, token → the token is revoked
HTTPS only (api_context.guarded).
"""
import json
from urllib.parse import parse_qs

import api_context
import api_sso
from http_router import Response


def form(request):
    ctype = (request.headers.get('Content-Type') or '').split(';')[0].strip().lower()
    fields = dict(request.query)
    if ctype == 'application/x-www-form-urlencoded' and request.body:
        fields.update(parse_qs(request.body.decode('utf-8', 'replace'), keep_blank_values=True))
    return fields


def token(request, ctx, user):
    try:
        answer = ctx.tokens.grant(form(request))
    except api_sso.OAuthError as e:
        return Response(400, json.dumps({'error_code': e.code, 'error': e.message}), 'application/json')
    return Response(200, json.dumps(answer), 'application/json')


def logout(request, ctx, user):
    tok = (form(request).get('token') or [''])[0]
    ctx.tokens.revoke(tok)
    return Response(200, '', 'text/plain')


def register(router, runtime):
    router.add('POST', r'/ovirt-engine/sso/oauth/token',
               api_context.guarded(runtime, token, authenticated=False, negotiate=False))
    router.add('POST', r'/ovirt-engine/services/sso-logout',
               api_context.guarded(runtime, logout, authenticated=False, negotiate=False))
