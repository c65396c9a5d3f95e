#!/usr/bin/env bash
# bench/run.sh - time readycheck against ripgrep on synthetic trees.
#
# Builds readycheck (make build), generates the trees into bench/work/ when
# missing (bench/gen.py), then with a warm page cache measures with
# hyperfine:
#   1. readycheck scan --format json -o /dev/null on the big tree
#      (~50,000 files, ~500 MB);
#   2. rg -c -f PATTERNS on the same tree, PATTERNS being readycheck's own
#      content patterns (readycheck checks --patterns);
#   3. both again on a typical repository (2,000 files, ~20 MB);
# and the peak RSS of each with /usr/bin/time -v. Prints a Markdown table
# and writes it to bench/results.md. See bench/README.md.
#
# Environment:
#   BUILD=dir          build directory (default build), binary dir/readycheck
#   RC_BIN=path        readycheck binary (default $BUILD/readycheck)
#   BENCH_NO_BUILD=1   do not run `make build`
#   BENCH_RUNS=n       timed runs per command (default 10; big tree 5)
#   BENCH_WORK=dir     where trees live (default bench/work)
#   BENCH_OUT=file     results file (default bench/results.md)
#   BENCH_STANDIN=1    test this script without readycheck: rg stands in for
#                      it and a fixed pattern list for `checks --patterns`
set -euo pipefail

cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
RC=${RC_BIN:-$BUILD/readycheck}
WORK=${BENCH_WORK:-bench/work}
OUT=${BENCH_OUT:-bench/results.md}
RUNS=${BENCH_RUNS:-10}
BIG_RUNS=${BENCH_RUNS:-5}
STANDIN=${BENCH_STANDIN:-}

# shellcheck source=bench/lib.sh
source bench/lib.sh

ensure hyperfine hyperfine
ensure rg ripgrep
ensure /usr/bin/time time
ensure python3 python3

if [ -z "$STANDIN" ] && [ -z "${BENCH_NO_BUILD:-}" ]; then
	make build BUILD="$BUILD"
fi
if [ -z "$STANDIN" ] && [ ! -x "$RC" ]; then
	die "no readycheck binary at '$RC' (set RC_BIN or BUILD)"
fi
mkdir -p "$WORK"

gen_tree big --files 50000 --mb 500
gen_tree typical --typical

# The content patterns, one regex per line; rg must be able to compile
# each (lines it rejects are left out and counted).
PATTERNS=$WORK/patterns.txt
if [ -n "$STANDIN" ]; then
	cat >"$WORK/patterns.raw" <<'EOF'
TODO|FIXME
tracing::(info|warn|error)!
(?i)password\s*=
#\[test\]
ListenAndServe
console\.(log|error)
logger\.(info|debug|warn)
actions/checkout@v\d+
HEALTHCHECK
(?i)retry|backoff
EOF
else
	"$RC" checks --patterns >"$WORK/patterns.raw"
fi
: >"$PATTERNS"
npat=0
ndropped=0
while IFS= read -r pat || [ -n "$pat" ]; do
	[ -n "$pat" ] || continue
	set +e
	rg -q -e "$pat" /dev/null 2>/dev/null
	st=$?
	set -e
	if [ "$st" -le 1 ]; then
		printf '%s\n' "$pat" >>"$PATTERNS"
		npat=$((npat + 1))
	else
		ndropped=$((ndropped + 1))
	fi
done <"$WORK/patterns.raw"
[ "$npat" -gt 0 ] || die "no content patterns (from '$RC checks --patterns')"

# The commands. rg flags beyond the basic `rg -c -f` make it read what
# readycheck reads: dotfiles (--hidden, 11 files of the typical tree),
# .gitignore files even when the tree is not inside a git repository
# (--no-require-git; BENCH_WORK may be anywhere), and only the tree's own
# ignore files, not those of directories above it or the user's global
# excludes (--no-ignore-parent, --no-ignore-global).
RG=(rg -c --no-messages --hidden --no-require-git --no-ignore-parent
	--no-ignore-global -f "$PATTERNS")
if [ -n "$STANDIN" ]; then
	SCAN=("${RG[@]}")
	RC_NAME="rg (stand-in)"
else
	SCAN=("$RC" scan --format json -o /dev/null)
	RC_NAME="readycheck"
fi

quote() {
	local out="" a
	for a in "$@"; do
		out+="$(printf '%q' "$a") "
	done
	printf '%s' "${out% }"
}

# One run outside hyperfine to catch failures: readycheck exits 1 when a
# gate fails (fine here), 2 or 3 on errors; rg exits 1 when nothing matched.
check_cmd() {
	local st
	set +e
	"$@" >/dev/null 2>"$WORK/last.err"
	st=$?
	set -e
	if [ "$st" -gt 1 ]; then
		cat "$WORK/last.err" >&2
		die "'$(quote "$@")' failed with exit status $st"
	fi
}

# Peak RSS in kB of one run.
peak_rss() {
	/usr/bin/time -v -o "$WORK/time.txt" "$@" >/dev/null 2>&1 || true
	sed -n 's/.*Maximum resident set size (kbytes): //p' "$WORK/time.txt"
}

bench_tree() {
	local name=$1 runs=$2 tree=$WORK/$1
	check_cmd "${SCAN[@]}" "$tree"
	check_cmd "${RG[@]}" "$tree"
	echo "bench: timing $tree" >&2
	hyperfine -N --warmup 2 --runs "$runs" --ignore-failure --style basic \
		--export-json "$WORK/hyperfine-$name.json" \
		-n "$RC_NAME" "$(quote "${SCAN[@]}" "$tree")" \
		-n rg "$(quote "${RG[@]}" "$tree")" >&2
	peak_rss "${SCAN[@]}" "$tree" >"$WORK/rss-$name-rc.txt"
	peak_rss "${RG[@]}" "$tree" >"$WORK/rss-$name-rg.txt"
}

# Other load makes wall-clock numbers meaningless: say so in the results.
cpu_pressure() {
	sed -n 's/^some avg10=\([0-9.]*\).*/\1/p' /proc/pressure/cpu 2>/dev/null ||
		true
}
# The first run on a machine (or after an upgrade) compiles its pattern
# databases: time the typical tree with an empty cache every run.
bench_cold() {
	local tree=$WORK/typical cache=$WORK/cold-cache
	if [ -n "$STANDIN" ]; then
		rm -f "$WORK/hyperfine-cold.json"
		return
	fi
	echo "bench: timing $tree with a cold cache" >&2
	hyperfine -N --runs 3 --ignore-failure --style basic \
		--prepare "rm -rf $(quote "$cache")" \
		--export-json "$WORK/hyperfine-cold.json" \
		-n "$RC_NAME, cold cache" \
		"env READYCHECK_CACHE_DIR=$(quote "$cache") $(quote "${SCAN[@]}" "$tree")" >&2
	rm -rf "$cache"
}

busy_before=$(cpu_pressure)
bench_tree big "$BIG_RUNS"
bench_tree typical "$RUNS"
bench_cold
busy_after=$(cpu_pressure)

if [ -n "$STANDIN" ]; then
	version="stand-in: rg plays readycheck"
else
	version=$("$RC" version 2>/dev/null | head -n 1 || echo unknown)
fi
cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)

python3 - "$WORK" "$OUT" "$RC_NAME" "$version" "$npat" "$ndropped" \
	"$(nproc)" "$cpu" "$(rg --version | head -n 1)" \
	"$(hyperfine --version)" "$(quote "${SCAN[@]}") TREE" \
	"$(quote "${RG[@]}") TREE" "${busy_before:-}" "${busy_after:-}" <<'EOF'
import json, sys, time

(work, out, rc_name, version, npat, ndropped, ncpu, cpu, rgv, hfv, scan_cmd,
 rg_cmd, busy_before, busy_after) = sys.argv[1:]


def timing(tree):
    res = json.load(open("%s/hyperfine-%s.json" % (work, tree)))["results"]
    return res[0], res[1]


def rss(tree, who):
    s = open("%s/rss-%s-%s.txt" % (work, tree, who)).read().strip()
    return "%.0f MB" % (int(s) / 1024) if s else "?"


def secs(r):
    m, sd = r["mean"], r["stddev"] or 0
    if m < 1:
        return "%.0f ± %.0f ms" % (m * 1000, sd * 1000)
    return "%.2f ± %.2f s" % (m, sd)


rows = []
cpu_rows = []
notes = []
for tree, label in (("big", "big"), ("typical", "typical")):
    s = json.load(open("%s/%s.json" % (work, tree)))
    mb = s["scanned_bytes"] / 1e6
    a, b = timing(tree)
    rows.append("| %s | %d | %.0f | %s | %s | %.0f | %.0f | %.2f× | %s | %s |"
                % (label, s["scanned_files"], mb, secs(a), secs(b),
                   mb / a["mean"], mb / b["mean"], a["mean"] / b["mean"],
                   rss(tree, "rc"), rss(tree, "rg")))
    cpu_rows.append("| %s | %.2f s | %.2f s | %.2f s | %.2f s |" % (
        label, a["user"], a["system"], b["user"], b["system"]))
    notes.append("- %s: %d files, %.0f MB generated; %d files (%.0f MB) "
                 "excluded by %d .gitignore files; %d binary; directories "
                 "up to %d deep." % (
                     tree, s["files"], s["bytes"] / 1e6, s["ignored_files"],
                     s["ignored_bytes"] / 1e6, s["gitignore_files"],
                     s["binary_files"], s["max_depth"]))

cold = ""
try:
    c = json.load(open("%s/hyperfine-cold.json" % work))["results"][0]
    cold = ("\nFirst run with an empty pattern cache (every database compiled, "
            "`READYCHECK_CACHE_DIR` emptied before each of %d runs), typical "
            "tree: %s (CPU %.2f s user, %.2f s system). Later runs load the "
            "databases from the cache (docs/deploy.md, Cache).\n"
            % (len(c["times"]), secs(c), c["user"], c["system"]))
except (OSError, ValueError, KeyError, IndexError):
    pass

busy = [float(x) for x in (busy_before, busy_after) if x]
warning = ""
if busy and max(busy) > 20:
    warning = ("\n**Warning: the machine was busy** (CPU pressure %s%% of "
               "the time before/after the runs, /proc/pressure/cpu avg10): "
               "wall-clock times are inflated and noisy; the CPU times "
               "below are the better guide. Re-run on an idle machine.\n"
               % "/".join("%.0f" % x for x in busy))

text = """# readycheck benchmark

%s, %s CPUs (%s). %s; %s; %s.
Warm page cache; mean ± standard deviation of hyperfine runs (after 2
warm-up runs). Files and MB count what is left after .gitignore (MB = 10^6
bytes); throughput is that size over the mean time. Ratio is readycheck's
time over rg's. Peak RSS from `/usr/bin/time -v`.

%s
| tree | files | MB | %s | rg | %s MB/s | rg MB/s | ratio | %s peak RSS | rg peak RSS |
|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|
%s

CPU time per run (mean; all threads):

| tree | %s user | %s system | rg user | rg system |
|---|---:|---:|---:|---:|
%s
%s
Commands (TREE = bench/work/big or bench/work/typical):

- `%s`
- `%s`

%s content patterns from `readycheck checks --patterns`%s.

%s
""" % (time.strftime("%Y-%m-%d"), ncpu, cpu, version, rgv, hfv, warning,
       rc_name, rc_name, rc_name, "\n".join(rows), rc_name, rc_name,
       "\n".join(cpu_rows), cold, scan_cmd, rg_cmd, npat,
       "" if ndropped == "0" else
       " (%s more that rg cannot compile left out)" % ndropped,
       "\n".join(notes))
open(out, "w").write(text)
sys.stdout.write(text)
EOF
