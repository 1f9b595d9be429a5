"""GET /ovirt-engine/api/events[?search=...&max=N&from=ID] (ovirt-facts.md §2.3, §4.6; api-model EventsService).

Newest first, {"event": [{"id", "code", "severity", "time", "description", "vm", "host", ...}]}. A failed VM start
shows "VM X is down with error. Exit message: Hook Error: ..." (VM_DOWN_ERROR, code 119). `from`: only events
with a larger id. Search (api_search.py): type, severity, vm.name, host.name, cluster.name.
"""
import api_context
import api_mappers
import api_search
import api_state
from api_http import API_PREFIX, entity_not_found, flag, json_response, query1


def fields(st, event):
    vm = api_state.find_vm(st, event['vm']) if event.get('vm') else None
    cluster = api_state.find_cluster(st, event['cluster']) if event.get('cluster') else None
    return {'type': event['code'], 'severity': event['severity'], 'vm.name': vm['name'] if vm else '',
            'host.name': event.get('host') or '', 'cluster.name': cluster['name'] if cluster else ''}


def list_events(request, ctx, user):
    terms = api_search.parse(query1(request, 'search'))
    case_sensitive = flag(query1(request, 'case_sensitive', 'false'))
    since = query1(request, 'from')
    limit = query1(request, 'max')
    hosts = ctx.hosts()
    with ctx.state() as st:
        events = [e for e in reversed(st.get('events', []))
                  if (since is None or not since.isdigit() or e['id'] > int(since))
                  and api_search.matches(terms, fields(st, e), case_sensitive,
                                         {'severity': api_search.SEVERITY_ORDER})]
    if limit is not None and limit.isdigit():
        events = events[:int(limit)]
    return json_response(200, {'event': [api_mappers.event_json(e, hosts) for e in events]})


def get_event(request, ctx, user):
    with ctx.state() as st:
        for e in st.get('events', []):
            if str(e['id']) == request.params['id']:
                return json_response(200, api_mappers.event_json(e, ctx.hosts()))
    raise entity_not_found(request.params['id'])


def register(router, runtime):
    g = lambda fn: api_context.guarded(runtime, fn)  # noqa: E731
    router.add('GET', API_PREFIX + r'/events/?', g(list_events))
    router.add('GET', API_PREFIX + r'/events/(?P<id>[0-9]+)', g(get_event))
