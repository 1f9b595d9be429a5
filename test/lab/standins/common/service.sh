#!/bin/sh
# Lab stand-in for service(8) (installed as /usr/sbin/service; DESIGN.md §5). Lab hosts have no systemd, so
# `service NAME ACTION` goes to the systemctl stand-in like on a systemd host. EL's initscripts version tells so
# on stderr ("Redirecting to /bin/systemctl ACTION NAME.service"); Debian's says nothing.
# Usage: service NAME ACTION [ARGS...]
if [ $# -lt 2 ]; then
  echo "Usage: service < option > | --status-all | [ service_name [ command | --full-restart ] ]" >&2
  exit 1
fi
name=$1
action=$2
shift 2
case $name in *.service) ;; *) name=$name.service ;; esac
if [ -e "${LAB_REDHAT_RELEASE:-/etc/redhat-release}" ]; then
  echo "Redirecting to /bin/systemctl $action $name" >&2
fi
exec "${LAB_SYSTEMCTL:-/usr/bin/systemctl}" "$action" "$name" "$@"
