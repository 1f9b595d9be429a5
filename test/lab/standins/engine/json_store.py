"""Atomic JSON state files for the engine stand-ins (vdc_options.json, api-state.json).

Written like the tool writes files: temp file in the same directory, fsync, rename, so a reader never sees half a
file; `locked` serialises read-modify-write cycles (the engine DB's row locks).
"""
import contextlib
import fcntl
import json
import os
import tempfile


def write_json_atomic(path, obj, prefix):
    d = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(prefix=prefix, dir=d)
    try:
        with os.fdopen(fd, 'w', encoding='utf-8') as f:
            json.dump(obj, f, indent=1)
            f.write('\n')
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o644)
        os.rename(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


@contextlib.contextmanager
def locked(path):
    with open(path + '.lock', 'a') as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
