"""Clusters and hosts (ovirt-facts.md §2.3, §4.3, §4.7).

GET clusters, clusters/{id}      version {"major": 4, "minor": 7}, bios_type (api-model types/Cluster.java,
                                 BiosType.java; the VM's effective level and chipset come from here)
GET hosts, hosts/{id}            address (where `virsh -r dumpxml` runs, facts §4.7), cluster link, type (rhel |
                                 ovirt_node: api-model HostType, engine HostMapper VDSType.oVirtNode), status
                                 (api-model HostStatus): an admin-set one from the state (maintenance), else up when
                                 vdsm answers and non_responsive when it does not (api_state.py `hosts`)
GET hosts/{id}/hooks             {"hook": [{"id", "event_name", "name", "md5"}]} (facts §2.3, §8.4; engine
                                 BackendHostHooksResource → HostMapper.map(Map, Hooks)): built from vdsm's
                                 caps['hooks'], which the lab's vdsm computes from the hook files on the host
                                 (vdsm/start_vm.py capabilities). The API field `md5` is filled from the key
                                 "checksum" on engine ≥ 4.4 (ovirt-engine 04777f76ca1, MD5_FILE_SIGNATURE) and "md5"
                                 before, so a vdsm 4.30 host under a 4.5 engine lists its hooks without a checksum.
                                 Deviation: read live from the host's vdsm, where the engine shows the report of the
                                 last capabilities refresh (POST /hosts/{id}/refresh).
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


def _admin(ctx):
    """Per host name: (admin record, cluster id) from the state; the first cluster when none is set."""
    with ctx.state() as st:
        default = st['clusters'][0]['id'] if st['clusters'] else None
        out = {}
        for h in ctx.hosts():
            admin = api_state.host_admin(st, h['name'])
            c = api_state.find_cluster(st, admin['cluster']) if admin.get('cluster') else None
            out[h['name']] = (admin, c['id'] if c else default)
        return out


def _host_json(h, admin):
    record, cluster_id = admin.get(h['name'], ({}, None))
    status = record.get('status') or ('up' if api_runvm.responsive(h, 1.0) else 'non_responsive')
    return api_mappers.host_json(h, status, cluster_id, record.get('type', 'rhel'))


def list_hosts(request, ctx, user):
    admin = _admin(ctx)
    return json_response(200, {'host': [_host_json(h, admin) for h in ctx.hosts()]})


def _host(ctx, ident):
    for h in ctx.hosts():
        if h['id'] == ident:
            return h
    raise entity_not_found(ident)


def get_host(request, ctx, user):
    return json_response(200, _host_json(_host(ctx, request.params['id']), _admin(ctx)))


def host_hooks(request, ctx, user):
    host = _host(ctx, request.params['id'])
    try:
        caps = api_vdsm.call(host, 'Host.getCapabilities', {}, 10)
    except api_vdsm.VdsmError:
        caps = {}
    key = 'checksum' if engine_at_least(ctx, (4, 4)) else 'md5'
    hooks = []
    for event, scripts in sorted((caps.get('hooks') or {}).items()):
        for name, info in sorted(scripts.items()):
            ident = api_state.lab_id('hook', '%s/%s/%s' % (host['name'], event, name))
            hooks.append({'href': '%s/hosts/%s/hooks/%s' % (API, host['id'], ident), 'id': ident,
                          'event_name': event, 'name': name, 'md5': info.get(key),
                          'host': {'href': '%s/hosts/%s' % (API, host['id']), 'id': host['id']}})
    return json_response(200, {'hook': hooks})


def engine_at_least(ctx, wanted):
    """The engine's own version (ProductRPMVersion, as route_api_system reports it) ≥ wanted (major, minor)."""
    full = ctx.running_options().get('ProductRPMVersion', 'general') or '4.5.6-1.el8'
    try:
        return tuple(int(x) for x in full.split('-')[0].split('.')[:2]) >= wanted
    except ValueError:
        return True


def register(router, runtime):
    g = lambda fn: api_context.guarded(runtime, fn)  # noqa: E731
    router.add('GET', API_PREFIX + r'/clusters/?', g(list_clusters))
    router.add('GET', API_PREFIX + r'/clusters/(?P<id>[^/]+)', g(get_cluster))
    router.add('GET', API_PREFIX + r'/hosts/?', g(list_hosts))
    router.add('GET', API_PREFIX + r'/hosts/(?P<id>[^/]+)', g(get_host))
    router.add('GET', API_PREFIX + r'/hosts/(?P<id>[^/]+)/hooks', g(host_hooks))
