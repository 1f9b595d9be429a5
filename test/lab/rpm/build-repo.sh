#!/bin/bash
# Build the lab's local RPM repository (issue #3; DESIGN.md §5; lab-notes §5).
#
#   bash test/lab/rpm/build-repo.sh OUTDIR
#
# Builds with rpmbuild (its _topdir in a temp dir that is removed again) the noarch stand-in packages
#   ovirt-engine-4.5.6-1.el8, vdsm-4.30.46-1.el7, vdsm-4.50.5-1.el8 (Obsoletes: vdsm-hook-floppy < 4.50.5-1.el8),
#   vdsm-hook-floppy-4.30.46-1.el7 (Requires: vdsm)
# and lays them out like the real oVirt repositories they stand for:
#   OUTDIR/el7/  oVirt 4.3 (EL7): vdsm-4.30.46, vdsm-hook-floppy-4.30.46      (own repodata)
#   OUTDIR/el8/  oVirt 4.5 (EL8): vdsm-4.50.5, ovirt-engine-4.5.6            (own repodata; no hook package,
#                as in the real 4.5 repos: facts §0.1)
#   OUTDIR/      createrepo_c OUTDIR: one repository over everything (for `dnf --repofrompath` experiments)
# Hosts point their /etc/yum.repos.d/lab.repo at the sub-repository of their vdsm version (install-role.sh),
# because a 4.3 host that also saw vdsm-4.50 would have dnf replace the obsoleted hook package by vdsm-4.50.
# Needs: rpmbuild (Debian package rpm), createrepo_c (createrepo-c). Idempotent: OUTDIR's RPMs are replaced.
set -euo pipefail

die() { echo "build-repo.sh: $*" >&2; exit 2; }
[ $# -eq 1 ] || die "usage: build-repo.sh OUTDIR"
command -v rpmbuild >/dev/null || die "rpmbuild not found (apt-get install rpm)"
command -v createrepo_c >/dev/null || die "createrepo_c not found (apt-get install createrepo-c)"

here=$(cd "$(dirname "$0")" && pwd)
standins=$(cd "$here/../standins" && pwd)
mkdir -p "$1"
out=$(cd "$1" && pwd)

top=$(mktemp -d)
trap 'rm -rf "$top"' EXIT
mkdir -p "$top/SOURCES" "$top/RPMS"
cp "$standins/vdsm/hooking.py" "$standins/vdsm/run_hooks.py" \
   "$standins/vdsm/floppy_before_vm_start.py" "$standins/vdsm/floppy_before_vm_migrate_source.py" "$top/SOURCES/"

# HOME inside the temp dir: Debian's rpm macros put the rpmdb under ~ (%_dbpath ~/.rpmdb); building must not
# create or touch the caller's.
build() {
  HOME="$top" rpmbuild --quiet -bb --define "_topdir $top" --define "_rpmdir $top/RPMS" \
    --define '_rpmfilename %%{NAME}-%%{VERSION}-%%{RELEASE}.%%{ARCH}.rpm' "$@"
}
build "$here/specs/ovirt-engine.spec"
build --define 'vdsm_version 4.30.46' --define 'vdsm_release 1.el7' "$here/specs/vdsm.spec"
build --define 'vdsm_version 4.50.5' --define 'vdsm_release 1.el8' --define 'obsoletes_floppy 1' "$here/specs/vdsm.spec"
build "$here/specs/vdsm-hook-floppy.spec"

rm -rf "$out/el7" "$out/el8" "$out/repodata"
mkdir -p "$out/el7" "$out/el8"
mv "$top/RPMS/vdsm-4.30.46-1.el7.noarch.rpm" "$top/RPMS/vdsm-hook-floppy-4.30.46-1.el7.noarch.rpm" "$out/el7/"
mv "$top/RPMS/vdsm-4.50.5-1.el8.noarch.rpm" "$top/RPMS/ovirt-engine-4.5.6-1.el8.noarch.rpm" "$out/el8/"
createrepo_c --quiet "$out/el7"
createrepo_c --quiet "$out/el8"
createrepo_c --quiet --excludes 'el7/repodata/*' --excludes 'el8/repodata/*' "$out"
echo "build-repo.sh: repository in $out (el7/, el8/)"
