"""The engine stand-in's "database" for its REST API (ovirt-facts.md §4): clusters, VMs (static config and the
dynamic run state in one record) and the audit log, in one JSON file the engine re-reads on every request, so a
test may change a VM between two calls the way an admin would change it in the web UI.

File: /var/lib/lab-engine/api-state.json (engine.json `api.state` overrides). Shape:
    {"clusters": [{"id", "name", "description", "version": "4.7", "bios_type": "q35_ovmf"}],
     "vms": [{"id", "name", "description", "cluster": <cluster id>, "os_type": "windows_10x64",
              "bios_type": "i440fx_sea_bios", "memory": 4294967296,
              "custom_properties": [{"name", "value"}],        permanent, in order (facts §4.4)
              "custom_compatibility_version": null | "4.3",
              "initialization": null | {...API Initialization fields...}, "initialized": false,
              "payloads": [],                                   API Payload objects
              "placement_hosts": [],                            host names the VM may run on (empty: any)
              "status": "down", "host": null | <host name>, "run_once": false,
              "run": null | {"custom_properties": [...], "started_by": ...},
              "next_run": null | {...fields a PUT changed while the VM ran...}}],
     "events": [{"id", "code", "severity", "time", "description", "vm", "host", "cluster", "user"}],
     "next_event_id": 1,
     "hosts": {<host name>: {"status": "maintenance", "cluster": <cluster name>, "type": "ovirt_node"}}}
`hosts` holds what the engine's database says about a hypervisor of hosts.json beyond its address (all optional):
an admin-set status (maintenance is kept in vds_dynamic whatever vdsm answers; absent: up when vdsm answers,
else non_responsive), its cluster (absent: the first cluster) and its type (api-model HostType; absent: rhel).
Writers hold an flock on `<file>.lock` (also the CLI below) and replace the file atomically.

    python3 api_state.py --seed FILE                    write the lab's stock inventory
    python3 api_state.py --set-host FILE HOST KEY=JSON... the engine's record of one host (status, cluster, type);
                                                        KEY=null removes the key
    python3 api_state.py --backdate FILE VM HOURS       move that VM's audit log entries HOURS into the past (tests:
                                                        a property "set a day ago" without waiting a day)
    python3 api_state.py --set FILE VM KEY=JSON...      change fields of one VM (tests), e.g.
        python3 /usr/share/lab-engine/api_state.py --set /var/lib/lab-engine/api-state.json floppy-smoke \
            'os_type="rhel_8x64"' 'custom_properties=[]'
"""
import contextlib
import fcntl
import json
import os
import sys
import tempfile

from json_store import locked, write_json_atomic  # noqa: E402 (installed side by side)
import time
import uuid

DEFAULT_PATH = '/var/lib/lab-engine/api-state.json'
# Stable ids: uuid5 of the object's name, so logs and tests read the same ids on every lab start.
LAB_NAMESPACE = uuid.UUID('6f1c3c52-7a51-4b8e-9a0e-0fd0e1ab5c01')
MAX_EVENTS = 1000  # the engine's audit_log is pruned by age; the lab keeps the newest ones


def lab_id(kind, name):
    return str(uuid.uuid5(LAB_NAMESPACE, '%s:%s' % (kind, name)))


def cluster(name, version, bios_type, description=''):
    return {'id': lab_id('cluster', name), 'name': name, 'description': description, 'version': version,
            'bios_type': bios_type}


def vm(name, cluster_name, **fields):
    record = {
        'id': lab_id('vm', name), 'name': name, 'description': '', 'cluster': lab_id('cluster', cluster_name),
        'os_type': 'other', 'bios_type': 'cluster_default', 'memory': 4294967296,
        'custom_properties': [], 'custom_compatibility_version': None, 'initialization': None,
        'initialized': False, 'payloads': [], 'placement_hosts': [],
        'status': 'down', 'host': None, 'run_once': False, 'run': None, 'next_run': None,
    }
    record.update(fields)
    return record


def stock_state():
    """The lab's inventory (issue #5 §3). Cluster bios defaults per level follow the engine's
    ClusterOperationCommandBase.setDefaultBiosType (facts §0.3)."""
    return {
        'clusters': [
            cluster('Default', '4.7', 'q35_ovmf', 'The default server cluster'),
            # An old-level cluster: there the engine's sysprep payload is a floppy at fda (facts §3).
            cluster('Legacy43', '4.3', 'i440fx_sea_bios', 'Cluster kept at compatibility level 4.3'),
        ],
        'vms': [
            # The smoke test's VM: Windows, i440fx (floppy works there, facts §0.3), Down, no initialization.
            # Its existing property is a predefined one defined for 4.7 (facts §1.7), so a Run Once that merges
            # `floppy` in must keep it (facts §4.4-4.5).
            vm('floppy-smoke', 'Default', description='ovirt-floppy smoke test VM', os_type='windows_10x64',
               bios_type='i440fx_sea_bios', custom_properties=[{'name': 'viodiskcache', 'value': 'writeback'}]),
            # Windows + sysprep on a 4.3 cluster: the engine adds its own floppy at fda (facts §3).
            vm('floppy-sysprep', 'Legacy43', description='Windows VM with sysprep on a 4.3 cluster',
               os_type='windows_2012R2x64', bios_type='i440fx_sea_bios',
               initialization={'host_name': 'floppy-sysprep', 'timezone': 'GMT Standard Time',
                               'user_name': 'Administrator', 'org_name': 'ovirt-floppy lab',
                               'regenerate_ssh_keys': 'false'}),
        ],
        'events': [],
        'next_event_id': 1,
        'hosts': {},
    }


HOST_KEYS = ('status', 'cluster', 'type')


def host_admin(state, name):
    """The engine's own record of a host (see the module doc); {} when it holds nothing beyond the address."""
    return (state.get('hosts') or {}).get(name) or {}


def load(path):
    with open(path, encoding='utf-8') as f:
        return json.load(f)


def save(path, state):
    write_json_atomic(path, state, '.api-state.')


def add_event(state, code, severity, description, vm_record=None, host=None, user=None):
    """Append one audit log entry (engine AuditLogDirector); returns it."""
    event = {'id': state.get('next_event_id', 1), 'code': code, 'severity': severity,
             'time': time.time(), 'description': description,
             'vm': vm_record['id'] if vm_record else None,
             'cluster': vm_record['cluster'] if vm_record else None,
             'host': host, 'user': user}
    state['next_event_id'] = event['id'] + 1
    state.setdefault('events', []).append(event)
    del state['events'][:-MAX_EVENTS]
    return event


def find_vm(state, ref):
    """A VM by id or by exact name."""
    for v in state['vms']:
        if ref in (v['id'], v['name']):
            return v
    return None


def find_cluster(state, ref):
    for c in state['clusters']:
        if ref in (c['id'], c['name']):
            return c
    return None


def cmd_set(path, vm_ref, assignments):
    with locked(path):
        state = load(path)
        record = find_vm(state, vm_ref)
        if record is None:
            sys.stderr.write('api_state.py: no VM %s\n' % vm_ref)
            return 1
        for a in assignments:
            key, sep, value = a.partition('=')
            if not sep or key not in record:
                sys.stderr.write('api_state.py: bad assignment %s (KEY=JSON, KEY one of %s)\n'
                                 % (a, ', '.join(sorted(record))))
                return 2
            record[key] = json.loads(value)
        save(path, state)
    return 0


def cmd_set_host(path, name, assignments):
    with locked(path):
        state = load(path)
        record = state.setdefault('hosts', {}).setdefault(name, {})
        for a in assignments:
            key, sep, value = a.partition('=')
            if not sep or key not in HOST_KEYS:
                sys.stderr.write('api_state.py: bad assignment %s (KEY=JSON, KEY one of %s)\n' % (a, ', '.join(HOST_KEYS)))
                return 2
            parsed = json.loads(value)
            if parsed is None:
                record.pop(key, None)
            else:
                record[key] = parsed
        save(path, state)
    return 0


def cmd_backdate(path, vm_ref, hours):
    with locked(path):
        state = load(path)
        record = find_vm(state, vm_ref)
        if record is None:
            sys.stderr.write('api_state.py: no VM %s\n' % vm_ref)
            return 1
        for e in state.get('events', []):
            if e.get('vm') == record['id']:
                e['time'] -= float(hours) * 3600
        save(path, state)
    return 0


def main(argv):
    if len(argv) == 2 and argv[0] == '--seed':
        os.makedirs(os.path.dirname(os.path.abspath(argv[1])), exist_ok=True)
        save(argv[1], stock_state())
        return 0
    if len(argv) >= 4 and argv[0] == '--set-host':
        return cmd_set_host(argv[1], argv[2], argv[3:])
    if len(argv) == 4 and argv[0] == '--backdate':
        return cmd_backdate(argv[1], argv[2], argv[3])
    if len(argv) >= 4 and argv[0] == '--set':
        return cmd_set(argv[1], argv[2], argv[3:])
    sys.stderr.write('usage: api_state.py --seed FILE | --set FILE VM KEY=JSON... | --set-host FILE HOST KEY=JSON...'
                     ' | --backdate FILE VM HOURS\n')
    return 2


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
