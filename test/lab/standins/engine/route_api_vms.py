"""/ovirt-engine/api/vms (ovirt-facts.md §4.3-4.6; api-model VmsService, VmService).

GET  vms[?search=name%3DX&max=N&case_sensitive=true]   {"vm": [...]}; no match: {} (facts §4.2, UNVERIFIED)
GET  vms/{id}[?next_run=true | ;next_run=true]         one VM (the pending next-run config with next_run)
PUT  vms/{id}                                          partial update; `custom_properties` replaces all
                                                       (facts §4.4); while the VM runs the change waits as the
                                                       next-run configuration
POST vms/{id}/start | stop | shutdown                  actions (api_runvm.py); `start` with a `vm` = Run Once
"""
import threading

import api_context
import api_domxml
import api_mappers
import api_props
import api_runvm
import api_search
import api_state
from api_http import (API_PREFIX, body_json, entity_not_found, flag, json_response, query1, strip_matrix,
                      validation_fault, version_str)
from api_sso import AUTHZ_NAME

USER_UPDATE_VM = 35


def vm_fields(st, vm):
    cluster = api_state.find_cluster(st, vm['cluster']) or {}
    return {'name': vm['name'], 'id': vm['id'], 'status': vm['status'], 'cluster': cluster.get('name', ''),
            'host': vm.get('host') or '', 'os': vm.get('os_type', '')}


def list_vms(request, ctx, user):
    terms = api_search.parse(query1(request, 'search'))
    case_sensitive = flag(query1(request, 'case_sensitive', 'false'))
    limit = query1(request, 'max')
    hosts = ctx.hosts()
    with ctx.state() as st:
        found = [v for v in st['vms'] if api_search.matches(terms, vm_fields(st, v), case_sensitive)]
    if limit is not None and limit.lstrip('-').isdigit() and int(limit) >= 0:
        found = found[:int(limit)]
    return json_response(200, {'vm': [api_mappers.vm_json(v, hosts) for v in found]})


def get_vm(request, ctx, user):
    ident, matrix = strip_matrix(request.params['id'])
    next_run = flag(query1(request, 'next_run', matrix.get('next_run', 'false')))
    with ctx.state() as st:
        vm = api_state.find_vm(st, ident)
        if vm is None or vm['id'] != ident:
            raise entity_not_found(ident)
        return json_response(200, api_mappers.vm_json(vm, ctx.hosts(), next_run))


def changes_from(body):
    """The VM fields a PUT body sets (only those present; facts §4.4)."""
    changes = {}
    if 'custom_properties' in body:
        changes['custom_properties'] = api_props.to_records(api_props.from_api(body['custom_properties']))
    if 'description' in body:
        changes['description'] = str(body['description'] or '')
    if isinstance(body.get('os'), dict) and 'type' in body['os']:
        changes['os_type'] = str(body['os']['type'])
    if isinstance(body.get('bios'), dict) and 'type' in body['bios']:
        changes['bios_type'] = str(body['bios']['type'])
    if 'custom_compatibility_version' in body:
        changes['custom_compatibility_version'] = version_str(body['custom_compatibility_version'] or None)
    if 'initialization' in body:
        changes['initialization'] = body['initialization'] or None
    if 'payloads' in body:  # an empty `payloads` clears them (BackendVmResource, facts §4.4)
        p = body['payloads']
        items = p.get('payload') if isinstance(p, dict) else p
        changes['payloads'] = items if isinstance(items, list) else ([items] if items else [])
    return changes


def update_vm(request, ctx, user):
    ident, _ = strip_matrix(request.params['id'])
    body = body_json(request)
    with ctx.state(write=True) as st:
        vm = api_state.find_vm(st, ident)
        if vm is None or vm['id'] != ident:
            raise entity_not_found(ident)
        changes = changes_from(body)
        merged = dict(vm, **(vm.get('next_run') or {}), **changes)
        cluster = api_state.find_cluster(st, vm['cluster'])
        if 'custom_properties' in changes:
            level = api_domxml.effective_level(merged, cluster)
            result = api_props.validate(api_props.definitions(ctx.running_options(), level),
                                        api_props.from_records(changes['custom_properties']))
            # UNVERIFIED: UpdateVm's ${action} text ("update").
            msgs = api_props.messages(result, 'update')
            if msgs:
                raise validation_fault(msgs)
        if changes:
            if vm['status'] == 'down':
                vm.update(changes)
            else:  # not editable while running: next-run configuration (facts §4.4)
                vm['next_run'] = dict(vm.get('next_run') or {}, **changes)
            # UNVERIFIED: 4.x wording (3.x: "VM X parameters were updated by U.").
            api_state.add_event(st, USER_UPDATE_VM, 'normal', 'VM %s configuration was updated by %s.'
                                % (vm['name'], AUTHZ_NAME), vm, None, AUTHZ_NAME)
        return json_response(200, api_mappers.vm_json(vm, ctx.hosts()))


def action(fn):
    def handle(request, ctx, user):
        ident, _ = strip_matrix(request.params['id'])
        body = body_json(request)
        with ctx.state() as st:
            vm = api_state.find_vm(st, ident)
            if vm is None or vm['id'] != ident:
                raise entity_not_found(ident)
        return json_response(200, fn(ctx, ident, body, user))
    return handle


def register(router, runtime):
    g = lambda fn: api_context.guarded(runtime, fn)  # noqa: E731
    vm = API_PREFIX + r'/vms/(?P<id>[^/]+)'
    router.add('GET', API_PREFIX + r'/vms/?', g(list_vms))
    router.add('GET', vm, g(get_vm))
    router.add('PUT', vm, g(update_vm))
    router.add('POST', vm + '/start', g(action(api_runvm.start)))
    router.add('POST', vm + '/stop', g(action(lambda ctx, i, body, user: api_runvm.stop(ctx, i, user))))
    router.add('POST', vm + '/shutdown', g(action(lambda ctx, i, body, user: api_runvm.shutdown(ctx, i, user))))
    # The engine re-syncs its VMs with the hosts after a (re)start.
    threading.Thread(target=api_runvm.reconcile, args=(api_context.get(runtime),), daemon=True).start()
