#!/usr/bin/env bash
# Expected verdicts per fixture (tests/e2e/verdicts.txt: "fixture check
# status" lines), and the catalog rule that every check has at least one
# fixture where it passes and one where it fails.
source "$(dirname "$0")/lib.sh"
table="$RC_SRC/tests/e2e/verdicts.txt"
declare -A report
while read -r fixture check want; do
	case "$fixture" in ''|'#'*) continue ;; esac
	if [ -z "${report[$fixture]:-}" ]; then
		fx=$(sandbox "$fixture")
		report[$fixture]="$RC_WORK/$fixture.json"
		(cd "$fx" && "$RC_BIN" scan --format json -o "${report[$fixture]}" .) || true
	fi
	expect_eq "$fixture $check" "$want" "$(status_of "${report[$fixture]}" "$check")"
done <"$table"

# every built-in check: one pass and one fail somewhere in the table
while read -r id _; do
	[ -n "$id" ] || continue
	grep -qE "^[^#]\S* +$id +pass$" "$table" && p=yes || p=no
	grep -qE "^[^#]\S* +$id +fail$" "$table" && f=yes || f=no
	expect_eq "$id has a passing and a failing fixture" "yes yes" "$p $f"
done < <("$RC_BIN" checks | sed -n '/^$/q;p')
finish
