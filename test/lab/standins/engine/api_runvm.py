"""Run, stop and shut down VMs the way the engine does (ovirt-facts.md §2.3, §3, §4.4-4.6).

start (RunVm, or RunVmOnce when the action carries a `vm`, facts §4.5):
  1. the VM must be Down; its custom properties — for Run Once the action's list, replacing the VM's for this run
     only — are validated against the RUNNING engine's definitions for the VM's effective level (facts §4.4);
     a failure is HTTP 400 with the AppErrors texts (facts §1.4);
  2. hosts: the responsive ones of hosts.json (the VM's placement hosts if it has any), in file order;
  3. the engine builds the domain XML (api_domxml: sysprep payload floppy at fda on ≤ 4.3 for Windows, facts §3)
     and answers at once; the VM is WaitForLaunch while a background thread asks vdsm on the first host to
     create it. vdsm runs the before_vm_start hooks and starts the VM (vdsm/start_vm.py);
  4. success → PoweringUp, then Up after `vm_boot_delay`; audit log "VM X started on Host H";
     failure → "VM X is down with error. Exit message: <vdsm's message>." (VM_DOWN_ERROR, facts §2.3) and
     "Failed to run VM X on Host H.", then the next host (the engine's rerun); when none is left,
     "Failed to run VM X (User: U)." and the VM is Down.
stop (power off) / shutdown: vdsm destroys the domain; the VM is Down; a pending next-run configuration (a PUT
while it ran, facts §4.4) becomes the VM's configuration.
Audit texts and codes: engine AuditLogMessages.properties / AuditLogType.java.
"""
import os
import threading
import time
import uuid

import api_domxml
import api_props
import api_state
import api_vdsm
from api_http import entity_not_found, flag, validation_fault
from api_sso import AUTHZ_NAME

USER_RUN_VM = 32
USER_STOP_VM = 33
USER_FAILED_RUN_VM = 54
VM_DOWN = 61
USER_INITIATED_SHUTDOWN_VM = 73
VM_DOWN_ERROR = 119
USER_INITIATED_RUN_VM_FAILED = 151
USER_STARTED_VM = 153

TRANSIENT = ('wait_for_launch', 'powering_up', 'powering_down')


def _vm(st, ref):
    vm = api_state.find_vm(st, ref)
    if vm is None:
        raise entity_not_found(ref)
    return vm


def responsive(host, timeout=2.0):
    try:
        api_vdsm.call(host, 'Host.ping', {}, timeout)
        return True
    except api_vdsm.VdsmError:
        return False


def candidates(hosts, vm):
    pinned = vm.get('placement_hosts') or []
    pool = [h for h in hosts if not pinned or h['name'] in pinned]
    return [h for h in pool if responsive(h)]


def run_properties(vm, body):
    """The properties of this run: the VM's, or the Run Once action's list (replace-all, facts §4.5)."""
    if isinstance(body.get('vm'), dict) and 'custom_properties' in body['vm']:
        return api_props.from_api(body['vm']['custom_properties'])
    return api_props.from_records(vm['custom_properties'])


def wants_sysprep(vm, body):
    """facts §3: a Windows VM not yet initialized with Initialization data, or an explicit request."""
    if not api_domxml.is_windows(vm):
        return False
    return bool((vm.get('initialization') and not vm.get('initialized'))
                or flag(body.get('use_sysprep')) or flag(body.get('use_initialization')))


def _went_down(vm):
    vm['status'] = 'down'
    vm['host'] = None
    vm['run'] = None
    vm['run_once'] = False
    if vm.get('next_run'):
        vm.update(vm['next_run'])
        vm['next_run'] = None


def start(ctx, ref, body, user):
    with ctx.state(write=True) as st:
        vm = _vm(st, ref)
        if vm['status'] != 'down':
            raise validation_fault(['Cannot run VM. VM is running.'])
        cluster = api_state.find_cluster(st, vm['cluster'])
        pairs = run_properties(vm, body)
        level = api_domxml.effective_level(vm, cluster)
        msgs = api_props.messages(api_props.validate(api_props.definitions(ctx.running_options(), level), pairs),
                                  'run')
        if msgs:
            raise validation_fault(msgs)
        # The scheduler considers only hosts that are Up (a host in maintenance runs nothing new).
        hosts = candidates([h for h in ctx.hosts() if api_state.host_admin(st, h['name']).get('status') is None], vm)
        if not hosts:
            # UNVERIFIED wording of the scheduler's detail lines.
            raise validation_fault(['Cannot run VM. There is no host that satisfies current scheduling '
                                    'constraints. See below for details:',
                                    'The lab engine found no responsive host in %s' % ctx.hosts_path])
        sysprep = wants_sysprep(vm, body)
        xml, _ = api_domxml.build(vm, cluster, pairs, sysprep)
        run_id = str(uuid.uuid4())
        vm.update(status='wait_for_launch', host=hosts[0]['name'], run_once='vm' in body,
                  run={'id': run_id, 'custom_properties': api_props.to_records(pairs), 'sysprep': sysprep})
        api_state.add_event(st, USER_STARTED_VM, 'normal', 'VM %s was started by %s (Host: %s).'
                            % (vm['name'], AUTHZ_NAME, hosts[0]['name']), vm, hosts[0]['name'], AUTHZ_NAME)
        vm_id = vm['id']
    threading.Thread(target=_launch, args=(ctx, vm_id, run_id, xml, hosts), daemon=True).start()
    return {'status': 'complete'}


def _current(st, vm_id, run_id):
    vm = api_state.find_vm(st, vm_id)
    if vm is None or not vm.get('run') or vm['run'].get('id') != run_id:
        return None  # stopped (or restarted) meanwhile: this launch is stale
    return vm


def _launch(ctx, vm_id, run_id, xml, hosts):
    for i, host in enumerate(hosts):
        if i > 0:
            with ctx.state(write=True) as st:
                vm = _current(st, vm_id, run_id)
                if vm is None:
                    return
                vm['host'] = host['name']
        try:
            api_vdsm.call(host, 'VM.create', {'vmID': vm_id, 'xml': xml}, ctx.vdsm_timeout)
        except api_vdsm.VdsmError as e:
            with ctx.state(write=True) as st:
                vm = _current(st, vm_id, run_id)
                if vm is None:
                    return
                api_state.add_event(st, VM_DOWN_ERROR, 'error', 'VM %s is down with error. Exit message: %s.'
                                    % (vm['name'], e.message.strip()), vm, host['name'])
                api_state.add_event(st, USER_INITIATED_RUN_VM_FAILED, 'warning', 'Failed to run VM %s on Host %s.'
                                    % (vm['name'], host['name']), vm, host['name'])
            continue
        with ctx.state(write=True) as st:
            vm = _current(st, vm_id, run_id)
            if vm is not None:
                vm['status'] = 'powering_up'
        if vm is None:  # stopped while vdsm created it: do not leave the domain behind
            try:
                api_vdsm.call(host, 'VM.destroy', {'vmID': vm_id}, ctx.vdsm_timeout)
            except api_vdsm.VdsmError:
                pass
            return
        time.sleep(ctx.vm_boot_delay)
        with ctx.state(write=True) as st:
            vm = _current(st, vm_id, run_id)
            if vm is None or vm['status'] != 'powering_up':
                return
            vm['status'] = 'up'
            if vm['run'].get('sysprep'):
                vm['initialized'] = True
            api_state.add_event(st, USER_RUN_VM, 'normal', 'VM %s started on Host %s' % (vm['name'], host['name']),
                                vm, host['name'])
        return
    with ctx.state(write=True) as st:
        vm = _current(st, vm_id, run_id)
        if vm is None:
            return
        _went_down(vm)
        api_state.add_event(st, USER_FAILED_RUN_VM, 'error', 'Failed to run VM %s (User: %s).'
                            % (vm['name'], AUTHZ_NAME), vm, None, AUTHZ_NAME)


def _destroy(ctx, vm_id, host_name):
    host = api_vdsm.find_host(ctx.hosts(), host_name) if host_name else None
    if host is None:
        return
    try:
        api_vdsm.call(host, 'VM.destroy', {'vmID': vm_id}, ctx.vdsm_timeout)
    except api_vdsm.VdsmError as e:
        if e.code != 1:  # 1 = noVM: already gone
            raise


def stop(ctx, ref, user):
    with ctx.state(write=True) as st:
        vm = _vm(st, ref)
        if vm['status'] == 'down':
            raise validation_fault(['Cannot stop VM. VM is not running.'])
        _destroy(ctx, vm['id'], vm.get('host'))
        host = vm.get('host')
        _went_down(vm)
        # UNVERIFIED: 4.x wording ("powered off by"; older releases: "stopped by").
        api_state.add_event(st, USER_STOP_VM, 'normal', 'VM %s powered off by %s (Host: %s).'
                            % (vm['name'], AUTHZ_NAME, host), vm, host, AUTHZ_NAME)
    return {'status': 'complete'}


def shutdown(ctx, ref, user):
    with ctx.state(write=True) as st:
        vm = _vm(st, ref)
        if vm['status'] != 'up':
            raise validation_fault(['Cannot shutdown VM. VM is not running.'])
        vm['status'] = 'powering_down'
        run_id = vm['run']['id']
        api_state.add_event(st, USER_INITIATED_SHUTDOWN_VM, 'normal', 'VM shutdown initiated by %s on VM %s '
                            '(Host: %s).' % (AUTHZ_NAME, vm['name'], vm['host']), vm, vm['host'], AUTHZ_NAME)
        vm_id = vm['id']
    threading.Thread(target=_guest_shutdown, args=(ctx, vm_id, run_id), daemon=True).start()
    return {'status': 'complete'}


def _guest_shutdown(ctx, vm_id, run_id):
    time.sleep(ctx.vm_boot_delay)  # the guest's ACPI shutdown
    with ctx.state(write=True) as st:
        vm = _current(st, vm_id, run_id)
        if vm is None or vm['status'] != 'powering_down':
            return
        _destroy(ctx, vm_id, vm.get('host'))
        _went_down(vm)
        api_state.add_event(st, VM_DOWN, 'normal', 'VM %s is down. Exit message: User shut down from within the '
                            'guest' % vm['name'], vm)


def reconcile(ctx):
    """After an engine (re)start: VMs the state calls running are checked against their host's vdsm, as the
    engine's VM monitoring does; unknown or gone ones become Down."""
    if not os.path.exists(ctx.state_path):
        return  # a manager without the API (or a unit test of something else)
    try:
        with ctx.state(write=True) as st:
            hosts = ctx.hosts()
            for vm in st['vms']:
                if vm['status'] == 'down':
                    continue
                host = api_vdsm.find_host(hosts, vm.get('host') or '')
                try:
                    running = {v['vmId'] for v in api_vdsm.call(host, 'Host.getVMList', {}, 5)} if host else set()
                except api_vdsm.VdsmError:
                    running = set()
                if vm['id'] in running:
                    if vm['status'] in TRANSIENT:
                        vm['status'] = 'up'
                else:
                    _went_down(vm)
    except (OSError, ValueError, KeyError):
        return  # an unreadable state file: the next request reports it
