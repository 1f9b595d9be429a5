"""How the lab's daemons (engine.py, vdsmd.py) report a start: the forked daemon writes `ok` or `error: …` on a
pipe once its listeners are bound, and `start` waits for that answer, so `systemctl start` fails like the real
unit does when the service cannot come up (facts §3.2: the engine's start is checked by its health page; here the
answer stands for that). Installed next to each daemon (/usr/share/lab-engine, /usr/share/lab-vdsm).
"""
import os
import select
import sys
import time


def wait_for_start_answer(r, timeout, who):
    """Read the daemon's answer from pipe end r for at most timeout seconds; 0 on `ok`, else 1 with a message."""
    answer = b''
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        ready, _, _ = select.select([r], [], [], max(0.0, deadline - time.monotonic()))
        if not ready:
            break
        chunk = os.read(r, 4096)
        if not chunk:
            break
        answer += chunk
    os.close(r)
    if answer.startswith(b'ok'):
        return 0
    sys.stderr.write('%s: start failed: %s\n' % (who, answer.decode('utf-8', 'replace').strip() or 'no answer'))
    return 1

