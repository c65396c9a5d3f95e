#!/usr/bin/env bash
# bench/secrets_clean.sh - build the clean corpus of bench/secrets.sh.
#
# Copies real text files already on this machine (C headers, package
# documentation, the Python, Perl, CMake and Vim runtime, npm's own
# packages, locale and MIME data...) into bench/work/clean/, keeping their
# paths (clean/usr/include/stdio.h). They hold no secret by assumption: every
# finding a scanner reports there counts as a false positive.
#
# A file is taken when it is a regular file (no symlinks), not empty, at most
# 8 MiB (readycheck's default max_file_size), holds no NUL byte anywhere (text
# for every tool), and is not something one of the tools treats specially:
# lockfiles (readycheck never searches them), ignore files (.gitignore,
# .ignore, .rgignore, .secretlintignore: they would hide other files from some
# tools only), .secretlintrc*, anything under .git/. A directory named
# node_modules is copied as node_modules.d (secretlint always skips
# node_modules; readycheck and rg do not). Files are taken in sorted order
# until BENCH_CLEAN_MB is reached.
#
# Writes bench/work/clean.json (sources, files, bytes, what was skipped) and
# does nothing when the corpus exists for the same sources and limit (the key
# is in bench/work/clean.key).
#
# Environment:
#   BENCH_WORK=dir           work directory (default bench/work)
#   BENCH_CLEAN_MB=n         stop after n MB (10^6 bytes; default 400)
#   BENCH_CLEAN_SOURCES="d1 d2 ..."  directories to copy from (default below)
#   BENCH_CLEAN_FORCE=1      rebuild even when up to date
set -euo pipefail

cd "$(dirname "$0")/.."
WORK=${BENCH_WORK:-bench/work}
MB=${BENCH_CLEAN_MB:-400}
DEFAULT_SOURCES="/usr/include /usr/share/doc /usr/lib/python3 /usr/lib/python3.*
/usr/share/perl /usr/share/perl5 /usr/lib/x86_64-linux-gnu/perl
/usr/lib/x86_64-linux-gnu/perl-base /usr/lib/node_modules /usr/share/cmake-*
/usr/share/vim /usr/share/i18n /usr/share/mime /usr/share/X11
/usr/share/javascript /usr/src"
SOURCES=()
for d in ${BENCH_CLEAN_SOURCES:-$DEFAULT_SOURCES}; do
	[ -d "$d" ] && SOURCES+=("$d")
done
[ ${#SOURCES[@]} -gt 0 ] || {
	echo "secrets_clean: none of the source directories exists" >&2
	exit 1
}
mkdir -p "$WORK"

key="$(sha256sum "$0" | cut -d' ' -f1) $MB ${SOURCES[*]}"
if [ -z "${BENCH_CLEAN_FORCE:-}" ] && [ -d "$WORK/clean" ] &&
	[ -f "$WORK/clean.json" ] && [ -f "$WORK/clean.key" ] &&
	[ "$(cat "$WORK/clean.key")" = "$key" ]; then
	echo "secrets_clean: $WORK/clean is up to date" >&2
	exit 0
fi
rm -rf "$WORK/clean" "$WORK/clean.json" "$WORK/clean.key"

python3 - "$WORK/clean" "$WORK/clean.json" "$MB" "${SOURCES[@]}" <<'EOF'
import json, os, shutil, sys

out, summary, mb = sys.argv[1], sys.argv[2], float(sys.argv[3])
sources = sys.argv[4:]
limit = int(mb * 1e6)
MAX_SIZE = 8 << 20
LOCKFILES = {"Cargo.lock", "package-lock.json", "yarn.lock", "pnpm-lock.yaml",
             "poetry.lock", "uv.lock", "Pipfile.lock", "go.sum", "composer.lock",
             "Gemfile.lock", "packages.lock.json", "gradle.lockfile"}
SPECIAL = {".gitignore", ".ignore", ".rgignore", ".secretlintignore", ".git"}
skipped = {"symlink_or_special": 0, "empty": 0, "too_big": 0, "binary": 0,
           "lockfile_or_ignore_file": 0, "unreadable": 0, "over_limit": 0}
files = total = 0
per_source = {}
full = False

for src in sources:
    n0, b0 = files, total
    for root, dirs, names in os.walk(src):
        dirs[:] = sorted(d for d in dirs if d != ".git" and
                         not os.path.islink(os.path.join(root, d)))
        for name in sorted(names):
            p = os.path.join(root, name)
            if full:
                skipped["over_limit"] += 1
                continue
            if (name in LOCKFILES or name in SPECIAL or name.endswith(".lock")
                    or name.startswith(".secretlintrc")):
                skipped["lockfile_or_ignore_file"] += 1
                continue
            try:
                st = os.lstat(p)
            except OSError:
                skipped["unreadable"] += 1
                continue
            if not os.path.isfile(p) or os.path.islink(p):
                skipped["symlink_or_special"] += 1
                continue
            if st.st_size == 0:
                skipped["empty"] += 1
                continue
            if st.st_size > MAX_SIZE:
                skipped["too_big"] += 1
                continue
            try:
                data = open(p, "rb").read()
            except OSError:
                skipped["unreadable"] += 1
                continue
            if b"\0" in data:
                skipped["binary"] += 1
                continue
            if total + len(data) > limit:
                full = True
                skipped["over_limit"] += 1
                continue
            rel = os.path.relpath(p, "/").split(os.sep)
            rel = [c + ".d" if c == "node_modules" else c for c in rel]
            dst = os.path.join(out, *rel)
            os.makedirs(os.path.dirname(dst), exist_ok=True)
            with open(dst, "wb") as f:
                f.write(data)
            files += 1
            total += len(data)
    per_source[src] = {"files": files - n0, "bytes": total - b0}

s = {"files": files, "bytes": total, "limit_mb": mb, "sources": per_source,
     "skipped": skipped}
json.dump(s, open(summary, "w"), indent=2)
print("secrets_clean: %d files, %.0f MB -> %s" % (files, total / 1e6, out),
      file=sys.stderr)
EOF
echo "$key" >"$WORK/clean.key"
