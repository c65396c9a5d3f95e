# Shared helpers of the end-to-end tests (sourced, bash).
# Each test script is run by CTest as: script BIN SRC WORKDIR
set -euo pipefail
RC_BIN=${1:?binary}
RC_SRC=${2:?source dir}
RC_WORK=${3:?work dir}
rm -rf "$RC_WORK"
mkdir -p "$RC_WORK"
export NO_COLOR=1
failures=0
passes=0

# sandbox NAME -> prints the path of a copy of tests/fixtures/NAME in which
# every path component "dot-x" is renamed ".x" (fixtures keep .git,
# .gitignore, .github, ... under inert names so they never act on our own
# repository). A "dot-fixture-git" file lists tags: the copy becomes a git
# repository with one commit (fixed dates) and those tags.
sandbox() {
	local name=$1 dst="$RC_WORK/fx/$1" p
	rm -rf "$dst"
	mkdir -p "$dst"
	cp -a "$RC_SRC/tests/fixtures/$name/." "$dst/"
	# rename deepest first
	while IFS= read -r -d '' p; do
		mv "$p" "$(dirname "$p")/.$(basename "$p" | sed 's/^dot-//')"
	done < <(find "$dst" -depth -name 'dot-*' -print0)
	if [ -f "$dst/.fixture-git" ]; then
		local tags
		tags=$(cat "$dst/.fixture-git")
		rm "$dst/.fixture-git"
		(
			cd "$dst"
			export GIT_AUTHOR_DATE="2026-01-02T03:04:05Z" GIT_COMMITTER_DATE="2026-01-02T03:04:05Z"
			export GIT_AUTHOR_NAME=fixture GIT_AUTHOR_EMAIL=fixture@example.com
			export GIT_COMMITTER_NAME=fixture GIT_COMMITTER_EMAIL=fixture@example.com
			git init -q -b main . && git add -A && git commit -q -m "feat: initial import"
			for t in $tags; do git tag "$t"; done
		) >/dev/null
	fi
	printf '%s\n' "$dst"
}

ok() { passes=$((passes + 1)); printf 'ok %s\n' "$*"; }
not_ok() { failures=$((failures + 1)); printf 'not ok %s\n' "$*"; }

# expect_eq WHAT EXPECTED ACTUAL
expect_eq() {
	if [ "$2" = "$3" ]; then ok "$1"; else not_ok "$1: expected '$2', got '$3'"; fi
}

# status_of JSON CHECK -> pass/fail/n-a/... of one finding
status_of() {
	python3 -c 'import json,sys
r=json.load(open(sys.argv[1]))
print(next((f["status"] for f in r["findings"] if f["check"]==sys.argv[2]),"absent"))' "$1" "$2"
}

finish() {
	printf '%d passed, %d failed\n' "$passes" "$failures"
	[ "$failures" -eq 0 ]
}
