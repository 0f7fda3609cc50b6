#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# run-in-sim returns CMD's status and leaves nothing behind (no mount in
# /proc/mounts, no simulator process, no mount point directory), whether CMD
# succeeds, fails, dies of a signal, or run-in-sim itself is killed.
set -u
. "$(dirname "$0")/lib.sh"
need_root

tmpd=$(mktemp -d /tmp/daxsim-teardown.XXXXXX)
trap 'rm -rf "$tmpd"' EXIT
export TMPDIR=$tmpd
topo=$topo_dir/hmem.json

# processes whose command line mentions our private TMPDIR (the simulator
# has its mount point there; the commands below carry it as an argument)
leftovers() {
	# the bracket keeps grep's own command line from matching
	grep -ls "$(echo "$tmpd" | sed 's/\./[.]/g')" /proc/[0-9]*/cmdline | grep -vc "^/proc/$$/"
}

clean() { # nothing left: mounts, processes, mount point dirs
	local i
	for i in $(seq 50); do
		[ "$(leftovers)" = 0 ] && break
		sleep 0.1
	done
	echo "mounts=$(grep -c daxsim /proc/mounts) procs=$(leftovers) dirs=$(ls "$tmpd" | wc -l)"
}
CLEAN="mounts=0 procs=0 dirs=0"

is "no simulator mount before the tests" "$(grep -c daxsim /proc/mounts)" 0

"$run_in_sim" "$topo" -- true
is "CMD succeeds: status 0" "$? $(clean)" "0 $CLEAN"
"$run_in_sim" "$topo" -- sh -c 'exit 7'
is "CMD fails: its status (7)" "$? $(clean)" "7 $CLEAN"
"$run_in_sim" "$topo" -- sh -c 'kill -9 $$'
is "CMD killed by SIGKILL: 137" "$? $(clean)" "137 $CLEAN"
"$run_in_sim" "$topo" -- sh -c 'grep -c daxsim /proc/mounts >/dev/null && test -c /dev/dax0.0'
is "inside: the simulator is mounted and /dev/dax0.0 is a char device" "$? $(clean)" "0 $CLEAN"
is "the host's /sys is untouched" "$(ls /sys/bus/dax/devices 2>/dev/null | grep -c sim)" 0

# wait_started: until CMD runs (so run-in-sim's traps are in place), at most 60 s
wait_started() {
	local i
	for i in $(seq 600); do
		[ -e "$tmpd/started" ] && break
		sleep 0.1
	done
	rm -f "$tmpd/started"
}

"$run_in_sim" "$topo" -- sh -c "touch $tmpd/started; sleep 60; : $tmpd" &
pid=$!
wait_started
kill -TERM "$pid"
wait "$pid"
is "run-in-sim gets SIGTERM: CMD is stopped (143), all torn down" "$? $(clean)" "143 $CLEAN"

"$run_in_sim" "$topo" -- sh -c "touch $tmpd/started; sleep 60; : $tmpd" &
pid=$!
wait_started
kill -KILL "$pid"
wait "$pid" 2>/dev/null
c=$(clean)
# an orderly exit removes the mount point and the lock directory; SIGKILL cannot
rm -rf "$tmpd"/daxsim.* "$tmpd"/daxsim-locks.* 2>/dev/null
is "run-in-sim gets SIGKILL: no mount or process survives" "${c% dirs=*}" "${CLEAN% dirs=*}"

"$run_in_sim" --root-only "$topo" -- sh -c '
	test -n "$DAXCTL_SYSFS_ROOT" &&
	test -L "$DAXCTL_SYSFS_ROOT/sys/bus/dax/devices/dax0.0" &&
	test -c "$DAXCTL_SYSFS_ROOT/dev/dax0.0" &&
	test "$SYSFS" = "$DAXCTL_SYSFS_ROOT/sys" &&
	test ! -e /dev/dax0.0'
is "--root-only: DAXCTL_SYSFS_ROOT holds sys/ and dev/, /dev left alone" "$? $(clean)" "0 $CLEAN"

"$run_in_sim" --daxsim /bin/false "$topo" -- true 2>/dev/null
is "a simulator that does not start: 125" "$? $(clean)" "125 $CLEAN"
"$run_in_sim" "$tmpd/missing.json" -- true 2>/dev/null
is "a missing topology: 125" "$?" 125
is "no simulator mount after the tests" "$(grep -c daxsim /proc/mounts)" 0
finish
