#
# Lab stand-in for vdsm's python hook library `hooking` (vdsm `lib/vdsm/hook/hooking.py`; ovirt-facts.md §2.3).
#
# The lab's vdsm RPMs install it as /usr/lib/python3/dist-packages/vdsm/hook/hooking.py. vdsm runs each hook
# with PYTHONPATH extended by the directory of the `vdsm.hook` package (`hooks._runHooksDir`:
# `os.path.dirname(pkgutil.get_loader('vdsm.hook').get_filename())`), so in the lab a hook runs "the way vdsm
# runs it" with
#     PYTHONPATH=/usr/lib/python3/dist-packages/vdsm/hook _hook_domxml=<file> floppy=<path> <hook>
# (or through /usr/share/lab-vdsm/run_hooks.py, which copies `_runHooksDir`).
#
# Only the functions hooks use are here; the domain XML round trip is upstream's (minidom, utf-8). Upstream
# also re-exports vdsm's execCmd/tobool and the launch-flag helpers; the lab has no vdsm package behind them.

"""
hooking - various stuff useful when writing vdsm hooks

A vm hook expects domain xml in a file named by an environment variable called
_hook_domxml. The hook may change the xml, but the "china store rule" applies -
if you break something, you own it.

Return codes:
0 - the hook ended successfully.
1 - the hook failed, other hooks should be processed.
2 - the hook failed, no further hooks should be processed.
>2 - reserved
"""
import io
import json
import os
import sys
from xml.dom import minidom


def read_domxml():
    with io.open(os.environ['_hook_domxml'], 'rb') as f:
        return minidom.parseString(f.read().decode('utf-8'))


def write_domxml(domxml):
    with io.open(os.environ['_hook_domxml'], 'wb') as f:
        f.write(domxml.toxml(encoding='utf-8'))


def read_json():
    with open(os.environ['_hook_json']) as f:
        return json.loads(f.read())


def write_json(data):
    with open(os.environ['_hook_json'], 'w') as f:
        f.write(json.dumps(data))


def log(message):
    sys.stderr.write(message + '\n')


def exit_hook(message, return_code=2):
    """
    Exit the hook with a given message, which will be printed to the standard
    error stream. A newline will be printed at the end.
    The default return code is 2 for signaling that an error occurred.
    """
    sys.stderr.write(message + "\n")
    sys.exit(return_code)
