#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# TAP test of the command line outside "list" output proper: exit statuses
# of the dispatcher and the option parser, and (where the peer can run)
# byte-identical messages and usage text for the same argument vectors.
# Environment: DAXCTL (required), DAXCTL_WRAPPER, PEER.
set -u
: "${DAXCTL:?set DAXCTL to the daxctl binary under test}"
peer=${PEER:-/usr/bin/daxctl}
wrapper=${DAXCTL_WRAPPER:-}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# no dax devices may leak into the output: an empty sysfs root
mkdir -p "$tmp/root/sys"
export DAXCTL_SYSFS_ROOT=$tmp/root
. "$(dirname "$0")/../lib/tap.sh"

# argument vector | expected exit status
while IFS='|' read -r args want; do
	# shellcheck disable=SC2086
	$wrapper "$DAXCTL" $args > /dev/null 2>&1
	rc=$?
	[ "$rc" = "$want" ]
	ok_rc $? "daxctl $args: exit $want (got $rc)"
done <<'CASES'
|1
bogus|1
--bogus|129
-x|129
--version|0
-v|0
version|0
--list-cmds|0
help|0
--help|0
-h|0
list|0
list extra|129
list -h|129
list --help-me|129
list --reg|129
list -r|129
list --human=1|129
list --list-opts|130
create-device extra|129
create-device --count=-1|129
create-device --input /nonexistent|129
reconfigure-device|129
reconfigure-device all|129
reconfigure-device -C -m devdax all|129
reconfigure-device -m devdax -N all|129
reconfigure-device -m devdax --memmap-on-memory all|129
online-memory|129
offline-memory --list-opts|130
destroy-device -h|129
enable-device --list-cmds|130
disable-device --nope x|129
CASES

# A control character in any argument is refused before the command runs,
# on one line that does not repeat it (a newline would split the message).
for bad in "$(printf 'dax0.1\nerror: forged')" "$(printf '0\t')" \
	"$(printf 'x\033[2J')" "$(printf '\177')"; do
	for cmd in "list -r" "destroy-device" "create-device --input"; do
		# shellcheck disable=SC2086
		$wrapper "$DAXCTL" $cmd "$bad" > "$tmp/c.out" 2> "$tmp/c.err"
		rc=$?
		[ -z "$wrapper" ] || sed -i '/^==[0-9]*==\|^--[0-9][0-9]*-- /d' "$tmp/c.err"
		[ "$rc" = 129 ] && [ ! -s "$tmp/c.out" ] &&
			[ "$(wc -l < "$tmp/c.err")" = 1 ] &&
			grep -q "^error: argument [0-9]* holds a control character (0x[0-9a-f][0-9a-f])$" "$tmp/c.err"
		ok_rc $? "daxctl $cmd $(printf %q "$bad"): one line, exit 129 (got $rc)"
	done
done

# Byte-identical with the peer (not version and --list-cmds: the version
# string and the command set differ by design).
if [ -x "$peer" ]; then
	while IFS= read -r args; do
		# shellcheck disable=SC2086
		env -u LD_LIBRARY_PATH "$peer" $args > "$tmp/p.out" 2> "$tmp/p.err"
		prc=$?
		# shellcheck disable=SC2086
		$wrapper "$DAXCTL" $args > "$tmp/o.out" 2> "$tmp/o.err"
		orc=$?
		# valgrind's notes (see list-test.sh), not daxctl's stderr
		[ -z "$wrapper" ] || sed -i '/^--[0-9][0-9]*-- /d' "$tmp/o.err"
		if cmp -s "$tmp/p.out" "$tmp/o.out" &&
			cmp -s "$tmp/p.err" "$tmp/o.err" && [ $prc = $orc ]; then
			ok_rc 0 "daxctl $args: as the peer"
		else
			ok_rc 1 "daxctl $args: as the peer (exit $prc vs $orc)"
			diff -u "$tmp/p.out" "$tmp/o.out" | sed 's/^/# /'
			diff -u "$tmp/p.err" "$tmp/o.err" | sed 's/^/# /'
		fi
	done <<'CASES'

--bogus
--reg
bogus
-h
--help
help
list -h
list --list-opts
list extra
list a b
list --foo
list --foo=bar
list -x
list -Rx
list -R=1
list --reg
list --d
list --no-r
list -r
list --region
list -d
list --dev
list --human=1
list --no-dev=x
list --no-no-human
list -
list -- extra
list -h -R
list -R --help
list --list-cmds
list --region=
list -r0 -dall
list --dev=x --no-dev
list --no-region
list --no-human
list --hu
list --no-hu
list --id
list -r 0 -r 1
list -iDMR
CASES
else
	echo "# peer $peer not found: message comparison skipped"
fi
tap_plan
tap_status
