#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# probe-check.sh RUN_IN_SIM DAXSIM TOPOLOGY: run probe.sh on the simulator
# (linux-6.1 profile) and compare with what Debian's 6.1 kernel printed
# (probe.linux-6.1.out, recorded in the VM lane).
set -u
here=$(cd "$(dirname "$0")" && pwd)
out=$("$1" --daxsim "$2" --profile linux-6.1 "$3" -- sh "$here/probe.sh" 2>&1)
rc=$?
[ $rc -eq 77 ] && exit 77
if diff -u "$here/probe.linux-6.1.out" <(printf '%s\n' "$out" | grep '^probe:'); then
	echo "ok 1 - the simulator prints what Debian's 6.1 printed ($(wc -l <"$here/probe.linux-6.1.out") probes)"
	echo "1 passed, 0 failed"
else
	echo "not ok 1 - the simulator differs from Debian's 6.1 (diff above: - kernel, + simulator)"
	echo "0 passed, 1 failed"
	exit 1
fi
