"""How the engine stand-in reaches its hypervisors: the host list and a small vdsm client.

Hosts: /etc/lab-engine/hosts.json (engine.json `api.hosts`), written by the lab core after the group's hosts
are up and re-read on every use, e.g.
    {"hosts": [{"name": "hv1", "address": "127.0.1.11"}, {"name": "hv2", "address": "127.0.1.12", "port": 54321}]}
A missing file means no hosts. Every host is in every cluster (deviation: a real host belongs to one cluster).

Wire: the real engine talks JSON-RPC over STOMP/TLS to vdsm on port 54321. The lab's vdsm stand-in
(`vdsm/vdsmd.py` on each hypervisor) takes JSON-RPC 2.0 over plain HTTP on the same port: a POST of
`{"jsonrpc": "2.0", "id": N, "method": "VM.create", "params": {...}}`. Loopback only.
"""
import http.client
import ipaddress
import json

import api_state

VDSM_PORT = 54321


class VdsmError(Exception):
    def __init__(self, code, message):
        super().__init__(message)
        self.code = code
        self.message = message


def load_hosts(path):
    """[{'id', 'name', 'address', 'port'}] in file order; addresses outside 127.0.0.0/8 are refused."""
    try:
        with open(path, encoding='utf-8') as f:
            entries = json.load(f).get('hosts') or []
    except (OSError, ValueError):
        return []
    hosts = []
    for e in entries:
        address = str(e.get('address', ''))
        try:
            if ipaddress.ip_address(address) not in ipaddress.ip_network('127.0.0.0/8'):
                continue
        except ValueError:
            continue
        name = str(e.get('name') or address)
        hosts.append({'id': e.get('id') or api_state.lab_id('host', name), 'name': name, 'address': address,
                      'port': int(e.get('port') or VDSM_PORT)})
    return hosts


def find_host(hosts, ref):
    for h in hosts:
        if ref in (h['id'], h['name']):
            return h
    return None


_next_id = [0]


def call(host, method, params=None, timeout=30.0):
    """One JSON-RPC call; the result, or VdsmError (code -1 for a host that does not answer)."""
    _next_id[0] += 1
    body = json.dumps({'jsonrpc': '2.0', 'id': _next_id[0], 'method': method, 'params': params or {}})
    conn = http.client.HTTPConnection(host['address'], host['port'], timeout=timeout)
    try:
        conn.request('POST', '/', body, {'Content-Type': 'application/json'})
        resp = conn.getresponse()
        data = json.loads(resp.read().decode('utf-8'))
    except (OSError, ValueError, http.client.HTTPException) as e:
        raise VdsmError(-1, 'Connection to vdsm on %s:%d failed: %s' % (host['address'], host['port'], e))
    finally:
        conn.close()
    if data.get('error'):
        err = data['error']
        raise VdsmError(err.get('code', -1), err.get('message', ''))
    return data.get('result')
