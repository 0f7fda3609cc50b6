#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# The region lock (Documentation/locking.md) cannot be taken or held by a
# user who may not provision: it lives in /run/daxctl, a directory only
# root may enter.  An unprivileged flock on the region's sysfs directory
# (the old lock object) no longer blocks root; a foreign holder of the
# lock is named as what it is, never as "another daxctl"; a lock
# directory or file that others could have prepared is refused.
. "$(dirname "$0")/lib.sh"
require_sim
command -v setpriv >/dev/null && command -v flock >/dev/null ||
	{ echo "setpriv or flock missing: skipping"; exit 77; }

PREP='
D disable-device dax0.0 >/dev/null 2>&1
D reconfigure-device -s 0 dax0.0 >/dev/null 2>&1
export DAXCTL_LOCK_TIMEOUT=0
nobody() { setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }
# wait_lock FILE: until something holds an flock on FILE
wait_lock() {
	local i
	for i in $(seq 100); do
		flock -n "$1" true 2>/dev/null || return 0
		sleep 0.1
	done
	return 1
}
'

sim -- "$PREP"'
# the old lock object, held by nobody
nobody flock /sys/devices/platform/hmem.0/dax_region sleep 30 &
blocker=$!
wait_lock /sys/devices/platform/hmem.0/dax_region && echo "ok sysfs-held-by-nobody" || echo "FAIL sysfs-held-by-nobody"
t not-blocked-by-sysfs-flock 0 D create-device -s 256M
noerr not-blocked-msg "busy"
kill $blocker; wait $blocker 2>/dev/null

# the lock itself: nobody can neither create nor open it
D create-device -s 128M >/dev/null 2>&1
is lock-dir-mode "700 root" "$(stat -c "%a %U" /run/daxctl)"
is lock-file-mode "600 root" "$(stat -c "%a %U" /run/daxctl/region0.lock)"
if nobody flock -n /run/daxctl/region0.lock true 2>/dev/null; then
	echo "FAIL nobody-cannot-lock: nobody took the lock"
else
	echo "ok nobody-cannot-lock"
fi
if nobody touch /run/daxctl/region9.lock 2>/dev/null; then
	echo "FAIL nobody-cannot-create"
else
	echo "ok nobody-cannot-create"
fi

# a root process that is not daxctl holds it: named, not blamed on daxctl
# -o: sleep does not inherit the lock, so killing flock frees it
flock -o /run/daxctl/region0.lock sleep 30 &
holder=$!
wait_lock /run/daxctl/region0.lock
before=$(state)
t foreign-holder 240 D create-device -s 128M
err foreign-holder-msg "region0 is busy: its lock is held by pid $holder (flock)"
noerr foreign-holder-not-daxctl "daxctl"
is foreign-holder-unchanged "$before" "$(state)"
kill $holder; wait $holder 2>/dev/null
t after-holder 0 D create-device -s 128M

# a lock directory or file that others could have prepared
chmod 0777 /run/daxctl
before=$(state)
t lockdir-open-to-others 255 D create-device -s 128M
err lockdir-open-to-others-msg "lock directory /run/daxctl is not a directory owned by root and closed to others"
is lockdir-open-to-others-unchanged "$before" "$(state)"
chmod 0700 /run/daxctl
rm -f /run/daxctl/region0.lock
ln -s /etc/passwd /run/daxctl/region0.lock
t lockfile-symlink 255 D create-device -s 128M
err lockfile-symlink-msg "lock file /run/daxctl/region0.lock is a symbolic link: refusing"
is lockfile-symlink-unchanged "$before" "$(state)"
rm -f /run/daxctl/region0.lock
chown 65534 /run/daxctl
t lockdir-not-root 255 D create-device -s 128M
err lockdir-not-root-msg "not a directory owned by root"
chown 0 /run/daxctl
t lock-restored 0 D create-device -s 128M
echo "ok script-complete"
' >"$WORK/run.out" 2>&1; tally <"$WORK/run.out"
grep -q "^ok script-complete" "$WORK/run.out" || not_ok script-complete

summary
