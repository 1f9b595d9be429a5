#!/usr/bin/python3
"""Lab stand-in for mount.nfs / mount.nfs4 (installed as /usr/sbin/mount.nfs, /usr/sbin/mount.nfs4 → /sbin on
the merged-/usr Debian root; lab-notes §4: this kernel has no NFS client).

mount(8) runs it for `-t nfs`/`nfs4` and for nfs lines in /etc/fstab as
    mount.nfs SERVER:/PATH DIR [-sfnvrw] [-N NS] [-o OPTIONS]
and it bind-mounts the "export" /.lab/nfs/SERVER/PATH (a bind of the shared export the lab core made before
the host started) onto DIR. `ro` (-r or -o ro) gives a read-only bind. An export the "server" does not have
fails like a real refused mount: `mount.nfs: access denied by server while mounting SERVER:/PATH`, exit 32.
findmnt then shows the bind's real fstype (e.g. ext4), not nfs (lab-notes §4).

Env: LAB_NFS_ROOT (default /.lab/nfs); LAB_MOUNT_NFS_DRY_RUN=1 prints the mount commands instead of running
them (unit tests); LAB_MOUNT (default /bin/mount).
"""
import os
import subprocess
import sys

EX_USAGE = 1
EX_FAIL = 32  # nfs-utils: every mount failure exits 32 (mount(8) EX_FAIL)


def usage(prog):
    sys.stderr.write('usage: %s remotetarget dir [-rvVwfnsh] [-o nfsoptions]\n' % prog)
    return EX_USAGE


def parse(argv):
    """Return (spec, dir, options list, flags) or raise ValueError."""
    positional, options, flags = [], [], set()
    i = 0
    while i < len(argv):
        a = argv[i]
        if a == '-o' or a == '-N' or a == '-t':
            if i + 1 >= len(argv):
                raise ValueError(a)
            if a == '-o':
                options += [o for o in argv[i + 1].split(',') if o]
            i += 2
            continue
        if a.startswith('-o') and len(a) > 2:
            options += [o for o in a[2:].split(',') if o]
        elif a.startswith('-') and len(a) > 1:
            for c in a[1:]:
                if c not in 'rvVwfnsh':
                    raise ValueError(a)
                flags.add(c)
        else:
            positional.append(a)
        i += 1
    if len(positional) != 2 and 'h' not in flags and 'V' not in flags:
        raise ValueError('positional')
    return (positional + [None, None])[:2] + [options, flags]


def export_dir(nfs_root, server, path):
    """The directory standing for SERVER:PATH, or None if the server does not export it."""
    parts = [p for p in path.split('/') if p]
    if not path.startswith('/') or '..' in parts or '.' in parts or not server or '/' in server:
        return None
    d = os.path.join(nfs_root, server, *parts)
    return d if os.path.isdir(d) else None


def main(argv):
    prog = os.path.basename(argv[0])
    try:
        spec, mountpoint, options, flags = parse(argv[1:])
    except ValueError:
        return usage(prog)
    if 'V' in flags:
        print('%s: (linux nfs-utils 2.3.3)' % prog)
        return 0
    if 'h' in flags:
        return usage(prog)
    dry = os.environ.get('LAB_MOUNT_NFS_DRY_RUN') == '1'
    if os.geteuid() != 0 and not dry:
        sys.stderr.write('%s: not installed setuid - "user" NFS mounts not supported.\n' % prog)
        return EX_FAIL
    server, sep, path = spec.partition(':')
    if not sep or not path:
        sys.stderr.write("%s: remote share not in 'host:dir' format\n" % prog)
        return EX_FAIL
    if not os.path.isdir(mountpoint):
        sys.stderr.write('%s: mount point %s does not exist\n' % (prog, mountpoint))
        return EX_FAIL
    src = export_dir(os.environ.get('LAB_NFS_ROOT', '/.lab/nfs'), server, path)
    if src is None:
        sys.stderr.write('%s: access denied by server while mounting %s\n' % (prog, spec))
        return EX_FAIL
    read_only = 'r' in flags or 'ro' in options
    mount = os.environ.get('LAB_MOUNT', '/bin/mount')
    cmds = [[mount, '--bind', src, mountpoint]]
    if read_only:
        cmds.append([mount, '-o', 'remount,bind,ro', mountpoint])
    for n, cmd in enumerate(cmds):
        if dry:
            print(' '.join(cmd))
            continue
        p = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        if p.returncode != 0:
            sys.stderr.write('%s: %s' % (prog, p.stderr or 'mount failed\n'))
            if n > 0:  # never leave a read-write bind behind a failed read-only request
                subprocess.run([os.environ.get('LAB_UMOUNT', '/bin/umount'), mountpoint])
            return EX_FAIL
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
