# SPDX-License-Identifier: GPL-2.0-only
# Sourced at the top of every script run inside the simulator (see lib.sh).
# Available inside every sim script:
#   D ...        our daxctl;  P ...   the peer
#   run OUT ...  run a command, stdout to OUT.out, stderr OUT.err, status OUT.rc
#   state        a canonical dump of everything provisioning can change

D() { ${DAXCTL_WRAPPER:-} "$DAXCTL" "$@"; }
P() { "$PEER" "$@"; }
run() {
	local out=$1; shift
	"$@" >"$out.out" 2>"$out.err"
	echo $? >"$out.rc"
}
# t NAME WANT_RC CMD...: run, check the exit status; output kept in $T.out/$T.err
T=$WORK/t
t() {
	local name=$1 want=$2 rc
	shift 2
	"$@" >"$T.out" 2>"$T.err"
	rc=$?
	if [ "$rc" = "$want" ]; then
		echo "ok $name"
	else
		echo "FAIL $name: exit $rc, want $want"
		sed "s/^/     /" "$T.err" | head -8
	fi
}
# err NAME PATTERN: the last t's stderr has a line matching PATTERN
err() {
	if grep -q -e "$2" "$T.err"; then echo "ok $1"; else
		echo "FAIL $1: stderr lacks /$2/"; sed "s/^/     /" "$T.err" | head -8; fi
}
# noerr NAME PATTERN: ... has no such line
noerr() {
	if ! grep -q -e "$2" "$T.err"; then echo "ok $1"; else
		echo "FAIL $1: stderr has /$2/"; sed "s/^/     /" "$T.err" | head -8; fi
}
# reason NAME PATTERN: besides the peer's summary lines ("error creating
# devices: ...", "created N devices"), the last t's stderr is exactly one
# line, matching PATTERN: a refusal is reported once, library included
reason() {
	local rest
	rest=$(grep -v -E '^error [a-z]+ [a-z]+: |^[a-z]+ (memory for )?[0-9]+ devices?$' "$T.err")
	if [ "$(printf '%s' "$rest" | grep -c "")" = 1 ] && grep -q -e "$2" <<<"$rest"; then
		echo "ok $1"
	else
		echo "FAIL $1: want one line /$2/ besides the summary"; sed "s/^/     /" "$T.err" | head -8
	fi
}
# jqt NAME FILTER WANT: jq -c FILTER on the last t's stdout
jqt() {
	local got
	got=$(jq -c "$2" "$T.out" 2>&1)
	if [ "$got" = "$3" ]; then echo "ok $1"; else
		echo "FAIL $1: jq $2 gave $got, want $3"; fi
}
# lines NAME N: the last t's stderr has N lines (one-line errors)
lines() {
	local n
	n=$(grep -c "" "$T.err")
	if [ "$n" = "$2" ]; then echo "ok $1"; else
		echo "FAIL $1: $n stderr lines, want $2"; sed "s/^/     /" "$T.err" | head -8; fi
}
# is NAME WANT GOT
is() {
	if [ "$2" = "$3" ]; then echo "ok $1"; else echo "FAIL $1: got [$3] want [$2]"; fi
}
state() {
	"$DAXCTL" list -iRDM 2>&1
	local m
	for m in /sys/devices/system/memory/memory*/; do
		[ -e "$m/state" ] || continue
		printf "%s %s %s\n" "$(basename "$m")" "$(cat "$m/state")" "$(cat "$m/valid_zones" 2>/dev/null)"
	done
	echo "auto_online_blocks $(cat /sys/devices/system/memory/auto_online_blocks)"
}
