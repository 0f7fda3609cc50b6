#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# Where files lie below the sysfs root is libdaxctl's knowledge alone
# (libdaxctl-root(3)): the command line programs in daxctl/ name no sysfs
# or device node path and never look at the root.  Comments are stripped
# by the preprocessor first, so prose may still talk about /sys.  A bare
# "/dev/" stays allowed: that is a prefix taken off user input (the
# configuration file names devices "/dev/daxX.Y"), not a path we build.
#
# Environment: SRCDIR (the source tree), CC.
set -u
. "$(dirname "$0")/../lib/tap.sh"
: "${SRCDIR:?}"
cc=${CC:-cc}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# offenders FILE: "FILE:LINE: TEXT" of every line breaking the rule
offenders() {
	# -fpreprocessed: drop comments, expand and include nothing
	"$cc" -fpreprocessed -dD -E -x c "$1" 2>/dev/null |
		awk -v f="$1" '
		/^# [0-9]+ / { line = $2 - 1; next }
		{ line++ }
		/"[^"]*\/sys([\/"]|$)|"[^"]*\/dev\/[^"]|daxctl_ctx_get_sysfs_root|DAXCTL_SYSFS_ROOT/ {
			print f ":" line ": " $0
		}'
}

# the check itself must catch what it is meant to catch
cat >"$tmp/bad.c" <<'EOF'
/* "/sys/devices" in a comment is fine */
static const char *ok_prefix = "/dev/";
static const char *a = "/sys/devices";
static const char *b = "/dev/%s";
// daxctl_ctx_get_sysfs_root(ctx) in a comment is fine
static const char *c(void *ctx) { return daxctl_ctx_get_sysfs_root(ctx); }
static const char *d = "DAXCTL_SYSFS_ROOT";
static const char *e = "%s/dev/%s";
static const char *g = "%s/sys";
EOF
is "the check finds each offending line of a sample, and no comment" \
	"$(offenders "$tmp/bad.c" | cut -d: -f2 | tr '\n' ' ')" "3 4 6 7 8 9 "

n=0
for f in "$SRCDIR"/daxctl/*.[ch]; do
	n=$((n + 1))
	offenders "$f"
done >"$tmp/found"
is "daxctl/ has sources to check" "$([ "$n" -gt 10 ] && echo yes)" yes
if [ -s "$tmp/found" ]; then
	mapfile -t lines <"$tmp/found"
	not_ok "daxctl/ builds no sysfs or /dev path and never reads the sysfs root" \
		"${lines[@]}"
else
	ok "daxctl/ builds no sysfs or /dev path and never reads the sysfs root"
fi
tap_plan
tap_tally
tap_status
