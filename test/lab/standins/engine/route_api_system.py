"""API entry point, system options and cluster levels (ovirt-facts.md §1.6, §4.2).

GET /ovirt-engine/api                                   {"product_info": {"name", "vendor", "version": {...}}}
GET /ovirt-engine/api/options/NAME[?version=4.7]        the RUNNING engine's value (GetSystemOptionQuery reads
    {"name": NAME, "values": {"system_option_value":    the in-memory config: here the startup snapshot, so it
      [{"value": "...", "version": "4.7"}, ...]}}       differs from engine-config's stored value until restart)
GET /ovirt-engine/api/clusterlevels[/4.7]               {"cluster_level": [{"id": "4.7"}, ...]}
"""
import api_context
from api_http import API, API_PREFIX, entity_not_found, json_response, query1


def version_key(v):
    if v == 'general':
        return (0,)
    return (1,) + tuple(int(x) if x.isdigit() else 0 for x in v.split('.'))


def product_info(options):
    full = options.get('ProductRPMVersion', 'general') or '4.5.6-1.el8'
    nums = [int(x) if x.isdigit() else 0 for x in (full.split('-')[0].split('.') + ['0', '0', '0', '0'])[:4]]
    # Version numbers are JSON numbers (api-model types/Version.java: Integer major, minor, build, revision).
    return {'name': 'oVirt Engine', 'vendor': 'ovirt.org',
            'version': {'major': nums[0], 'minor': nums[1], 'build': nums[2], 'revision': nums[3],
                        'full_version': full}}


def root(request, ctx, user):
    return json_response(200, {'product_info': product_info(ctx.running_options()),
                               'link': [{'href': '%s/%s' % (API, rel), 'rel': rel}
                                        for rel in ('clusterlevels', 'clusters', 'events', 'hosts', 'vms')]})


def option(request, ctx, user):
    name = request.params['name']
    options = ctx.running_options()
    versions = sorted(options.versions(name), key=version_key)
    wanted = query1(request, 'version')
    if wanted is not None:
        versions = [v for v in versions if v == wanted]
    if not versions:
        raise entity_not_found(name)
    return json_response(200, {
        'href': '%s/options/%s' % (API, name), 'id': name, 'name': name,
        'values': {'system_option_value': [{'value': options.get(name, v), 'version': v} for v in versions]},
    })


def levels(options):
    return [v.strip() for v in (options.get('SupportedClusterLevels', 'general') or '').split(',') if v.strip()]


def level_json(v):
    return {'href': '%s/clusterlevels/%s' % (API, v), 'id': v}


def cluster_levels(request, ctx, user):
    return json_response(200, {'cluster_level': [level_json(v) for v in levels(ctx.running_options())]})


def cluster_level(request, ctx, user):
    v = request.params['id']
    if v not in levels(ctx.running_options()):
        raise entity_not_found(v)
    return json_response(200, level_json(v))


def register(router, runtime):
    g = lambda fn: api_context.guarded(runtime, fn)  # noqa: E731
    router.add('GET', API_PREFIX + r'/?', g(root))
    router.add('GET', API_PREFIX + r'/options/(?P<name>[A-Za-z0-9_]+)', g(option))
    router.add('GET', API_PREFIX + r'/clusterlevels/?', g(cluster_levels))
    router.add('GET', API_PREFIX + r'/clusterlevels/(?P<id>[0-9.]+)', g(cluster_level))
