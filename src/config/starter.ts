/**
 * The commented starter config `ovirt-floppy init` writes. It validates as it is (placeholder host names under
 * example.com); an admin replaces the hosts and paths. The optional engineApi/smoke sections are commented
 * out: lines starting with a single "# " are YAML to uncomment, lines starting with "## " are explanations.
 */

const STARTER = `# ovirt-floppy configuration: the hosts that take part in floppy payloads and how to reach them.
# Full reference: docs/config.md. For help and checking as you type, point your editor at the package's
# config.schema.json: with yaml-language-server (e.g. VS Code's YAML extension) make the first line
#   # yaml-language-server: $schema=<path to ovirt-floppy>/config.schema.json
#
# Floppy payloads: each Windows VM gets its own sysprep.inf / Unattend.xml (often with domain-join
# secrets) on a small floppy image instead of an ISO every PowerUser can read. Images are uploaded over
# sftp to a directory the hypervisors see over NFS; the VM names its image in the custom property
# "floppy", and the floppy hook on the hypervisor attaches it when the VM starts.

# How ovirt-floppy logs in to every host (each host below may override user, port, identityFiles, become).
ssh:
  # Login user. Checks need root: log in as root, or as a user with passwordless sudo.
  user: root
  port: 22
  # Private keys to offer (on this machine). Empty: use the ssh-agent and ~/.ssh/config only.
  identityFiles: []
  agent: true
  # Host keys are checked against this file; an unknown key is refused unless you pass
  # --accept-new-host-keys once.
  knownHostsFile: ~/.ssh/known_hosts
  # Honour Host/HostName/User/Port/IdentityFile/ProxyJump from ~/.ssh/config.
  useSshConfig: true
  # sudo: commands run through "sudo -n" when the user is not root. none: no privilege escalation.
  become: sudo
  connectTimeout: 10   # seconds for the SSH handshake
  execTimeout: 60      # seconds one remote command may take
  concurrency: 32      # hosts worked on at once

# The oVirt manager (ovirt-engine). ovirt-floppy defines the VM custom property "floppy" there
# (engine-config UserDefinedVMProperties, for every cluster level, other properties kept) and restarts
# the engine only when that changed.
manager:
  host: engine.example.com
  name: engine                  # shown in reports; also usable with --only engine
  engineService: ovirt-engine   # the service restarted after a change
  # Fetched on the manager itself after a restart until it answers "DB Up!".
  healthUrl: http://localhost/ovirt-engine/services/health
  restartTimeout: 300           # seconds to wait for the engine to come back

# The oVirt hosts (vdsm) that may run a VM with a floppy. On each: the floppy hook is installed, the
# floppy directory is mounted at floppy.clientPath, vdsm can reach it, qemu/kvm can read and write images,
# and with SELinux enforcing the virt_use_nfs boolean is on.
hypervisors:
  - host: hv1.example.com
    name: hv1
  - host: hv2.example.com
    name: hv2
    # user: admin          # per-host overrides of the ssh: settings
    # port: 2222

# The upload server: usually the NFS server that exports the floppy directory. Uploads go through a
# chrooted, sftp-only account (no shell, no password, key login only). The floppy directory is
# bind-mounted into the chroot (fstab), because sshd only chroots into root-owned directories.
sftp:
  host: nfs.example.com
  name: sftp
  uploadUser: sftp-floppy-upload   # the upload account (created by apply)
  chrootDir: /srv/floppy_chroot    # its ChrootDirectory: root-owned all the way down, not "/"
  floppySubdir: floppy             # floppy.serverPath appears as /floppy inside the chroot
  # Public keys of the machines that upload images, one OpenSSH .pub line each, e.g.
  #   - ssh-ed25519 AAAAC3Nza... rollout@deploy.example.com
  authorizedKeys: []
  # uploadIdentityFile: ~/.ssh/floppy_upload   # the upload account's private key here; used by "smoke"

# Floppy or CD: auto defines both VM properties and each hypervisor's QEMU says which one its VMs need
# (no floppy on Q35 with EL8's QEMU, none at all on EL9/EL10); floppy or cdrom defines only that one.
payload: auto

# Where the images live: one directory, seen from two sides.
floppy:
  # As the NFS/sftp server sees it (the howto's FLOPPY_LOCATION_NFSSERVER), e.g. a floppy/ directory
  # beside the ISO domain on its export. Never inside the ISO domain's images/1111...1111 directory:
  # everyone can see those files.
  serverPath: /exports/iso/floppy
  # As every hypervisor sees it (FLOPPY_LOCATION_NFSCLIENT). vdsm mounts nfs.example.com:/exports/iso
  # at /rhev/data-center/mnt/nfs.example.com:_exports_iso. VMs name their image by this path.
  clientPath: /rhev/data-center/mnt/nfs.example.com:_exports_iso/floppy
  # The regex the engine checks "floppy" values against. Leave it out to get the safe default:
  # clientPath + "/" + a plain file name ending in .vfd, .img or .flp. Never use ^.*$: the hook
  # attaches whatever file the value names.
  # propertyRegex: ^/rhev/data-center/mnt/nfs\\.example\\.com:_exports_iso/floppy/[A-Za-z0-9][A-Za-z0-9._-]{0,127}\\.(vfd|img|flp)$
  # The VM custom property for CD-ROM payloads (an .iso in the same directory; see payload below).
  cdProperty: floppycd
  # cdPropertyRegex: ^/rhev/data-center/mnt/nfs\\.example\\.com:_exports_iso/floppy/[A-Za-z0-9][A-Za-z0-9._-]{0,127}\\.iso$
  # File system types accepted for the mount holding clientPath on the hypervisors.
  sharedFsTypes: [nfs, nfs4]
  # Images older than this are reported: they often hold secrets and should be deleted after use.
  maxAgeHours: 24

# Only for "ovirt-floppy smoke" (upload an image, boot a test VM with it). Uncomment both sections.
# engineApi:
#   url: https://engine.example.com/ovirt-engine/api
#   user: admin@internal
## The password is never written here: name an environment variable OR a file (first line), not both.
#   passwordEnv: OVIRT_ENGINE_PASSWORD
#   # passwordFile: ~/.config/ovirt-floppy/engine-password
## The engine's CA (https://engine.example.com/ovirt-engine/services/pki-resource?resource=ca-certificate&format=X509-PEM-CA).
#   caFile: ~/.config/ovirt-floppy/engine-ca.pem
# smoke:
## A dedicated test VM, Down, used for nothing else.
#   vm: floppy-smoke
#   vmTimeout: 300
`;

/** The starter config text (YAML with comments). */
export function starterConfigYaml(): string {
  return STARTER;
}
