"""What the running engine stand-in knows: its start time and the vdc_options it read at start.

The real engine parses UserDefinedVMProperties once at startup and does not reload it (ovirt-facts.md §1.6),
so `engine-config -s` changes the stored value while the running engine keeps using the old one until
`systemctl restart ovirt-engine`. `RunningOptions` is that startup snapshot; route modules (health now, the REST
API later: /ovirt-engine/api/options/... per facts §1.6, §4) read it through `runtime.options`.
"""
import json
import os
import time

import vdc_options


class RunningOptions:
    def __init__(self, rows):
        self.rows = [dict(r) for r in rows]

    def get(self, name, version):
        """The running value, or None if the engine has no such row."""
        r = vdc_options.get(self.rows, name, version)
        return None if r is None else r['option_value']

    def versions(self, name):
        return [r['version'] for r in vdc_options.rows_for_name(self.rows, name)]


class EngineRuntime:
    """State shared by all routes of one engine process."""

    def __init__(self, config, options, now=time.monotonic):
        self.config = config
        self.options = options
        self._now = now
        self.started_at = now()
        self.startup_delay = float(config.get('startup_delay', 1.0))
        self.db_down_flag = config.get('db_down_flag', '/var/lib/lab-engine/db-down')

    def ready(self):
        """False during the first `startup_delay` seconds: the JVM and its deployments are still coming up."""
        return self._now() - self.started_at >= self.startup_delay

    def db_up(self):
        """The lab can simulate a lost DB connection (health → 500 "DB Down!") by creating the flag file."""
        return not os.path.exists(self.db_down_flag)


def snapshot_to_file(options, path):
    """Leave the running snapshot where tests and humans can compare it with the stored table."""
    os.makedirs(os.path.dirname(path), exist_ok=True)
    tmp = path + '.tmp'
    with open(tmp, 'w', encoding='utf-8') as f:
        json.dump({'rows': options.rows}, f, indent=1)
    os.rename(tmp, path)
