"""The engine's SSO for the lab (ovirt-facts.md §4.1; enginesso `OAuthTokenServlet`, `SsoService`).

One user, `admin@internal`, whose password is the first line of a root-only file on the manager
(/etc/lab-engine/admin-password, written at install; engine.json `api.password_file`). Tokens live in the
engine's memory, so a restart invalidates them (the client then logs in again after its 401, facts §4.1). The
token timeout works on the last access, like `TokenCleanupService` (`api.token_timeout`, seconds; the engine's
default SSO_TOKEN_TIMEOUT is 360000).
"""
import base64
import hmac
import secrets
import threading
import time

USER = 'admin@internal'
AUTHZ_NAME = 'admin@internal-authz'   # how audit log entries name the admin (UNVERIFIED for every 4.x release)
SCOPE = 'ovirt-app-api'
# SsoService sets exp from the authentication record's valid_to, Long.MAX_VALUE when it has none (facts §4.1).
NO_EXPIRY = '9223372036854775807'


class OAuthError(Exception):
    def __init__(self, code, message):
        super().__init__(message)
        self.code = code
        self.message = message


def read_password(path):
    with open(path, encoding='utf-8') as f:
        return f.readline().rstrip('\n')


class Tokens:
    def __init__(self, password_file, timeout_s=360000.0, now=time.monotonic):
        self.password_file = password_file
        self.timeout_s = float(timeout_s)
        self._now = now
        self._lock = threading.Lock()
        self._tokens = {}   # token -> {'user', 'scope', 'last'}

    def check_password(self, username, password):
        try:
            expected = read_password(self.password_file)
        except OSError:
            expected = None
        return username == USER and expected is not None and hmac.compare_digest(password, expected)

    def grant(self, form):
        """POST /sso/oauth/token with grant_type=password (form fields as lists, from parse_qs)."""
        def field(name):
            values = form.get(name)
            if not values or values[0] == '':
                # UNVERIFIED wording; the code is SsoConstants.ERR_CODE_INVALID_REQUEST.
                raise OAuthError('invalid_request', 'The request is missing a required parameter: %s' % name)
            return values[0]

        grant_type = field('grant_type')
        scope = field('scope')
        if grant_type != 'password':
            raise OAuthError('unsupported_grant_type', 'The authorization grant type is not supported: %s'
                             % grant_type)
        username = field('username')
        password = field('password')
        if not self.check_password(username, password):
            # UNVERIFIED wording (the engine quotes its authn extension's message).
            raise OAuthError('access_denied', "Cannot authenticate user '%s': The username or password is "
                                              "incorrect.." % username)
        token = secrets.token_urlsafe(48)
        with self._lock:
            self._tokens[token] = {'user': username, 'scope': scope.split(), 'last': self._now()}
        return {'access_token': token, 'scope': scope, 'exp': NO_EXPIRY, 'token_type': 'bearer'}

    def revoke(self, token):
        with self._lock:
            return self._tokens.pop(token, None) is not None

    def user_for(self, authorization):
        """The user an Authorization header authenticates, or None (→ 401)."""
        if not authorization:
            return None
        kind, _, cred = authorization.strip().partition(' ')
        kind = kind.lower()
        if kind == 'bearer':
            with self._lock:
                entry = self._tokens.get(cred.strip())
                if entry is None:
                    return None
                now = self._now()
                if now - entry['last'] > self.timeout_s:
                    del self._tokens[cred.strip()]
                    return None
                if SCOPE not in entry['scope']:
                    return None  # a token for another scope does not open the API (UNVERIFIED)
                entry['last'] = now
                return entry['user']
        if kind == 'basic':  # deprecated since 4.0, still accepted (facts §4.1)
            try:
                user, _, password = base64.b64decode(cred.strip()).decode('utf-8').partition(':')
            except (ValueError, UnicodeDecodeError):
                return None
            return user if self.check_password(user, password) else None
        return None
