#!/usr/bin/env bash
# The five seed reviews (shared reference seeds, see tests/fixtures/SEEDS.md)
# as expectations on the Markdown report. tests/e2e/seeds.txt holds lines
# "fixture check-id flag|clean [package]": scan each tests/fixtures/<fixture>
# with --format md, then
#   flag   the check must be reported as failing (a "- [ ] **Title** (`id`,
#          severity...)" line in a category checklist; manual and waived
#          items do not count as failing),
#   clean  the check must not be reported as failing (passing, not
#          applicable, manual or waived).
# With a package (a directory such as crates/netauto-cli, or "." for the
# root), only findings attributed to that package ("in `pkg`") count.
# A check id that is not in the catalog fails either way.
source "$(dirname "$0")/lib.sh"
table="$RC_SRC/tests/e2e/seeds.txt"

"$RC_BIN" checks | sed -n '/^$/q;s/ .*//p' >"$RC_WORK/catalog.txt"
for fixture in $(awk '!/^#/ && NF { print $1 }' "$table" | sort -u); do
	fx=$(sandbox "$fixture")
	rc=0
	(cd "$fx" && "$RC_BIN" scan --format md . >"$RC_WORK/$fixture.md" 2>"$RC_WORK/$fixture.err") || rc=$?
	# 0: scanned; 1: scanned, a gate failed. Anything else is an error.
	if [ "$rc" -gt 1 ]; then
		printf '%s: scan exited %d: %s\n' "$fixture" "$rc" "$(head -c 400 "$RC_WORK/$fixture.err")" \
			>"$RC_WORK/$fixture.scanerr"
	fi
done

python3 - "$table" "$RC_WORK" "$RC_WORK/catalog.txt" <<'PY'
import os, re, sys

table, work, catalog_path = sys.argv[1:4]
catalog = set(open(catalog_path).read().split())

# "- [ ] (manual) ~~**Title** (`id`, high, in `pkg`)..." in a category.
FINDING = re.compile(
    r"^- \[(?P<box>[ x])\] (?P<manual>\(manual\) )?(?P<waived>~~)?"
    r"\*\*(?:[^*\\]|\\.)*\*\* \((?P<f>`+) ?(?P<id>[^`]+?) ?(?P=f)"
    r"(?P<rest>[^)]*)\)")
PKG = re.compile(r", in (`+) ?(.+?) ?\1")
NA = re.compile(r"^Not applicable here: (.*)$")
CATEGORY = re.compile(r"^## .+ \((weight [0-9.]+%|not applicable)\)\s*$")


def parse(path):
    """check id -> list of (status, package, line) from the checklists."""
    found = {}
    in_category = False
    for line in open(path, encoding="utf-8", errors="replace"):
        line = line.rstrip("\n")
        if line.startswith("## "):
            in_category = bool(CATEGORY.match(line))
            continue
        if not in_category:
            continue
        m = NA.match(line)
        if m:
            for cid in re.findall(r"`+ ?([^`]+?) ?`+", m.group(1)):
                found.setdefault(cid, []).append(("n/a", ["."], line))
            continue
        m = FINDING.match(line)
        if not m:
            continue
        if m.group("waived"):
            status = "waived"
        elif m.group("manual"):
            status = "manual" if m.group("box") == " " else "pass"
        else:
            status = "pass" if m.group("box") == "x" else "fail"
        pm = PKG.search(m.group("rest"))
        pkgs = [p.strip() for p in pm.group(2).split(",")] if pm else ["."]
        found.setdefault(m.group("id"), []).append((status, pkgs, line))
    return found


def said(entries, limit=320):
    if not entries:
        return "the check is not in the report"
    out = []
    for status, pkgs, line in entries:
        where = "" if pkgs == ["."] else " (in " + ", ".join(pkgs) + ")"
        text = line if len(line) <= limit else line[:limit] + "..."
        out.append(f"{status}{where}: {text}")
    return " | ".join(out)


reports, passes, fails = {}, 0, 0
missing_ids = set()
for lineno, raw in enumerate(open(table), 1):
    raw = raw.split("#", 1)[0].strip()
    if not raw:
        continue
    parts = raw.split()
    if len(parts) not in (3, 4) or parts[2] not in ("flag", "clean"):
        print(f"not ok seeds.txt:{lineno}: malformed line: {raw}")
        fails += 1
        continue
    fixture, check, want = parts[:3]
    pkg = parts[3] if len(parts) == 4 else None
    if fixture not in reports:
        err = os.path.join(work, fixture + ".scanerr")
        if os.path.exists(err):
            print("not ok " + open(err).read().strip())
            fails += 1
        md = os.path.join(work, fixture + ".md")
        reports[fixture] = parse(md) if os.path.exists(md) else {}
        if not reports[fixture]:
            print(f"not ok {fixture}: no checklist found in the Markdown report")
            fails += 1
    label = f"{fixture} {check} {want}" + (f" [{pkg}]" if pkg else "")
    if check not in catalog:
        missing_ids.add(check)
        print(f"not ok {label}: '{check}' is not in the catalog (readycheck checks)")
        fails += 1
        continue
    entries = reports[fixture].get(check, [])
    if pkg is not None:
        entries = [e for e in entries if pkg in e[1]]
    failing = any(e[0] == "fail" for e in entries)
    if (want == "flag") == failing:
        passes += 1
        print(f"ok {label}")
    else:
        fails += 1
        wanted = "reported as failing" if want == "flag" else "not reported as failing"
        print(f"not ok {label}: expected {wanted}; the report says: {said(entries)}")

if missing_ids:
    print("checks not in the catalog: " + ", ".join(sorted(missing_ids)))
print(f"{passes} passed, {fails} failed")
sys.exit(1 if fails else 0)
PY
