# SPDX-License-Identifier: GPL-2.0-only
# Helpers of the daxsim tests (bash): where the simulator is, and the closing
# plan and "N passed, N failed" over test/lib/tap.sh's primitives.

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
daxsim_dir=$(dirname "$here")
topo_dir=$daxsim_dir/topologies
run_in_sim=$daxsim_dir/run-in-sim

if [ -z "${DAXSIM:-}" ]; then
	for c in "$daxsim_dir/../../build/test/daxsim/daxsim"; do
		[ -x "$c" ] && DAXSIM=$(readlink -f "$c")
	done
fi
export DAXSIM

. "$here/../../lib/tap.sh"

# finish: the plan and the tally; exits 0 only if nothing failed
finish() {
	tap_plan
	tap_tally
	tap_status
	exit
}

need_root() {
	if [ "$(id -u)" != 0 ] || [ ! -c /dev/fuse ]; then
		echo "1..0 # SKIP needs root and /dev/fuse"
		exit 77
	fi
	if [ -z "${DAXSIM:-}" ] || [ ! -x "$DAXSIM" ]; then
		echo "Bail out! daxsim not built (set DAXSIM)"
		exit 1
	fi
}

# the errno name of a failed write, as conformance.sh does it
# fullblock: dd must pass the whole value in one write(2), as echo > FILE
# does; a pipe may hand it over in pieces (a value with a newline in it
# then reached the kernel as two writes, and failed now and then)
wr() {
	local o
	if o=$(printf '%s' "$2" | dd of="$1" bs=4096 iflag=fullblock status=none 2>&1); then
		echo ok
	else
		case "$o" in
		*"Device or resource busy"*) echo EBUSY ;;
		*"Invalid argument"*) echo EINVAL ;;
		*"No space left on device"*) echo ENOSPC ;;
		*"No such device or address"*) echo ENXIO ;;
		*"No such device"*) echo ENODEV ;;
		*"No such file or directory"*) echo ENOENT ;;
		*"Input/output error"*) echo EIO ;;
		*"Cannot allocate memory"*) echo ENOMEM ;;
		*"Permission denied"*) echo EACCES ;;
		*"Operation not permitted"*) echo EPERM ;;
		*"Numerical result out of range"*) echo ERANGE ;;
		*) echo "E?($o)" ;;
		esac
	fi
}
