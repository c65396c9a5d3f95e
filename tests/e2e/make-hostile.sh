#!/usr/bin/env bash
# Build the hostile fixture at test time: the parts of it that cannot (or must
# not) be committed are created here.
#
#   make-hostile.sh DIR
#       Creates DIR/repo (a repository built to break scanners) and
#       DIR/bad-config (a repository whose .readycheck.yml is malformed), and
#       prints their two paths. DIR must not exist or be empty.
#
#   make-hostile.sh BIN SRC WORKDIR
#       The form CTest uses for every tests/e2e/*.sh: builds the trees in
#       WORKDIR, checks them, then runs `BIN scan` on both: on repo it must
#       finish within 60 s with exit 0 or 1 (no crash, no hang), report the
#       malformed files as diagnostics with their location and big.log as
#       skipped, read the README, and show nothing behind the links; on
#       bad-config it must exit 2 and name .readycheck.yml in its message.
#
# DIR/repo holds, besides tests/fixtures/hostile/repo (a README and a
# malformed Cargo.toml, package.json and .github/workflows/ci.yml):
#   loop-a -> loop-b, loop-b -> loop-a   a symbolic link loop
#   self -> .                            a directory link to its parent
#   etc -> /etc                          a link out of the root
#   empty.txt                            an empty file
#   big.log                              9 MiB of text (over the 8 MiB limit)
#   bad-\xff\xfe-name.txt                a file name that is not UTF-8
#   deep/d/d/.../d/leaf.txt              1,000 nested directories
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/../.." && pwd)

# copy_fixture FROM TO: copy a fixture tree, renaming every path component
# "dot-x" to ".x" (see tests/fixtures/README.md).
copy_fixture() {
	local p
	mkdir -p "$2"
	cp -a "$1/." "$2/"
	while IFS= read -r -d '' p; do
		mv "$p" "$(dirname "$p")/.${p##*/dot-}"
	done < <(find "$2" -depth -name 'dot-*' -print0)
}

build() {
	local dir=$1 repo bad i deep
	if [ -e "$dir" ] && [ -n "$(ls -A "$dir")" ]; then
		echo "make-hostile: $dir exists and is not empty" >&2
		return 2
	fi
	repo=$dir/repo
	bad=$dir/bad-config
	copy_fixture "$src/tests/fixtures/hostile/repo" "$repo"
	copy_fixture "$src/tests/fixtures/hostile/bad-config" "$bad"

	ln -s loop-b "$repo/loop-a"
	ln -s loop-a "$repo/loop-b"
	ln -s . "$repo/self"
	ln -s /etc "$repo/etc"
	: >"$repo/empty.txt"
	head -c $((9 * 1024 * 1024)) \
		< <(yes 'INFO 2026-01-02T03:04:05Z request served in 12 ms') \
		>"$repo/big.log"
	: >"$repo/bad-$(printf '\377\376')-name.txt"
	deep=$repo/deep
	for ((i = 0; i < 1000; i++)); do
		deep=$deep/d
	done
	mkdir -p "$deep"
	echo "the bottom" >"$deep/leaf.txt"
	printf '%s\n%s\n' "$repo" "$bad"
}

# check_tree REPO: the tree really has what it should.
check_tree() {
	local repo=$1 n
	if [ ! -L "$repo/loop-a" ] || [ ! -L "$repo/self" ] || [ ! -L "$repo/etc" ]; then
		echo "missing symbolic links" >&2
		return 1
	fi
	if [ ! -f "$repo/empty.txt" ] || [ -s "$repo/empty.txt" ]; then
		echo "missing empty.txt" >&2
		return 1
	fi
	if [ "$(wc -c <"$repo/big.log")" -ne $((9 * 1024 * 1024)) ]; then
		echo "big.log has the wrong size" >&2
		return 1
	fi
	if [ ! -e "$repo/bad-$(printf '\377\376')-name.txt" ]; then
		echo "missing the non-UTF-8 file name" >&2
		return 1
	fi
	n=$(find "$repo/deep" -type d | wc -l)
	if [ "$n" -ne 1001 ]; then
		echo "deep/ has $n directories" >&2
		return 1
	fi
	if [ ! -f "$repo/.github/workflows/ci.yml" ] || [ ! -f "$repo/Cargo.toml" ]; then
		echo "fixture files were not copied" >&2
		return 1
	fi
}

if [ $# -eq 1 ]; then
	build "$1"
	exit 0
fi
if [ $# -ne 3 ]; then
	echo "usage: make-hostile.sh DIR | make-hostile.sh BIN SRC WORKDIR" >&2
	exit 2
fi

bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
work=$3
rm -rf "$work"
mkdir -p "$work"
build "$work/hostile" >/dev/null
fails=0
if check_tree "$work/hostile/repo"; then
	echo "ok hostile tree built"
else
	echo "not ok hostile tree built"
	fails=$((fails + 1))
fi

status=0
(cd "$work/hostile/repo" &&
	timeout 60 "$bin" scan --format json -o "$work/repo.json" .) \
	>"$work/repo.out" 2>"$work/repo.err" || status=$?
if [ "$status" -le 1 ]; then
	echo "ok scan of the hostile repository exits $status"
else
	echo "not ok scan of the hostile repository exits $status (124: timeout, >128: signal)"
	sed 's/^/# /' "$work/repo.err" | head -20
	fails=$((fails + 1))
fi

if [ "$status" -le 1 ] && python3 - "$work/repo.json" <<'EOF'; then
# The report of the hostile repository: the malformed files are diagnostics
# with their location, the big file is reported as skipped, the README was
# read, and nothing behind the links (etc -> /etc, self -> ., loops) shows up.
import json, sys
r = json.load(open(sys.argv[1]))
diags = r.get("diagnostics", [])
def diag(path, level, line=None):
    return any(d.get("path") == path and d.get("level") == level and
               (line is None or d.get("line") == line) for d in diags)
problems = []
if not diag("Cargo.toml", "error", 3):
    problems.append("no error diagnostic for Cargo.toml line 3")
if not diag("package.json", "error"):
    problems.append("no error diagnostic for package.json")
if not diag(".github/workflows/ci.yml", "error"):
    problems.append("no error diagnostic for .github/workflows/ci.yml")
if not any(d.get("path") == "big.log" for d in diags):
    problems.append("big.log is not reported as skipped")
readme = [f for f in r.get("findings", []) if f.get("check") == "readme"]
if not readme or readme[0].get("status") != "pass":
    problems.append("the README was not read (check readme does not pass)")
for f in r.get("findings", []):
    for e in f.get("evidence", []):
        p = e.get("path") or ""
        if p.startswith(("/", "etc/", "self/", "loop-")):
            problems.append("evidence behind a link: %s (%s)" % (p, f["check"]))
for p in problems:
    print("# " + p)
sys.exit(1 if problems else 0)
EOF
	echo "ok hostile report has the diagnostics and nothing behind links"
else
	echo "not ok hostile report (see above)"
	fails=$((fails + 1))
fi

# The walk reached the bottom of deep/ and kept the non-UTF-8 name: custom
# checks that pass only when those files are in the file list.
cat >"$work/found.yml" <<'YML'
version: 1
checks:
  - id: deep-leaf-found
    title: The file under 1,000 directories was walked
    category: docs
    severity: low
    when: { exists: "deep/**/leaf.txt" }
  - id: odd-name-found
    title: The file with a non-UTF-8 name was walked
    category: docs
    severity: low
    when: { exists: "bad-*-name.txt" }
YML
if (cd "$work/hostile/repo" && timeout 60 "$bin" scan --config "$work/found.yml" \
	--format json -o "$work/found.json" . >/dev/null 2>&1 || [ $? -eq 1 ]) &&
	python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); s={f["check"]:f["status"] for f in r["findings"]}; sys.exit(0 if s.get("deep-leaf-found")=="pass" and s.get("odd-name-found")=="pass" else 1)' "$work/found.json"; then
	echo "ok the 1,000-deep file and the non-UTF-8 name were walked"
else
	echo "not ok the 1,000-deep file or the non-UTF-8 name was not walked"
	fails=$((fails + 1))
fi

# An unreadable file is a warning with its path, and the scan goes on. Root
# reads everything, so as root the scan runs as nobody (setpriv).
unread=$work/unreadable
rm -rf "$unread"
mkdir -p "$unread"
printf '# demo\n' >"$unread/README.md"
echo secret >"$unread/locked.txt"
chmod 000 "$unread/locked.txt"
chmod 755 "$work" "$unread"
as=()
if [ "$(id -u)" -eq 0 ]; then
	as=(setpriv --reuid=65534 --regid=65534 --clear-groups)
fi
status=0
(cd "$unread" && timeout 60 "${as[@]}" env READYCHECK_CACHE_DIR= "$bin" scan \
	--format json -o - . >"$work/unreadable.json" 2>"$work/unreadable.err") || status=$?
if [ "$status" -le 1 ] && python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); d=[x for x in r["diagnostics"] if x["path"]=="locked.txt" and x["level"]=="warning" and "Permission denied" in x["message"]]; sys.exit(0 if d and len(r["findings"])>100 else 1)' "$work/unreadable.json"; then
	echo "ok an unreadable file is a warning and the report is complete"
else
	echo "not ok unreadable file: exit $status"
	sed 's/^/# /' "$work/unreadable.err" | head -5
	fails=$((fails + 1))
fi

status=0
(cd "$work/hostile/bad-config" && timeout 60 "$bin" scan .) \
	>"$work/bad.out" 2>"$work/bad.err" || status=$?
if [ "$status" -eq 2 ] && grep -q '\.readycheck\.yml' "$work/bad.err"; then
	echo "ok malformed .readycheck.yml exits 2 and names the file"
else
	echo "not ok malformed .readycheck.yml: exit $status, stderr:"
	sed 's/^/# /' "$work/bad.err" | head -20
	fails=$((fails + 1))
fi
printf '%d passed, %d failed\n' "$((6 - fails))" "$fails"
exit $((fails > 0))
