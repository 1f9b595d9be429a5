"""State records → API JSON (engine restapi `VmMapper`, `VmBaseMapper`, `ClusterMapper`, `HostMapper`,
`EventMapper`; ovirt-facts.md §4.3). Only fields the lab has; empty ones are omitted (api_http.prune).
"""

import api_props
from api_http import link, scalar, version_obj

DATA_CENTER_ID = '5c3e2d8a-6f9b-4c01-9a3e-000000000001'

VM_ACTIONS = ('start', 'stop', 'shutdown')


def epoch_ms(epoch):
    """A date as the JSON writer prints it: epoch milliseconds (api-model `A01-PrimitiveTypes.adoc`, "Date":
    "When requesting the JSON representation the engine uses ... the number of milliseconds since Jan 1st 1970")."""
    return int(round(epoch * 1000))


BOOLEAN_TEXT = {'true': True, 'false': False}


def strings(obj):
    """Scalars inside a free-form object (initialization, payloads) as the writer prints them: the state may hold
    the model's booleans as text ("false", as the XML shows them); JSON carries them as booleans."""
    if isinstance(obj, dict):
        return {k: strings(v) for k, v in obj.items()}
    if isinstance(obj, list):
        return [strings(v) for v in obj]
    if isinstance(obj, str) and obj in BOOLEAN_TEXT:
        return BOOLEAN_TEXT[obj]
    return None if obj is None else scalar(obj)


def vm_json(vm, hosts, next_run=False):
    base = dict(vm)
    if next_run and vm.get('next_run'):
        base.update(vm['next_run'])
    host = next((h for h in hosts if h['name'] == vm.get('host')), None) if vm.get('host') else None
    pinned = [h for h in hosts if h['name'] in (vm.get('placement_hosts') or [])]
    out = {
        'href': link('vms', vm['id'])['href'],
        'id': vm['id'],
        'name': base['name'],
        'description': base.get('description'),
        'status': vm['status'],
        'type': 'desktop' if base.get('os_type', '').startswith('windows') else 'server',
        'memory': scalar(base.get('memory', 4294967296)),
        'os': {'type': base.get('os_type')},
        'bios': {'type': base.get('bios_type')},
        'stateless': False,
        'run_once': True if vm.get('run_once') and vm['status'] != 'down' else None,
        'next_run_configuration_exists': scalar(bool(vm.get('next_run'))),
        'custom_properties': api_props.to_api(base.get('custom_properties')),
        'custom_compatibility_version': (version_obj(base['custom_compatibility_version'])
                                         if base.get('custom_compatibility_version') else None),
        'initialization': strings(base.get('initialization')),
        'payloads': {'payload': strings(base['payloads'])} if base.get('payloads') else None,
        'placement_policy': ({'affinity': 'pinned', 'hosts': {'host': [link('hosts', h['id']) for h in pinned]}}
                             if pinned else {'affinity': 'migratable'}),
        'cluster': link('clusters', base['cluster']),
        'host': link('hosts', host['id']) if host and vm['status'] != 'down' else None,
        'actions': {'link': [{'href': '%s/%s' % (link('vms', vm['id'])['href'], a), 'rel': a} for a in VM_ACTIONS]},
    }
    return out


def cluster_json(cluster):
    return {
        'href': link('clusters', cluster['id'])['href'],
        'id': cluster['id'],
        'name': cluster['name'],
        'description': cluster.get('description'),
        'version': version_obj(cluster['version']),
        'bios_type': cluster.get('bios_type'),
        'cpu': {'architecture': 'x86_64', 'type': 'Intel Cascadelake Server Family'},
        'data_center': link('datacenters', DATA_CENTER_ID),
    }


def host_json(host, status, cluster_id, host_type='rhel'):
    return {
        'href': link('hosts', host['id'])['href'],
        'id': host['id'],
        'name': host['name'],
        'address': host['address'],
        'port': scalar(host['port']),
        'status': status,
        'type': host_type,
        'cluster': link('clusters', cluster_id) if cluster_id else None,
    }


def event_json(event, hosts):
    host = next((h for h in hosts if h['name'] == event.get('host')), None) if event.get('host') else None
    return {
        'href': link('events', str(event['id']))['href'],
        'id': str(event['id']),
        'code': scalar(event['code']),
        'severity': event['severity'],
        'time': epoch_ms(event['time']),
        'description': event['description'],
        'origin': 'oVirt',
        'custom_id': -1,
        'flood_rate': 30,
        'log_on_host': False,
        'vm': link('vms', event['vm']) if event.get('vm') else None,
        'cluster': link('clusters', event['cluster']) if event.get('cluster') else None,
        'host': link('hosts', host['id']) if host else None,
        'user': {'name': event['user']} if event.get('user') else None,
    }
