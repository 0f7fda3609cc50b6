#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# probe-check.sh PROFILE RUN_IN_SIM DAXSIM TOPOLOGY: run probe.sh on the
# simulator in PROFILE and compare with what the real kernel of that profile
# printed (probe.PROFILE.out): linux-6.1 recorded on Debian's 6.1 in the VM
# lane, series on the v6 series kernel (Documentation/kernel-series.md).
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib/tap.sh"
profile=$1
want=$here/probe.$profile.out
if [ ! -r "$want" ]; then
	echo "probe-check.sh: no recorded kernel output $want" >&2
	exit 2
fi
out=$("$2" --daxsim "$3" --profile "$profile" "$4" -- sh "$here/probe.sh" 2>&1)
rc=$?
[ $rc -eq 77 ] && exit 77
if diff -u "$want" <(printf '%s\n' "$out" | grep '^probe:'); then
	ok "the simulator ($profile) prints what the $profile kernel printed ($(wc -l <"$want") probes)"
else
	not_ok "the simulator ($profile) differs from the $profile kernel (diff above: - kernel, + simulator)"
fi
tap_plan
tap_tally
tap_status
