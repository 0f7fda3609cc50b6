#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# run-wrapped.sh PROGRAM [ARGS...]: exec PROGRAM under $DAXCTL_WRAPPER
# (e.g. valgrind, set by `meson test --setup valgrind`), or directly.
# shellcheck disable=SC2086 # the wrapper is a blank separated command
exec ${DAXCTL_WRAPPER:-} "$@"
