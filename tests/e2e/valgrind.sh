#!/usr/bin/env bash
# No leaks and no memory errors under valgrind memcheck when scanning every
# fixture (the ASan build is checked by its own run; valgrind cannot run a
# binary built with AddressSanitizer, so that build skips this test).
source "$(dirname "$0")/lib.sh"
if ! command -v valgrind >/dev/null 2>&1; then
	echo "valgrind not installed (scripts/deps.sh installs it)"; exit 1
fi
if grep -q __asan_init "$RC_BIN" 2>/dev/null; then
	echo "skipped: an AddressSanitizer build"; printf '0 passed, 0 failed\n'; exit 0
fi
export READYCHECK_CACHE_DIR="$RC_WORK/cache"
"$RC_BIN" checks >/dev/null
for dir in "$RC_SRC"/tests/fixtures/*/; do
	name=$(basename "$dir")
	[ "$name" = hostile ] && continue
	fx=$(sandbox "$name")
	# warm the pattern cache natively so valgrind runs the scan, not the compile
	(cd "$fx" && "$RC_BIN" scan -q . >/dev/null 2>&1) || true
	code=0
	(cd "$fx" && valgrind --quiet --leak-check=full --show-leak-kinds=definite,indirect \
		--errors-for-leak-kinds=definite,indirect --error-exitcode=9 \
		"$RC_BIN" scan --format json -o /dev/null --format md -o /dev/null . \
		2>"$RC_WORK/$name.vg") || code=$?
	if [ "$code" -eq 9 ]; then not_ok "$name: valgrind errors"; head -30 "$RC_WORK/$name.vg"
	elif [ "$code" -gt 1 ]; then not_ok "$name: exit $code"; head -30 "$RC_WORK/$name.vg"
	else ok "$name: clean under valgrind"; fi
done
# the secret scanner alone, over a tree and over a git history (seed-telemetry
# holds secrets; the sandbox with dot-fixture-git is a repository)
for name in seed-telemetry well-prepared; do
	fx="$RC_WORK/fx/$name"
	(cd "$fx" && "$RC_BIN" secrets . >/dev/null 2>&1) || true
	for mode in "" "--history"; do
		code=0
		(cd "$fx" && valgrind --quiet --leak-check=full --show-leak-kinds=definite,indirect \
			--errors-for-leak-kinds=definite,indirect --error-exitcode=9 \
			"$RC_BIN" secrets $mode --format json -o /dev/null . 2>"$RC_WORK/$name.s.vg") || code=$?
		if [ "$code" -eq 9 ]; then not_ok "$name: secrets $mode: valgrind errors"; head -30 "$RC_WORK/$name.s.vg"
		elif [ "$code" -gt 1 ]; then not_ok "$name: secrets $mode: exit $code"; head -30 "$RC_WORK/$name.s.vg"
		else ok "$name: secrets $mode clean under valgrind"; fi
	done
done
finish
