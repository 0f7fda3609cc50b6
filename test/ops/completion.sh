#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# Bash completion (contrib/daxctl-completion.bash) on the simulator:
# every command, every option of every command (daxctl CMD --list-opts),
# option values, and device names.
. "$(dirname "$0")/lib.sh"
in_sim hmem.json

. "$SRCDIR/contrib/daxctl-completion.bash"
# comp WORD...: the completions of the last word, sorted, one per line
comp() {
	COMP_WORDS=("$DAXCTL" "$@")
	COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
	COMPREPLY=()
	_daxctl
	printf '%s\n' "${COMPREPLY[@]}" | sort
}
lines() { printf '%s\n' "$@" | sort; }

check "complete -F _daxctl daxctl" bash -c \
	". '$SRCDIR/contrib/daxctl-completion.bash'; complete -p daxctl | grep -q -- '-F _daxctl'"

cmds=$(D --list-cmds)
check "commands: all of --list-cmds" test "$(comp "")" = "$(printf '%s\n' $cmds | sort)"
check "commands: map is one" grep -qx map <<<"$cmds"
check "commands: prefix re" test "$(comp re)" = "$(lines reconfigure-device recover)"
check "top-level options" test "$(comp --)" = "$(lines --help --list-cmds --version)"
check "help CMD" test "$(comp help on)" = online-memory
check "version: no options" test "$(comp version --)" = --help

# every option of every command
for c in $cmds; do
	opts=$(D "$c" --list-opts 2>/dev/null | tr ' ' '\n' | grep -- '^--')
	[ -n "$opts" ] || continue
	got=$(comp "$c" --)
	missing=
	for o in $opts; do
		grep -qx -- "$o" <<<"$got" || missing+=" $o"
	done
	check "$c: every option${missing:+ (missing$missing)}" test -z "$missing"
done
check "reconfigure-device --no-" test "$(comp reconfigure-device --no-)" = "$(lines --no-movable --no-online)"

# values
check "--mode values" test "$(comp reconfigure-device --mode "")" = "$(lines devdax system-ram)"
check "-m s" test "$(comp reconfigure-device -m s)" = system-ram
check "--mode=s (split at =)" test "$(comp reconfigure-device --mode = s)" = system-ram
check "--mode=d (one word)" test "$(comp reconfigure-device --mode=d)" = devdax
check "--region values" test "$(comp list -r "")" = "$(lines 0 all)"

# device names, as they come and go
check "devices: dax0.0 and all" test "$(comp reconfigure-device "")" = "$(lines all dax0.0)"
D disable-device dax0.0 >/dev/null 2>&1
D reconfigure-device -s 512M dax0.0 >/dev/null 2>&1
D create-device -s 256M >/dev/null 2>&1
check "devices: new device" test "$(comp destroy-device dax)" = "$(lines dax0.0 dax0.1)"
check "list -d" test "$(comp list -d dax0.1)" = dax0.1
for c in destroy-device online-memory offline-memory enable-device disable-device; do
	check "$c: devices" grep -qx dax0.1 <<<"$(comp "$c" "")"
done
check "after options" test "$(comp reconfigure-device -m devdax -f dax0.1)" = dax0.1

ops_done
