"""The lab manager's stand-in for the engine database table `vdc_options` (ovirt-facts.md §1.6).

One JSON file holds the table's rows in *physical* order:
    {"rows": [{"option_name": ..., "option_value": ..., "version": ..., "default_value": ...}, ...]}
engine-config reads it with the SQL of `ConfigDaoImpl` (`select * from vdc_options where option_name=?`, no
ORDER BY: facts §1.2), so lines come out in physical order. An UPDATE moves the row to the end, as PostgreSQL's
MVCC writes a new tuple version: after an admin changed some levels the order is stable but not sorted, which
is what a real engine shows and what a parser must cope with.

File: /var/lib/lab-engine/vdc_options.json, or $LAB_ENGINE_VDC_OPTIONS (tests point it at a temp dir).
Writers hold an flock on `<file>.lock` and replace the file atomically (temp file + fsync + rename).

`python3 vdc_options.py --seed [FILE]` writes the stock rows below (used by install-role.sh).
"""
import contextlib
import fcntl
import json
import os
import sys
import tempfile

from json_store import locked, write_json_atomic  # noqa: E402 (installed side by side)

DEFAULT_PATH = '/var/lib/lab-engine/vdc_options.json'

LEVELS = ['4.2', '4.3', '4.4', '4.5', '4.6', '4.7']  # engine 4.5.0–4.5.6 (facts §1.6)

HOSTUSB = 'hostusb=^0x[0-9a-fA-F]{4}:0x[0-9a-fA-F]{4}$'
# The lab's stock UserDefinedVMProperties (docs/dev/team-contract.md "The lab"): some levels carry the
# virtesk-era hostusb property (facts §1.2), one already has a floppy definition, the rest are empty.
STOCK_USER_DEFINED = {
    '4.2': '',
    '4.3': HOSTUSB,
    '4.4': '',
    '4.5': HOSTUSB,
    '4.6': HOSTUSB + ';floppy=^.*$',
    '4.7': '',
}

# PredefinedVMProperties as seeded by engine 0000_config.sql for these levels (facts §1.7). Not settable through
# engine-config (not in engine-config.properties); the engine stand-in reads it for its REST API.
_PRE_42 = ('sap_agent=^(true|false)$;sndbuf=^[0-9]+$;vhost=^(([a-zA-Z0-9_]*):(true|false))(,(([a-zA-Z0-9_]*):'
           '(true|false)))*$;viodiskcache=^(none|writeback|writethrough)$;mdev_type=^.*$;hugepages=^[0-9]+$')
_PRE_43 = ('sap_agent=^(true|false)$;sndbuf=^[0-9]+$;vhost=^(([a-zA-Z0-9_]*):(true|false))(,(([a-zA-Z0-9_]*):'
           '(true|false)))*$;viodiskcache=^(none|writeback|writethrough)$;mdev_type=^[^,](,?[0-9A-Za-z_-]+)+$;'
           'hugepages=^[0-9]+$')
_PRE_45 = ('sap_agent=^(true|false)$;sndbuf=^[0-9]+$;vhost=^(([a-zA-Z0-9_-]*):(true|false))(,(([a-zA-Z0-9_-]*):'
           '(true|false)))*$;viodiskcache=^(none|writeback|writethrough)$;mdev_type=^[^,](,?[0-9A-Za-z_-]+)+$;'
           'hugepages=^[0-9]+$;scsi_hostdev=^(scsi_generic|scsi_block|scsi_hd|virtio_blk_pci)$;'
           'nvram_template=^.*$')
_PRE_47 = _PRE_45 + ';extra_cpu_flags=^([+-]?[a-zA-Z0-9_-]+)(,[+-]?[a-zA-Z0-9_-]+)*$'
STOCK_PREDEFINED = {'4.2': _PRE_42, '4.3': _PRE_43, '4.4': _PRE_45, '4.5': _PRE_45, '4.6': _PRE_47,
                    '4.7': _PRE_47}


def row(name, value, version, default=''):
    return {'option_name': name, 'option_value': value, 'version': version, 'default_value': default}


def stock_rows():
    """The manager's stock table, in the physical order its history would leave."""
    rows = [row('UserDefinedVMProperties', '', v) for v in LEVELS]
    rows += [row('PredefinedVMProperties', STOCK_PREDEFINED[v], v, STOCK_PREDEFINED[v]) for v in LEVELS]
    rows += [
        row('ProductRPMVersion', '4.5.6-1.el8', 'general', '3.0.0.0'),
        row('ServerRebootTimeout', '600', 'general', '600'),
        row('SupportedClusterLevels', ','.join(LEVELS), 'general', ','.join(LEVELS)),
    ]
    # The admin's earlier engine-config -s runs: each UPDATE moved its row to the end (see module doc).
    for version, value in STOCK_USER_DEFINED.items():
        if value:
            update(rows, 'UserDefinedVMProperties', version, value)
    return rows


def path_from_env():
    return os.environ.get('LAB_ENGINE_VDC_OPTIONS', DEFAULT_PATH)


def load(path):
    with open(path, encoding='utf-8') as f:
        return json.load(f)['rows']


def save(path, rows):
    write_json_atomic(path, {'rows': rows}, '.vdc_options.')


def rows_for_name(rows, name):
    return [r for r in rows if r['option_name'] == name]


def get(rows, name, version):
    for r in rows:
        if r['option_name'] == name and r['version'] == version:
            return r
    return None


def update(rows, name, version, value):
    """`update vdc_options set option_value=? where option_name=? and version=?`; returns the row count.
    Never inserts (facts §1.3)."""
    hit = [r for r in rows if r['option_name'] == name and r['version'] == version]
    for r in hit:
        rows.remove(r)
        r['option_value'] = value
        rows.append(r)
    return len(hit)


def seed(path):
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    save(path, stock_rows())


if __name__ == '__main__':
    if len(sys.argv) in (2, 3) and sys.argv[1] == '--seed':
        seed(sys.argv[2] if len(sys.argv) == 3 else path_from_env())
    else:
        sys.stderr.write('usage: vdc_options.py --seed [FILE]\n')
        sys.exit(2)
