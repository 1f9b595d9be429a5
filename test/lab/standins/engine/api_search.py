"""The subset of the engine's search language the lab needs (ovirt-facts.md §4.3, §4.6).

`KEY OP VALUE [and KEY OP VALUE ...]`; OP one of = != > < >= <=; VALUE may be quoted and may hold `*`
wildcards; matching is case-insensitive unless `case_sensitive=true` (api-model 003 doc "Searching").
VMs: name, id, status, cluster, host, os. Events: type, severity, vm.name, host.name, cluster.name
(UNVERIFIED: the event search syntax, facts §4.6). An unknown key is a 400 (UNVERIFIED wording).
"""
import re

from api_http import ApiError

TERM = re.compile(r'\s*([A-Za-z_.]+)\s*(!=|>=|<=|=|>|<)\s*("([^"]*)"|\S+)\s*$')
SEVERITY_ORDER = ['normal', 'warning', 'error', 'alert']


def parse(query):
    """→ [(key, op, value)]"""
    if query is None or not query.strip():
        return []
    terms = []
    for part in re.split(r'\s+and\s+', query.strip(), flags=re.IGNORECASE):
        m = TERM.match(part)
        if not m:
            raise ApiError(400, '[Cannot search. The search query is invalid: %s]' % query)
        value = m.group(4) if m.group(4) is not None else m.group(3)
        terms.append((m.group(1).lower(), m.group(2), value))
    return terms


def wildcard_match(pattern, value, case_sensitive=False):
    regex = '.*'.join(re.escape(p) for p in pattern.split('*'))
    flags = 0 if case_sensitive else re.IGNORECASE
    return re.fullmatch(regex, value or '', flags) is not None


def _compare(op, actual, wanted, case_sensitive, order=None):
    if op in ('=', '!='):
        hit = wildcard_match(wanted, str(actual), case_sensitive)
        return hit if op == '=' else not hit
    if order is not None:
        try:
            a, w = order.index(str(actual).lower()), order.index(wanted.lower())
        except ValueError:
            return False
    else:
        try:
            a, w = float(actual), float(wanted)
        except ValueError:
            return False
    return {'>': a > w, '<': a < w, '>=': a >= w, '<=': a <= w}[op]


def matches(terms, fields, case_sensitive=False, ordered=None):
    """`fields`: key → actual value; `ordered`: key → ordering list for < > comparisons."""
    for key, op, wanted in terms:
        if key not in fields:
            raise ApiError(400, '[Cannot search. Unknown search field: %s]' % key)
        if not _compare(op, fields[key], wanted, case_sensitive, (ordered or {}).get(key)):
            return False
    return True
