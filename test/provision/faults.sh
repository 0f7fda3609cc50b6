#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# Fault injection at every sysfs write of the provisioning commands.
#
# For each scenario the command is first run cleanly with the simulator's
# write log, which lists the writes it makes.  Then, for each of those
# writes, the scenario is replayed in a fresh simulator with that write
# (the Nth write to that path, counted from the start of the command)
# failing, and the outcome must be one of:
#   - the command succeeded and the state is the clean run's final state
#     (the write's failure is one the command tolerates: new_id, a bind
#     that new_id made redundant, ...);
#   - the command failed and the state is exactly the state before it;
#   - the command failed and said on one line what remains changed
#     ("could not restore ...").
# The state compared is `daxctl list -iRDM` plus every memory block's
# state and zone.
. "$(dirname "$0")/lib.sh"
require_sim

# run_case NAME PREP CMD [FAULT]: prints rc, then before/after states, to $WORK/NAME.*
# PREP and CMD keep their own files in $CASE, a directory of this case
# alone: the cases of a scenario run in parallel, and a file one case's
# PREP rewrites must not be what another case's CMD is reading.
run_case() {
	local name=$1 prep=$2 cmd=$3 fault=${4:-}
	mkdir -p "$WORK/$name.d"
	CASE=$WORK/$name.d sim --log "$WORK/$name.log" -- "$prep"'
state > "$WORK/'"$name"'.before"
wc -l < "$DAXSIM_LOG" > "$WORK/'"$name"'.mark"
fault='"'$fault'"'
[ -n "$fault" ] && echo "$fault" > "$DAXSIM_CTL/fail"
'"$cmd"' > "$WORK/'"$name"'.out" 2> "$WORK/'"$name"'.err"
echo $? > "$WORK/'"$name"'.rc"
echo clear > "$DAXSIM_CTL/fail"
state > "$WORK/'"$name"'.after"
' >/dev/null 2>&1
	rm -f "$WORK/$name.log.cmd"
	if [ -f "$WORK/$name.mark" ]; then
		tail -n +"$(( $(cat "$WORK/$name.mark") + 1 ))" "$WORK/$name.log" > "$WORK/$name.log.cmd"
	fi
}

# scenario NAME PREP CMD [ERRNO]
scenario() {
	local name=$1 prep=$2 cmd=$3 errno=${4:-EIO}
	local clean=clean-$name writes i path nth fault case rc

	# ONLY=name1,name2 runs just those scenarios
	case ",${ONLY:-$name}," in
	*",$name,"*) ;;
	*) return ;;
	esac

	run_case "$clean" "$prep" "$cmd"
	if [ "$(cat "$WORK/$clean.rc" 2>/dev/null)" != 0 ]; then
		not_ok "$name: clean run" "$(cat "$WORK/$clean.err" 2>/dev/null)"
		return
	fi
	ok "$name: clean run"
	# "PATH VALUE RESULT": only the paths, with their occurrence number
	mapfile -t writes < <(awk '$1 !~ /^\/\.daxsim/ { n[$1]++; print $1 ":" n[$1] }' "$WORK/$clean.log.cmd")
	if [ "${#writes[@]}" -eq 0 ]; then
		not_ok "$name: no writes logged"
		return
	fi
	# replay with each write failing, a few simulators at a time
	for i in "${!writes[@]}"; do
		path=${writes[$i]%:*}
		nth=${writes[$i]##*:}
		while [ "$(jobs -rp | wc -l)" -ge "$JOBS" ]; do
			wait -n
		done
		run_case "$name-w$i" "$prep" "$cmd" "$path:$nth:$errno" &
	done
	wait
	for i in "${!writes[@]}"; do
		path=${writes[$i]%:*}
		nth=${writes[$i]##*:}
		case="$name-w$i"
		rc=$(cat "$WORK/$case.rc" 2>/dev/null || echo none)
		if [ "$rc" = 0 ] && cmp -s "$WORK/$case.after" "$WORK/$clean.after"; then
			ok "$name: fail write $i ($path #$nth $errno): tolerated"
		elif [ "$rc" != 0 ] && [ "$rc" != none ] && cmp -s "$WORK/$case.after" "$WORK/$case.before"; then
			ok "$name: fail write $i ($path #$nth $errno): restored"
		elif [ "$rc" != 0 ] && [ "$rc" != none ] && grep -q "could not restore" "$WORK/$case.err"; then
			ok "$name: fail write $i ($path #$nth $errno): remainder reported"
		else
			# a fault that never fired means this run wrote something
			# else than the clean run: show where the two parted
			local fired="the fault fired"
			grep -q ' injected$' "$WORK/$case.log.cmd" 2>/dev/null ||
				fired="the fault never fired; writes, clean run vs this one:
$(diff "$WORK/$clean.log.cmd" "$WORK/$case.log.cmd" 2>&1 | head -30)"
			not_ok "$name: fail write $i ($path #$nth $errno): rc $rc" \
				"$(cat "$WORK/$case.err" 2>/dev/null)" \
				"$(diff "$WORK/$case.before" "$WORK/$case.after" 2>&1 | head -30)" \
				"$fired"
		fi
	done
}

JOBS=${JOBS:-4}

EMPTY="$PREP_EMPTY"
ONE_DEV="$PREP_EMPTY
D create-device -s 256M >/dev/null 2>&1"
TWO_DEV="$ONE_DEV
D create-device -s 256M >/dev/null 2>&1"
RAM_DEV="$TWO_DEV
D reconfigure-device -m system-ram dax0.1 >/dev/null 2>&1"
# dax0.4 with two discontiguous ranges, saved to dev.json then destroyed
INPUT_PREP="$PREP_EMPTY
D create-device --count 4 >/dev/null 2>&1
D destroy-device -f dax0.2 >/dev/null 2>&1
D disable-device dax0.4 >/dev/null 2>&1
D reconfigure-device -s 512M dax0.4 >/dev/null 2>&1
D list -M -d dax0.4 | jq '.[0]' > \$CASE/dev.json
D destroy-device -f dax0.4 >/dev/null 2>&1"

scenario create "$EMPTY" 'D create-device -s 256M -a 2M'
scenario create-default "$ONE_DEV" 'D create-device'
scenario create-input "$INPUT_PREP" 'D create-device --input $CASE/dev.json'
scenario create-count "$EMPTY" 'D create-device --count 2 -s 256M'
scenario resize "$ONE_DEV
D disable-device dax0.1 >/dev/null 2>&1" 'D reconfigure-device -a 4K -s 512M dax0.1'
scenario to-system-ram "$TWO_DEV" 'D reconfigure-device -m system-ram dax0.1'
scenario to-system-ram-ebusy "$TWO_DEV" 'D reconfigure-device -m system-ram dax0.1' EBUSY
scenario to-system-ram-normal "$TWO_DEV" 'D reconfigure-device -m system-ram --no-movable dax0.1'
scenario to-devdax "$RAM_DEV" 'D reconfigure-device -f -m devdax dax0.1'
scenario to-devdax-ebusy "$RAM_DEV" 'D reconfigure-device -f -m devdax dax0.1' EBUSY
scenario offline "$RAM_DEV" 'D offline-memory dax0.1' EBUSY
scenario online "$RAM_DEV
D offline-memory dax0.1 >/dev/null 2>&1" 'D online-memory dax0.1'
scenario destroy "$TWO_DEV" 'D destroy-device -f dax0.1'
scenario destroy-discontiguous "$INPUT_PREP
D create-device --input \$CASE/dev.json >/dev/null 2>&1" 'D destroy-device -f dax0.2'

# apply-layout: the layout of INPUT_PREP plus a system-ram device, over a
# region rebuilt differently
LAYOUT_PREP="$INPUT_PREP
D create-device --input \$CASE/dev.json >/dev/null 2>&1
D reconfigure-device -m system-ram dax0.1 >/dev/null 2>&1
D save-layout > \$CASE/layout.json
D offline-memory dax0.1 >/dev/null 2>&1
D reconfigure-device -m devdax dax0.1 >/dev/null 2>&1
D destroy-device -f all >/dev/null 2>&1
D create-device -s 256M >/dev/null 2>&1
D create-device -s 512M >/dev/null 2>&1"
scenario apply-layout "$LAYOUT_PREP" 'D apply-layout -f $CASE/layout.json'

summary
