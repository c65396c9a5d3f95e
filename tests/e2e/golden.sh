#!/usr/bin/env bash
# Every fixture: the JSON and Markdown reports equal tests/golden/<fixture>.
# {json,md}, the JSON validates
# against schema/report.schema.json, and is byte-identical with --jobs 1 and
# --jobs 8. Regenerate goldens with scripts/update-golden.sh.
source "$(dirname "$0")/lib.sh"
for dir in "$RC_SRC"/tests/fixtures/*/; do
	name=$(basename "$dir")
	[ -f "$RC_SRC/tests/golden/$name.json" ] || continue
	fx=$(sandbox "$name")
	out1="$RC_WORK/$name.j1.json"
	out8="$RC_WORK/$name.j8.json"
	code=0
	md="$RC_WORK/$name.md"
	(cd "$fx" && "$RC_BIN" scan --format json --jobs 1 -o "$out1" --format md -o "$md" .) || code=$?
	# exit 1 is a gate (an expired attestation in a fixture), not an error
	if [ "$code" -gt 1 ]; then not_ok "$name: exit $code"; continue; fi
	(cd "$fx" && "$RC_BIN" scan --format json --jobs 8 -o "$out8" .) || true
	if cmp -s "$out1" "$out8"; then ok "$name: --jobs 1 and 8 agree"; else
		not_ok "$name: --jobs 1 and --jobs 8 differ"; diff "$out1" "$out8" | head -20; fi
	if python3 "$RC_SRC/tests/e2e/schema_validate.py" "$RC_SRC/schema/report.schema.json" "$out1"; then
		ok "$name: valid against the report schema"; else not_ok "$name: schema"; fi
	if diff -u "$RC_SRC/tests/golden/$name.json" "$out1" >"$RC_WORK/$name.diff"; then
		ok "$name: matches golden"
	else
		not_ok "$name: differs from tests/golden/$name.json"; head -40 "$RC_WORK/$name.diff"
	fi
	if diff -u "$RC_SRC/tests/golden/$name.md" "$md" >"$RC_WORK/$name.md.diff"; then
		ok "$name: Markdown matches golden"
	else
		not_ok "$name: differs from tests/golden/$name.md"; head -40 "$RC_WORK/$name.md.diff"
	fi
done
[ "$passes" -ge 28 ] || not_ok "expected at least 7 fixtures with goldens, ran $passes checks"
finish
