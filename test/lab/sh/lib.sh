# Shared helpers for the lab's shell scripts (sourced, not run).

# Refuse anything but a dotted-quad inside 127.0.0.0/8: the lab never binds or connects elsewhere (DESIGN §5).
assert_loopback() {
  local a=$1 o
  if [[ ! $a =~ ^127\.([0-9]{1,3})\.([0-9]{1,3})\.([0-9]{1,3})$ ]]; then
    echo "lab: refusing address '$a': not a 127.x.y.z loopback address" >&2; exit 2
  fi
  for o in "${BASH_REMATCH[@]:1}"; do
    (( 10#$o <= 255 )) || { echo "lab: refusing address '$a': octet out of range" >&2; exit 2; }
  done
}

# Paths are interpolated into mount options and sh -c strings; keep them to a safe alphabet.
assert_safe_path() {
  [[ $1 =~ ^/[A-Za-z0-9._/+-]+$ ]] || { echo "lab: unsafe path '$1'" >&2; exit 2; }
}

# Mount points at or below DIR, deepest first (a child path is always longer than its parent).
mounts_under() {
  local dir=${1%/}
  awk -v d="$dir" '$5 == d || index($5, d "/") == 1 { print length($5) "\t" $5 }' /proc/self/mountinfo \
    | sort -rn | cut -f2-
}

# Unmount everything at or below DIR. Stacked mounts on one point need several rounds; a busy one is detached.
unmount_under() {
  local dir=$1 round m
  for round in 1 2 3 4 5 6 7 8; do
    mapfile -t ms < <(mounts_under "$dir")
    [ ${#ms[@]} -eq 0 ] && return 0
    for m in "${ms[@]}"; do
      umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null || true
    done
  done
  mapfile -t ms < <(mounts_under "$dir")
  [ ${#ms[@]} -eq 0 ] || { echo "lab: still mounted under $dir: ${ms[*]}" >&2; return 1; }
}

# Process state letter (R, S, Z, ...) or empty when the PID is gone.
proc_state() {
  local stat
  stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 0
  stat=${stat##*) }
  echo "${stat%% *}"
}
