#!/usr/bin/env bash
# Expected verdicts per fixture (tests/e2e/verdicts.txt: "fixture check
# status" lines), and the catalog rule that every check has at least one
# fixture where it passes and one where it fails.
source "$(dirname "$0")/lib.sh"
table="$RC_SRC/tests/e2e/verdicts.txt"
for fixture in $(awk '!/^#/ && NF { print $1 }' "$table" | sort -u); do
	fx=$(sandbox "$fixture")
	(cd "$fx" && "$RC_BIN" scan --format json -o "$RC_WORK/$fixture.json" .) || true
done
"$RC_BIN" checks | sed -n '/^$/q;s/ .*//p' >"$RC_WORK/catalog.txt"
python3 - "$table" "$RC_WORK" "$RC_WORK/catalog.txt" <<'PY'
import json, os, sys
table, work, catalog = sys.argv[1:4]
reports, passes, fails = {}, 0, 0
seen = {}
for line in open(table):
    if not line.strip() or line.startswith("#"):
        continue
    fixture, check, want = line.split()
    if fixture not in reports:
        path = os.path.join(work, fixture + ".json")
        reports[fixture] = {f["check"]: f["status"] for f in json.load(open(path))["findings"]} if os.path.exists(path) else {}
    got = reports[fixture].get(check, "absent")
    seen.setdefault(check, set()).add(want)
    if got == want:
        passes += 1
    else:
        fails += 1
        print(f"not ok {fixture} {check}: expected {want}, got {got}")
for check in open(catalog).read().split():
    kinds = seen.get(check, set())
    if {"pass", "fail"} <= kinds or "manual" in kinds and "pass" in kinds and "fail" in kinds:
        passes += 1
    else:
        fails += 1
        print(f"not ok {check}: needs a fixture where it passes and one where it fails (has {sorted(kinds)})")
print(f"{passes} passed, {fails} failed")
sys.exit(1 if fails else 0)
PY
