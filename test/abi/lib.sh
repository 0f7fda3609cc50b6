# SPDX-License-Identifier: GPL-2.0-only
# Helpers of the ABI conformance suites (conformance.sh, conformance-static.sh):
# the sysfs paths under $SYSFS and raw reads and writes that report the errno
# by name. Plain POSIX sh, sourced under busybox sh in the VM lane; the TAP
# primitives come from test/lib/tap.sh.
#
# Callers set abi_dir to their own directory first ($0 is the script when run
# as "sh conformance.sh").

. "$abi_dir/../lib/tap.sh"

SYSFS=${SYSFS:-/sys}
BUS=$SYSFS/bus/dax
DEVS=$BUS/devices
DRV=$BUS/drivers
MEMDIR=$SYSFS/devices/system/memory
NODEDIR=$SYSFS/devices/system/node

errname() {
	case "$1" in
	*"Device or resource busy"*) echo EBUSY ;;
	*"Invalid argument"*) echo EINVAL ;;
	*"No space left on device"*) echo ENOSPC ;;
	*"No such device or address"*) echo ENXIO ;;
	*"No such device"*) echo ENODEV ;;
	*"No such file or directory"*) echo ENOENT ;;
	*"Permission denied"*) echo EACCES ;;
	*"Input/output error"*|*"I/O error"*) echo EIO ;;
	*"Cannot allocate memory"*|*"Out of memory"*) echo ENOMEM ;;
	*"Operation not permitted"*) echo EPERM ;;
	*"Numerical result out of range"*|*"Result not representable"*) echo ERANGE ;;
	*"Operation not supported"*|*"Not supported"*) echo EOPNOTSUPP ;;
	*) echo "E?($1)" ;;
	esac
}

# wr FILE VALUE: one write(2) of VALUE (no newline added); prints ok or the errno name.
# dd does the write: its error messages carry strerror() in every shell (dash's and
# busybox ash's printf do not report the errno of a failed write).
# fullblock: dd must pass the whole value in one write(2), as echo > FILE
# does; a pipe may hand it over in pieces (a value with a newline in it
# then reached the kernel as two writes, and failed now and then)
wr() {
	if _o=$(printf '%s' "$2" | dd of="$1" bs=4096 iflag=fullblock status=none 2>&1); then
		echo ok
	else
		errname "$_o"
	fi
}

rd() {
	cat "$1" 2>/dev/null
}

# rderr FILE: ok or the errno name of reading FILE
rderr() {
	if _o=$(cat "$1" 2>&1 >/dev/null); then
		echo ok
	else
		errname "$_o"
	fi
}

drvname() {
	if [ -L "$DEVS/$1/driver" ]; then
		basename "$(readlink -f "$DEVS/$1/driver")"
	else
		echo none
	fi
}
