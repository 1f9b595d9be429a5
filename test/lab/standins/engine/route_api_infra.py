"""Clusters and hosts (ovirt-facts.md §2.3, §4.3, §4.7).

GET clusters, clusters/{id}      version {"major": "4", "minor": "7"} (the VM's effective level comes from here)
GET hosts, hosts/{id}            address (where `virsh -r dumpxml` runs, facts §4.7), status up|non_responsive
GET hosts/{id}/hooks             {"hook": [{"event_name", "name", "md5"}]} (facts §2.3). Deviation: read live
                                 from the host's vdsm, where the engine shows the last capabilities refresh.
"""
import api_context
import api_mappers
import api_runvm
import api_state
import api_vdsm
from api_http import API, API_PREFIX, entity_not_found, json_response


def list_clusters(request, ctx, user):
    with ctx.state() as st:
        return json_response(200, {'cluster': [api_mappers.cluster_json(c) for c in st['clusters']]})


def get_cluster(request, ctx, user):
    with ctx.state() as st:
        for c in st['clusters']:
            if c['id'] == request.params['id']:
                return json_response(200, api_mappers.cluster_json(c))
    raise entity_not_found(request.params['id'])


def _default_cluster(ctx):
    with ctx.state() as st:
        return st['clusters'][0]['id'] if st['clusters'] else None


def _host_json(ctx, h, default_cluster):
    return api_mappers.host_json(h, 'up' if api_runvm.responsive(h, 1.0) else 'non_responsive', default_cluster)


def list_hosts(request, ctx, user):
    dc = _default_cluster(ctx)
    return json_response(200, {'host': [_host_json(ctx, h, dc) for h in ctx.hosts()]})


def _host(ctx, ident):
    for h in ctx.hosts():
        if h['id'] == ident:
            return h
    raise entity_not_found(ident)


def get_host(request, ctx, user):
    return json_response(200, _host_json(ctx, _host(ctx, request.params['id']), _default_cluster(ctx)))


def host_hooks(request, ctx, user):
    host = _host(ctx, request.params['id'])
    try:
        caps = api_vdsm.call(host, 'Host.getCapabilities', {}, 10)
    except api_vdsm.VdsmError:
        caps = {}
    hooks = []
    for event, scripts in sorted((caps.get('hooks') or {}).items()):
        for name, info in sorted(scripts.items()):
            ident = api_state.lab_id('hook', '%s/%s/%s' % (host['name'], event, name))
            hooks.append({'href': '%s/hosts/%s/hooks/%s' % (API, host['id'], ident), 'id': ident,
                          'event_name': event, 'name': name, 'md5': info.get('md5')})
    return json_response(200, {'hook': hooks})


def register(router, runtime):
    g = lambda fn: api_context.guarded(runtime, fn)  # noqa: E731
    router.add('GET', API_PREFIX + r'/clusters/?', g(list_clusters))
    router.add('GET', API_PREFIX + r'/clusters/(?P<id>[^/]+)', g(get_cluster))
    router.add('GET', API_PREFIX + r'/hosts/?', g(list_hosts))
    router.add('GET', API_PREFIX + r'/hosts/(?P<id>[^/]+)', g(get_host))
    router.add('GET', API_PREFIX + r'/hosts/(?P<id>[^/]+)/hooks', g(host_hooks))
