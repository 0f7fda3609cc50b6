#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# meson dist: the release tarball (of the committed tree) holds the
# sources, builds from scratch, and passes its own test suite.  Slow (a
# whole build and test run, ~10 min): suite 'dist', leave it out with
# meson test --no-suite dist.  $DIST_TEST_ARGS narrows the inner run
# (e.g. "--suite ops").  Files not committed are not in the tarball.
. "$(dirname "$0")/lib.sh"
# The whole run sits in a function: bash has parsed it before the long
# inner test run starts, so editing this file meanwhile cannot derail it.
main() {
	if [ -n "${DAXCTL_DIST_CHECK:-}" ]; then
		echo "SKIP: already inside a dist check"
		exit 77
	fi
	if [ -n "${DAXCTL_WRAPPER:-}${ASAN_OPTIONS:-}" ] || [ "${OPS_SANITIZE:-none}" != none ]; then
		echo "SKIP: the dist check runs in the plain setup only"
		exit 77
	fi
	command -v git >/dev/null && git -C "$SRCDIR" rev-parse --git-dir >/dev/null 2>&1 ||
		{ echo "SKIP: not a git checkout"; exit 77; }

	work=$ops_tmp/dist
	mkdir -p "$work"
	if meson dist -C "$BUILDDIR" --no-tests --allow-dirty --formats xztar >"$work/dist.log" 2>&1; then
		ok "meson dist"
	else
		not_ok "meson dist" "$(tail -3 "$work/dist.log")"
		ops_done
	fi
	name=$(meson introspect --projectinfo "$BUILDDIR" | jq -r '.descriptive_name + "-" + .version')
	tarball=$BUILDDIR/meson-dist/$name.tar.xz
	check "tarball $name.tar.xz" test -s "$tarball"
	check "checksum file" bash -c "cd '$BUILDDIR/meson-dist' && sha256sum -c '$name.tar.xz.sha256sum' >/dev/null"

	tar -tJf "$tarball" >"$work/list"
	for f in meson.build meson_options.txt README.md libdaxctl/libdaxctl.h daxctl/daxctl.c \
		daxctl/config.c daxctl/map.c contrib/90-daxctl-device.rules.in \
		contrib/daxdev-reconfigure@.service.in contrib/daxctl.example.conf \
		contrib/daxctl-completion.bash Documentation/meson.build \
		Documentation/daxctl.conf.txt test/ops/meson.build test/daxsim/run-in-sim; do
		check "tarball has $f" grep -qx "$name/$f" "$work/list"
	done
	check "tarball has no .git" bash -c "! grep -q '/\.git/' '$work/list'"

	tar -xJf "$tarball" -C "$work"
	if meson setup "$work/build" "$work/$name" >"$work/setup.log" 2>&1 &&
		meson compile -C "$work/build" >"$work/compile.log" 2>&1; then
		ok "the tarball builds"
	else
		not_ok "the tarball builds" "$(tail -5 "$work/setup.log" "$work/compile.log" 2>/dev/null)"
		ops_done
	fi
	# shellcheck disable=SC2086
	if DAXCTL_DIST_CHECK=1 meson test -C "$work/build" --print-errorlogs ${DIST_TEST_ARGS:-} \
		>"$work/test.log" 2>&1; then
		ok "the tarball passes its tests ($(grep -E '^Ok:' "$work/test.log" | tr -s ' '))"
	else
		not_ok "the tarball passes its tests"
		grep -E '^ *[0-9]+/[0-9]+ .*(FAIL|TIMEOUT)' "$work/test.log" | sed 's/^/#     /'
		grep -E '^(Ok|Fail|Skipped|Timeout):' "$work/test.log" | sed 's/^/#     /'
	fi
	grep -E '^ *[0-9]+/[0-9]+ ' "$work/test.log" | sed 's/^/# /'
	ops_done
}
main "$@"
