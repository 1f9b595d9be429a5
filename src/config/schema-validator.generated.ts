// @ts-nocheck
/* eslint-disable */
/**
 * GENERATED from config.schema.json by scripts/gen-schema-validator.ts (ajv standalone code): do not edit by hand.
 * After changing the schema run `npm run gen:schema`; test/unit/config/schema-validator.test.ts fails while this
 * module differs from what the schema generates. Used by src/config/validate.ts.
 */
// ajv's standalone code loads its small run-time helpers (ajv/dist/runtime/*, ajv-formats' format checks) with
// require(), also in its ESM output.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export const validate = validate20;
export default validate20;
const schema31 = {"$schema":"https://json-schema.org/draft/2020-12/schema","$id":"https://ovirt-floppy.dev/config.schema.json","title":"ovirt-floppy configuration","description":"Which hosts take part in floppy payloads (oVirt manager, hypervisors, sftp upload server), how to reach them, and where the floppy images live. YAML or JSON. Reference: docs/config.md.","type":"object","additionalProperties":false,"required":["floppy"],"properties":{"$schema":{"type":"string","description":"URL or path of this schema, for editors. Ignored by ovirt-floppy."},"payload":{"type":"string","enum":["auto","floppy","cdrom"],"default":"auto","description":"Which device carries a VM's payload. auto: the manager defines both the floppy and the CD property, and each hypervisor's QEMU verdict says per chipset which one its VMs need (floppy where QEMU offers one, CD where it does not: Q35 on EL8, everything on EL9/EL10). floppy: only the floppy property (hosts on oVirt <= 4.3 with vdsm-hook-floppy). cdrom: only the CD property; needs the bundled hook, so every hypervisor must run vdsm 4.40+."},"ssh":{"type":"object","additionalProperties":false,"default":{},"description":"SSH connection defaults for every host. Each host may override user, port, identityFiles and become.","properties":{"user":{"$ref":"#/$defs/userName","description":"Remote login user. Commands need root: log in as root or as a user with passwordless sudo (see become).","default":"root","examples":["root","admin"]},"port":{"$ref":"#/$defs/port","description":"sshd port.","default":22},"identityFiles":{"$ref":"#/$defs/localPaths","description":"Private keys to offer, in order (paths on this machine; \"~/\" expanded). Empty: only the agent and ~/.ssh/config keys.","default":[],"examples":[["~/.ssh/id_ed25519"]]},"agent":{"type":"boolean","default":true,"description":"Use the ssh-agent at $SSH_AUTH_SOCK. Agent forwarding is never enabled."},"knownHostsFile":{"$ref":"#/$defs/localPath","description":"known_hosts file used to verify host keys (plain, hashed and [host]:port entries). Unknown keys are refused unless --accept-new-host-keys.","default":"~/.ssh/known_hosts"},"useSshConfig":{"type":"boolean","default":true,"description":"Read ~/.ssh/config for Host, HostName, User, Port, IdentityFile and ProxyJump."},"become":{"$ref":"#/$defs/become","description":"How remote commands get root when the login user is not root.","default":"sudo"},"connectTimeout":{"type":"integer","minimum":1,"maximum":600,"default":10,"description":"Seconds to wait for the TCP connection and SSH handshake."},"execTimeout":{"type":"integer","minimum":1,"maximum":86400,"default":60,"description":"Seconds one remote script or command may take."},"concurrency":{"type":"integer","minimum":1,"maximum":1024,"default":32,"description":"How many hosts are worked on at once."}}},"manager":{"type":"object","additionalProperties":false,"required":["host"],"description":"The oVirt manager (ovirt-engine host): the `floppy` VM custom property is defined there with engine-config.","properties":{"host":{"$ref":"#/$defs/hostAddress","description":"Address or name used to reach the manager over SSH (also the Host looked up in ~/.ssh/config when ssh.useSshConfig is on)."},"name":{"$ref":"#/$defs/hostName","description":"Display name in reports and for --only. Defaults to `host`.","examples":["engine"]},"user":{"$ref":"#/$defs/userName","description":"Login user for this host; overrides ssh.user."},"port":{"$ref":"#/$defs/port","description":"sshd port of this host; overrides ssh.port."},"identityFiles":{"$ref":"#/$defs/localPaths","description":"Private keys for this host; replaces (does not extend) ssh.identityFiles."},"become":{"$ref":"#/$defs/become","description":"Privilege escalation for this host; overrides ssh.become."},"engineService":{"$ref":"#/$defs/serviceName","description":"systemd unit restarted after UserDefinedVMProperties changed (the engine reads it only at start).","default":"ovirt-engine"},"healthUrl":{"type":"string","format":"uri","maxLength":2048,"pattern":"^https?://[^\\s'\"`$;&|<>*\\\\{}()]+$","patternErrorMessage":"must be an http:// or https:// URL without spaces, quotes or shell characters","default":"http://localhost/ovirt-engine/services/health","description":"Engine health servlet URL as seen from the manager itself (fetched there with curl); it answers 200 \"DB Up!Welcome to Health Status!\" when the engine is up."},"restartTimeout":{"type":"integer","minimum":1,"maximum":3600,"default":300,"description":"Seconds to wait for the health URL to answer 200 after an engine restart."},"engineConfigTimeout":{"type":"integer","minimum":1,"maximum":3600,"default":30,"description":"Seconds one engine-config run may take (each JVM start, in check and apply) before it is ended. Must be smaller than ssh.execTimeout minus 5 (timeout's grace before SIGKILL): the probe of the whole manager runs within ssh.execTimeout, so a hanging engine-config is then reported as its own timeout while the manager's other checks still run."}}},"hypervisors":{"type":"array","default":[],"description":"oVirt hosts (vdsm) that may run VMs with a floppy: the floppy hook is installed there and the floppy directory must be mounted at floppy.clientPath.","items":{"type":"object","additionalProperties":false,"required":["host"],"description":"One hypervisor.","properties":{"host":{"$ref":"#/$defs/hostAddress","description":"Address or name used to reach the hypervisor over SSH (also the Host looked up in ~/.ssh/config when ssh.useSshConfig is on)."},"name":{"$ref":"#/$defs/hostName","description":"Display name in reports and for --only. Defaults to `host`.","examples":["hv1"]},"user":{"$ref":"#/$defs/userName","description":"Login user for this host; overrides ssh.user."},"port":{"$ref":"#/$defs/port","description":"sshd port of this host; overrides ssh.port."},"identityFiles":{"$ref":"#/$defs/localPaths","description":"Private keys for this host; replaces (does not extend) ssh.identityFiles."},"become":{"$ref":"#/$defs/become","description":"Privilege escalation for this host; overrides ssh.become."}}}},"sftp":{"type":"object","additionalProperties":false,"required":["host"],"description":"The server that receives floppy images over sftp (often the NFS server itself): a chrooted, sftp-only upload account whose chroot has floppy.serverPath bind-mounted inside.","properties":{"host":{"$ref":"#/$defs/hostAddress","description":"Address or name used to reach the sftp over SSH (also the Host looked up in ~/.ssh/config when ssh.useSshConfig is on)."},"name":{"$ref":"#/$defs/hostName","description":"Display name in reports and for --only. Defaults to `host`.","examples":["sftp"]},"user":{"$ref":"#/$defs/userName","description":"Login user for this host; overrides ssh.user."},"port":{"$ref":"#/$defs/port","description":"sshd port of this host; overrides ssh.port."},"identityFiles":{"$ref":"#/$defs/localPaths","description":"Private keys for this host; replaces (does not extend) ssh.identityFiles."},"become":{"$ref":"#/$defs/become","description":"Privilege escalation for this host; overrides ssh.become."},"uploadUser":{"$ref":"#/$defs/userName","description":"The sftp-only account that uploads images (no shell, no password, key login only, ForceCommand internal-sftp). Must not be root or the account ovirt-floppy logs in with.","default":"sftp-floppy-upload"},"chrootDir":{"$ref":"#/$defs/remotePath","description":"ChrootDirectory of the upload user. Every component must be owned by root and not group/other-writable, so it cannot be the floppy directory itself; must not be \"/\".","default":"/srv/floppy_chroot"},"floppySubdir":{"type":"string","minLength":1,"maxLength":255,"pattern":"^[A-Za-z0-9_][A-Za-z0-9._+@-]{0,254}$","patternErrorMessage":"must be a single directory name (letters, digits, \".\", \"_\", \"+\", \"@\", \"-\"; no \"/\"; not starting with \".\" or \"-\")","default":"floppy","description":"Directory inside the chroot where floppy.serverPath is bind-mounted (fstab `bind`); the upload user sees it as /<floppySubdir>. One path component."},"authorizedKeys":{"type":"array","uniqueItems":true,"default":[],"items":{"$ref":"#/$defs/publicKey"},"description":"Public keys (OpenSSH one-line format) that must be in the upload user's ~/.ssh/authorized_keys: those of the machines that upload floppy images."},"uploadFrom":{"type":"array","uniqueItems":true,"default":[],"items":{"type":"string","pattern":"^[0-9A-Fa-f.:]+$","maxLength":45},"description":"Addresses the upload partners connect from (one IPv4 or IPv6 address each, no CIDR): sftp-sshd-chroot evaluates sshd's Match blocks (`sshd -T -C`) once per address, besides the tool's own connection, and reports the worst."},"uploadIdentityFile":{"$ref":"#/$defs/localPath","description":"Private key of the upload user on this machine; `smoke` uploads a test image with it. Not needed for check/apply."}}},"floppy":{"type":"object","additionalProperties":false,"required":["serverPath","clientPath"],"description":"Where floppy images live. serverPath and clientPath are the same directory seen from two sides (the howto's FLOPPY_LOCATION_NFSSERVER and FLOPPY_LOCATION_NFSCLIENT).","properties":{"serverPath":{"$ref":"#/$defs/remotePath","description":"The floppy directory as the NFS/sftp server sees it (FLOPPY_LOCATION_NFSSERVER), e.g. a floppy/ subdirectory of the ISO export. Owned uploadUser:kvm 0770. Must not be inside an ISO domain's images/11111111-1111-1111-1111-111111111111 directory (every user can see those files).","examples":["/exports/iso/floppy"]},"clientPath":{"$ref":"#/$defs/remotePath","description":"The same directory as every hypervisor sees it (FLOPPY_LOCATION_NFSCLIENT), e.g. under /rhev/data-center/mnt/<server>:_<export>/. VMs name their image by this path in the `floppy` custom property.","examples":["/rhev/data-center/mnt/nfs.example.com:_exports_iso/floppy"]},"propertyRegex":{"type":"string","minLength":2,"maxLength":1024,"pattern":"^[^\\u0000-\\u001f\\u007f]*$","patternErrorMessage":"must be one line without control characters","description":"Java regex the engine checks `floppy` property values against (UserDefinedVMProperties floppy=<regex>). Default: clientPath followed by \"/\" and a safe file name ending in .vfd, .img or .flp. Must be anchored (^...$), contain no \";\" and use only syntax Java and JavaScript read the same way. Avoid ^.*$: the hook attaches any file qemu can open.","examples":["^/rhev/data-center/mnt/nfs\\.example\\.com:_exports_iso/floppy/[A-Za-z0-9][A-Za-z0-9._-]{0,127}\\.(vfd|img|flp)$"]},"cdProperty":{"type":"string","pattern":"^[A-Za-z0-9_]{1,64}$","patternErrorMessage":"must be a custom property name: letters, digits and \"_\", at most 64 (engine CustomPropertiesUtils)","default":"floppycd","description":"Name of the VM custom property for CD-ROM payloads: an ISO image in the same private directory, attached by the bundled hook (vdsm 4.40+) as a read-only cdrom, for VMs whose QEMU has no floppy (Q35 on EL8, every machine on EL9/EL10). Default floppycd: it sits next to `floppy` in the engine's custom property list and says it is the same mechanism on a CD, without clashing with the engine's own cdrom or payload devices. Must not be floppy.","examples":["floppycd"]},"cdPropertyRegex":{"type":"string","minLength":2,"maxLength":1024,"pattern":"^[^\\u0000-\\u001f\\u007f]*$","patternErrorMessage":"must be one line without control characters","description":"Java regex the engine checks CD property values against (UserDefinedVMProperties <cdProperty>=<regex>). Default: clientPath followed by \"/\" and a safe file name ending in .iso. Same rules as propertyRegex.","examples":["^/rhev/data-center/mnt/nfs\\.example\\.com:_exports_iso/floppy/[A-Za-z0-9][A-Za-z0-9._-]{0,127}\\.iso$"]},"sharedFsTypes":{"type":"array","minItems":1,"uniqueItems":true,"default":["nfs","nfs4"],"items":{"$ref":"#/$defs/fsType"},"description":"File system types accepted for the mount holding clientPath on the hypervisors (a local disk would make each host see a different directory)."},"maxAgeHours":{"type":"number","exclusiveMinimum":0,"maximum":8760,"default":24,"description":"Images older than this many hours are reported as stale: they often hold domain-join secrets and should be deleted after use."}}},"engineApi":{"type":"object","additionalProperties":false,"required":["url","user"],"description":"oVirt REST API access, used by `smoke`, the running-engine check, `discover`, the hooks-as-vdsm-reports-them check and the payload exposure audit. Give exactly one of passwordEnv or passwordFile. There is deliberately no password field: a password in a config file ends up in backups, version control and bug reports.","properties":{"url":{"type":"string","format":"uri","maxLength":2048,"pattern":"^https://[^\\s'\"`$;&|<>*\\\\{}()]+$","patternErrorMessage":"must be an https:// URL without spaces, quotes or shell characters (the password is sent to it)","description":"API base URL.","examples":["https://engine.example.com/ovirt-engine/api"]},"user":{"type":"string","maxLength":255,"pattern":"^[A-Za-z0-9._%+-]+(?:@[A-Za-z0-9._-]+)+$","patternErrorMessage":"must be user@profile, e.g. admin@internal","description":"API user with its profile.","examples":["admin@internal"]},"passwordEnv":{"type":"string","pattern":"^[A-Za-z_][A-Za-z0-9_]{0,127}$","patternErrorMessage":"must be an environment variable name (letters, digits, \"_\"; not starting with a digit)","description":"Name of the environment variable that holds the password (never the password itself).","examples":["OVIRT_ENGINE_PASSWORD"]},"passwordFile":{"$ref":"#/$defs/localPath","description":"File whose first line is the password; keep it mode 0600."},"caFile":{"$ref":"#/$defs/localPath","description":"PEM CA certificate that signed the engine's TLS certificate (https://<engine>/ovirt-engine/services/pki-resource?resource=ca-certificate&format=X509-PEM-CA). Default: the system CAs."}}},"discover":{"type":"object","additionalProperties":false,"description":"Take the hypervisors from the engine instead of (or on top of) the `hypervisors` list: every host of the engine (its `address`, cluster and status, read through engineApi once per run) is audited as a hypervisor. Entries of `hypervisors` with the same name merge in and their SSH settings win. Hosts the engine holds in maintenance or non-responsive (or installing, rebooting, down) are reported as skipped with that status; configured hypervisors the engine does not know are flagged by manager-engine-hosts. `discover: {}` takes every cluster. Needs engineApi.","properties":{"clusters":{"type":"array","minItems":1,"uniqueItems":true,"description":"Names of the clusters whose hosts are audited (as the engine names them). Omit for every cluster.","items":{"type":"string","minLength":1,"maxLength":255},"examples":[["Default","Legacy43"]]}},"examples":[{},{"clusters":["Default"]}]},"smoke":{"type":"object","additionalProperties":false,"description":"`smoke` settings: the end-to-end test that uploads an image and boots a VM with it. Needs engineApi.","properties":{"vm":{"type":"string","pattern":"^[A-Za-z0-9_][A-Za-z0-9._-]{0,63}$","patternErrorMessage":"must be a VM name: letters, digits, \".\", \"_\" and \"-\", at most 64 characters","description":"Name of a dedicated test VM (Down, used for nothing else) that smoke boots with a floppy. Without it smoke stops before starting a VM.","examples":["floppy-smoke"]},"vmTimeout":{"type":"integer","minimum":1,"maximum":3600,"default":300,"description":"Seconds to wait for the test VM to come up."}}}},"$defs":{"hostAddress":{"type":"string","minLength":1,"maxLength":253,"pattern":"^(?:[A-Za-z0-9_][A-Za-z0-9._-]{0,252}|[0-9A-Fa-f.]*:[0-9A-Fa-f:.]*)$","patternErrorMessage":"must be a host name or IP address (letters, digits, \".\", \"-\", \"_\"; \":\" for IPv6) without spaces or shell characters","description":"DNS name, ~/.ssh/config Host alias, IPv4 or IPv6 address. Never starts with \"-\" (it would read as an ssh option).","examples":["engine.example.com","192.0.2.10"]},"hostName":{"type":"string","minLength":1,"maxLength":253,"pattern":"^[A-Za-z0-9_:][A-Za-z0-9._:-]{0,252}$","patternErrorMessage":"must be a short name of letters, digits, \".\", \"-\", \"_\" or \":\" (no spaces or shell characters)","description":"Display name of a host in reports and for --only."},"userName":{"type":"string","minLength":1,"maxLength":32,"pattern":"^[a-z_][a-z0-9_-]{0,31}$","patternErrorMessage":"must be a POSIX user name: lower-case letters, digits, \"_\" and \"-\", starting with a letter or \"_\", at most 32 characters","description":"A POSIX account name."},"port":{"type":"integer","minimum":1,"maximum":65535,"description":"TCP port of sshd."},"localPath":{"type":"string","minLength":2,"maxLength":4096,"pattern":"^(?!.*/\\.\\.(?:/|$))~?/(?:[A-Za-z0-9._+@:-]+(?:/[A-Za-z0-9._+@:-]+)*/?)?$","patternErrorMessage":"must be an absolute path on this machine (\"/...\" or \"~/...\") made of letters, digits and . _ - + @ : (no spaces, quotes, shell characters or \"..\" components)","description":"A file on the machine running ovirt-floppy; \"~/\" is expanded to $HOME."},"localPaths":{"type":"array","items":{"$ref":"#/$defs/localPath"},"uniqueItems":true,"description":"Files on the machine running ovirt-floppy."},"remotePath":{"type":"string","minLength":1,"maxLength":4096,"pattern":"^(?!.*/\\.\\.(?:/|$))/(?:[A-Za-z0-9._+@:-]+(?:/[A-Za-z0-9._+@:-]+)*/?)?$","patternErrorMessage":"must be an absolute path made of letters, digits and . _ - + @ : (no spaces, quotes, shell characters or \"..\" components)","description":"An absolute path on a remote host. A trailing \"/\" and \".\" components are removed."},"become":{"type":"string","enum":["sudo","none"],"description":"\"sudo\": run the remote script through `sudo -n` when the login user is not root (fails fast instead of prompting). \"none\": run it as the login user."},"fsType":{"type":"string","minLength":1,"maxLength":32,"pattern":"^[a-z0-9][a-z0-9._-]{0,31}$","patternErrorMessage":"must be a file system type as findmnt prints it: lower-case letters, digits, \".\", \"_\" and \"-\"","description":"A file system type as `findmnt -o FSTYPE` prints it, e.g. nfs, nfs4, fuse.glusterfs."},"serviceName":{"type":"string","minLength":1,"maxLength":255,"pattern":"^[A-Za-z0-9_][A-Za-z0-9_.@:-]{0,254}$","patternErrorMessage":"must be a systemd unit name: letters, digits, \"_\", \".\", \"@\", \":\" and \"-\"","description":"A systemd unit name."},"publicKey":{"type":"string","maxLength":16384,"pattern":"^(?:ssh-ed25519|ssh-rsa|ecdsa-sha2-nistp(?:256|384|521)|sk-ssh-ed25519@openssh\\.com|sk-ecdsa-sha2-nistp256@openssh\\.com) AAAA[A-Za-z0-9+/]+={0,3}(?: [^\\u0000-\\u001f\\u007f]*)?$","patternErrorMessage":"must be one OpenSSH public key line: TYPE BASE64 [comment], TYPE one of ssh-ed25519, ssh-rsa, ecdsa-sha2-nistp256/384/521, sk-ssh-ed25519@openssh.com, sk-ecdsa-sha2-nistp256@openssh.com (no options in front, no line breaks)","description":"One OpenSSH public key line as in a .pub file: type, base64 key, optional comment.","examples":["ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIDZ5Df6h0vsFwoqGdPS7NGf7e7g1BpvxQQYHkzxB4mY9 floppy-upload@rollout"]}}};
const schema32 = {"type":"string","minLength":1,"maxLength":32,"pattern":"^[a-z_][a-z0-9_-]{0,31}$","patternErrorMessage":"must be a POSIX user name: lower-case letters, digits, \"_\" and \"-\", starting with a letter or \"_\", at most 32 characters","description":"A POSIX account name."};
const schema33 = {"type":"integer","minimum":1,"maximum":65535,"description":"TCP port of sshd."};
const schema35 = {"type":"string","minLength":2,"maxLength":4096,"pattern":"^(?!.*/\\.\\.(?:/|$))~?/(?:[A-Za-z0-9._+@:-]+(?:/[A-Za-z0-9._+@:-]+)*/?)?$","patternErrorMessage":"must be an absolute path on this machine (\"/...\" or \"~/...\") made of letters, digits and . _ - + @ : (no spaces, quotes, shell characters or \"..\" components)","description":"A file on the machine running ovirt-floppy; \"~/\" is expanded to $HOME."};
const schema37 = {"type":"string","enum":["sudo","none"],"description":"\"sudo\": run the remote script through `sudo -n` when the login user is not root (fails fast instead of prompting). \"none\": run it as the login user."};
const schema38 = {"type":"string","minLength":1,"maxLength":253,"pattern":"^(?:[A-Za-z0-9_][A-Za-z0-9._-]{0,252}|[0-9A-Fa-f.]*:[0-9A-Fa-f:.]*)$","patternErrorMessage":"must be a host name or IP address (letters, digits, \".\", \"-\", \"_\"; \":\" for IPv6) without spaces or shell characters","description":"DNS name, ~/.ssh/config Host alias, IPv4 or IPv6 address. Never starts with \"-\" (it would read as an ssh option).","examples":["engine.example.com","192.0.2.10"]};
const schema39 = {"type":"string","minLength":1,"maxLength":253,"pattern":"^[A-Za-z0-9_:][A-Za-z0-9._:-]{0,252}$","patternErrorMessage":"must be a short name of letters, digits, \".\", \"-\", \"_\" or \":\" (no spaces or shell characters)","description":"Display name of a host in reports and for --only."};
const schema43 = {"type":"string","minLength":1,"maxLength":255,"pattern":"^[A-Za-z0-9_][A-Za-z0-9_.@:-]{0,254}$","patternErrorMessage":"must be a systemd unit name: letters, digits, \"_\", \".\", \"@\", \":\" and \"-\"","description":"A systemd unit name."};
const schema55 = {"type":"string","minLength":1,"maxLength":4096,"pattern":"^(?!.*/\\.\\.(?:/|$))/(?:[A-Za-z0-9._+@:-]+(?:/[A-Za-z0-9._+@:-]+)*/?)?$","patternErrorMessage":"must be an absolute path made of letters, digits and . _ - + @ : (no spaces, quotes, shell characters or \"..\" components)","description":"An absolute path on a remote host. A trailing \"/\" and \".\" components are removed."};
const schema56 = {"type":"string","maxLength":16384,"pattern":"^(?:ssh-ed25519|ssh-rsa|ecdsa-sha2-nistp(?:256|384|521)|sk-ssh-ed25519@openssh\\.com|sk-ecdsa-sha2-nistp256@openssh\\.com) AAAA[A-Za-z0-9+/]+={0,3}(?: [^\\u0000-\\u001f\\u007f]*)?$","patternErrorMessage":"must be one OpenSSH public key line: TYPE BASE64 [comment], TYPE one of ssh-ed25519, ssh-rsa, ecdsa-sha2-nistp256/384/521, sk-ssh-ed25519@openssh.com, sk-ecdsa-sha2-nistp256@openssh.com (no options in front, no line breaks)","description":"One OpenSSH public key line as in a .pub file: type, base64 key, optional comment.","examples":["ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIDZ5Df6h0vsFwoqGdPS7NGf7e7g1BpvxQQYHkzxB4mY9 floppy-upload@rollout"]};
const schema60 = {"type":"string","minLength":1,"maxLength":32,"pattern":"^[a-z0-9][a-z0-9._-]{0,31}$","patternErrorMessage":"must be a file system type as findmnt prints it: lower-case letters, digits, \".\", \"_\" and \"-\"","description":"A file system type as `findmnt -o FSTYPE` prints it, e.g. nfs, nfs4, fuse.glusterfs."};
const func1 = Object.prototype.hasOwnProperty;
const func3 = require("ajv/dist/runtime/ucs2length").default;
const func0 = require("ajv/dist/runtime/equal").default;
const pattern4 = new RegExp("^[a-z_][a-z0-9_-]{0,31}$", "u");
const pattern5 = new RegExp("^(?!.*/\\.\\.(?:/|$))~?/(?:[A-Za-z0-9._+@:-]+(?:/[A-Za-z0-9._+@:-]+)*/?)?$", "u");
const pattern7 = new RegExp("^(?:[A-Za-z0-9_][A-Za-z0-9._-]{0,252}|[0-9A-Fa-f.]*:[0-9A-Fa-f:.]*)$", "u");
const pattern8 = new RegExp("^[A-Za-z0-9_:][A-Za-z0-9._:-]{0,252}$", "u");
const pattern10 = new RegExp("^[A-Za-z0-9_][A-Za-z0-9_.@:-]{0,254}$", "u");
const pattern11 = new RegExp("^https?://[^\\s'\"`$;&|<>*\\\\{}()]+$", "u");
const pattern19 = new RegExp("^(?!.*/\\.\\.(?:/|$))/(?:[A-Za-z0-9._+@:-]+(?:/[A-Za-z0-9._+@:-]+)*/?)?$", "u");
const pattern20 = new RegExp("^[A-Za-z0-9_][A-Za-z0-9._+@-]{0,254}$", "u");
const pattern21 = new RegExp("^(?:ssh-ed25519|ssh-rsa|ecdsa-sha2-nistp(?:256|384|521)|sk-ssh-ed25519@openssh\\.com|sk-ecdsa-sha2-nistp256@openssh\\.com) AAAA[A-Za-z0-9+/]+={0,3}(?: [^\\u0000-\\u001f\\u007f]*)?$", "u");
const pattern22 = new RegExp("^[0-9A-Fa-f.:]+$", "u");
const pattern26 = new RegExp("^[^\\u0000-\\u001f\\u007f]*$", "u");
const pattern27 = new RegExp("^[A-Za-z0-9_]{1,64}$", "u");
const pattern29 = new RegExp("^[a-z0-9][a-z0-9._-]{0,31}$", "u");
const pattern30 = new RegExp("^https://[^\\s'\"`$;&|<>*\\\\{}()]+$", "u");
const pattern31 = new RegExp("^[A-Za-z0-9._%+-]+(?:@[A-Za-z0-9._-]+)+$", "u");
const pattern32 = new RegExp("^[A-Za-z_][A-Za-z0-9_]{0,127}$", "u");
const pattern35 = new RegExp("^[A-Za-z0-9_][A-Za-z0-9._-]{0,63}$", "u");
const schema34 = {"type":"array","items":{"$ref":"#/$defs/localPath"},"uniqueItems":true,"description":"Files on the machine running ovirt-floppy."};

function validate21(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate21.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(Array.isArray(data)){
const len0 = data.length;
for(let i0=0; i0<len0; i0++){
let data0 = data[i0];
if(typeof data0 === "string"){
if(func3(data0) > 4096){
const err0 = {instancePath:instancePath+"/" + i0,schemaPath:"#/$defs/localPath/maxLength",keyword:"maxLength",params:{limit: 4096},message:"must NOT have more than 4096 characters",schema:4096,parentSchema:schema35,data:data0};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(func3(data0) < 2){
const err1 = {instancePath:instancePath+"/" + i0,schemaPath:"#/$defs/localPath/minLength",keyword:"minLength",params:{limit: 2},message:"must NOT have fewer than 2 characters",schema:2,parentSchema:schema35,data:data0};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(!pattern5.test(data0)){
const err2 = {instancePath:instancePath+"/" + i0,schemaPath:"#/$defs/localPath/pattern",keyword:"pattern",params:{pattern: "^(?!.*/\\.\\.(?:/|$))~?/(?:[A-Za-z0-9._+@:-]+(?:/[A-Za-z0-9._+@:-]+)*/?)?$"},message:"must match pattern \""+"^(?!.*/\\.\\.(?:/|$))~?/(?:[A-Za-z0-9._+@:-]+(?:/[A-Za-z0-9._+@:-]+)*/?)?$"+"\"",schema:"^(?!.*/\\.\\.(?:/|$))~?/(?:[A-Za-z0-9._+@:-]+(?:/[A-Za-z0-9._+@:-]+)*/?)?$",parentSchema:schema35,data:data0};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
else {
const err3 = {instancePath:instancePath+"/" + i0,schemaPath:"#/$defs/localPath/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema35.type,parentSchema:schema35,data:data0};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
let i1 = data.length;
let j0;
if(i1 > 1){
outer0:
for(;i1--;){
for(j0 = i1; j0--;){
if(func0(data[i1], data[j0])){
const err4 = {instancePath,schemaPath:"#/uniqueItems",keyword:"uniqueItems",params:{i: i1, j: j0},message:"must NOT have duplicate items (items ## "+j0+" and "+i1+" are identical)",schema:true,parentSchema:schema34,data};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
break outer0;
}
}
}
}
}
else {
const err5 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema34.type,parentSchema:schema34,data};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
validate21.errors = vErrors;
return errors === 0;
}
validate21.evaluated = {"items":true,"dynamicProps":false,"dynamicItems":false};

const formats0 = require("ajv-formats/dist/formats").fullFormats.uri;

function validate20(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
/*# sourceURL="https://ovirt-floppy.dev/config.schema.json" */;
let vErrors = null;
let errors = 0;
const evaluated0 = validate20.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.payload === undefined){
data.payload = "auto";
}
if(data.ssh === undefined){
data.ssh = {};
}
if(data.hypervisors === undefined){
data.hypervisors = [];
}
if(data.floppy === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "floppy"},message:"must have required property '"+"floppy"+"'",schema:schema31.required,parentSchema:schema31,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
for(const key0 in data){
if(!(func1.call(schema31.properties, key0))){
const err1 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema31,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
if(data.$schema !== undefined){
let data0 = data.$schema;
if(typeof data0 !== "string"){
const err2 = {instancePath:instancePath+"/$schema",schemaPath:"#/properties/%24schema/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema31.properties.$schema.type,parentSchema:schema31.properties.$schema,data:data0};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
let data1 = data.payload;
if(typeof data1 !== "string"){
const err3 = {instancePath:instancePath+"/payload",schemaPath:"#/properties/payload/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema31.properties.payload.type,parentSchema:schema31.properties.payload,data:data1};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
if(!(((data1 === "auto") || (data1 === "floppy")) || (data1 === "cdrom"))){
const err4 = {instancePath:instancePath+"/payload",schemaPath:"#/properties/payload/enum",keyword:"enum",params:{allowedValues: schema31.properties.payload.enum},message:"must be equal to one of the allowed values",schema:schema31.properties.payload.enum,parentSchema:schema31.properties.payload,data:data1};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
let data2 = data.ssh;
if(data2 && typeof data2 == "object" && !Array.isArray(data2)){
if(data2.user === undefined){
data2.user = "root";
}
if(data2.port === undefined){
data2.port = 22;
}
if(data2.identityFiles === undefined){
data2.identityFiles = [];
}
if(data2.agent === undefined){
data2.agent = true;
}
if(data2.knownHostsFile === undefined){
data2.knownHostsFile = "~/.ssh/known_hosts";
}
if(data2.useSshConfig === undefined){
data2.useSshConfig = true;
}
if(data2.become === undefined){
data2.become = "sudo";
}
if(data2.connectTimeout === undefined){
data2.connectTimeout = 10;
}
if(data2.execTimeout === undefined){
data2.execTimeout = 60;
}
if(data2.concurrency === undefined){
data2.concurrency = 32;
}
for(const key1 in data2){
if(!(func1.call(schema31.properties.ssh.properties, key1))){
const err5 = {instancePath:instancePath+"/ssh",schemaPath:"#/properties/ssh/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties",schema:false,parentSchema:schema31.properties.ssh,data:data2};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
let data3 = data2.user;
if(typeof data3 === "string"){
if(func3(data3) > 32){
const err6 = {instancePath:instancePath+"/ssh/user",schemaPath:"#/$defs/userName/maxLength",keyword:"maxLength",params:{limit: 32},message:"must NOT have more than 32 characters",schema:32,parentSchema:schema32,data:data3};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
if(func3(data3) < 1){
const err7 = {instancePath:instancePath+"/ssh/user",schemaPath:"#/$defs/userName/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema32,data:data3};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
if(!pattern4.test(data3)){
const err8 = {instancePath:instancePath+"/ssh/user",schemaPath:"#/$defs/userName/pattern",keyword:"pattern",params:{pattern: "^[a-z_][a-z0-9_-]{0,31}$"},message:"must match pattern \""+"^[a-z_][a-z0-9_-]{0,31}$"+"\"",schema:"^[a-z_][a-z0-9_-]{0,31}$",parentSchema:schema32,data:data3};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
else {
const err9 = {instancePath:instancePath+"/ssh/user",schemaPath:"#/$defs/userName/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema32.type,parentSchema:schema32,data:data3};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
let data4 = data2.port;
if(!(((typeof data4 == "number") && (!(data4 % 1) && !isNaN(data4))) && (isFinite(data4)))){
const err10 = {instancePath:instancePath+"/ssh/port",schemaPath:"#/$defs/port/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema33.type,parentSchema:schema33,data:data4};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
if((typeof data4 == "number") && (isFinite(data4))){
if(data4 > 65535 || isNaN(data4)){
const err11 = {instancePath:instancePath+"/ssh/port",schemaPath:"#/$defs/port/maximum",keyword:"maximum",params:{comparison: "<=", limit: 65535},message:"must be <= 65535",schema:65535,parentSchema:schema33,data:data4};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
if(data4 < 1 || isNaN(data4)){
const err12 = {instancePath:instancePath+"/ssh/port",schemaPath:"#/$defs/port/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema33,data:data4};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
if(!(validate21(data2.identityFiles, {instancePath:instancePath+"/ssh/identityFiles",parentData:data2,parentDataProperty:"identityFiles",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate21.errors : vErrors.concat(validate21.errors);
errors = vErrors.length;
}
let data6 = data2.agent;
if(typeof data6 !== "boolean"){
const err13 = {instancePath:instancePath+"/ssh/agent",schemaPath:"#/properties/ssh/properties/agent/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema31.properties.ssh.properties.agent.type,parentSchema:schema31.properties.ssh.properties.agent,data:data6};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
let data7 = data2.knownHostsFile;
if(typeof data7 === "string"){
if(func3(data7) > 4096){
const err14 = {instancePath:instancePath+"/ssh/knownHostsFile",schemaPath:"#/$defs/localPath/maxLength",keyword:"maxLength",params:{limit: 4096},message:"must NOT have more than 4096 characters",schema:4096,parentSchema:schema35,data:data7};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
if(func3(data7) < 2){
const err15 = {instancePath:instancePath+"/ssh/knownHostsFile",schemaPath:"#/$defs/localPath/minLength",keyword:"minLength",params:{limit: 2},message:"must NOT have fewer than 2 characters",schema:2,parentSchema:schema35,data:data7};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
if(!pattern5.test(data7)){
const err16 = {instancePath:instancePath+"/ssh/knownHostsFile",schemaPath:"#/$defs/localPath/pattern",keyword:"pattern",params:{pattern: "^(?!.*/\\.\\.(?:/|$))~?/(?:[A-Za-z0-9._+@:-]+(?:/[A-Za-z0-9._+@:-]+)*/?)?$"},message:"must match pattern \""+"^(?!.*/\\.\\.(?:/|$))~?/(?:[A-Za-z0-9._+@:-]+(?:/[A-Za-z0-9._+@:-]+)*/?)?$"+"\"",schema:"^(?!.*/\\.\\.(?:/|$))~?/(?:[A-Za-z0-9._+@:-]+(?:/[A-Za-z0-9._+@:-]+)*/?)?$",parentSchema:schema35,data:data7};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
else {
const err17 = {instancePath:instancePath+"/ssh/knownHostsFile",schemaPath:"#/$defs/localPath/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema35.type,parentSchema:schema35,data:data7};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
let data8 = data2.useSshConfig;
if(typeof data8 !== "boolean"){
const err18 = {instancePath:instancePath+"/ssh/useSshConfig",schemaPath:"#/properties/ssh/properties/useSshConfig/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema31.properties.ssh.properties.useSshConfig.type,parentSchema:schema31.properties.ssh.properties.useSshConfig,data:data8};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
let data9 = data2.become;
if(typeof data9 !== "string"){
const err19 = {instancePath:instancePath+"/ssh/become",schemaPath:"#/$defs/become/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema37.type,parentSchema:schema37,data:data9};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
if(!((data9 === "sudo") || (data9 === "none"))){
const err20 = {instancePath:instancePath+"/ssh/become",schemaPath:"#/$defs/become/enum",keyword:"enum",params:{allowedValues: schema37.enum},message:"must be equal to one of the allowed values",schema:schema37.enum,parentSchema:schema37,data:data9};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
let data10 = data2.connectTimeout;
if(!(((typeof data10 == "number") && (!(data10 % 1) && !isNaN(data10))) && (isFinite(data10)))){
const err21 = {instancePath:instancePath+"/ssh/connectTimeout",schemaPath:"#/properties/ssh/properties/connectTimeout/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema31.properties.ssh.properties.connectTimeout.type,parentSchema:schema31.properties.ssh.properties.connectTimeout,data:data10};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
if((typeof data10 == "number") && (isFinite(data10))){
if(data10 > 600 || isNaN(data10)){
const err22 = {instancePath:instancePath+"/ssh/connectTimeout",schemaPath:"#/properties/ssh/properties/connectTimeout/maximum",keyword:"maximum",params:{comparison: "<=", limit: 600},message:"must be <= 600",schema:600,parentSchema:schema31.properties.ssh.properties.connectTimeout,data:data10};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
if(data10 < 1 || isNaN(data10)){
const err23 = {instancePath:instancePath+"/ssh/connectTimeout",schemaPath:"#/properties/ssh/properties/connectTimeout/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema31.properties.ssh.properties.connectTimeout,data:data10};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
}
let data11 = data2.execTimeout;
if(!(((typeof data11 == "number") && (!(data11 % 1) && !isNaN(data11))) && (isFinite(data11)))){
const err24 = {instancePath:instancePath+"/ssh/execTimeout",schemaPath:"#/properties/ssh/properties/execTimeout/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema31.properties.ssh.properties.execTimeout.type,parentSchema:schema31.properties.ssh.properties.execTimeout,data:data11};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
if((typeof data11 == "number") && (isFinite(data11))){
if(data11 > 86400 || isNaN(data11)){
const err25 = {instancePath:instancePath+"/ssh/execTimeout",schemaPath:"#/properties/ssh/properties/execTimeout/maximum",keyword:"maximum",params:{comparison: "<=", limit: 86400},message:"must be <= 86400",schema:86400,parentSchema:schema31.properties.ssh.properties.execTimeout,data:data11};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
if(data11 < 1 || isNaN(data11)){
const err26 = {instancePath:instancePath+"/ssh/execTimeout",schemaPath:"#/properties/ssh/properties/execTimeout/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema31.properties.ssh.properties.execTimeout,data:data11};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
}
let data12 = data2.concurrency;
if(!(((typeof data12 == "number") && (!(data12 % 1) && !isNaN(data12))) && (isFinite(data12)))){
const err27 = {instancePath:instancePath+"/ssh/concurrency",schemaPath:"#/properties/ssh/properties/concurrency/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema31.properties.ssh.properties.concurrency.type,parentSchema:schema31.properties.ssh.properties.concurrency,data:data12};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
if((typeof data12 == "number") && (isFinite(data12))){
if(data12 > 1024 || isNaN(data12)){
const err28 = {instancePath:instancePath+"/ssh/concurrency",schemaPath:"#/properties/ssh/properties/concurrency/maximum",keyword:"maximum",params:{comparison: "<=", limit: 1024},message:"must be <= 1024",schema:1024,parentSchema:schema31.properties.ssh.properties.concurrency,data:data12};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
if(data12 < 1 || isNaN(data12)){
const err29 = {instancePath:instancePath+"/ssh/concurrency",schemaPath:"#/properties/ssh/properties/concurrency/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema31.properties.ssh.properties.concurrency,data:data12};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
}
}
else {
const err30 = {instancePath:instancePath+"/ssh",schemaPath:"#/properties/ssh/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema31.properties.ssh.type,parentSchema:schema31.properties.ssh,data:data2};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
if(data.manager !== undefined){
let data13 = data.manager;
if(data13 && typeof data13 == "object" && !Array.isArray(data13)){
if(data13.engineService === undefined){
data13.engineService = "ovirt-engine";
}
if(data13.healthUrl === undefined){
data13.healthUrl = "http://localhost/ovirt-engine/services/health";
}
if(data13.restartTimeout === undefined){
data13.restartTimeout = 300;
}
if(data13.engineConfigTimeout === undefined){
data13.engineConfigTimeout = 30;
}
if(data13.host === undefined){
const err31 = {instancePath:instancePath+"/manager",schemaPath:"#/properties/manager/required",keyword:"required",params:{missingProperty: "host"},message:"must have required property '"+"host"+"'",schema:schema31.properties.manager.required,parentSchema:schema31.properties.manager,data:data13};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
for(const key2 in data13){
if(!(func1.call(schema31.properties.manager.properties, key2))){
const err32 = {instancePath:instancePath+"/manager",schemaPath:"#/properties/manager/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key2},message:"must NOT have additional properties",schema:false,parentSchema:schema31.properties.manager,data:data13};
if(vErrors === null){
vErrors = [err32];
}
else {
vErrors.push(err32);
}
errors++;
}
}
if(data13.host !== undefined){
let data14 = data13.host;
if(typeof data14 === "string"){
if(func3(data14) > 253){
const err33 = {instancePath:instancePath+"/manager/host",schemaPath:"#/$defs/hostAddress/maxLength",keyword:"maxLength",params:{limit: 253},message:"must NOT have more than 253 characters",schema:253,parentSchema:schema38,data:data14};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
}
if(func3(data14) < 1){
const err34 = {instancePath:instancePath+"/manager/host",schemaPath:"#/$defs/hostAddress/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema38,data:data14};
if(vErrors === null){
vErrors = [err34];
}
else {
vErrors.push(err34);
}
errors++;
}
if(!pattern7.test(data14)){
const err35 = {instancePath:instancePath+"/manager/host",schemaPath:"#/$defs/hostAddress/pattern",keyword:"pattern",params:{pattern: "^(?:[A-Za-z0-9_][A-Za-z0-9._-]{0,252}|[0-9A-Fa-f.]*:[0-9A-Fa-f:.]*)$"},message:"must match pattern \""+"^(?:[A-Za-z0-9_][A-Za-z0-9._-]{0,252}|[0-9A-Fa-f.]*:[0-9A-Fa-f:.]*)$"+"\"",schema:"^(?:[A-Za-z0-9_][A-Za-z0-9._-]{0,252}|[0-9A-Fa-f.]*:[0-9A-Fa-f:.]*)$",parentSchema:schema38,data:data14};
if(vErrors === null){
vErrors = [err35];
}
else {
vErrors.push(err35);
}
errors++;
}
}
else {
const err36 = {instancePath:instancePath+"/manager/host",schemaPath:"#/$defs/hostAddress/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema38.type,parentSchema:schema38,data:data14};
if(vErrors === null){
vErrors = [err36];
}
else {
vErrors.push(err36);
}
errors++;
}
}
if(data13.name !== undefined){
let data15 = data13.name;
if(typeof data15 === "string"){
if(func3(data15) > 253){
const err37 = {instancePath:instancePath+"/manager/name",schemaPath:"#/$defs/hostName/maxLength",keyword:"maxLength",params:{limit: 253},message:"must NOT have more than 253 characters",schema:253,parentSchema:schema39,data:data15};
if(vErrors === null){
vErrors = [err37];
}
else {
vErrors.push(err37);
}
errors++;
}
if(func3(data15) < 1){
const err38 = {instancePath:instancePath+"/manager/name",schemaPath:"#/$defs/hostName/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema39,data:data15};
if(vErrors === null){
vErrors = [err38];
}
else {
vErrors.push(err38);
}
errors++;
}
if(!pattern8.test(data15)){
const err39 = {instancePath:instancePath+"/manager/name",schemaPath:"#/$defs/hostName/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9_:][A-Za-z0-9._:-]{0,252}$"},message:"must match pattern \""+"^[A-Za-z0-9_:][A-Za-z0-9._:-]{0,252}$"+"\"",schema:"^[A-Za-z0-9_:][A-Za-z0-9._:-]{0,252}$",parentSchema:schema39,data:data15};
if(vErrors === null){
vErrors = [err39];
}
else {
vErrors.push(err39);
}
errors++;
}
}
else {
const err40 = {instancePath:instancePath+"/manager/name",schemaPath:"#/$defs/hostName/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema39.type,parentSchema:schema39,data:data15};
if(vErrors === null){
vErrors = [err40];
}
else {
vErrors.push(err40);
}
errors++;
}
}
if(data13.user !== undefined){
let data16 = data13.user;
if(typeof data16 === "string"){
if(func3(data16) > 32){
const err41 = {instancePath:instancePath+"/manager/user",schemaPath:"#/$defs/userName/maxLength",keyword:"maxLength",params:{limit: 32},message:"must NOT have more than 32 characters",schema:32,parentSchema:schema32,data:data16};
if(vErrors === null){
vErrors = [err41];
}
else {
vErrors.push(err41);
}
errors++;
}
if(func3(data16) < 1){
const err42 = {instancePath:instancePath+"/manager/user",schemaPath:"#/$defs/userName/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema32,data:data16};
if(vErrors === null){
vErrors = [err42];
}
else {
vErrors.push(err42);
}
errors++;
}
if(!pattern4.test(data16)){
const err43 = {instancePath:instancePath+"/manager/user",schemaPath:"#/$defs/userName/pattern",keyword:"pattern",params:{pattern: "^[a-z_][a-z0-9_-]{0,31}$"},message:"must match pattern \""+"^[a-z_][a-z0-9_-]{0,31}$"+"\"",schema:"^[a-z_][a-z0-9_-]{0,31}$",parentSchema:schema32,data:data16};
if(vErrors === null){
vErrors = [err43];
}
else {
vErrors.push(err43);
}
errors++;
}
}
else {
const err44 = {instancePath:instancePath+"/manager/user",schemaPath:"#/$defs/userName/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema32.type,parentSchema:schema32,data:data16};
if(vErrors === null){
vErrors = [err44];
}
else {
vErrors.push(err44);
}
errors++;
}
}
if(data13.port !== undefined){
let data17 = data13.port;
if(!(((typeof data17 == "number") && (!(data17 % 1) && !isNaN(data17))) && (isFinite(data17)))){
const err45 = {instancePath:instancePath+"/manager/port",schemaPath:"#/$defs/port/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema33.type,parentSchema:schema33,data:data17};
if(vErrors === null){
vErrors = [err45];
}
else {
vErrors.push(err45);
}
errors++;
}
if((typeof data17 == "number") && (isFinite(data17))){
if(data17 > 65535 || isNaN(data17)){
const err46 = {instancePath:instancePath+"/manager/port",schemaPath:"#/$defs/port/maximum",keyword:"maximum",params:{comparison: "<=", limit: 65535},message:"must be <= 65535",schema:65535,parentSchema:schema33,data:data17};
if(vErrors === null){
vErrors = [err46];
}
else {
vErrors.push(err46);
}
errors++;
}
if(data17 < 1 || isNaN(data17)){
const err47 = {instancePath:instancePath+"/manager/port",schemaPath:"#/$defs/port/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema33,data:data17};
if(vErrors === null){
vErrors = [err47];
}
else {
vErrors.push(err47);
}
errors++;
}
}
}
if(data13.identityFiles !== undefined){
if(!(validate21(data13.identityFiles, {instancePath:instancePath+"/manager/identityFiles",parentData:data13,parentDataProperty:"identityFiles",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate21.errors : vErrors.concat(validate21.errors);
errors = vErrors.length;
}
}
if(data13.become !== undefined){
let data19 = data13.become;
if(typeof data19 !== "string"){
const err48 = {instancePath:instancePath+"/manager/become",schemaPath:"#/$defs/become/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema37.type,parentSchema:schema37,data:data19};
if(vErrors === null){
vErrors = [err48];
}
else {
vErrors.push(err48);
}
errors++;
}
if(!((data19 === "sudo") || (data19 === "none"))){
const err49 = {instancePath:instancePath+"/manager/become",schemaPath:"#/$defs/become/enum",keyword:"enum",params:{allowedValues: schema37.enum},message:"must be equal to one of the allowed values",schema:schema37.enum,parentSchema:schema37,data:data19};
if(vErrors === null){
vErrors = [err49];
}
else {
vErrors.push(err49);
}
errors++;
}
}
let data20 = data13.engineService;
if(typeof data20 === "string"){
if(func3(data20) > 255){
const err50 = {instancePath:instancePath+"/manager/engineService",schemaPath:"#/$defs/serviceName/maxLength",keyword:"maxLength",params:{limit: 255},message:"must NOT have more than 255 characters",schema:255,parentSchema:schema43,data:data20};
if(vErrors === null){
vErrors = [err50];
}
else {
vErrors.push(err50);
}
errors++;
}
if(func3(data20) < 1){
const err51 = {instancePath:instancePath+"/manager/engineService",schemaPath:"#/$defs/serviceName/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema43,data:data20};
if(vErrors === null){
vErrors = [err51];
}
else {
vErrors.push(err51);
}
errors++;
}
if(!pattern10.test(data20)){
const err52 = {instancePath:instancePath+"/manager/engineService",schemaPath:"#/$defs/serviceName/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9_][A-Za-z0-9_.@:-]{0,254}$"},message:"must match pattern \""+"^[A-Za-z0-9_][A-Za-z0-9_.@:-]{0,254}$"+"\"",schema:"^[A-Za-z0-9_][A-Za-z0-9_.@:-]{0,254}$",parentSchema:schema43,data:data20};
if(vErrors === null){
vErrors = [err52];
}
else {
vErrors.push(err52);
}
errors++;
}
}
else {
const err53 = {instancePath:instancePath+"/manager/engineService",schemaPath:"#/$defs/serviceName/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema43.type,parentSchema:schema43,data:data20};
if(vErrors === null){
vErrors = [err53];
}
else {
vErrors.push(err53);
}
errors++;
}
let data21 = data13.healthUrl;
if(typeof data21 === "string"){
if(func3(data21) > 2048){
const err54 = {instancePath:instancePath+"/manager/healthUrl",schemaPath:"#/properties/manager/properties/healthUrl/maxLength",keyword:"maxLength",params:{limit: 2048},message:"must NOT have more than 2048 characters",schema:2048,parentSchema:schema31.properties.manager.properties.healthUrl,data:data21};
if(vErrors === null){
vErrors = [err54];
}
else {
vErrors.push(err54);
}
errors++;
}
if(!pattern11.test(data21)){
const err55 = {instancePath:instancePath+"/manager/healthUrl",schemaPath:"#/properties/manager/properties/healthUrl/pattern",keyword:"pattern",params:{pattern: "^https?://[^\\s'\"`$;&|<>*\\\\{}()]+$"},message:"must match pattern \""+"^https?://[^\\s'\"`$;&|<>*\\\\{}()]+$"+"\"",schema:"^https?://[^\\s'\"`$;&|<>*\\\\{}()]+$",parentSchema:schema31.properties.manager.properties.healthUrl,data:data21};
if(vErrors === null){
vErrors = [err55];
}
else {
vErrors.push(err55);
}
errors++;
}
if(!(formats0(data21))){
const err56 = {instancePath:instancePath+"/manager/healthUrl",schemaPath:"#/properties/manager/properties/healthUrl/format",keyword:"format",params:{format: "uri"},message:"must match format \""+"uri"+"\"",schema:"uri",parentSchema:schema31.properties.manager.properties.healthUrl,data:data21};
if(vErrors === null){
vErrors = [err56];
}
else {
vErrors.push(err56);
}
errors++;
}
}
else {
const err57 = {instancePath:instancePath+"/manager/healthUrl",schemaPath:"#/properties/manager/properties/healthUrl/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema31.properties.manager.properties.healthUrl.type,parentSchema:schema31.properties.manager.properties.healthUrl,data:data21};
if(vErrors === null){
vErrors = [err57];
}
else {
vErrors.push(err57);
}
errors++;
}
let data22 = data13.restartTimeout;
if(!(((typeof data22 == "number") && (!(data22 % 1) && !isNaN(data22))) && (isFinite(data22)))){
const err58 = {instancePath:instancePath+"/manager/restartTimeout",schemaPath:"#/properties/manager/properties/restartTimeout/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema31.properties.manager.properties.restartTimeout.type,parentSchema:schema31.properties.manager.properties.restartTimeout,data:data22};
if(vErrors === null){
vErrors = [err58];
}
else {
vErrors.push(err58);
}
errors++;
}
if((typeof data22 == "number") && (isFinite(data22))){
if(data22 > 3600 || isNaN(data22)){
const err59 = {instancePath:instancePath+"/manager/restartTimeout",schemaPath:"#/properties/manager/properties/restartTimeout/maximum",keyword:"maximum",params:{comparison: "<=", limit: 3600},message:"must be <= 3600",schema:3600,parentSchema:schema31.properties.manager.properties.restartTimeout,data:data22};
if(vErrors === null){
vErrors = [err59];
}
else {
vErrors.push(err59);
}
errors++;
}
if(data22 < 1 || isNaN(data22)){
const err60 = {instancePath:instancePath+"/manager/restartTimeout",schemaPath:"#/properties/manager/properties/restartTimeout/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema31.properties.manager.properties.restartTimeout,data:data22};
if(vErrors === null){
vErrors = [err60];
}
else {
vErrors.push(err60);
}
errors++;
}
}
let data23 = data13.engineConfigTimeout;
if(!(((typeof data23 == "number") && (!(data23 % 1) && !isNaN(data23))) && (isFinite(data23)))){
const err61 = {instancePath:instancePath+"/manager/engineConfigTimeout",schemaPath:"#/properties/manager/properties/engineConfigTimeout/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema31.properties.manager.properties.engineConfigTimeout.type,parentSchema:schema31.properties.manager.properties.engineConfigTimeout,data:data23};
if(vErrors === null){
vErrors = [err61];
}
else {
vErrors.push(err61);
}
errors++;
}
if((typeof data23 == "number") && (isFinite(data23))){
if(data23 > 3600 || isNaN(data23)){
const err62 = {instancePath:instancePath+"/manager/engineConfigTimeout",schemaPath:"#/properties/manager/properties/engineConfigTimeout/maximum",keyword:"maximum",params:{comparison: "<=", limit: 3600},message:"must be <= 3600",schema:3600,parentSchema:schema31.properties.manager.properties.engineConfigTimeout,data:data23};
if(vErrors === null){
vErrors = [err62];
}
else {
vErrors.push(err62);
}
errors++;
}
if(data23 < 1 || isNaN(data23)){
const err63 = {instancePath:instancePath+"/manager/engineConfigTimeout",schemaPath:"#/properties/manager/properties/engineConfigTimeout/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema31.properties.manager.properties.engineConfigTimeout,data:data23};
if(vErrors === null){
vErrors = [err63];
}
else {
vErrors.push(err63);
}
errors++;
}
}
}
else {
const err64 = {instancePath:instancePath+"/manager",schemaPath:"#/properties/manager/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema31.properties.manager.type,parentSchema:schema31.properties.manager,data:data13};
if(vErrors === null){
vErrors = [err64];
}
else {
vErrors.push(err64);
}
errors++;
}
}
let data24 = data.hypervisors;
if(Array.isArray(data24)){
const len0 = data24.length;
for(let i0=0; i0<len0; i0++){
let data25 = data24[i0];
if(data25 && typeof data25 == "object" && !Array.isArray(data25)){
if(data25.host === undefined){
const err65 = {instancePath:instancePath+"/hypervisors/" + i0,schemaPath:"#/properties/hypervisors/items/required",keyword:"required",params:{missingProperty: "host"},message:"must have required property '"+"host"+"'",schema:schema31.properties.hypervisors.items.required,parentSchema:schema31.properties.hypervisors.items,data:data25};
if(vErrors === null){
vErrors = [err65];
}
else {
vErrors.push(err65);
}
errors++;
}
for(const key3 in data25){
if(!((((((key3 === "host") || (key3 === "name")) || (key3 === "user")) || (key3 === "port")) || (key3 === "identityFiles")) || (key3 === "become"))){
const err66 = {instancePath:instancePath+"/hypervisors/" + i0,schemaPath:"#/properties/hypervisors/items/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key3},message:"must NOT have additional properties",schema:false,parentSchema:schema31.properties.hypervisors.items,data:data25};
if(vErrors === null){
vErrors = [err66];
}
else {
vErrors.push(err66);
}
errors++;
}
}
if(data25.host !== undefined){
let data26 = data25.host;
if(typeof data26 === "string"){
if(func3(data26) > 253){
const err67 = {instancePath:instancePath+"/hypervisors/" + i0+"/host",schemaPath:"#/$defs/hostAddress/maxLength",keyword:"maxLength",params:{limit: 253},message:"must NOT have more than 253 characters",schema:253,parentSchema:schema38,data:data26};
if(vErrors === null){
vErrors = [err67];
}
else {
vErrors.push(err67);
}
errors++;
}
if(func3(data26) < 1){
const err68 = {instancePath:instancePath+"/hypervisors/" + i0+"/host",schemaPath:"#/$defs/hostAddress/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema38,data:data26};
if(vErrors === null){
vErrors = [err68];
}
else {
vErrors.push(err68);
}
errors++;
}
if(!pattern7.test(data26)){
const err69 = {instancePath:instancePath+"/hypervisors/" + i0+"/host",schemaPath:"#/$defs/hostAddress/pattern",keyword:"pattern",params:{pattern: "^(?:[A-Za-z0-9_][A-Za-z0-9._-]{0,252}|[0-9A-Fa-f.]*:[0-9A-Fa-f:.]*)$"},message:"must match pattern \""+"^(?:[A-Za-z0-9_][A-Za-z0-9._-]{0,252}|[0-9A-Fa-f.]*:[0-9A-Fa-f:.]*)$"+"\"",schema:"^(?:[A-Za-z0-9_][A-Za-z0-9._-]{0,252}|[0-9A-Fa-f.]*:[0-9A-Fa-f:.]*)$",parentSchema:schema38,data:data26};
if(vErrors === null){
vErrors = [err69];
}
else {
vErrors.push(err69);
}
errors++;
}
}
else {
const err70 = {instancePath:instancePath+"/hypervisors/" + i0+"/host",schemaPath:"#/$defs/hostAddress/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema38.type,parentSchema:schema38,data:data26};
if(vErrors === null){
vErrors = [err70];
}
else {
vErrors.push(err70);
}
errors++;
}
}
if(data25.name !== undefined){
let data27 = data25.name;
if(typeof data27 === "string"){
if(func3(data27) > 253){
const err71 = {instancePath:instancePath+"/hypervisors/" + i0+"/name",schemaPath:"#/$defs/hostName/maxLength",keyword:"maxLength",params:{limit: 253},message:"must NOT have more than 253 characters",schema:253,parentSchema:schema39,data:data27};
if(vErrors === null){
vErrors = [err71];
}
else {
vErrors.push(err71);
}
errors++;
}
if(func3(data27) < 1){
const err72 = {instancePath:instancePath+"/hypervisors/" + i0+"/name",schemaPath:"#/$defs/hostName/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema39,data:data27};
if(vErrors === null){
vErrors = [err72];
}
else {
vErrors.push(err72);
}
errors++;
}
if(!pattern8.test(data27)){
const err73 = {instancePath:instancePath+"/hypervisors/" + i0+"/name",schemaPath:"#/$defs/hostName/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9_:][A-Za-z0-9._:-]{0,252}$"},message:"must match pattern \""+"^[A-Za-z0-9_:][A-Za-z0-9._:-]{0,252}$"+"\"",schema:"^[A-Za-z0-9_:][A-Za-z0-9._:-]{0,252}$",parentSchema:schema39,data:data27};
if(vErrors === null){
vErrors = [err73];
}
else {
vErrors.push(err73);
}
errors++;
}
}
else {
const err74 = {instancePath:instancePath+"/hypervisors/" + i0+"/name",schemaPath:"#/$defs/hostName/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema39.type,parentSchema:schema39,data:data27};
if(vErrors === null){
vErrors = [err74];
}
else {
vErrors.push(err74);
}
errors++;
}
}
if(data25.user !== undefined){
let data28 = data25.user;
if(typeof data28 === "string"){
if(func3(data28) > 32){
const err75 = {instancePath:instancePath+"/hypervisors/" + i0+"/user",schemaPath:"#/$defs/userName/maxLength",keyword:"maxLength",params:{limit: 32},message:"must NOT have more than 32 characters",schema:32,parentSchema:schema32,data:data28};
if(vErrors === null){
vErrors = [err75];
}
else {
vErrors.push(err75);
}
errors++;
}
if(func3(data28) < 1){
const err76 = {instancePath:instancePath+"/hypervisors/" + i0+"/user",schemaPath:"#/$defs/userName/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema32,data:data28};
if(vErrors === null){
vErrors = [err76];
}
else {
vErrors.push(err76);
}
errors++;
}
if(!pattern4.test(data28)){
const err77 = {instancePath:instancePath+"/hypervisors/" + i0+"/user",schemaPath:"#/$defs/userName/pattern",keyword:"pattern",params:{pattern: "^[a-z_][a-z0-9_-]{0,31}$"},message:"must match pattern \""+"^[a-z_][a-z0-9_-]{0,31}$"+"\"",schema:"^[a-z_][a-z0-9_-]{0,31}$",parentSchema:schema32,data:data28};
if(vErrors === null){
vErrors = [err77];
}
else {
vErrors.push(err77);
}
errors++;
}
}
else {
const err78 = {instancePath:instancePath+"/hypervisors/" + i0+"/user",schemaPath:"#/$defs/userName/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema32.type,parentSchema:schema32,data:data28};
if(vErrors === null){
vErrors = [err78];
}
else {
vErrors.push(err78);
}
errors++;
}
}
if(data25.port !== undefined){
let data29 = data25.port;
if(!(((typeof data29 == "number") && (!(data29 % 1) && !isNaN(data29))) && (isFinite(data29)))){
const err79 = {instancePath:instancePath+"/hypervisors/" + i0+"/port",schemaPath:"#/$defs/port/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema33.type,parentSchema:schema33,data:data29};
if(vErrors === null){
vErrors = [err79];
}
else {
vErrors.push(err79);
}
errors++;
}
if((typeof data29 == "number") && (isFinite(data29))){
if(data29 > 65535 || isNaN(data29)){
const err80 = {instancePath:instancePath+"/hypervisors/" + i0+"/port",schemaPath:"#/$defs/port/maximum",keyword:"maximum",params:{comparison: "<=", limit: 65535},message:"must be <= 65535",schema:65535,parentSchema:schema33,data:data29};
if(vErrors === null){
vErrors = [err80];
}
else {
vErrors.push(err80);
}
errors++;
}
if(data29 < 1 || isNaN(data29)){
const err81 = {instancePath:instancePath+"/hypervisors/" + i0+"/port",schemaPath:"#/$defs/port/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema33,data:data29};
if(vErrors === null){
vErrors = [err81];
}
else {
vErrors.push(err81);
}
errors++;
}
}
}
if(data25.identityFiles !== undefined){
if(!(validate21(data25.identityFiles, {instancePath:instancePath+"/hypervisors/" + i0+"/identityFiles",parentData:data25,parentDataProperty:"identityFiles",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate21.errors : vErrors.concat(validate21.errors);
errors = vErrors.length;
}
}
if(data25.become !== undefined){
let data31 = data25.become;
if(typeof data31 !== "string"){
const err82 = {instancePath:instancePath+"/hypervisors/" + i0+"/become",schemaPath:"#/$defs/become/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema37.type,parentSchema:schema37,data:data31};
if(vErrors === null){
vErrors = [err82];
}
else {
vErrors.push(err82);
}
errors++;
}
if(!((data31 === "sudo") || (data31 === "none"))){
const err83 = {instancePath:instancePath+"/hypervisors/" + i0+"/become",schemaPath:"#/$defs/become/enum",keyword:"enum",params:{allowedValues: schema37.enum},message:"must be equal to one of the allowed values",schema:schema37.enum,parentSchema:schema37,data:data31};
if(vErrors === null){
vErrors = [err83];
}
else {
vErrors.push(err83);
}
errors++;
}
}
}
else {
const err84 = {instancePath:instancePath+"/hypervisors/" + i0,schemaPath:"#/properties/hypervisors/items/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema31.properties.hypervisors.items.type,parentSchema:schema31.properties.hypervisors.items,data:data25};
if(vErrors === null){
vErrors = [err84];
}
else {
vErrors.push(err84);
}
errors++;
}
}
}
else {
const err85 = {instancePath:instancePath+"/hypervisors",schemaPath:"#/properties/hypervisors/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema31.properties.hypervisors.type,parentSchema:schema31.properties.hypervisors,data:data24};
if(vErrors === null){
vErrors = [err85];
}
else {
vErrors.push(err85);
}
errors++;
}
if(data.sftp !== undefined){
let data32 = data.sftp;
if(data32 && typeof data32 == "object" && !Array.isArray(data32)){
if(data32.uploadUser === undefined){
data32.uploadUser = "sftp-floppy-upload";
}
if(data32.chrootDir === undefined){
data32.chrootDir = "/srv/floppy_chroot";
}
if(data32.floppySubdir === undefined){
data32.floppySubdir = "floppy";
}
if(data32.authorizedKeys === undefined){
data32.authorizedKeys = [];
}
if(data32.uploadFrom === undefined){
data32.uploadFrom = [];
}
if(data32.host === undefined){
const err86 = {instancePath:instancePath+"/sftp",schemaPath:"#/properties/sftp/required",keyword:"required",params:{missingProperty: "host"},message:"must have required property '"+"host"+"'",schema:schema31.properties.sftp.required,parentSchema:schema31.properties.sftp,data:data32};
if(vErrors === null){
vErrors = [err86];
}
else {
vErrors.push(err86);
}
errors++;
}
for(const key4 in data32){
if(!(func1.call(schema31.properties.sftp.properties, key4))){
const err87 = {instancePath:instancePath+"/sftp",schemaPath:"#/properties/sftp/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key4},message:"must NOT have additional properties",schema:false,parentSchema:schema31.properties.sftp,data:data32};
if(vErrors === null){
vErrors = [err87];
}
else {
vErrors.push(err87);
}
errors++;
}
}
if(data32.host !== undefined){
let data33 = data32.host;
if(typeof data33 === "string"){
if(func3(data33) > 253){
const err88 = {instancePath:instancePath+"/sftp/host",schemaPath:"#/$defs/hostAddress/maxLength",keyword:"maxLength",params:{limit: 253},message:"must NOT have more than 253 characters",schema:253,parentSchema:schema38,data:data33};
if(vErrors === null){
vErrors = [err88];
}
else {
vErrors.push(err88);
}
errors++;
}
if(func3(data33) < 1){
const err89 = {instancePath:instancePath+"/sftp/host",schemaPath:"#/$defs/hostAddress/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema38,data:data33};
if(vErrors === null){
vErrors = [err89];
}
else {
vErrors.push(err89);
}
errors++;
}
if(!pattern7.test(data33)){
const err90 = {instancePath:instancePath+"/sftp/host",schemaPath:"#/$defs/hostAddress/pattern",keyword:"pattern",params:{pattern: "^(?:[A-Za-z0-9_][A-Za-z0-9._-]{0,252}|[0-9A-Fa-f.]*:[0-9A-Fa-f:.]*)$"},message:"must match pattern \""+"^(?:[A-Za-z0-9_][A-Za-z0-9._-]{0,252}|[0-9A-Fa-f.]*:[0-9A-Fa-f:.]*)$"+"\"",schema:"^(?:[A-Za-z0-9_][A-Za-z0-9._-]{0,252}|[0-9A-Fa-f.]*:[0-9A-Fa-f:.]*)$",parentSchema:schema38,data:data33};
if(vErrors === null){
vErrors = [err90];
}
else {
vErrors.push(err90);
}
errors++;
}
}
else {
const err91 = {instancePath:instancePath+"/sftp/host",schemaPath:"#/$defs/hostAddress/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema38.type,parentSchema:schema38,data:data33};
if(vErrors === null){
vErrors = [err91];
}
else {
vErrors.push(err91);
}
errors++;
}
}
if(data32.name !== undefined){
let data34 = data32.name;
if(typeof data34 === "string"){
if(func3(data34) > 253){
const err92 = {instancePath:instancePath+"/sftp/name",schemaPath:"#/$defs/hostName/maxLength",keyword:"maxLength",params:{limit: 253},message:"must NOT have more than 253 characters",schema:253,parentSchema:schema39,data:data34};
if(vErrors === null){
vErrors = [err92];
}
else {
vErrors.push(err92);
}
errors++;
}
if(func3(data34) < 1){
const err93 = {instancePath:instancePath+"/sftp/name",schemaPath:"#/$defs/hostName/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema39,data:data34};
if(vErrors === null){
vErrors = [err93];
}
else {
vErrors.push(err93);
}
errors++;
}
if(!pattern8.test(data34)){
const err94 = {instancePath:instancePath+"/sftp/name",schemaPath:"#/$defs/hostName/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9_:][A-Za-z0-9._:-]{0,252}$"},message:"must match pattern \""+"^[A-Za-z0-9_:][A-Za-z0-9._:-]{0,252}$"+"\"",schema:"^[A-Za-z0-9_:][A-Za-z0-9._:-]{0,252}$",parentSchema:schema39,data:data34};
if(vErrors === null){
vErrors = [err94];
}
else {
vErrors.push(err94);
}
errors++;
}
}
else {
const err95 = {instancePath:instancePath+"/sftp/name",schemaPath:"#/$defs/hostName/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema39.type,parentSchema:schema39,data:data34};
if(vErrors === null){
vErrors = [err95];
}
else {
vErrors.push(err95);
}
errors++;
}
}
if(data32.user !== undefined){
let data35 = data32.user;
if(typeof data35 === "string"){
if(func3(data35) > 32){
const err96 = {instancePath:instancePath+"/sftp/user",schemaPath:"#/$defs/userName/maxLength",keyword:"maxLength",params:{limit: 32},message:"must NOT have more than 32 characters",schema:32,parentSchema:schema32,data:data35};
if(vErrors === null){
vErrors = [err96];
}
else {
vErrors.push(err96);
}
errors++;
}
if(func3(data35) < 1){
const err97 = {instancePath:instancePath+"/sftp/user",schemaPath:"#/$defs/userName/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema32,data:data35};
if(vErrors === null){
vErrors = [err97];
}
else {
vErrors.push(err97);
}
errors++;
}
if(!pattern4.test(data35)){
const err98 = {instancePath:instancePath+"/sftp/user",schemaPath:"#/$defs/userName/pattern",keyword:"pattern",params:{pattern: "^[a-z_][a-z0-9_-]{0,31}$"},message:"must match pattern \""+"^[a-z_][a-z0-9_-]{0,31}$"+"\"",schema:"^[a-z_][a-z0-9_-]{0,31}$",parentSchema:schema32,data:data35};
if(vErrors === null){
vErrors = [err98];
}
else {
vErrors.push(err98);
}
errors++;
}
}
else {
const err99 = {instancePath:instancePath+"/sftp/user",schemaPath:"#/$defs/userName/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema32.type,parentSchema:schema32,data:data35};
if(vErrors === null){
vErrors = [err99];
}
else {
vErrors.push(err99);
}
errors++;
}
}
if(data32.port !== undefined){
let data36 = data32.port;
if(!(((typeof data36 == "number") && (!(data36 % 1) && !isNaN(data36))) && (isFinite(data36)))){
const err100 = {instancePath:instancePath+"/sftp/port",schemaPath:"#/$defs/port/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema33.type,parentSchema:schema33,data:data36};
if(vErrors === null){
vErrors = [err100];
}
else {
vErrors.push(err100);
}
errors++;
}
if((typeof data36 == "number") && (isFinite(data36))){
if(data36 > 65535 || isNaN(data36)){
const err101 = {instancePath:instancePath+"/sftp/port",schemaPath:"#/$defs/port/maximum",keyword:"maximum",params:{comparison: "<=", limit: 65535},message:"must be <= 65535",schema:65535,parentSchema:schema33,data:data36};
if(vErrors === null){
vErrors = [err101];
}
else {
vErrors.push(err101);
}
errors++;
}
if(data36 < 1 || isNaN(data36)){
const err102 = {instancePath:instancePath+"/sftp/port",schemaPath:"#/$defs/port/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema33,data:data36};
if(vErrors === null){
vErrors = [err102];
}
else {
vErrors.push(err102);
}
errors++;
}
}
}
if(data32.identityFiles !== undefined){
if(!(validate21(data32.identityFiles, {instancePath:instancePath+"/sftp/identityFiles",parentData:data32,parentDataProperty:"identityFiles",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate21.errors : vErrors.concat(validate21.errors);
errors = vErrors.length;
}
}
if(data32.become !== undefined){
let data38 = data32.become;
if(typeof data38 !== "string"){
const err103 = {instancePath:instancePath+"/sftp/become",schemaPath:"#/$defs/become/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema37.type,parentSchema:schema37,data:data38};
if(vErrors === null){
vErrors = [err103];
}
else {
vErrors.push(err103);
}
errors++;
}
if(!((data38 === "sudo") || (data38 === "none"))){
const err104 = {instancePath:instancePath+"/sftp/become",schemaPath:"#/$defs/become/enum",keyword:"enum",params:{allowedValues: schema37.enum},message:"must be equal to one of the allowed values",schema:schema37.enum,parentSchema:schema37,data:data38};
if(vErrors === null){
vErrors = [err104];
}
else {
vErrors.push(err104);
}
errors++;
}
}
let data39 = data32.uploadUser;
if(typeof data39 === "string"){
if(func3(data39) > 32){
const err105 = {instancePath:instancePath+"/sftp/uploadUser",schemaPath:"#/$defs/userName/maxLength",keyword:"maxLength",params:{limit: 32},message:"must NOT have more than 32 characters",schema:32,parentSchema:schema32,data:data39};
if(vErrors === null){
vErrors = [err105];
}
else {
vErrors.push(err105);
}
errors++;
}
if(func3(data39) < 1){
const err106 = {instancePath:instancePath+"/sftp/uploadUser",schemaPath:"#/$defs/userName/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema32,data:data39};
if(vErrors === null){
vErrors = [err106];
}
else {
vErrors.push(err106);
}
errors++;
}
if(!pattern4.test(data39)){
const err107 = {instancePath:instancePath+"/sftp/uploadUser",schemaPath:"#/$defs/userName/pattern",keyword:"pattern",params:{pattern: "^[a-z_][a-z0-9_-]{0,31}$"},message:"must match pattern \""+"^[a-z_][a-z0-9_-]{0,31}$"+"\"",schema:"^[a-z_][a-z0-9_-]{0,31}$",parentSchema:schema32,data:data39};
if(vErrors === null){
vErrors = [err107];
}
else {
vErrors.push(err107);
}
errors++;
}
}
else {
const err108 = {instancePath:instancePath+"/sftp/uploadUser",schemaPath:"#/$defs/userName/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema32.type,parentSchema:schema32,data:data39};
if(vErrors === null){
vErrors = [err108];
}
else {
vErrors.push(err108);
}
errors++;
}
let data40 = data32.chrootDir;
if(typeof data40 === "string"){
if(func3(data40) > 4096){
const err109 = {instancePath:instancePath+"/sftp/chrootDir",schemaPath:"#/$defs/remotePath/maxLength",keyword:"maxLength",params:{limit: 4096},message:"must NOT have more than 4096 characters",schema:4096,parentSchema:schema55,data:data40};
if(vErrors === null){
vErrors = [err109];
}
else {
vErrors.push(err109);
}
errors++;
}
if(func3(data40) < 1){
const err110 = {instancePath:instancePath+"/sftp/chrootDir",schemaPath:"#/$defs/remotePath/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema55,data:data40};
if(vErrors === null){
vErrors = [err110];
}
else {
vErrors.push(err110);
}
errors++;
}
if(!pattern19.test(data40)){
const err111 = {instancePath:instancePath+"/sftp/chrootDir",schemaPath:"#/$defs/remotePath/pattern",keyword:"pattern",params:{pattern: "^(?!.*/\\.\\.(?:/|$))/(?:[A-Za-z0-9._+@:-]+(?:/[A-Za-z0-9._+@:-]+)*/?)?$"},message:"must match pattern \""+"^(?!.*/\\.\\.(?:/|$))/(?:[A-Za-z0-9._+@:-]+(?:/[A-Za-z0-9._+@:-]+)*/?)?$"+"\"",schema:"^(?!.*/\\.\\.(?:/|$))/(?:[A-Za-z0-9._+@:-]+(?:/[A-Za-z0-9._+@:-]+)*/?)?$",parentSchema:schema55,data:data40};
if(vErrors === null){
vErrors = [err111];
}
else {
vErrors.push(err111);
}
errors++;
}
}
else {
const err112 = {instancePath:instancePath+"/sftp/chrootDir",schemaPath:"#/$defs/remotePath/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema55.type,parentSchema:schema55,data:data40};
if(vErrors === null){
vErrors = [err112];
}
else {
vErrors.push(err112);
}
errors++;
}
let data41 = data32.floppySubdir;
if(typeof data41 === "string"){
if(func3(data41) > 255){
const err113 = {instancePath:instancePath+"/sftp/floppySubdir",schemaPath:"#/properties/sftp/properties/floppySubdir/maxLength",keyword:"maxLength",params:{limit: 255},message:"must NOT have more than 255 characters",schema:255,parentSchema:schema31.properties.sftp.properties.floppySubdir,data:data41};
if(vErrors === null){
vErrors = [err113];
}
else {
vErrors.push(err113);
}
errors++;
}
if(func3(data41) < 1){
const err114 = {instancePath:instancePath+"/sftp/floppySubdir",schemaPath:"#/properties/sftp/properties/floppySubdir/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema31.properties.sftp.properties.floppySubdir,data:data41};
if(vErrors === null){
vErrors = [err114];
}
else {
vErrors.push(err114);
}
errors++;
}
if(!pattern20.test(data41)){
const err115 = {instancePath:instancePath+"/sftp/floppySubdir",schemaPath:"#/properties/sftp/properties/floppySubdir/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9_][A-Za-z0-9._+@-]{0,254}$"},message:"must match pattern \""+"^[A-Za-z0-9_][A-Za-z0-9._+@-]{0,254}$"+"\"",schema:"^[A-Za-z0-9_][A-Za-z0-9._+@-]{0,254}$",parentSchema:schema31.properties.sftp.properties.floppySubdir,data:data41};
if(vErrors === null){
vErrors = [err115];
}
else {
vErrors.push(err115);
}
errors++;
}
}
else {
const err116 = {instancePath:instancePath+"/sftp/floppySubdir",schemaPath:"#/properties/sftp/properties/floppySubdir/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema31.properties.sftp.properties.floppySubdir.type,parentSchema:schema31.properties.sftp.properties.floppySubdir,data:data41};
if(vErrors === null){
vErrors = [err116];
}
else {
vErrors.push(err116);
}
errors++;
}
let data42 = data32.authorizedKeys;
if(Array.isArray(data42)){
const len1 = data42.length;
for(let i1=0; i1<len1; i1++){
let data43 = data42[i1];
if(typeof data43 === "string"){
if(func3(data43) > 16384){
const err117 = {instancePath:instancePath+"/sftp/authorizedKeys/" + i1,schemaPath:"#/$defs/publicKey/maxLength",keyword:"maxLength",params:{limit: 16384},message:"must NOT have more than 16384 characters",schema:16384,parentSchema:schema56,data:data43};
if(vErrors === null){
vErrors = [err117];
}
else {
vErrors.push(err117);
}
errors++;
}
if(!pattern21.test(data43)){
const err118 = {instancePath:instancePath+"/sftp/authorizedKeys/" + i1,schemaPath:"#/$defs/publicKey/pattern",keyword:"pattern",params:{pattern: "^(?:ssh-ed25519|ssh-rsa|ecdsa-sha2-nistp(?:256|384|521)|sk-ssh-ed25519@openssh\\.com|sk-ecdsa-sha2-nistp256@openssh\\.com) AAAA[A-Za-z0-9+/]+={0,3}(?: [^\\u0000-\\u001f\\u007f]*)?$"},message:"must match pattern \""+"^(?:ssh-ed25519|ssh-rsa|ecdsa-sha2-nistp(?:256|384|521)|sk-ssh-ed25519@openssh\\.com|sk-ecdsa-sha2-nistp256@openssh\\.com) AAAA[A-Za-z0-9+/]+={0,3}(?: [^\\u0000-\\u001f\\u007f]*)?$"+"\"",schema:"^(?:ssh-ed25519|ssh-rsa|ecdsa-sha2-nistp(?:256|384|521)|sk-ssh-ed25519@openssh\\.com|sk-ecdsa-sha2-nistp256@openssh\\.com) AAAA[A-Za-z0-9+/]+={0,3}(?: [^\\u0000-\\u001f\\u007f]*)?$",parentSchema:schema56,data:data43};
if(vErrors === null){
vErrors = [err118];
}
else {
vErrors.push(err118);
}
errors++;
}
}
else {
const err119 = {instancePath:instancePath+"/sftp/authorizedKeys/" + i1,schemaPath:"#/$defs/publicKey/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema56.type,parentSchema:schema56,data:data43};
if(vErrors === null){
vErrors = [err119];
}
else {
vErrors.push(err119);
}
errors++;
}
}
let i2 = data42.length;
let j0;
if(i2 > 1){
outer0:
for(;i2--;){
for(j0 = i2; j0--;){
if(func0(data42[i2], data42[j0])){
const err120 = {instancePath:instancePath+"/sftp/authorizedKeys",schemaPath:"#/properties/sftp/properties/authorizedKeys/uniqueItems",keyword:"uniqueItems",params:{i: i2, j: j0},message:"must NOT have duplicate items (items ## "+j0+" and "+i2+" are identical)",schema:true,parentSchema:schema31.properties.sftp.properties.authorizedKeys,data:data42};
if(vErrors === null){
vErrors = [err120];
}
else {
vErrors.push(err120);
}
errors++;
break outer0;
}
}
}
}
}
else {
const err121 = {instancePath:instancePath+"/sftp/authorizedKeys",schemaPath:"#/properties/sftp/properties/authorizedKeys/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema31.properties.sftp.properties.authorizedKeys.type,parentSchema:schema31.properties.sftp.properties.authorizedKeys,data:data42};
if(vErrors === null){
vErrors = [err121];
}
else {
vErrors.push(err121);
}
errors++;
}
let data44 = data32.uploadFrom;
if(Array.isArray(data44)){
const len2 = data44.length;
for(let i3=0; i3<len2; i3++){
let data45 = data44[i3];
if(typeof data45 === "string"){
if(func3(data45) > 45){
const err122 = {instancePath:instancePath+"/sftp/uploadFrom/" + i3,schemaPath:"#/properties/sftp/properties/uploadFrom/items/maxLength",keyword:"maxLength",params:{limit: 45},message:"must NOT have more than 45 characters",schema:45,parentSchema:schema31.properties.sftp.properties.uploadFrom.items,data:data45};
if(vErrors === null){
vErrors = [err122];
}
else {
vErrors.push(err122);
}
errors++;
}
if(!pattern22.test(data45)){
const err123 = {instancePath:instancePath+"/sftp/uploadFrom/" + i3,schemaPath:"#/properties/sftp/properties/uploadFrom/items/pattern",keyword:"pattern",params:{pattern: "^[0-9A-Fa-f.:]+$"},message:"must match pattern \""+"^[0-9A-Fa-f.:]+$"+"\"",schema:"^[0-9A-Fa-f.:]+$",parentSchema:schema31.properties.sftp.properties.uploadFrom.items,data:data45};
if(vErrors === null){
vErrors = [err123];
}
else {
vErrors.push(err123);
}
errors++;
}
}
else {
const err124 = {instancePath:instancePath+"/sftp/uploadFrom/" + i3,schemaPath:"#/properties/sftp/properties/uploadFrom/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema31.properties.sftp.properties.uploadFrom.items.type,parentSchema:schema31.properties.sftp.properties.uploadFrom.items,data:data45};
if(vErrors === null){
vErrors = [err124];
}
else {
vErrors.push(err124);
}
errors++;
}
}
let i4 = data44.length;
let j1;
if(i4 > 1){
const indices0 = {};
for(;i4--;){
let item0 = data44[i4];
if(typeof item0 !== "string"){
continue;
}
if(typeof indices0[item0] == "number"){
j1 = indices0[item0];
const err125 = {instancePath:instancePath+"/sftp/uploadFrom",schemaPath:"#/properties/sftp/properties/uploadFrom/uniqueItems",keyword:"uniqueItems",params:{i: i4, j: j1},message:"must NOT have duplicate items (items ## "+j1+" and "+i4+" are identical)",schema:true,parentSchema:schema31.properties.sftp.properties.uploadFrom,data:data44};
if(vErrors === null){
vErrors = [err125];
}
else {
vErrors.push(err125);
}
errors++;
break;
}
indices0[item0] = i4;
}
}
}
else {
const err126 = {instancePath:instancePath+"/sftp/uploadFrom",schemaPath:"#/properties/sftp/properties/uploadFrom/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema31.properties.sftp.properties.uploadFrom.type,parentSchema:schema31.properties.sftp.properties.uploadFrom,data:data44};
if(vErrors === null){
vErrors = [err126];
}
else {
vErrors.push(err126);
}
errors++;
}
if(data32.uploadIdentityFile !== undefined){
let data46 = data32.uploadIdentityFile;
if(typeof data46 === "string"){
if(func3(data46) > 4096){
const err127 = {instancePath:instancePath+"/sftp/uploadIdentityFile",schemaPath:"#/$defs/localPath/maxLength",keyword:"maxLength",params:{limit: 4096},message:"must NOT have more than 4096 characters",schema:4096,parentSchema:schema35,data:data46};
if(vErrors === null){
vErrors = [err127];
}
else {
vErrors.push(err127);
}
errors++;
}
if(func3(data46) < 2){
const err128 = {instancePath:instancePath+"/sftp/uploadIdentityFile",schemaPath:"#/$defs/localPath/minLength",keyword:"minLength",params:{limit: 2},message:"must NOT have fewer than 2 characters",schema:2,parentSchema:schema35,data:data46};
if(vErrors === null){
vErrors = [err128];
}
else {
vErrors.push(err128);
}
errors++;
}
if(!pattern5.test(data46)){
const err129 = {instancePath:instancePath+"/sftp/uploadIdentityFile",schemaPath:"#/$defs/localPath/pattern",keyword:"pattern",params:{pattern: "^(?!.*/\\.\\.(?:/|$))~?/(?:[A-Za-z0-9._+@:-]+(?:/[A-Za-z0-9._+@:-]+)*/?)?$"},message:"must match pattern \""+"^(?!.*/\\.\\.(?:/|$))~?/(?:[A-Za-z0-9._+@:-]+(?:/[A-Za-z0-9._+@:-]+)*/?)?$"+"\"",schema:"^(?!.*/\\.\\.(?:/|$))~?/(?:[A-Za-z0-9._+@:-]+(?:/[A-Za-z0-9._+@:-]+)*/?)?$",parentSchema:schema35,data:data46};
if(vErrors === null){
vErrors = [err129];
}
else {
vErrors.push(err129);
}
errors++;
}
}
else {
const err130 = {instancePath:instancePath+"/sftp/uploadIdentityFile",schemaPath:"#/$defs/localPath/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema35.type,parentSchema:schema35,data:data46};
if(vErrors === null){
vErrors = [err130];
}
else {
vErrors.push(err130);
}
errors++;
}
}
}
else {
const err131 = {instancePath:instancePath+"/sftp",schemaPath:"#/properties/sftp/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema31.properties.sftp.type,parentSchema:schema31.properties.sftp,data:data32};
if(vErrors === null){
vErrors = [err131];
}
else {
vErrors.push(err131);
}
errors++;
}
}
if(data.floppy !== undefined){
let data47 = data.floppy;
if(data47 && typeof data47 == "object" && !Array.isArray(data47)){
if(data47.cdProperty === undefined){
data47.cdProperty = "floppycd";
}
if(data47.sharedFsTypes === undefined){
data47.sharedFsTypes = ["nfs","nfs4"];
}
if(data47.maxAgeHours === undefined){
data47.maxAgeHours = 24;
}
if(data47.serverPath === undefined){
const err132 = {instancePath:instancePath+"/floppy",schemaPath:"#/properties/floppy/required",keyword:"required",params:{missingProperty: "serverPath"},message:"must have required property '"+"serverPath"+"'",schema:schema31.properties.floppy.required,parentSchema:schema31.properties.floppy,data:data47};
if(vErrors === null){
vErrors = [err132];
}
else {
vErrors.push(err132);
}
errors++;
}
if(data47.clientPath === undefined){
const err133 = {instancePath:instancePath+"/floppy",schemaPath:"#/properties/floppy/required",keyword:"required",params:{missingProperty: "clientPath"},message:"must have required property '"+"clientPath"+"'",schema:schema31.properties.floppy.required,parentSchema:schema31.properties.floppy,data:data47};
if(vErrors === null){
vErrors = [err133];
}
else {
vErrors.push(err133);
}
errors++;
}
for(const key5 in data47){
if(!(((((((key5 === "serverPath") || (key5 === "clientPath")) || (key5 === "propertyRegex")) || (key5 === "cdProperty")) || (key5 === "cdPropertyRegex")) || (key5 === "sharedFsTypes")) || (key5 === "maxAgeHours"))){
const err134 = {instancePath:instancePath+"/floppy",schemaPath:"#/properties/floppy/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key5},message:"must NOT have additional properties",schema:false,parentSchema:schema31.properties.floppy,data:data47};
if(vErrors === null){
vErrors = [err134];
}
else {
vErrors.push(err134);
}
errors++;
}
}
if(data47.serverPath !== undefined){
let data48 = data47.serverPath;
if(typeof data48 === "string"){
if(func3(data48) > 4096){
const err135 = {instancePath:instancePath+"/floppy/serverPath",schemaPath:"#/$defs/remotePath/maxLength",keyword:"maxLength",params:{limit: 4096},message:"must NOT have more than 4096 characters",schema:4096,parentSchema:schema55,data:data48};
if(vErrors === null){
vErrors = [err135];
}
else {
vErrors.push(err135);
}
errors++;
}
if(func3(data48) < 1){
const err136 = {instancePath:instancePath+"/floppy/serverPath",schemaPath:"#/$defs/remotePath/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema55,data:data48};
if(vErrors === null){
vErrors = [err136];
}
else {
vErrors.push(err136);
}
errors++;
}
if(!pattern19.test(data48)){
const err137 = {instancePath:instancePath+"/floppy/serverPath",schemaPath:"#/$defs/remotePath/pattern",keyword:"pattern",params:{pattern: "^(?!.*/\\.\\.(?:/|$))/(?:[A-Za-z0-9._+@:-]+(?:/[A-Za-z0-9._+@:-]+)*/?)?$"},message:"must match pattern \""+"^(?!.*/\\.\\.(?:/|$))/(?:[A-Za-z0-9._+@:-]+(?:/[A-Za-z0-9._+@:-]+)*/?)?$"+"\"",schema:"^(?!.*/\\.\\.(?:/|$))/(?:[A-Za-z0-9._+@:-]+(?:/[A-Za-z0-9._+@:-]+)*/?)?$",parentSchema:schema55,data:data48};
if(vErrors === null){
vErrors = [err137];
}
else {
vErrors.push(err137);
}
errors++;
}
}
else {
const err138 = {instancePath:instancePath+"/floppy/serverPath",schemaPath:"#/$defs/remotePath/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema55.type,parentSchema:schema55,data:data48};
if(vErrors === null){
vErrors = [err138];
}
else {
vErrors.push(err138);
}
errors++;
}
}
if(data47.clientPath !== undefined){
let data49 = data47.clientPath;
if(typeof data49 === "string"){
if(func3(data49) > 4096){
const err139 = {instancePath:instancePath+"/floppy/clientPath",schemaPath:"#/$defs/remotePath/maxLength",keyword:"maxLength",params:{limit: 4096},message:"must NOT have more than 4096 characters",schema:4096,parentSchema:schema55,data:data49};
if(vErrors === null){
vErrors = [err139];
}
else {
vErrors.push(err139);
}
errors++;
}
if(func3(data49) < 1){
const err140 = {instancePath:instancePath+"/floppy/clientPath",schemaPath:"#/$defs/remotePath/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema55,data:data49};
if(vErrors === null){
vErrors = [err140];
}
else {
vErrors.push(err140);
}
errors++;
}
if(!pattern19.test(data49)){
const err141 = {instancePath:instancePath+"/floppy/clientPath",schemaPath:"#/$defs/remotePath/pattern",keyword:"pattern",params:{pattern: "^(?!.*/\\.\\.(?:/|$))/(?:[A-Za-z0-9._+@:-]+(?:/[A-Za-z0-9._+@:-]+)*/?)?$"},message:"must match pattern \""+"^(?!.*/\\.\\.(?:/|$))/(?:[A-Za-z0-9._+@:-]+(?:/[A-Za-z0-9._+@:-]+)*/?)?$"+"\"",schema:"^(?!.*/\\.\\.(?:/|$))/(?:[A-Za-z0-9._+@:-]+(?:/[A-Za-z0-9._+@:-]+)*/?)?$",parentSchema:schema55,data:data49};
if(vErrors === null){
vErrors = [err141];
}
else {
vErrors.push(err141);
}
errors++;
}
}
else {
const err142 = {instancePath:instancePath+"/floppy/clientPath",schemaPath:"#/$defs/remotePath/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema55.type,parentSchema:schema55,data:data49};
if(vErrors === null){
vErrors = [err142];
}
else {
vErrors.push(err142);
}
errors++;
}
}
if(data47.propertyRegex !== undefined){
let data50 = data47.propertyRegex;
if(typeof data50 === "string"){
if(func3(data50) > 1024){
const err143 = {instancePath:instancePath+"/floppy/propertyRegex",schemaPath:"#/properties/floppy/properties/propertyRegex/maxLength",keyword:"maxLength",params:{limit: 1024},message:"must NOT have more than 1024 characters",schema:1024,parentSchema:schema31.properties.floppy.properties.propertyRegex,data:data50};
if(vErrors === null){
vErrors = [err143];
}
else {
vErrors.push(err143);
}
errors++;
}
if(func3(data50) < 2){
const err144 = {instancePath:instancePath+"/floppy/propertyRegex",schemaPath:"#/properties/floppy/properties/propertyRegex/minLength",keyword:"minLength",params:{limit: 2},message:"must NOT have fewer than 2 characters",schema:2,parentSchema:schema31.properties.floppy.properties.propertyRegex,data:data50};
if(vErrors === null){
vErrors = [err144];
}
else {
vErrors.push(err144);
}
errors++;
}
if(!pattern26.test(data50)){
const err145 = {instancePath:instancePath+"/floppy/propertyRegex",schemaPath:"#/properties/floppy/properties/propertyRegex/pattern",keyword:"pattern",params:{pattern: "^[^\\u0000-\\u001f\\u007f]*$"},message:"must match pattern \""+"^[^\\u0000-\\u001f\\u007f]*$"+"\"",schema:"^[^\\u0000-\\u001f\\u007f]*$",parentSchema:schema31.properties.floppy.properties.propertyRegex,data:data50};
if(vErrors === null){
vErrors = [err145];
}
else {
vErrors.push(err145);
}
errors++;
}
}
else {
const err146 = {instancePath:instancePath+"/floppy/propertyRegex",schemaPath:"#/properties/floppy/properties/propertyRegex/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema31.properties.floppy.properties.propertyRegex.type,parentSchema:schema31.properties.floppy.properties.propertyRegex,data:data50};
if(vErrors === null){
vErrors = [err146];
}
else {
vErrors.push(err146);
}
errors++;
}
}
let data51 = data47.cdProperty;
if(typeof data51 === "string"){
if(!pattern27.test(data51)){
const err147 = {instancePath:instancePath+"/floppy/cdProperty",schemaPath:"#/properties/floppy/properties/cdProperty/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9_]{1,64}$"},message:"must match pattern \""+"^[A-Za-z0-9_]{1,64}$"+"\"",schema:"^[A-Za-z0-9_]{1,64}$",parentSchema:schema31.properties.floppy.properties.cdProperty,data:data51};
if(vErrors === null){
vErrors = [err147];
}
else {
vErrors.push(err147);
}
errors++;
}
}
else {
const err148 = {instancePath:instancePath+"/floppy/cdProperty",schemaPath:"#/properties/floppy/properties/cdProperty/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema31.properties.floppy.properties.cdProperty.type,parentSchema:schema31.properties.floppy.properties.cdProperty,data:data51};
if(vErrors === null){
vErrors = [err148];
}
else {
vErrors.push(err148);
}
errors++;
}
if(data47.cdPropertyRegex !== undefined){
let data52 = data47.cdPropertyRegex;
if(typeof data52 === "string"){
if(func3(data52) > 1024){
const err149 = {instancePath:instancePath+"/floppy/cdPropertyRegex",schemaPath:"#/properties/floppy/properties/cdPropertyRegex/maxLength",keyword:"maxLength",params:{limit: 1024},message:"must NOT have more than 1024 characters",schema:1024,parentSchema:schema31.properties.floppy.properties.cdPropertyRegex,data:data52};
if(vErrors === null){
vErrors = [err149];
}
else {
vErrors.push(err149);
}
errors++;
}
if(func3(data52) < 2){
const err150 = {instancePath:instancePath+"/floppy/cdPropertyRegex",schemaPath:"#/properties/floppy/properties/cdPropertyRegex/minLength",keyword:"minLength",params:{limit: 2},message:"must NOT have fewer than 2 characters",schema:2,parentSchema:schema31.properties.floppy.properties.cdPropertyRegex,data:data52};
if(vErrors === null){
vErrors = [err150];
}
else {
vErrors.push(err150);
}
errors++;
}
if(!pattern26.test(data52)){
const err151 = {instancePath:instancePath+"/floppy/cdPropertyRegex",schemaPath:"#/properties/floppy/properties/cdPropertyRegex/pattern",keyword:"pattern",params:{pattern: "^[^\\u0000-\\u001f\\u007f]*$"},message:"must match pattern \""+"^[^\\u0000-\\u001f\\u007f]*$"+"\"",schema:"^[^\\u0000-\\u001f\\u007f]*$",parentSchema:schema31.properties.floppy.properties.cdPropertyRegex,data:data52};
if(vErrors === null){
vErrors = [err151];
}
else {
vErrors.push(err151);
}
errors++;
}
}
else {
const err152 = {instancePath:instancePath+"/floppy/cdPropertyRegex",schemaPath:"#/properties/floppy/properties/cdPropertyRegex/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema31.properties.floppy.properties.cdPropertyRegex.type,parentSchema:schema31.properties.floppy.properties.cdPropertyRegex,data:data52};
if(vErrors === null){
vErrors = [err152];
}
else {
vErrors.push(err152);
}
errors++;
}
}
let data53 = data47.sharedFsTypes;
if(Array.isArray(data53)){
if(data53.length < 1){
const err153 = {instancePath:instancePath+"/floppy/sharedFsTypes",schemaPath:"#/properties/floppy/properties/sharedFsTypes/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema31.properties.floppy.properties.sharedFsTypes,data:data53};
if(vErrors === null){
vErrors = [err153];
}
else {
vErrors.push(err153);
}
errors++;
}
const len3 = data53.length;
for(let i5=0; i5<len3; i5++){
let data54 = data53[i5];
if(typeof data54 === "string"){
if(func3(data54) > 32){
const err154 = {instancePath:instancePath+"/floppy/sharedFsTypes/" + i5,schemaPath:"#/$defs/fsType/maxLength",keyword:"maxLength",params:{limit: 32},message:"must NOT have more than 32 characters",schema:32,parentSchema:schema60,data:data54};
if(vErrors === null){
vErrors = [err154];
}
else {
vErrors.push(err154);
}
errors++;
}
if(func3(data54) < 1){
const err155 = {instancePath:instancePath+"/floppy/sharedFsTypes/" + i5,schemaPath:"#/$defs/fsType/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema60,data:data54};
if(vErrors === null){
vErrors = [err155];
}
else {
vErrors.push(err155);
}
errors++;
}
if(!pattern29.test(data54)){
const err156 = {instancePath:instancePath+"/floppy/sharedFsTypes/" + i5,schemaPath:"#/$defs/fsType/pattern",keyword:"pattern",params:{pattern: "^[a-z0-9][a-z0-9._-]{0,31}$"},message:"must match pattern \""+"^[a-z0-9][a-z0-9._-]{0,31}$"+"\"",schema:"^[a-z0-9][a-z0-9._-]{0,31}$",parentSchema:schema60,data:data54};
if(vErrors === null){
vErrors = [err156];
}
else {
vErrors.push(err156);
}
errors++;
}
}
else {
const err157 = {instancePath:instancePath+"/floppy/sharedFsTypes/" + i5,schemaPath:"#/$defs/fsType/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema60.type,parentSchema:schema60,data:data54};
if(vErrors === null){
vErrors = [err157];
}
else {
vErrors.push(err157);
}
errors++;
}
}
let i6 = data53.length;
let j2;
if(i6 > 1){
outer1:
for(;i6--;){
for(j2 = i6; j2--;){
if(func0(data53[i6], data53[j2])){
const err158 = {instancePath:instancePath+"/floppy/sharedFsTypes",schemaPath:"#/properties/floppy/properties/sharedFsTypes/uniqueItems",keyword:"uniqueItems",params:{i: i6, j: j2},message:"must NOT have duplicate items (items ## "+j2+" and "+i6+" are identical)",schema:true,parentSchema:schema31.properties.floppy.properties.sharedFsTypes,data:data53};
if(vErrors === null){
vErrors = [err158];
}
else {
vErrors.push(err158);
}
errors++;
break outer1;
}
}
}
}
}
else {
const err159 = {instancePath:instancePath+"/floppy/sharedFsTypes",schemaPath:"#/properties/floppy/properties/sharedFsTypes/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema31.properties.floppy.properties.sharedFsTypes.type,parentSchema:schema31.properties.floppy.properties.sharedFsTypes,data:data53};
if(vErrors === null){
vErrors = [err159];
}
else {
vErrors.push(err159);
}
errors++;
}
let data55 = data47.maxAgeHours;
if((typeof data55 == "number") && (isFinite(data55))){
if(data55 > 8760 || isNaN(data55)){
const err160 = {instancePath:instancePath+"/floppy/maxAgeHours",schemaPath:"#/properties/floppy/properties/maxAgeHours/maximum",keyword:"maximum",params:{comparison: "<=", limit: 8760},message:"must be <= 8760",schema:8760,parentSchema:schema31.properties.floppy.properties.maxAgeHours,data:data55};
if(vErrors === null){
vErrors = [err160];
}
else {
vErrors.push(err160);
}
errors++;
}
if(data55 <= 0 || isNaN(data55)){
const err161 = {instancePath:instancePath+"/floppy/maxAgeHours",schemaPath:"#/properties/floppy/properties/maxAgeHours/exclusiveMinimum",keyword:"exclusiveMinimum",params:{comparison: ">", limit: 0},message:"must be > 0",schema:0,parentSchema:schema31.properties.floppy.properties.maxAgeHours,data:data55};
if(vErrors === null){
vErrors = [err161];
}
else {
vErrors.push(err161);
}
errors++;
}
}
else {
const err162 = {instancePath:instancePath+"/floppy/maxAgeHours",schemaPath:"#/properties/floppy/properties/maxAgeHours/type",keyword:"type",params:{type: "number"},message:"must be number",schema:schema31.properties.floppy.properties.maxAgeHours.type,parentSchema:schema31.properties.floppy.properties.maxAgeHours,data:data55};
if(vErrors === null){
vErrors = [err162];
}
else {
vErrors.push(err162);
}
errors++;
}
}
else {
const err163 = {instancePath:instancePath+"/floppy",schemaPath:"#/properties/floppy/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema31.properties.floppy.type,parentSchema:schema31.properties.floppy,data:data47};
if(vErrors === null){
vErrors = [err163];
}
else {
vErrors.push(err163);
}
errors++;
}
}
if(data.engineApi !== undefined){
let data56 = data.engineApi;
if(data56 && typeof data56 == "object" && !Array.isArray(data56)){
if(data56.url === undefined){
const err164 = {instancePath:instancePath+"/engineApi",schemaPath:"#/properties/engineApi/required",keyword:"required",params:{missingProperty: "url"},message:"must have required property '"+"url"+"'",schema:schema31.properties.engineApi.required,parentSchema:schema31.properties.engineApi,data:data56};
if(vErrors === null){
vErrors = [err164];
}
else {
vErrors.push(err164);
}
errors++;
}
if(data56.user === undefined){
const err165 = {instancePath:instancePath+"/engineApi",schemaPath:"#/properties/engineApi/required",keyword:"required",params:{missingProperty: "user"},message:"must have required property '"+"user"+"'",schema:schema31.properties.engineApi.required,parentSchema:schema31.properties.engineApi,data:data56};
if(vErrors === null){
vErrors = [err165];
}
else {
vErrors.push(err165);
}
errors++;
}
for(const key6 in data56){
if(!(((((key6 === "url") || (key6 === "user")) || (key6 === "passwordEnv")) || (key6 === "passwordFile")) || (key6 === "caFile"))){
const err166 = {instancePath:instancePath+"/engineApi",schemaPath:"#/properties/engineApi/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key6},message:"must NOT have additional properties",schema:false,parentSchema:schema31.properties.engineApi,data:data56};
if(vErrors === null){
vErrors = [err166];
}
else {
vErrors.push(err166);
}
errors++;
}
}
if(data56.url !== undefined){
let data57 = data56.url;
if(typeof data57 === "string"){
if(func3(data57) > 2048){
const err167 = {instancePath:instancePath+"/engineApi/url",schemaPath:"#/properties/engineApi/properties/url/maxLength",keyword:"maxLength",params:{limit: 2048},message:"must NOT have more than 2048 characters",schema:2048,parentSchema:schema31.properties.engineApi.properties.url,data:data57};
if(vErrors === null){
vErrors = [err167];
}
else {
vErrors.push(err167);
}
errors++;
}
if(!pattern30.test(data57)){
const err168 = {instancePath:instancePath+"/engineApi/url",schemaPath:"#/properties/engineApi/properties/url/pattern",keyword:"pattern",params:{pattern: "^https://[^\\s'\"`$;&|<>*\\\\{}()]+$"},message:"must match pattern \""+"^https://[^\\s'\"`$;&|<>*\\\\{}()]+$"+"\"",schema:"^https://[^\\s'\"`$;&|<>*\\\\{}()]+$",parentSchema:schema31.properties.engineApi.properties.url,data:data57};
if(vErrors === null){
vErrors = [err168];
}
else {
vErrors.push(err168);
}
errors++;
}
if(!(formats0(data57))){
const err169 = {instancePath:instancePath+"/engineApi/url",schemaPath:"#/properties/engineApi/properties/url/format",keyword:"format",params:{format: "uri"},message:"must match format \""+"uri"+"\"",schema:"uri",parentSchema:schema31.properties.engineApi.properties.url,data:data57};
if(vErrors === null){
vErrors = [err169];
}
else {
vErrors.push(err169);
}
errors++;
}
}
else {
const err170 = {instancePath:instancePath+"/engineApi/url",schemaPath:"#/properties/engineApi/properties/url/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema31.properties.engineApi.properties.url.type,parentSchema:schema31.properties.engineApi.properties.url,data:data57};
if(vErrors === null){
vErrors = [err170];
}
else {
vErrors.push(err170);
}
errors++;
}
}
if(data56.user !== undefined){
let data58 = data56.user;
if(typeof data58 === "string"){
if(func3(data58) > 255){
const err171 = {instancePath:instancePath+"/engineApi/user",schemaPath:"#/properties/engineApi/properties/user/maxLength",keyword:"maxLength",params:{limit: 255},message:"must NOT have more than 255 characters",schema:255,parentSchema:schema31.properties.engineApi.properties.user,data:data58};
if(vErrors === null){
vErrors = [err171];
}
else {
vErrors.push(err171);
}
errors++;
}
if(!pattern31.test(data58)){
const err172 = {instancePath:instancePath+"/engineApi/user",schemaPath:"#/properties/engineApi/properties/user/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9._%+-]+(?:@[A-Za-z0-9._-]+)+$"},message:"must match pattern \""+"^[A-Za-z0-9._%+-]+(?:@[A-Za-z0-9._-]+)+$"+"\"",schema:"^[A-Za-z0-9._%+-]+(?:@[A-Za-z0-9._-]+)+$",parentSchema:schema31.properties.engineApi.properties.user,data:data58};
if(vErrors === null){
vErrors = [err172];
}
else {
vErrors.push(err172);
}
errors++;
}
}
else {
const err173 = {instancePath:instancePath+"/engineApi/user",schemaPath:"#/properties/engineApi/properties/user/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema31.properties.engineApi.properties.user.type,parentSchema:schema31.properties.engineApi.properties.user,data:data58};
if(vErrors === null){
vErrors = [err173];
}
else {
vErrors.push(err173);
}
errors++;
}
}
if(data56.passwordEnv !== undefined){
let data59 = data56.passwordEnv;
if(typeof data59 === "string"){
if(!pattern32.test(data59)){
const err174 = {instancePath:instancePath+"/engineApi/passwordEnv",schemaPath:"#/properties/engineApi/properties/passwordEnv/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z_][A-Za-z0-9_]{0,127}$"},message:"must match pattern \""+"^[A-Za-z_][A-Za-z0-9_]{0,127}$"+"\"",schema:"^[A-Za-z_][A-Za-z0-9_]{0,127}$",parentSchema:schema31.properties.engineApi.properties.passwordEnv,data:data59};
if(vErrors === null){
vErrors = [err174];
}
else {
vErrors.push(err174);
}
errors++;
}
}
else {
const err175 = {instancePath:instancePath+"/engineApi/passwordEnv",schemaPath:"#/properties/engineApi/properties/passwordEnv/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema31.properties.engineApi.properties.passwordEnv.type,parentSchema:schema31.properties.engineApi.properties.passwordEnv,data:data59};
if(vErrors === null){
vErrors = [err175];
}
else {
vErrors.push(err175);
}
errors++;
}
}
if(data56.passwordFile !== undefined){
let data60 = data56.passwordFile;
if(typeof data60 === "string"){
if(func3(data60) > 4096){
const err176 = {instancePath:instancePath+"/engineApi/passwordFile",schemaPath:"#/$defs/localPath/maxLength",keyword:"maxLength",params:{limit: 4096},message:"must NOT have more than 4096 characters",schema:4096,parentSchema:schema35,data:data60};
if(vErrors === null){
vErrors = [err176];
}
else {
vErrors.push(err176);
}
errors++;
}
if(func3(data60) < 2){
const err177 = {instancePath:instancePath+"/engineApi/passwordFile",schemaPath:"#/$defs/localPath/minLength",keyword:"minLength",params:{limit: 2},message:"must NOT have fewer than 2 characters",schema:2,parentSchema:schema35,data:data60};
if(vErrors === null){
vErrors = [err177];
}
else {
vErrors.push(err177);
}
errors++;
}
if(!pattern5.test(data60)){
const err178 = {instancePath:instancePath+"/engineApi/passwordFile",schemaPath:"#/$defs/localPath/pattern",keyword:"pattern",params:{pattern: "^(?!.*/\\.\\.(?:/|$))~?/(?:[A-Za-z0-9._+@:-]+(?:/[A-Za-z0-9._+@:-]+)*/?)?$"},message:"must match pattern \""+"^(?!.*/\\.\\.(?:/|$))~?/(?:[A-Za-z0-9._+@:-]+(?:/[A-Za-z0-9._+@:-]+)*/?)?$"+"\"",schema:"^(?!.*/\\.\\.(?:/|$))~?/(?:[A-Za-z0-9._+@:-]+(?:/[A-Za-z0-9._+@:-]+)*/?)?$",parentSchema:schema35,data:data60};
if(vErrors === null){
vErrors = [err178];
}
else {
vErrors.push(err178);
}
errors++;
}
}
else {
const err179 = {instancePath:instancePath+"/engineApi/passwordFile",schemaPath:"#/$defs/localPath/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema35.type,parentSchema:schema35,data:data60};
if(vErrors === null){
vErrors = [err179];
}
else {
vErrors.push(err179);
}
errors++;
}
}
if(data56.caFile !== undefined){
let data61 = data56.caFile;
if(typeof data61 === "string"){
if(func3(data61) > 4096){
const err180 = {instancePath:instancePath+"/engineApi/caFile",schemaPath:"#/$defs/localPath/maxLength",keyword:"maxLength",params:{limit: 4096},message:"must NOT have more than 4096 characters",schema:4096,parentSchema:schema35,data:data61};
if(vErrors === null){
vErrors = [err180];
}
else {
vErrors.push(err180);
}
errors++;
}
if(func3(data61) < 2){
const err181 = {instancePath:instancePath+"/engineApi/caFile",schemaPath:"#/$defs/localPath/minLength",keyword:"minLength",params:{limit: 2},message:"must NOT have fewer than 2 characters",schema:2,parentSchema:schema35,data:data61};
if(vErrors === null){
vErrors = [err181];
}
else {
vErrors.push(err181);
}
errors++;
}
if(!pattern5.test(data61)){
const err182 = {instancePath:instancePath+"/engineApi/caFile",schemaPath:"#/$defs/localPath/pattern",keyword:"pattern",params:{pattern: "^(?!.*/\\.\\.(?:/|$))~?/(?:[A-Za-z0-9._+@:-]+(?:/[A-Za-z0-9._+@:-]+)*/?)?$"},message:"must match pattern \""+"^(?!.*/\\.\\.(?:/|$))~?/(?:[A-Za-z0-9._+@:-]+(?:/[A-Za-z0-9._+@:-]+)*/?)?$"+"\"",schema:"^(?!.*/\\.\\.(?:/|$))~?/(?:[A-Za-z0-9._+@:-]+(?:/[A-Za-z0-9._+@:-]+)*/?)?$",parentSchema:schema35,data:data61};
if(vErrors === null){
vErrors = [err182];
}
else {
vErrors.push(err182);
}
errors++;
}
}
else {
const err183 = {instancePath:instancePath+"/engineApi/caFile",schemaPath:"#/$defs/localPath/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema35.type,parentSchema:schema35,data:data61};
if(vErrors === null){
vErrors = [err183];
}
else {
vErrors.push(err183);
}
errors++;
}
}
}
else {
const err184 = {instancePath:instancePath+"/engineApi",schemaPath:"#/properties/engineApi/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema31.properties.engineApi.type,parentSchema:schema31.properties.engineApi,data:data56};
if(vErrors === null){
vErrors = [err184];
}
else {
vErrors.push(err184);
}
errors++;
}
}
if(data.discover !== undefined){
let data62 = data.discover;
if(data62 && typeof data62 == "object" && !Array.isArray(data62)){
for(const key7 in data62){
if(!(key7 === "clusters")){
const err185 = {instancePath:instancePath+"/discover",schemaPath:"#/properties/discover/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key7},message:"must NOT have additional properties",schema:false,parentSchema:schema31.properties.discover,data:data62};
if(vErrors === null){
vErrors = [err185];
}
else {
vErrors.push(err185);
}
errors++;
}
}
if(data62.clusters !== undefined){
let data63 = data62.clusters;
if(Array.isArray(data63)){
if(data63.length < 1){
const err186 = {instancePath:instancePath+"/discover/clusters",schemaPath:"#/properties/discover/properties/clusters/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema31.properties.discover.properties.clusters,data:data63};
if(vErrors === null){
vErrors = [err186];
}
else {
vErrors.push(err186);
}
errors++;
}
const len4 = data63.length;
for(let i7=0; i7<len4; i7++){
let data64 = data63[i7];
if(typeof data64 === "string"){
if(func3(data64) > 255){
const err187 = {instancePath:instancePath+"/discover/clusters/" + i7,schemaPath:"#/properties/discover/properties/clusters/items/maxLength",keyword:"maxLength",params:{limit: 255},message:"must NOT have more than 255 characters",schema:255,parentSchema:schema31.properties.discover.properties.clusters.items,data:data64};
if(vErrors === null){
vErrors = [err187];
}
else {
vErrors.push(err187);
}
errors++;
}
if(func3(data64) < 1){
const err188 = {instancePath:instancePath+"/discover/clusters/" + i7,schemaPath:"#/properties/discover/properties/clusters/items/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema31.properties.discover.properties.clusters.items,data:data64};
if(vErrors === null){
vErrors = [err188];
}
else {
vErrors.push(err188);
}
errors++;
}
}
else {
const err189 = {instancePath:instancePath+"/discover/clusters/" + i7,schemaPath:"#/properties/discover/properties/clusters/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema31.properties.discover.properties.clusters.items.type,parentSchema:schema31.properties.discover.properties.clusters.items,data:data64};
if(vErrors === null){
vErrors = [err189];
}
else {
vErrors.push(err189);
}
errors++;
}
}
let i8 = data63.length;
let j3;
if(i8 > 1){
const indices1 = {};
for(;i8--;){
let item1 = data63[i8];
if(typeof item1 !== "string"){
continue;
}
if(typeof indices1[item1] == "number"){
j3 = indices1[item1];
const err190 = {instancePath:instancePath+"/discover/clusters",schemaPath:"#/properties/discover/properties/clusters/uniqueItems",keyword:"uniqueItems",params:{i: i8, j: j3},message:"must NOT have duplicate items (items ## "+j3+" and "+i8+" are identical)",schema:true,parentSchema:schema31.properties.discover.properties.clusters,data:data63};
if(vErrors === null){
vErrors = [err190];
}
else {
vErrors.push(err190);
}
errors++;
break;
}
indices1[item1] = i8;
}
}
}
else {
const err191 = {instancePath:instancePath+"/discover/clusters",schemaPath:"#/properties/discover/properties/clusters/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema31.properties.discover.properties.clusters.type,parentSchema:schema31.properties.discover.properties.clusters,data:data63};
if(vErrors === null){
vErrors = [err191];
}
else {
vErrors.push(err191);
}
errors++;
}
}
}
else {
const err192 = {instancePath:instancePath+"/discover",schemaPath:"#/properties/discover/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema31.properties.discover.type,parentSchema:schema31.properties.discover,data:data62};
if(vErrors === null){
vErrors = [err192];
}
else {
vErrors.push(err192);
}
errors++;
}
}
if(data.smoke !== undefined){
let data65 = data.smoke;
if(data65 && typeof data65 == "object" && !Array.isArray(data65)){
if(data65.vmTimeout === undefined){
data65.vmTimeout = 300;
}
for(const key8 in data65){
if(!((key8 === "vm") || (key8 === "vmTimeout"))){
const err193 = {instancePath:instancePath+"/smoke",schemaPath:"#/properties/smoke/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key8},message:"must NOT have additional properties",schema:false,parentSchema:schema31.properties.smoke,data:data65};
if(vErrors === null){
vErrors = [err193];
}
else {
vErrors.push(err193);
}
errors++;
}
}
if(data65.vm !== undefined){
let data66 = data65.vm;
if(typeof data66 === "string"){
if(!pattern35.test(data66)){
const err194 = {instancePath:instancePath+"/smoke/vm",schemaPath:"#/properties/smoke/properties/vm/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9_][A-Za-z0-9._-]{0,63}$"},message:"must match pattern \""+"^[A-Za-z0-9_][A-Za-z0-9._-]{0,63}$"+"\"",schema:"^[A-Za-z0-9_][A-Za-z0-9._-]{0,63}$",parentSchema:schema31.properties.smoke.properties.vm,data:data66};
if(vErrors === null){
vErrors = [err194];
}
else {
vErrors.push(err194);
}
errors++;
}
}
else {
const err195 = {instancePath:instancePath+"/smoke/vm",schemaPath:"#/properties/smoke/properties/vm/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema31.properties.smoke.properties.vm.type,parentSchema:schema31.properties.smoke.properties.vm,data:data66};
if(vErrors === null){
vErrors = [err195];
}
else {
vErrors.push(err195);
}
errors++;
}
}
let data67 = data65.vmTimeout;
if(!(((typeof data67 == "number") && (!(data67 % 1) && !isNaN(data67))) && (isFinite(data67)))){
const err196 = {instancePath:instancePath+"/smoke/vmTimeout",schemaPath:"#/properties/smoke/properties/vmTimeout/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema31.properties.smoke.properties.vmTimeout.type,parentSchema:schema31.properties.smoke.properties.vmTimeout,data:data67};
if(vErrors === null){
vErrors = [err196];
}
else {
vErrors.push(err196);
}
errors++;
}
if((typeof data67 == "number") && (isFinite(data67))){
if(data67 > 3600 || isNaN(data67)){
const err197 = {instancePath:instancePath+"/smoke/vmTimeout",schemaPath:"#/properties/smoke/properties/vmTimeout/maximum",keyword:"maximum",params:{comparison: "<=", limit: 3600},message:"must be <= 3600",schema:3600,parentSchema:schema31.properties.smoke.properties.vmTimeout,data:data67};
if(vErrors === null){
vErrors = [err197];
}
else {
vErrors.push(err197);
}
errors++;
}
if(data67 < 1 || isNaN(data67)){
const err198 = {instancePath:instancePath+"/smoke/vmTimeout",schemaPath:"#/properties/smoke/properties/vmTimeout/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema31.properties.smoke.properties.vmTimeout,data:data67};
if(vErrors === null){
vErrors = [err198];
}
else {
vErrors.push(err198);
}
errors++;
}
}
}
else {
const err199 = {instancePath:instancePath+"/smoke",schemaPath:"#/properties/smoke/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema31.properties.smoke.type,parentSchema:schema31.properties.smoke,data:data65};
if(vErrors === null){
vErrors = [err199];
}
else {
vErrors.push(err199);
}
errors++;
}
}
}
else {
const err200 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema31.type,parentSchema:schema31,data};
if(vErrors === null){
vErrors = [err200];
}
else {
vErrors.push(err200);
}
errors++;
}
validate20.errors = vErrors;
return errors === 0;
}
validate20.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};
