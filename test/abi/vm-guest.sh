#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Guest script for the VM lane: the conformance suite under busybox sh on the
# real kernel.   scripts/vm/run --no-ours test/abi/vm-guest.sh
exec busybox sh "${REPO:-/repo}/test/abi/conformance.sh"
