#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# memmap_on_memory (Linux >= 6.8) on the simulator: shown by list when set,
# chosen by reconfigure-device --(no-)memmap-on-memory before kmem is bound,
# refused with one line and nothing changed where the kernel cannot (no
# attribute: the linux-6.1 topology; booted without
# memory_hotplug.memmap_on_memory; system-ram with the other value), and put
# back when the command fails after writing it.
. "$(dirname "$0")/lib.sh"
SIMTOPO=$SRC_ROOT/test/daxsim/topologies
require_sim

# --- a kernel without the attribute (Debian's 6.1) --------------------------
TOPO=$SIMTOPO/hmem.json sim -- '
before=$(state)
t "6.1: --memmap-on-memory refused" 161 D reconfigure-device -m system-ram --memmap-on-memory dax0.0
err "6.1: says the kernel lacks it" "^dax0.0: memmap_on_memory: not supported by this kernel"
is "6.1: nothing changed" "$before" "$(state)"
t "6.1: --no-memmap-on-memory refused too" 161 D reconfigure-device -m system-ram --no-memmap-on-memory dax0.0
t "6.1: list" 0 D list
jqt "6.1: list has no memmap_on_memory" "[.[] | has(\"memmap_on_memory\")]" "[false]"
' >"$WORK/run.out" 2>&1; tally <"$WORK/run.out"

# --- 6.8+ booted with memory_hotplug.memmap_on_memory=1 ---------------------
TOPO=$SIMTOPO/memmap.json sim -- '
t "list" 0 D list
jqt "list: the key only where set" "[.[] | [.chardev, .memmap_on_memory]]" "[[\"dax0.1\",true],[\"dax0.0\",null]]"
t "set it on the way to system-ram" 0 D reconfigure-device -m system-ram --memmap-on-memory dax0.0
is "the attribute is set" 1 "$(cat /sys/bus/dax/devices/dax0.0/memmap_on_memory)"
jqt "the output shows it" ".[0].memmap_on_memory" "true"
jqt "and the memory is online" ".[0].online_memblocks" "4"
t "the same value again in system-ram mode" 0 D reconfigure-device -m system-ram --memmap-on-memory dax0.0
before=$(state)
t "no change in system-ram mode" 240 D reconfigure-device -m system-ram --no-memmap-on-memory dax0.0
err "says how" "^dax0.0: memmap_on_memory cannot change in system-ram mode: reconfigure the device to devdax first"
is "nothing changed" "$before" "$(state)"
t "back to devdax" 0 D reconfigure-device -f -m devdax dax0.0
is "devdax keeps the choice" 1 "$(cat /sys/bus/dax/devices/dax0.0/memmap_on_memory)"
t "cleared on the way to system-ram" 0 D reconfigure-device -m system-ram --no-memmap-on-memory dax0.0
is "the attribute is clear" 0 "$(cat /sys/bus/dax/devices/dax0.0/memmap_on_memory)"
jqt "the output has no key" "[.[0] | has(\"memmap_on_memory\")]" "[false]"
t "without the option the choice stays" 0 D reconfigure-device -N -m system-ram dax0.1
is "dax0.1 keeps its memmap_on_memory" 1 "$(cat /sys/bus/dax/devices/dax0.1/memmap_on_memory)"
t "usage: not with devdax" 129 D reconfigure-device -m devdax --memmap-on-memory dax0.1
err "usage: says so" "^--(no-)memmap-on-memory applies to --mode=system-ram only"
t "usage: not with a resize" 129 D reconfigure-device -s 0 --no-memmap-on-memory dax0.1
' >"$WORK/run.out" 2>&1; tally <"$WORK/run.out"

# the kmem bind fails after the attribute was written: it is put back
TOPO=$SIMTOPO/memmap.json sim --fail /sys/bus/dax/drivers/kmem/new_id:1:ENODEV \
	--fail /sys/bus/dax/drivers/kmem/bind:1:ENODEV -- '
before=$(state)
t "kmem refuses" 237 D reconfigure-device -m system-ram --memmap-on-memory dax0.0
is "memmap_on_memory put back" 0 "$(cat /sys/bus/dax/devices/dax0.0/memmap_on_memory)"
is "everything put back" "$before" "$(state)"
' >"$WORK/run.out" 2>&1; tally <"$WORK/run.out"

# the boot-time path: a configuration file chooses it
mkdir -p "$WORK/conf"
printf '%s\n' '[reconfigure-device m]' 'device = dax0.0' 'mode = system-ram' \
	'memmap_on_memory = true' > "$WORK/conf/m.conf"
TOPO=$SIMTOPO/memmap.json sim -- '
export DAXCTL_CONF_DIR=$WORK/conf
t "check-config applies memmap_on_memory" 0 D reconfigure-device --check-config dax0.0
is "the attribute is set" 1 "$(cat /sys/bus/dax/devices/dax0.0/memmap_on_memory)"
t "list" 0 D list -d dax0.0
jqt "system-ram with its memmap on itself" "[.[0].mode, .[0].memmap_on_memory]" "[\"system-ram\",true]"
' >"$WORK/run.out" 2>&1; tally <"$WORK/run.out"

# layouts: saved with the device, applied back before kmem is bound
TOPO=$SIMTOPO/memmap.json sim -- '
t "save-layout" 0 D save-layout -o $WORK/l.json
is "the layout has each device'"'"'s value" "[false,true]" "$(jq -c "[.regions[0].devices[].memmap_on_memory]" $WORK/l.json)"
D reconfigure-device -m system-ram --no-memmap-on-memory dax0.1 >/dev/null 2>&1
D reconfigure-device -m system-ram --memmap-on-memory dax0.0 >/dev/null 2>&1
t "apply-layout --force puts both back" 0 D apply-layout --force $WORK/l.json
is "dax0.0: memmap_on_memory 0 again" 0 "$(cat /sys/bus/dax/devices/dax0.0/memmap_on_memory)"
is "dax0.1: memmap_on_memory 1 again" 1 "$(cat /sys/bus/dax/devices/dax0.1/memmap_on_memory)"
t "save-layout again" 0 D save-layout -o $WORK/l2.json
is "the same layout" "$(cat $WORK/l.json)" "$(cat $WORK/l2.json)"
jq ".regions[0].devices[1].mode = \"system-ram\"" $WORK/l.json > $WORK/l3.json
t "a layout onlines dax0.1 with its memmap on itself" 0 D apply-layout --force $WORK/l3.json
t "list" 0 D list -d dax0.1
jqt "system-ram, memmap on the device" "[.[0].mode, .[0].memmap_on_memory]" "[\"system-ram\",true]"
jq ".regions[0].devices[0].memmap_on_memory = 1" $WORK/l.json > $WORK/bad.json
t "a value that is not a boolean" 234 D apply-layout $WORK/bad.json
err "says so" "memmap_on_memory.* is not true or false"
' >"$WORK/run.out" 2>&1; tally <"$WORK/run.out"

# a layout that asks for it on a kernel without it
TOPO=$SIMTOPO/hmem.json sim -- '
D save-layout -o $WORK/l61.json
is "no key on 6.1" "[null]" "$(jq -c "[.regions[0].devices[].memmap_on_memory]" $WORK/l61.json)"
jq ".regions[0].devices[0].memmap_on_memory = true" $WORK/l61.json > $WORK/l61m.json
before=$(state)
t "apply-layout refuses it" 161 D apply-layout --force $WORK/l61m.json
err "names it" "memmap_on_memory: not supported by this kernel"
is "nothing changed" "$before" "$(state)"
' >"$WORK/run.out" 2>&1; tally <"$WORK/run.out"

# --- 6.8+ booted without memory_hotplug.memmap_on_memory ----------------------
jq '.memmap_on_memory = false' "$SIMTOPO/memmap.json" > "$WORK/memmap-off.json"
TOPO=$WORK/memmap-off.json sim -- '
is "the parameter reads N" N "$(cat /sys/module/memory_hotplug/parameters/memmap_on_memory)"
before=$(state)
t "setting refused" 161 D reconfigure-device -m system-ram --memmap-on-memory dax0.0
err "names the boot parameter" "^dax0.0: memmap_on_memory: the kernel was booted without memory_hotplug.memmap_on_memory=1"
lines "one line of reason" 3
is "nothing changed" "$before" "$(state)"
t "clearing needs nothing" 0 D reconfigure-device -m system-ram --no-memmap-on-memory dax0.0
' >"$WORK/run.out" 2>&1; tally <"$WORK/run.out"

# --- the library calls themselves (memmap-test.c) ---------------------------
MEMMAP_TEST=${MEMMAP_TEST:-$(dirname "$DAXCTL")/../test/provision/memmap-test}
lib_case() { # TOPOLOGY ARG
	"$RUN_IN_SIM" --root-only "$1" -- "$MEMMAP_TEST" "$2" > "$WORK/tap" 2>&1
	local rc=$? line
	while IFS= read -r line; do
		case "$line" in
		"ok "*) ok "lib $2: ${line#ok * - }" ;;
		"not ok "*) not_ok "lib $2: ${line#not ok * - }" ;;
		esac
	done < "$WORK/tap"
	[ "$rc" -eq 0 ] || [ "$tap_failed" -gt 0 ] ||
		not_ok "memmap-test $2: exit $rc" "$(tail -5 "$WORK/tap")"
}
if [ -x "$MEMMAP_TEST" ]; then
	lib_case "$SIMTOPO/hmem.json" absent
	lib_case "$SIMTOPO/memmap.json" allowed
	lib_case "$WORK/memmap-off.json" refused
else
	not_ok "no memmap-test binary at $MEMMAP_TEST"
fi

summary
