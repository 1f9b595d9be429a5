#!/bin/sh
# Unit tests of the vdsm stand-in only (test/unit/lab/engine-api*.test.ts): this machine has no libvirt, so the
# stand-in's own logic (payloads, hooks, error wrapping) is tested against this recorder. What libvirt and QEMU
# accept or refuse is proven against the real ones in the lab (test/integration/real-vm.int.test.ts).
#   create FILE   keeps FILE as $FAKE_VIRSH_DIR/<uuid>.xml ("Domain ... created"); FAKE_VIRSH_REFUSE=msg refuses
#   list --uuid   the kept uuids;   destroy UUID   removes it
d=${FAKE_VIRSH_DIR:?}
mkdir -p "$d"
case $1 in
  create)
    if [ -n "${FAKE_VIRSH_REFUSE:-}" ]; then
      printf 'error: Failed to create domain from %s\nerror: %s\n' "$2" "$FAKE_VIRSH_REFUSE" >&2; exit 1
    fi
    u=$(sed -n 's:.*<uuid>\([^<]*\)</uuid>.*:\1:p' "$2" | head -n1)
    cp "$2" "$d/$u.xml"; echo "Domain '$u' created from $2" ;;
  list) for f in "$d"/*.xml; do [ -f "$f" ] && basename "$f" .xml; done; exit 0 ;;
  destroy) [ -f "$d/$2.xml" ] || { echo "error: failed to get domain '$2'" >&2; exit 1; }; rm -f "$d/$2.xml"; echo "Domain '$2' destroyed" ;;
  *) echo "fake-virsh: unsupported: $*" >&2; exit 1 ;;
esac
