#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# private-tmpdir.sh COMMAND [ARGS...]: run COMMAND with a TMPDIR of its own.
#
# The valgrind setup runs daxctl through this.  Valgrind names its scratch
# files in $TMPDIR after the process and parent ids; inside the simulator's
# pid namespaces parallel cases share those ids and /tmp, so two runs could
# race for one name ("VG_(mkstemp): failed to create temp file", reported
# on a '==PID==' line: 2 of 104 fault-sweep cases in one CI run).
dir=$(mktemp -d "${TMPDIR:-/tmp}/daxctl-wrap.XXXXXX") || exit 98
TMPDIR=$dir "$@"
rc=$?
rm -rf "$dir"
exit "$rc"
