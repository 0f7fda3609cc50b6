#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Guest script for the VM lane: the conformance suite under busybox sh on the
# real kernel.   scripts/vm/run --no-ours test/abi/vm-guest.sh
# A static region (an NVDIMM namespace in devdax mode: no available_size)
# has its own suite; every other machine runs conformance.sh.
d=$(readlink -f /sys/bus/dax/devices/dax0.0 2>/dev/null)
if [ -n "$d" ] && [ -d "$d/../dax_region" ] && [ ! -e "$d/../dax_region/available_size" ]; then
	exec busybox sh "${REPO:-/repo}/test/abi/conformance-static.sh"
fi
exec busybox sh "${REPO:-/repo}/test/abi/conformance.sh"
