"""How the lab's daemons (engine.py, vdsmd.py) start: `start` double-forks a detached daemon and succeeds only once
the daemon says `ok` on a pipe (listeners bound, pidfile written), so a boot script or `systemctl start` fails
like the real unit does when the service cannot come up. Installed next to each daemon (/usr/share/lab-engine,
/usr/share/lab-vdsm); found through ../common when they run from the source tree.
"""
import os
import select
import sys
import time


def start_daemon(daemon_main, timeout, who):
    """Run daemon_main(w) in a detached grandchild; 0 once it wrote `ok` on fd w, else 1 with a message.

    daemon_main writes `ok` when ready and then serves; if it raises, the error goes to the waiting parent.
    """
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:
        try:
            os.close(r)
            os.setsid()
            if os.fork():
                os._exit(0)
            daemon_main(w)
        except BaseException as e:  # noqa: B902 -- report anything to the waiting parent
            report_failure(w, e)
        finally:
            os._exit(1)
    os.close(w)
    os.waitpid(pid, 0)
    return _wait_for_answer(r, timeout, who)


def report_failure(w, error):
    """Tell the waiting `start` why the daemon could not come up (also for a daemon that exec'd first)."""
    try:
        os.write(w, ('error: %s\n' % error).encode())
    except OSError:
        pass


def _wait_for_answer(r, timeout, who):
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
