#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# test/fuzz/config.sh CC OUT: write OUT, the config.h meson would write
# (see the top meson.build), for the fuzz builds that do without meson.
# OUT is replaced only when its content changes, so objects stay fresh.
cc=$1
out=$2
cat >"$out.new" <<CONF
#pragma once
#define VERSION "fuzz"
#define DAXCTL_CONF_DIR "/etc/daxctl.conf.d"
#define MODPROBE_PATH "/sbin/modprobe"
#define DAXCTL_MODPROBE_DATA "/usr/local/share/daxctl/daxctl.conf"
#define DAXCTL_MODPROBE_INSTALL "/etc/modprobe.d/daxctl.conf"
$(printf '#include <json-c/json.h>\nint main(void){return !json_object_new_uint64(1);}\n' |
	$cc -x c - -o "$out.u64" $(pkg-config --cflags --libs json-c) 2>/dev/null &&
	echo '#define HAVE_JSON_U64')
CONF
rm -f "$out.u64"
cmp -s "$out.new" "$out" && rm -f "$out.new" || mv "$out.new" "$out"
