# Helpers of the kernel probes (observe.sh, observe2.sh), sourced by bash.
# They report, never assert: each write or read prints one line with the
# outcome, so a probe's output can be diffed between kernels.
#
# The caller sets S (sysfs root), D (bus/dax/devices) and may set PROBE_WIDTH
# (label column width).

errname() {
	case "$1" in
	*"Device or resource busy"*) echo EBUSY ;;
	*"Invalid argument"*) echo EINVAL ;;
	*"No space left on device"*) echo ENOSPC ;;
	*"No such device or address"*) echo ENXIO ;;
	*"No such device"*) echo ENODEV ;;
	*"No such file or directory"*) echo ENOENT ;;
	*"Permission denied"*) echo EACCES ;;
	*"Input/output error"*) echo EIO ;;
	*"Cannot allocate memory"*) echo ENOMEM ;;
	*"Operation not permitted"*) echo EPERM ;;
	*"Operation not supported"*) echo EOPNOTSUPP ;;
	*"Numerical result out of range"*) echo ERANGE ;;
	*"File exists"*) echo EEXIST ;;
	*) echo "?($1)" ;;
	esac
}

# w LABEL FILE VALUE: write VALUE (printf %b, so no newline unless given).
w() {
	local out
	if out=$( { printf '%b' "$3" >"$2"; } 2>&1); then
		printf '%-*s -> ok\n' "${PROBE_WIDTH:-62}" "$1"
	else
		printf '%-*s -> %s\n' "${PROBE_WIDTH:-62}" "$1" "$(errname "$out")"
	fi
}

# r LABEL FILE: read, newlines shown as '|'.
r() {
	local out
	if out=$(cat "$2" 2>&1); then
		printf '%-*s = %s\n' "${PROBE_WIDTH:-62}" "$1" "$(printf '%s' "$out" | tr '\n' '|')"
	else
		printf '%-*s -> read %s\n' "${PROBE_WIDTH:-62}" "$1" "$(errname "$out")"
	fi
}

# maps DEV: the device's size and ranges on one line.
maps() {
	local d=$1 i=0 s=""
	while [ -d "$D/$d/mapping$i" ]; do
		s="$s mapping$i=[$(cat "$D/$d/mapping$i/start")-$(cat "$D/$d/mapping$i/end") po=$(cat "$D/$d/mapping$i/page_offset")]"
		i=$((i + 1))
	done
	printf '%-*s : size=%s%s\n' "${PROBE_WIDTH:-62}" "  $d" "$(cat "$D/$d/size")" "$s"
}
