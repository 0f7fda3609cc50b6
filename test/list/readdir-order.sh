#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# readdir-order.sh FIXTURE: print the readdir order of the directories
# whose order shows in "daxctl list" output (the dax bus device list and
# every region directory).  daxctl lists regions and devices in reverse
# readdir order, and readdir order depends on the filesystem (ext4 orders
# by a per-filesystem hash), so expected outputs are only byte-comparable
# where this order is the one recorded when they were made.
set -eu
sys=$1/sys
printf 'bus:'
ls -f "$sys/bus/dax/devices" | grep '^dax' | tr '\n' ' '
echo
for region in "$sys"/devices/platform/*/; do
	[ -d "$region/dax_region" ] || continue
	printf '%s:' "$(basename "$region")"
	ls -f "$region" | grep '^dax[0-9]' | tr '\n' ' '
	echo
done
