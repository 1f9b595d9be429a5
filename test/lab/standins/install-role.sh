#!/bin/bash
# Install the lab's EL-like stand-ins into one lab host's root (issue #3 item 3; DESIGN.md §5).
#
#   bash test/lab/standins/install-role.sh --role manager|hypervisor|sftp --root ROOT --name NAME --address ADDR
#        [--vdsm-version 4.30|4.50] [--selinux disabled|enforcing|permissive] [--virt-use-nfs on|off]
#        [--nfs-server SFTP_ADDR] [--qemu-policy upstream|rhel8|rhel9] [--libvirt-idle SECONDS] [--accel tcg|kvm]
#
# Called by the lab core on this machine, as root, after ROOT (the host's overlay root) is mounted and before
# its sshd starts. Expects ROOT/.lab/repo to be the (read-only) repository built by test/lab/rpm/build-repo.sh;
# hypervisors expect ROOT/.lab/nfs/<nfs-server>/exports/iso. Writes only below ROOT; re-running it is harmless.
# Boot-time actions go to ROOT/etc/lab-boot.d/NN-name.sh, which the core runs inside the host, in order,
# before it execs sshd as PID 1.
#
# What each role gets (the stand-ins copy upstream behaviour recorded in ovirt-facts.md; each cites its
# section):
#   all         /usr/bin/systemctl, /usr/sbin/service, /usr/sbin/{setenforce,setsebool,restorecon}
#               (→ /usr/sbin/lab-selinux), /usr/sbin/{getenforce,selinuxenabled,getsebool}
#               (→ /usr/sbin/lab-selinux-fast, a /bin/sh fast path in front of lab-selinux); SELinux state (+ its
#               plain-text shadow) unless the role keeps none
#   manager     rpm ovirt-engine-4.5.6; /usr/bin/engine-config → /usr/share/lab-engine/engine_config.py;
#               the engine service (/usr/share/lab-engine/engine.py, /etc/lab-engine/engine.json) on ADDR:80 and
#               HTTPS ADDR:443 (REST API, SSO, pki-resource: facts §4), started at boot; stock vdc_options in
#               /var/lib/lab-engine/vdc_options.json; API inventory /var/lib/lab-engine/api-state.json; the
#               engine's own CA /etc/pki/ovirt-engine/ca.pem (made here with this machine's openssl: the lab root
#               has none); admin@internal's password in /etc/lab-engine/admin-password (random, 0600); the
#               hypervisors the engine may use in /etc/lab-engine/hosts.json (empty here: the lab core fills it)
#   hypervisor  /etc/redhat-release; users/groups of facts §5.1; rpm vdsm-<version>; dnf repo + releasever;
#               /usr/sbin/mount.nfs(4); the ISO export in /etc/fstab, mounted at boot; Debian's real libvirtd +
#               virtlogd (started on first use: /usr/sbin/lab-libvirt, /usr/local/bin/virsh) and QEMU behind the
#               RHEL floppy-policy wrapper (bound over /usr/bin/qemu-system-x86_64 = /usr/libexec/qemu-kvm,
#               /etc/lab-qemu/policy; /etc/lab-qemu/accel and /dev/kvm with --accel kvm); the vdsm stand-in's API listener (/usr/share/lab-vdsm/vdsmd.py +
#               start_vm.py, which hands the domain to libvirt) on ADDR:54321, started at boot
#   sftp        stock Debian; only the systemctl/service/SELinux stand-ins (SELinux disabled: no state)
set -euo pipefail

die() { echo "install-role.sh: $*" >&2; exit 2; }

role='' root='' name='' address='' vdsm_version=4.30 selinux='' virt_use_nfs=on nfs_server='' qemu_policy=upstream
libvirt_idle=120 accel=tcg
while [ $# -gt 0 ]; do
  case $1 in
    --role) role=${2:?}; shift 2 ;;
    --root) root=${2:?}; shift 2 ;;
    --name) name=${2:?}; shift 2 ;;
    --address) address=${2:?}; shift 2 ;;
    --vdsm-version) vdsm_version=${2:?}; shift 2 ;;
    --selinux) selinux=${2:?}; shift 2 ;;
    --virt-use-nfs) virt_use_nfs=${2:?}; shift 2 ;;
    --nfs-server) nfs_server=${2:?}; shift 2 ;;
    --qemu-policy) qemu_policy=${2:?}; shift 2 ;;
    --libvirt-idle) libvirt_idle=${2:?}; shift 2 ;;
    --accel) accel=${2:?}; shift 2 ;;
    *) die "unknown argument: $1" ;;
  esac
done
case $role in manager|hypervisor|sftp) ;; *) die "--role must be manager, hypervisor or sftp" ;; esac
[ -n "$root" ] && [ -n "$name" ] && [ -n "$address" ] || die "--root, --name and --address are required"
case $vdsm_version in 4.30|4.50) ;; *) die "--vdsm-version must be 4.30 or 4.50" ;; esac
case $selinux in ''|disabled|enforcing|permissive) ;; *) die "--selinux must be disabled, enforcing or permissive" ;; esac
case $virt_use_nfs in on|off) ;; *) die "--virt-use-nfs must be on or off" ;; esac
case $qemu_policy in upstream|rhel8|rhel9) ;; *) die "--qemu-policy must be upstream, rhel8 or rhel9" ;; esac
case $libvirt_idle in ''|*[!0-9]*) die "--libvirt-idle must be a number of seconds" ;; esac
case $accel in kvm|tcg) ;; *) die "--accel must be kvm or tcg" ;; esac
case $address in 127.*) ;; *) die "--address must be inside 127.0.0.0/8" ;; esac
root=$(cd "$root" && pwd)
[ "$root" != / ] || die "refusing to install into the machine's own root"
[ -x "$root/usr/bin/python3" ] || die "$root has no /usr/bin/python3 (not a lab root filesystem?)"
[ "$(id -u)" = 0 ] || die "must run as root"

here=$(cd "$(dirname "$0")" && pwd)

# put SRC DST MODE: copy one stand-in file into the root.
put() { install -D -m "$3" "$1" "$root$2"; }
# boot NN-name.sh CONTENT: a script the core runs inside the host before sshd starts.
boot() { mkdir -p "$root/etc/lab-boot.d"; printf '#!/bin/sh\n%s\n' "$2" > "$root/etc/lab-boot.d/$1"; chmod 0755 "$root/etc/lab-boot.d/$1"; }
# rpm_install PATH-IN-ROOT: install a package from the lab repository with the host's own rpm, once.
# Debian's rpm warns that it "should not be used directly" on every install; keep that out of the way.
rpm_install() {
  local pkg; pkg=$(basename "$1" .noarch.rpm)
  chroot "$root" rpm -q --quiet "$pkg" 2>/dev/null && return 0
  [ -f "$root$1" ] || die "$1 is missing in $root (is ROOT/.lab/repo the built repository?)"
  local log; log=$(mktemp)
  if ! chroot "$root" rpm -i "$1" >"$log" 2>&1; then
    grep -v -e 'should not be used directly' -e 'assuming you know what you are doing' "$log" >&2 || true
    rm -f "$log"; die "rpm -i $1 failed in $root"
  fi
  rm -f "$log"
}
# The rpmdb where EL keeps it. Debian's rpm defaults to ~/.rpmdb, which would split it between HOME values.
rpm_dbpath() { mkdir -p "$root/etc/rpm"; echo '%_dbpath /var/lib/rpm' > "$root/etc/rpm/macros.lab-dbpath"; }
selinux_init() {  # selinux_init MODE [BOOL=on|off...]
  LAB_SELINUX_STATE="$root/var/lib/lab-selinux/state.json" LAB_SELINUX_CONFIG="$root/etc/selinux/config" \
    python3 "$here/selinux/lab_selinux.py" --init "$@"
  boot 10-lab-selinux.sh '# A boot of an SELinux host: mode from /etc/selinux/config, booleans from the policy store.
exec /usr/sbin/lab-selinux --boot'
}

# ------------------------------------------------------------------------------------------------- all roles
put "$here/common/systemctl.py" /usr/bin/systemctl 0755
put "$here/common/service.sh" /usr/sbin/service 0755
put "$here/selinux/lab_selinux.py" /usr/sbin/lab-selinux 0755
# The read-only tools every audit runs go to a /bin/sh fast path (no Python start per call; it hands anything it
# does not answer to lab-selinux): selinux/lab_selinux_fast.sh.
put "$here/selinux/lab_selinux_fast.sh" /usr/sbin/lab-selinux-fast 0755
for tool in setenforce setsebool restorecon; do
  ln -sfn lab-selinux "$root/usr/sbin/$tool"
done
for tool in getenforce selinuxenabled getsebool; do
  ln -sfn lab-selinux-fast "$root/usr/sbin/$tool"
done

# --------------------------------------------------------------------------------------------------- manager
# The engine's PKI where engine-setup puts it (facts §4.1): CA certificate /etc/pki/ovirt-engine/ca.pem (served by
# pki-resource), its key in private/, httpd's certificate certs/apache.cer + keys/apache.key.nopass for HTTPS.
# The server certificate names ADDR (IP SAN: clients connect by address) and NAME. Kept when it exists.
engine_pki() {
  local pki=$root/etc/pki/ovirt-engine tmp
  [ -s "$pki/certs/apache.cer" ] && [ -s "$pki/keys/apache.key.nopass" ] && [ -s "$pki/ca.pem" ] && return 0
  command -v openssl >/dev/null || die "openssl is needed on this machine to make the engine's CA"
  install -d -m 0755 "$pki" "$pki/certs"
  install -d -m 0700 "$pki/private" "$pki/keys"
  tmp=$(mktemp -d)
  if ! { openssl req -x509 -newkey rsa:2048 -nodes -sha256 -days 3650 -subj "/O=ovirt-floppy-lab/CN=$name-CA" \
           -addext 'basicConstraints=critical,CA:TRUE' -addext 'keyUsage=critical,keyCertSign,cRLSign' \
           -keyout "$pki/private/ca.pem" -out "$pki/ca.pem" &&
         openssl req -newkey rsa:2048 -nodes -sha256 -subj "/O=ovirt-floppy-lab/CN=$address" \
           -keyout "$pki/keys/apache.key.nopass" -out "$tmp/apache.csr" &&
         printf 'subjectAltName=IP:%s,DNS:%s\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n' \
           "$address" "$name" > "$tmp/ext" &&
         openssl x509 -req -sha256 -days 3650 -in "$tmp/apache.csr" -CA "$pki/ca.pem" -CAkey "$pki/private/ca.pem" \
           -set_serial "0x$(openssl rand -hex 8)" -extfile "$tmp/ext" -out "$pki/certs/apache.cer"; } >"$tmp/log" 2>&1
  then
    cat "$tmp/log" >&2; rm -rf "$tmp"; die "making the engine's certificates failed"
  fi
  rm -rf "$tmp"
  chmod 0644 "$pki/ca.pem" "$pki/certs/apache.cer"
  chmod 0600 "$pki/private/ca.pem" "$pki/keys/apache.key.nopass"
}

install_manager() {
  rpm_dbpath
  rpm_install /.lab/repo/el8/ovirt-engine-4.5.6-1.el8.noarch.rpm
  local f
  for f in "$here"/engine/*.py; do put "$f" "/usr/share/lab-engine/$(basename "$f")" 0644; done
  put "$here/common/daemon_start.py" /usr/share/lab-engine/daemon_start.py 0644
  chmod 0755 "$root/usr/share/lab-engine/engine.py" "$root/usr/share/lab-engine/engine_config.py"
  # Real: /usr/bin/engine-config → /usr/share/ovirt-engine/bin/engine-config.sh (a symlink as well).
  ln -sfn /usr/share/lab-engine/engine_config.py "$root/usr/bin/engine-config"
  mkdir -p "$root/etc/lab-engine"
  engine_pki
  [ -s "$root/etc/lab-engine/admin-password" ] ||
    (umask 077; openssl rand -hex 16 > "$root/etc/lab-engine/admin-password")
  [ -e "$root/etc/lab-engine/hosts.json" ] || echo '{"hosts": []}' > "$root/etc/lab-engine/hosts.json"
  # engine.py (listeners), api_context.py (the "api" section: every path is the default, spelled out here).
  cat > "$root/etc/lab-engine/engine.json" <<JSON
{"address": "$address", "startup_delay": 1.0,
 "listeners": [{"port": 80},
               {"port": 443, "tls": {"cert": "/etc/pki/ovirt-engine/certs/apache.cer",
                                     "key": "/etc/pki/ovirt-engine/keys/apache.key.nopass"}}],
 "api": {"state": "/var/lib/lab-engine/api-state.json", "hosts": "/etc/lab-engine/hosts.json",
         "password_file": "/etc/lab-engine/admin-password", "ca": "/etc/pki/ovirt-engine/ca.pem",
         "engine_cert": "/etc/pki/ovirt-engine/certs/apache.cer", "token_timeout": 360000,
         "vm_boot_delay": 0.3, "vdsm_timeout": 60}}
JSON
  [ -e "$root/var/lib/lab-engine/vdc_options.json" ] ||
    python3 "$here/engine/vdc_options.py" --seed "$root/var/lib/lab-engine/vdc_options.json"
  [ -e "$root/var/lib/lab-engine/api-state.json" ] ||
    python3 "$here/engine/api_state.py" --seed "$root/var/lib/lab-engine/api-state.json"
  boot 50-ovirt-engine.sh 'systemctl start ovirt-engine || echo "lab-boot: ovirt-engine did not start" >&2'
  selinux_init "${selinux:-disabled}"
}

# ------------------------------------------------------------------------------------------------ hypervisor
add_group() { chroot "$root" getent group "$1" >/dev/null || chroot "$root" groupadd -r -g "$2" "$1"; }
add_user() {  # add_user NAME UID PRIMARY SUPPLEMENTARY HOME COMMENT
  chroot "$root" getent passwd "$1" >/dev/null ||
    chroot "$root" useradd -r -u "$2" -g "$3" -G "$4" -d "$5" -s /sbin/nologin -c "$6" "$1"
}

# Debian's libvirt 9.0 + QEMU 7.2 from the rootfs (test/lab/README.md "Real libvirt and QEMU" says what was measured
# and why each setting). qemu.conf: QEMU runs as qemu:qemu like on EL (facts §5.1), so DAC access to the images is
# real; no cgroups (the lab hosts have no cgroup mount), no SELinux/AppArmor driver (the lab kernel has none; the
# vdsm stand-in models SELinux), no per-VM /dev namespace (the host already has its own small /dev).
install_libvirt() {
  mkdir -p "$root/etc/libvirt" "$root/etc/lab-libvirt" "$root/etc/lab-qemu" "$root/usr/local/bin" "$root/usr/libexec"
  cat > "$root/etc/libvirt/qemu.conf" <<'CONF'
# ovirt-floppy lab (test/lab/standins/install-role.sh): what libvirtd needs inside a lab host.
user = "qemu"
group = "qemu"
dynamic_ownership = 1
remember_owner = 0
cgroup_controllers = [ ]
security_driver = "none"
namespaces = [ ]
stdio_handler = "file"
CONF
  cat > "$root/etc/libvirt/libvirtd.conf" <<'CONF'
# ovirt-floppy lab: local unix sockets only (no TCP/TLS listener), logs inside the host.
listen_tls = 0
listen_tcp = 0
unix_sock_group = "root"
unix_sock_ro_perms = "0777"
unix_sock_rw_perms = "0770"
log_outputs = "3:file:/var/log/libvirt/libvirtd.log"
host_uuid_source = "machine-id"
CONF
  [ -s "$root/etc/machine-id" ] || python3 -c 'import uuid; print(uuid.uuid4().hex)' > "$root/etc/machine-id"
  echo "$libvirt_idle" > "$root/etc/lab-libvirt/idle-timeout"
  echo "$qemu_policy" > "$root/etc/lab-qemu/policy"
  # kvm only when sh/kvm-probe.sh booted the guest under KVM on this machine (test/lab/accel.ts); the host's own
  # small /dev (host-prepare.sh) then gets the node, root:kvm 0660 as udev makes it, so qemu (group kvm) opens it.
  echo "$accel" > "$root/etc/lab-qemu/accel"
  if [ "$accel" = kvm ]; then mknod -m 0660 "$root/dev/kvm" c 10 232 && chgrp 36 "$root/dev/kvm"; fi
  put "$here/hypervisor/lab_libvirt.sh" /usr/sbin/lab-libvirt 0755
  put "$here/hypervisor/virsh_ondemand.sh" /usr/local/bin/virsh 0755
  # The policy wrapper takes the real binary's place: host-prepare.sh binds the real
  # /usr/bin/qemu-system-x86_64 onto /usr/bin/qemu-system-x86_64.real and this wrapper over
  # /usr/bin/qemu-system-x86_64 (libvirt 9.0 runs /usr/bin's binary whatever its PATH says; binds, not copies:
  # no 20 MB copy-up per host). /usr/libexec/qemu-kvm is where EL has it.
  put "$here/hypervisor/qemu_policy.sh" /usr/lib/lab-qemu/qemu-policy 0755
  : > "$root/usr/bin/qemu-system-x86_64.real"
  ln -sfn /usr/bin/qemu-system-x86_64 "$root/usr/libexec/qemu-kvm"
  # libvirt's users (libvirt-daemon-system would create them; the rootfs leaves that package out).
  add_group libvirt-qemu 64055
  add_user libvirt-qemu 64055 libvirt-qemu kvm /var/lib/libvirt 'Libvirt Qemu'
  chroot "$root" getent group tss >/dev/null || chroot "$root" groupadd -r tss
}

install_hypervisor() {
  # Stand-in: the lab's hosts are Debian with dnf (lab-notes §5), so every hypervisor says EL8, also the one
  # with vdsm 4.30 (a real oVirt 4.3 host is EL7). /etc/os-release stays Debian's: detect EL by this file/rpm.
  echo 'Red Hat Enterprise Linux release 8.9 (Ootpa)' > "$root/etc/redhat-release"

  # facts §5.1: qemu-kvm's scriptlets (groups kvm 36, qemu 107; user qemu 107 in kvm) and vdsm's %pre
  # (vdsm 36 with primary group kvm, also in qemu; qemu added to cdrom). vdsm's sanlock group membership is
  # left out: the lab has no sanlock.
  add_group kvm 36
  add_group qemu 107
  add_user qemu 107 qemu kvm / 'qemu user'
  add_user vdsm 36 kvm qemu /var/lib/vdsm 'Node Virtualization Manager'
  chroot "$root" usermod -a -G cdrom qemu

  rpm_dbpath
  if [ "$vdsm_version" = 4.30 ]; then repo=el7; pkg=vdsm-4.30.46-1.el7; else repo=el8; pkg=vdsm-4.50.5-1.el8; fi
  rpm_install "/.lab/repo/$repo/$pkg.noarch.rpm"
  # The host sees the repository of its own oVirt version (build-repo.sh): a 4.3 host gets the hook package,
  # a 4.5 host gets no hook package (facts §0.1).
  mkdir -p "$root/etc/yum.repos.d" "$root/etc/dnf/vars"
  printf '[lab]\nname=oVirt lab repository (%s)\nbaseurl=file:///.lab/repo/%s\nenabled=1\ngpgcheck=0\n' \
    "$repo" "$repo" > "$root/etc/yum.repos.d/lab.repo"
  echo 8 > "$root/etc/dnf/vars/releasever"

  put "$here/hypervisor/mount_nfs.py" /usr/sbin/mount.nfs 0755
  ln -sfn mount.nfs "$root/usr/sbin/mount.nfs4"
  install_libvirt

  # vdsm's API stand-in: the engine stand-in starts VMs through it (vdsm/start_vm.py, engine/api_vdsm.py).
  put "$here/vdsm/start_vm.py" /usr/share/lab-vdsm/start_vm.py 0755
  put "$here/vdsm/vdsmd.py" /usr/share/lab-vdsm/vdsmd.py 0755
  put "$here/common/daemon_start.py" /usr/share/lab-vdsm/daemon_start.py 0644
  mkdir -p "$root/etc/lab-vdsm" "$root/var/lib/lab-vdsm/domains"
  printf '{"address": "%s", "port": 54321}\n' "$address" > "$root/etc/lab-vdsm/vdsmd.json"
  boot 60-vdsmd.sh '# vdsm run dir (vdsm:kvm, payloads go below it), then the API listener.
install -d -m 0755 -o vdsm -g kvm /run/vdsm
python3 /usr/share/lab-vdsm/vdsmd.py start || echo "lab-boot: vdsmd did not start" >&2'

  # vdsm's mount base (facts §5.4), owned by vdsm:kvm like vdsm creates it.
  install -d -m 0755 -o 36 -g 36 "$root/rhev" "$root/rhev/data-center" "$root/rhev/data-center/mnt"
  if [ -n "$nfs_server" ]; then
    local spec="$nfs_server:/exports/iso" local_name mnt
    local_name=${spec//_/__}; local_name=${local_name//\//_}   # vdsm fileUtils.transformPath (facts §5.4)
    mnt="/rhev/data-center/mnt/$local_name"
    install -d -m 0755 -o 36 -g 36 "$root$mnt"
    local line="$spec $mnt nfs defaults 0 0"
    touch "$root/etc/fstab"
    grep -qxF "$line" "$root/etc/fstab" || echo "$line" >> "$root/etc/fstab"
    boot 20-lab-nfs-mounts.sh 'mount -a -t nfs,nfs4 || echo "lab-boot: mounting the NFS lines of /etc/fstab failed" >&2'
  fi
  selinux_init "${selinux:-disabled}" "virt_use_nfs=$virt_use_nfs"
}

# ------------------------------------------------------------------------------------------------------ sftp
install_sftp() {
  # Stock Debian server: sshd_config, users and groups untouched. Without SELinux state the SELinux tools
  # behave as on a host without SELinux (getenforce → Disabled, restorecon → silent no-op).
  if [ -n "$selinux" ]; then selinux_init "$selinux"; fi
}

"install_$role"
echo "install-role.sh: $role $name ($address) ready in $root"
