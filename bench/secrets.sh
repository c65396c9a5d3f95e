#!/usr/bin/env bash
# bench/secrets.sh - recall, false positives and speed of `readycheck
# secrets`, side by side with rg (the same regexes) and secretlint (its
# recommended preset). See the "Secrets" section of bench/README.md.
#
#   (a) planted tree: bench/work/secrets-typical, a copy of the synthetic
#       typical tree (bench/gen.py) with ~170 synthetic secrets planted by
#       bench/secrets_plant.py at positions recorded in
#       bench/work/secrets-typical.planted.tsv. Recall of each tool: the
#       planted secrets with a finding on their line (any line of a
#       private-key block).
#   (b) clean corpus: bench/work/clean, ~300 MB of real text files from this
#       machine (bench/secrets_clean.sh). Every finding there counts as a
#       false positive; they are listed for a human to look at.
#   Timings with hyperfine (warm page cache) on the planted tree, the clean
#   corpus and a fixed subset of it (every 10th file, ~30 MB). secretlint,
#   far too slow for the whole corpus, is timed on the planted tree and the
#   subset only (the report extrapolates), rg too when its one run over the
#   whole corpus took longer than BENCH_SLOW_LIMIT seconds.
# Prints a Markdown report and writes it to bench/secrets-results.md.
#
# Environment (as bench/run.sh):
#   BUILD=dir             build directory (default build), binary dir/readycheck
#   RC_BIN=path           readycheck binary (default $BUILD/readycheck)
#   BENCH_NO_BUILD=1      do not run `make build`
#   BENCH_RUNS=n          timed runs of readycheck and rg (default 10)
#   BENCH_SLOW_RUNS=n     timed runs of secretlint, and of rg when slow (default 3)
#   BENCH_SLOW_LIMIT=s    seconds of rg's run over the clean corpus above which
#                         it is timed on the subset only (default 600)
#   BENCH_SL_FULL=0       count secretlint's false positives on the subset
#                         only, not on the whole clean corpus (saves 10-20 min
#                         on the first run; the whole-corpus count is cached)
#   BENCH_TREE=name       synthetic tree to plant into (default typical)
#   BENCH_WORK=dir        work directory (default bench/work)
#   BENCH_OUT=file        results (default bench/secrets-results.md)
#   BENCH_STANDIN=1       test this script without `readycheck secrets`: a
#                         small rg-based script with a fixed rule list plays it
set -euo pipefail

cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
RC=${RC_BIN:-$BUILD/readycheck}
WORK=${BENCH_WORK:-bench/work}
OUT=${BENCH_OUT:-bench/secrets-results.md}
RUNS=${BENCH_RUNS:-10}
SLOW_RUNS=${BENCH_SLOW_RUNS:-3}
SLOW_LIMIT=${BENCH_SLOW_LIMIT:-600}
SL_FULL=${BENCH_SL_FULL:-1}
TREE=${BENCH_TREE:-typical}
STANDIN=${BENCH_STANDIN:-}

# shellcheck source=bench/lib.sh
source bench/lib.sh

ensure hyperfine hyperfine
ensure rg ripgrep
ensure /usr/bin/time time
ensure python3 python3
ensure node nodejs
ensure npm npm

mkdir -p "$WORK"
ABSWORK=$(cd "$WORK" && pwd)
OUTDIR=$WORK/secrets-out # findings, timings, scratch of this script
mkdir -p "$OUTDIR"

# secretlint and its recommended preset, from the npm registry, once.
SLDIR=$ABSWORK/secretlint
SL=$SLDIR/node_modules/.bin/secretlint
if [ ! -x "$SL" ] ||
	[ ! -d "$SLDIR/node_modules/@secretlint/secretlint-rule-preset-recommend" ]; then
	echo "bench: installing secretlint with npm into $SLDIR" >&2
	mkdir -p "$SLDIR"
	[ -f "$SLDIR/package.json" ] ||
		echo '{"private": true, "name": "rc-bench-secretlint"}' >"$SLDIR/package.json"
	(cd "$SLDIR" && npm install --no-audit --no-fund --silent \
		secretlint @secretlint/secretlint-rule-preset-recommend) >&2
fi
SLRC=$SLDIR/.secretlintrc.json
echo '{"rules": [{"id": "@secretlint/secretlint-rule-preset-recommend"}]}' >"$SLRC"
sl_version="secretlint $("$SL" --version 2>/dev/null | tail -n 1), preset-recommend $(
	sed -n 's/^ *"version": "\(.*\)",/\1/p' \
		"$SLDIR/node_modules/@secretlint/secretlint-rule-preset-recommend/package.json" |
		head -n 1)"

if [ -n "$STANDIN" ]; then
	# A stand-in for `readycheck secrets`, for developing this script: rg
	# finds candidate lines with a few rules of its own, Python names the
	# rule and writes the documented JSON. Slower than the real thing.
	RC=$ABSWORK/standin-readycheck
	cat >"$RC" <<'EOF'
#!/usr/bin/env python3
import json, os, re, subprocess, sys
RULES = [
    ("github-token", r"\b(gh[pousr]_[A-Za-z0-9]{36})\b"),
    ("github-fine-grained-pat", r"\bgithub_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}\b"),
    ("gitlab-pat", r"\bglpat-[A-Za-z0-9_-]{20}\b"),
    ("aws-access-key-id", r"\b(?:AKIA|ASIA)[A-Z2-7]{16}\b"),
    ("aws-secret-access-key", r"(?i)aws_?secret_?access_?key\W{1,6}([A-Za-z0-9/+]{40})\b"),
    ("slack-token", r"\bxox[bpas]-[0-9]{8,13}-[0-9A-Za-z-]{10,80}"),
    ("stripe-live-key", r"\b[sr]k_live_[A-Za-z0-9]{24,99}\b"),
    ("private-key", r"-----BEGIN (?:RSA |EC |OPENSSH )?PRIVATE KEY-----"),
    ("db-uri-password", r"\b(?:postgres(?:ql)?|mysql|mongodb(?:\+srv)?|rediss?|amqps?)://[^:/\s]+:([^@/\s]{6,})@"),
    ("generic-password", r"(?i)\bpass(?:word|wd)\b[\x22\x27]?\s*[:=]\s*[\x22\x27]([^\x22\x27\s]{12,})[\x22\x27]"),
]
args = sys.argv[1:]
if args[:1] != ["secrets"]:
    sys.exit("stand-in: only `secrets` is played")
if "--rules" in args:
    for rid, rx in RULES:
        print("%s\t%s" % (rid, rx))
    sys.exit(0)
path = [a for a in args[1:] if not a.startswith("-") and a not in ("json", "text")][-1]
compiled = [(rid, re.compile(rx)) for rid, rx in RULES]
out = subprocess.run(["rg", "-n", "-H", "--no-heading", "--null", "--no-messages",
                      "--hidden", "--no-require-git", "--no-ignore-parent",
                      "--no-ignore-global"] + sum((["-e", rx] for _, rx in RULES), [])
                     + ["."], cwd=path, capture_output=True).stdout
findings = []
for raw in out.split(b"\n"):
    if not raw:
        continue
    p, rest = raw.split(b"\0", 1)
    ln, text = rest.split(b":", 1)
    text = text.decode("utf-8", "replace")
    for rid, rx in compiled:
        for m in rx.finditer(text):
            s = m.group(m.lastindex or 0)
            findings.append({"rule": rid, "description": rid, "severity": "high",
                             "path": p.decode()[2:], "line": int(ln),
                             "column": m.start() + 1, "prefix": s[:4],
                             "length": len(s), "fingerprint": "0" * 16})
json.dump({"schema": "readycheck/secrets/v1", "root": path, "history": False,
           "files": 0, "bytes": 0, "findings": findings,
           "suppressed": {"baseline": 0, "allow": 0, "inline": 0, "placeholder": 0}},
          sys.stdout, indent=1)
sys.exit(1 if findings else 0)
EOF
	chmod +x "$RC"
	RC_NAME="readycheck (stand-in)"
else
	if [ -z "${BENCH_NO_BUILD:-}" ]; then
		make build BUILD="$BUILD"
	fi
	[ -x "$RC" ] || die "no readycheck binary at '$RC' (set RC_BIN or BUILD)"
	RC_NAME="readycheck"
fi

# The synthetic tree (as bench/run.sh makes it), the planted copy, the
# clean corpus and its subset: each made only when missing or out of date.
case $TREE in
typical) gen_tree typical --typical ;;
big) gen_tree big --files 50000 --mb 500 ;;
*) [ -d "$WORK/$TREE" ] || die "no tree $WORK/$TREE" ;;
esac
scale=1
[ "$TREE" = big ] && scale=4
python3 bench/secrets_plant.py --work "$WORK" --tree "$TREE" --scale "$scale"
PLANTED=$WORK/secrets-$TREE
PLANTED_TSV=$WORK/secrets-$TREE.planted.tsv
BENCH_WORK="$WORK" bench/secrets_clean.sh
CLEAN=$WORK/clean

# The clean corpus in ten shards, every 10th file in path order from offsets
# 0 to 9 (hard links into the corpus). Shard 0 is the subset on which the
# slow tools are timed; secretlint counts its false positives shard by shard.
SUBSET=$WORK/clean-subset
SHARDS=$WORK/clean-shards
if [ ! -f "$SHARDS.key" ] || [ "$(cat "$SHARDS.key")" != "$(cat "$WORK/clean.key")" ]; then
	rm -rf "$SUBSET" "$SHARDS" "$SHARDS.key"
	python3 - "$CLEAN" "$SUBSET" "$SHARDS" <<'EOF'
import os, sys
src, subset, shards = sys.argv[1:]
files = []
for root, dirs, names in os.walk(src):
    files += [os.path.relpath(os.path.join(root, n), src) for n in names]
files.sort()
for k in range(10):
    dst = subset if k == 0 else os.path.join(shards, str(k))
    for rel in files[k::10]:
        os.makedirs(os.path.dirname(os.path.join(dst, rel)), exist_ok=True)
        os.link(os.path.join(src, rel), os.path.join(dst, rel))
EOF
	cp "$WORK/clean.key" "$SHARDS.key"
fi

# rg with readycheck's regexes, one per line, as written (rg reads a leading
# (?i) itself), except that escaped punctuation PCRE2 takes as a literal and
# rg's regex syntax rejects (\' \" \/ \@ ...) is written \xHH, which means
# the same to both. A regex rg still cannot compile is left out and counted.
"$RC" secrets --rules >"$OUTDIR/rules.tsv"
ABSOUT=$(cd "$OUTDIR" && pwd)
PATS=$ABSOUT/rg-patterns.txt
read -r nrules nrewritten ndropped < <(python3 - "$OUTDIR/rules.tsv" "$PATS" \
	"$OUTDIR/rg-dropped.tsv" <<'EOF'
import subprocess, sys

rules, pats, dropped = sys.argv[1:]
META = set("\\.+*?()|[]{}^$#&-~")


def rewrite(rx):
    out, i = [], 0
    while i < len(rx):
        c = rx[i]
        if c == "\\" and i + 1 < len(rx):
            d = rx[i + 1]
            if d.isascii() and not d.isalnum() and d not in META:
                out.append("\\x%02x" % ord(d))
            else:
                out.append(c + d)
            i += 2
            continue
        out.append(c)
        i += 1
    return "".join(out)


n = nre = ndrop = 0
with open(pats, "w") as fp, open(dropped, "w") as fd:
    for line in open(rules, encoding="utf-8"):
        line = line.rstrip("\n")
        if not line or "\t" not in line:
            continue
        rid, rx = line.split("\t", 1)
        n += 1
        rx2 = rewrite(rx)
        r = subprocess.run(["rg", "-q", "-e", rx2, "/dev/null"],
                           capture_output=True, text=True)
        if r.returncode <= 1:
            fp.write(rx2 + "\n")
            nre += rx2 != rx
        else:
            err = [l.strip() for l in r.stderr.splitlines()
                   if "error:" in l or "not allowed" in l] or ["?"]
            fd.write("%s\t%s\t%s\n" % (rid, err[0], rx))
            ndrop += 1
print(n, nre, ndrop)
EOF
)
[ "$nrules" -gt "$ndropped" ] || die "no rules from '$RC secrets --rules'"

# The commands (the tree is appended; secretlint's is put in with --cwd).
# rg gets the flags of bench/run.sh, so that it reads what readycheck reads,
# and --no-unicode: readycheck's regexes are byte/ASCII regexes (PCRE2
# without UCP, Vectorscan without UTF-8), so \w, \s, \b and (?i) then mean
# the same to rg, which also runs faster so.
RGFLAGS=(--no-messages --no-unicode --hidden --no-require-git
	--no-ignore-parent --no-ignore-global -f "$PATS")
RC_CMD=("$RC" secrets --format json)
RG_CMD=(rg -c "${RGFLAGS[@]}")
sl_cmd() { # TREE OUTPUT
	SL_CMD=("$SL" --secretlintrc "$SLRC" --secretlintignore '**/.gitignore'
		--format unix --no-color --output "$2" --cwd "$(cd "$1" && pwd)" '**/*')
}

quote() {
	local out="" a
	for a in "$@"; do
		out+="$(printf '%q' "$a") "
	done
	printf '%s' "${out% }"
}

# One run of a command with its output to a file, timed by /usr/bin/time
# (wall seconds, peak RSS); exit status 1 (findings) is fine, more is not.
run_once() { # NAME OUTFILE CMD...
	local name=$1 outfile=$2 st
	shift 2
	set +e
	/usr/bin/time -f '%e %M %U %S' -o "$OUTDIR/$name.time" "$@" >"$outfile" \
		2>"$OUTDIR/$name.err"
	st=$?
	set -e
	if [ "$st" -gt 1 ]; then
		cat "$OUTDIR/$name.err" >&2
		die "'$(quote "$@")' failed with exit status $st"
	fi
}

# Findings as path<TAB>line<TAB>rule, paths relative to the tree.
findings_rc() { # TREE NAME
	run_once "rc-$2" "$OUTDIR/rc-$2.json" "${RC_CMD[@]}" "$1"
	python3 - "$1" "$OUTDIR/rc-$2.json" >"$OUTDIR/rc-$2.tsv" <<'EOF'
import json, os, sys
tree, f = sys.argv[1:]
d = json.load(open(f))
root = d.get("root") or tree
for x in d["findings"]:
    p = x["path"]
    if os.path.isabs(p):
        p = os.path.relpath(p, os.path.abspath(tree))
    else:
        for r in (root, tree):
            r = r.rstrip("/") + "/"
            if r != "./" and p.startswith(r):
                p = p[len(r):]
                break
    if p.startswith("./"):
        p = p[2:]
    print("%s\t%d\t%s" % (p, x["line"], x["rule"]))
EOF
}
findings_rg() { # TREE NAME
	(cd "$1" && run_once_rg "$2")
	python3 - "$OUTDIR/rg-$2.txt" >"$OUTDIR/rg-$2.tsv" <<'EOF'
import sys
for raw in open(sys.argv[1], "rb").read().split(b"\n"):
    if raw:
        p, rest = raw.split(b"\0", 1)
        p = p.decode("utf-8", "surrogateescape")
        print("%s\t%s\trg" % (p[2:] if p.startswith("./") else p,
                             rest.split(b":", 1)[0].decode()))
EOF
}
run_once_rg() {
	local st
	set +e
	/usr/bin/time -f '%e %M %U %S' -o "$ABSOUT/rg-$1.time" \
		rg -n -H --no-heading --null --max-columns 1 "${RGFLAGS[@]}" . \
		>"$ABSOUT/rg-$1.txt" 2>"$ABSOUT/rg-$1.err"
	st=$?
	set -e
	[ "$st" -le 1 ] || die "rg failed on $1 (status $st)"
}
findings_sl() { # TREE NAME
	sl_cmd "$1" "$ABSOUT/sl-$2.txt"
	run_once "sl-$2" /dev/null "${SL_CMD[@]}"
	python3 - "$1" "$OUTDIR/sl-$2.txt" >"$OUTDIR/sl-$2.tsv" <<'EOF'
import os, re, sys
tree, f = sys.argv[1:]
tree = os.path.abspath(tree)
rx = re.compile(r"^(.*?):(\d+):(\d+): .*\[\w+/(?:.* > )?@secretlint/secretlint-rule-([\w-]+)\]$")
for line in open(f, encoding="utf-8", errors="replace"):
    m = rx.match(line.rstrip("\n"))
    if m:
        print("%s\t%s\t%s" % (os.path.relpath(m.group(1), tree), m.group(2), m.group(4)))
EOF
}

# Other load makes wall-clock numbers meaningless: say so in the results.
cpu_pressure() {
	sed -n 's/^some avg10=\([0-9.]*\).*/\1/p' /proc/pressure/cpu 2>/dev/null ||
		true
}
busy_before=$(cpu_pressure)

# (a) the planted tree
echo "bench: findings on $PLANTED" >&2
findings_rc "$PLANTED" planted
findings_rg "$PLANTED" planted
findings_sl "$PLANTED" planted

# (b) the clean corpus; secretlint's run over all of it is slow and cached.
echo "bench: findings on $CLEAN" >&2
findings_rc "$CLEAN" clean
findings_rg "$CLEAN" clean
findings_rc "$SUBSET" subset
findings_rg "$SUBSET" subset
findings_sl "$SUBSET" subset
# secretlint's false positives on the whole corpus. One secretlint run
# slows down more than linearly with the number of files (its always-on
# profiler scans all its performance marks at the end of each rule and
# file: a run over all ~25,000 files had not finished after 45 minutes), so
# it runs once per shard of ~2,500 files (shard 0 is the subset, done
# above), cached until the corpus or secretlint changes.
sl_key="$(cat "$WORK/clean.key") $sl_version --format unix --secretlintignore **/.gitignore shards"
if [ "$SL_FULL" = 1 ]; then
	if [ -f "$OUTDIR/sl-clean.key" ] && [ "$(cat "$OUTDIR/sl-clean.key")" = "$sl_key" ] &&
		[ -f "$OUTDIR/sl-clean.tsv" ]; then
		echo "bench: secretlint findings on $CLEAN: cached" >&2
	else
		echo "bench: secretlint on $SHARDS/1..9 (once; 10-20 min)" >&2
		rm -f "$OUTDIR/sl-clean.key"
		for k in 1 2 3 4 5 6 7 8 9; do
			findings_sl "$SHARDS/$k" "shard$k"
		done
		cat "$OUTDIR/sl-subset.tsv" "$OUTDIR"/sl-shard[1-9].tsv >"$OUTDIR/sl-clean.tsv"
		# the ten runs' wall, user and system seconds summed, the peak RSS
		for k in subset shard1 shard2 shard3 shard4 shard5 shard6 shard7 shard8 shard9; do
			tail -n 1 "$OUTDIR/sl-$k.time"
		done | awk '{w += $1; if ($2 > m) m = $2; u += $3; s += $4}
			END {printf "%.2f %d %.2f %.2f\n", w, m, u, s}' >"$OUTDIR/sl-clean.time"
		echo "$sl_key" >"$OUTDIR/sl-clean.key"
	fi
fi

# Timings, warm page cache. secretlint is timed on the subset only (see
# above); rg too when its one run over the whole clean corpus took longer
# than BENCH_SLOW_LIMIT seconds (its regex engine can struggle with hundreds
# of detectors). readycheck is timed everywhere.
hf() { # NAME RUNS WARMUP (-n label cmd)...
	local name=$1 runs=$2 warm=$3
	shift 3
	hyperfine -N --warmup "$warm" --runs "$runs" --ignore-failure --style basic \
		--export-json "$OUTDIR/hf-$name.json" "$@" >&2
}
slow() { # NAME: the findings run NAME took too long (or did not run)
	local s
	[ -f "$OUTDIR/$1.time" ] || return 0
	s=$(tail -n 1 "$OUTDIR/$1.time" | cut -d' ' -f1)
	python3 -c "import sys; sys.exit(not float('$s') > $SLOW_LIMIT)"
}
rm -f "$OUTDIR"/hf-*.json
echo "bench: timing on $PLANTED" >&2
hf planted "$RUNS" 2 -n rc "$(quote "${RC_CMD[@]}" "$PLANTED")" \
	-n rg "$(quote "${RG_CMD[@]}" "$PLANTED")"
sl_cmd "$PLANTED" /dev/null
hf planted-sl "$SLOW_RUNS" 1 -n sl "$(quote "${SL_CMD[@]}")"

echo "bench: timing on $CLEAN" >&2
args=(-n rc "$(quote "${RC_CMD[@]}" "$CLEAN")")
slow rg-clean || args+=(-n rg "$(quote "${RG_CMD[@]}" "$CLEAN")")
hf clean "$RUNS" 2 "${args[@]}"

echo "bench: timing on $SUBSET" >&2
hf subset "$RUNS" 2 -n rc "$(quote "${RC_CMD[@]}" "$SUBSET")"
if slow rg-subset; then
	hf subset-rg "$SLOW_RUNS" 1 -n rg "$(quote "${RG_CMD[@]}" "$SUBSET")"
else
	hf subset-rg "$RUNS" 2 -n rg "$(quote "${RG_CMD[@]}" "$SUBSET")"
fi
sl_cmd "$SUBSET" /dev/null
hf subset-sl "$SLOW_RUNS" 1 -n sl "$(quote "${SL_CMD[@]}")"
busy_after=$(cpu_pressure)

if [ -n "$STANDIN" ]; then
	version="stand-in: an rg-based script plays readycheck"
else
	version=$("$RC" version 2>/dev/null | head -n 1 || echo unknown)
fi
cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)
# The commands as shown in the results, paths relative to the checkout.
show() {
	local s
	s=$(quote "$@")
	s=${s//$PWD\//}
	printf '%s' "${s//\\\*\\\*\/.gitignore/\'**/.gitignore\'}"
}

python3 - "$WORK" "$OUTDIR" "$OUT" "$RC_NAME" "$version" "$sl_version" \
	"$(rg --version | sed -n 1p)" "$(hyperfine --version)" "$(nproc)" "$cpu" \
	"$PLANTED" "$PLANTED_TSV" "$CLEAN" "$SUBSET" "$nrules" "$ndropped" "$nrewritten" \
	"$SL_FULL" "$SLOW_LIMIT" "${busy_before:-}" "${busy_after:-}" \
	"$(show "${RC_CMD[@]}") TREE" "$(show "${RG_CMD[@]}") TREE" \
	"$(show "${SL_CMD[@]:0:${#SL_CMD[@]}-3}") --cwd TREE '**/*'" <<'EOF'
import collections, json, os, sys, time

(work, outdir, out, rc_name, version, sl_version, rgv, hfv, ncpu, cpu, planted,
 planted_tsv, clean, subset, nrules, ndropped, nrewritten, sl_full, sl_limit,
 busy_before, busy_after, rc_cmd, rg_cmd, sl_cmd) = sys.argv[1:]
nrules, ndropped, nrewritten = int(nrules), int(ndropped), int(nrewritten)
sl_limit = float(sl_limit)


def tsv(name):
    p = os.path.join(outdir, name + ".tsv")
    if not os.path.exists(p):
        return None
    rows = []
    for line in open(p, encoding="utf-8", errors="surrogateescape"):
        f = line.rstrip("\n").split("\t")
        if len(f) >= 3:
            rows.append((f[0], int(f[1]), f[2]))
    return rows


def tree_size(root):
    """Files and bytes the tools read: rg's list with the same flags."""
    import subprocess
    out = subprocess.run(["rg", "--files", "--hidden", "--no-require-git",
                          "--no-ignore-parent", "--no-ignore-global"],
                         cwd=root, capture_output=True, check=True).stdout
    names = [n for n in out.decode("utf-8", "surrogateescape").split("\n") if n]
    return len(names), sum(os.lstat(os.path.join(root, n)).st_size for n in names)


def hf(name):
    p = os.path.join(outdir, "hf-%s.json" % name)
    if not os.path.exists(p):
        return {}
    return {r["command"]: r for r in json.load(open(p))["results"]}


def secs(r):
    if not r:
        return "–"
    m, sd = r["mean"], r["stddev"] or 0
    if m < 1:
        return "%.0f ± %.0f ms" % (m * 1000, sd * 1000)
    return "%.2f ± %.2f s" % (m, sd)


def rss(name):
    p = os.path.join(outdir, name + ".time")
    if not os.path.exists(p):
        return "?"
    try:
        return "%.0f MB" % (int(open(p).read().split("\n")[-2].split()[1]) / 1024)
    except (IndexError, ValueError):
        return "?"


def pct(a, b):
    return "%.1f%%" % (100.0 * a / b) if b else "–"


# -- recall on the planted tree ---------------------------------------------
planted_rows = []
for line in open(planted_tsv):
    if line.startswith("#") or not line.strip():
        continue
    p, ln, kind, span = line.rstrip("\n").split("\t")
    planted_rows.append((p, int(ln), kind, int(span)))
n_planted = len(planted_rows)
by_file = collections.defaultdict(list)
for i, (p, ln, kind, span) in enumerate(planted_rows):
    by_file[p].append((ln, ln + span - 1, i))

tools = [("rc", rc_name), ("rg", "rg, same regexes"), ("sl", "secretlint")]
recall = {}
for key, label in tools:
    rows = tsv("%s-planted" % key) or []
    hit = set()
    extra = set()
    for p, ln, rule in rows:
        found = False
        for lo, hi, i in by_file.get(p, ()):
            if lo <= ln <= hi:
                hit.add(i)
                found = True
        if not found:
            extra.add((p, ln))
    missed = [planted_rows[i] for i in range(n_planted) if i not in hit]
    recall[key] = (len(hit), missed, extra, len(rows))

# -- false positives on the clean corpus -------------------------------------
clean_files, clean_bytes = tree_size(clean)
sub_files, sub_bytes = tree_size(subset)
pl_files, pl_bytes = tree_size(planted)
fp = {}
for key in ("rc", "rg", "sl"):
    full = tsv("%s-clean" % key)
    sub = tsv("%s-subset" % key)
    fp[key] = (full, sub)


def per100(n, b):
    return "%.1f" % (n * 1e8 / b) if b else "–"


# -- timings -----------------------------------------------------------------
t_pl = hf("planted")
t_pl.update(hf("planted-sl"))
t_cl = hf("clean")
t_cl.update(hf("clean-sl"))
t_sub = hf("subset")
t_sub.update(hf("subset-rg"))
t_sub.update(hf("subset-sl"))
cl_mb, sub_mb, pl_mb = clean_bytes / 1e6, sub_bytes / 1e6, pl_bytes / 1e6


def where(tool):
    """Timings, label and MB of the clean corpus, or else of the subset, with
    readycheck and `tool` both timed."""
    if tool in t_cl and "rc" in t_cl:
        return t_cl, "clean corpus", cl_mb
    if tool in t_sub and "rc" in t_sub:
        return t_sub, "clean subset", sub_mb
    return None, None, None


def once(name):
    """Wall seconds of the untimed findings run NAME, or None."""
    p = os.path.join(outdir, name + ".time")
    if not os.path.exists(p):
        return None
    try:
        return float(open(p).read().split("\n")[-2].split()[0])
    except (IndexError, ValueError):
        return None


busy = [float(x) for x in (busy_before, busy_after) if x]
lines = []
w = lines.append
w("# `readycheck secrets` benchmark")
w("")
w("%s, %s CPUs (%s). %s; %s; %s; %s." % (time.strftime("%Y-%m-%d"), ncpu, cpu,
                                        version, rgv, sl_version, hfv))
w("")
if busy and max(busy) > 20:
    w("**Warning: the machine was busy** (CPU pressure %s%% of the time "
      "before/after the runs, /proc/pressure/cpu avg10): wall-clock times are "
      "inflated and noisy; the CPU times are the better guide. Re-run on an "
      "idle machine.\n" % "/".join("%.0f" % x for x in busy))

rc_recall = recall["rc"][0]
rc_fp = len(fp["rc"][0] or [])
if sl_full == "1" and fp["sl"][0] is not None:
    sl_fp_n, sl_fp_b, sl_fp_where = len(fp["sl"][0]), clean_bytes, "whole corpus"
else:
    sl_fp_n, sl_fp_b, sl_fp_where = len(fp["sl"][1] or []), sub_bytes, "subset"
rc_fp_rate = rc_fp * 1e8 / clean_bytes
sl_fp_rate = sl_fp_n * 1e8 / sl_fp_b


def ok(b):
    return "**yes**" if b else "**no**"


def speedup(t, tool):
    """How many times readycheck's throughput `tool`'s is (its time over rc's)."""
    return t[tool]["mean"] / t["rc"]["mean"] if t and tool in t and "rc" in t else None


t_rg, rg_where, rg_mb = where("rg")
t_sl, sl_where, sl_mb = where("sl")
vs_rg = [(speedup(t_rg, "rg"), rg_where), (speedup(t_pl, "rg"), "planted tree")]
vs_sl = [(speedup(t_sl, "sl"), sl_where), (speedup(t_pl, "sl"), "planted tree")]


def fmt_vs(pairs, unit):
    return ", ".join("%.2f%s (%s)" % (x, unit, l) for x, l in pairs if x is not None) or "–"


w("## Targets (readycheck issue 4)")
w("")
w("| target | measured | met |")
w("|---|---|---|")
w("| recall 100%% of planted secrets | %d of %d (%s) | %s |" % (
    rc_recall, n_planted, pct(rc_recall, n_planted), ok(rc_recall == n_planted)))
w("| false positives per 100 MB on the clean corpus ≤ secretlint's | %s vs %s (secretlint on the %s) | %s |" % (
    per100(rc_fp, clean_bytes), per100(sl_fp_n, sl_fp_b), sl_fp_where,
    ok(rc_fp_rate <= sl_fp_rate)))
w("| throughput ≥ rg's with the same regexes | readycheck's throughput is %s rg's | %s |" % (
    fmt_vs(vs_rg, "×"), ok(all(x is not None and x >= 1 for x, _ in vs_rg))))
w("| throughput ≥ 30 × secretlint's | readycheck's throughput is %s secretlint's | %s |" % (
    fmt_vs(vs_sl, "×"), ok(all(x is not None and x >= 30 for x, _ in vs_sl))))
w("")

w("## Recall on the planted tree")
w("")
w("`%s`: %d files, %.1f MB read; %d synthetic secrets of %d kinds planted "
  "(`%s`)." % (planted, pl_files, pl_mb, n_planted,
               len(set(r[2] for r in planted_rows)), planted_tsv))
w("")
w("| tool | planted found | recall | findings | findings off the planted lines |")
w("|---|---:|---:|---:|---:|")
for key, label in tools:
    hit, missed, extra, nrows = recall[key]
    w("| %s | %d / %d | %s | %d | %d |" % (label, hit, n_planted,
                                           pct(hit, n_planted), nrows, len(extra)))
w("")
kinds = sorted(set(r[2] for r in planted_rows))
missed_by = {k: collections.Counter(r[2] for r in recall[k][1]) for k, _ in tools}
total_by = collections.Counter(r[2] for r in planted_rows)
w("Missed, by kind (planted count in brackets):")
w("")
w("| kind | %s |" % " | ".join(l for _, l in tools))
w("|---|%s" % ("---:|" * len(tools)))
for k in kinds:
    if any(missed_by[t][k] for t, _ in tools):
        w("| %s (%d) | %s |" % (k, total_by[k], " | ".join(
            str(missed_by[t][k] or "") for t, _ in tools)))
w("")
if recall["rc"][1]:
    w("Planted secrets readycheck missed:")
    w("")
    for p, ln, kind, span in recall["rc"][1]:
        w("- `%s:%d` %s" % (p, ln, kind))
    w("")
if recall["rc"][2]:
    w("readycheck findings off the planted lines (the synthetic tree itself; "
      "each is a false positive unless the generator wrote a secret):")
    w("")
    for p, ln in sorted(recall["rc"][2])[:30]:
        w("- `%s:%d`" % (p, ln))
    if len(recall["rc"][2]) > 30:
        w("- ... %d more" % (len(recall["rc"][2]) - 30))
    w("")

w("## False positives on the clean corpus")
w("")
cj = json.load(open(os.path.join(work, "clean.json")))
w("`%s`: %d files, %.0f MB of real text from this machine (%s). Assumed "
  "clean: every finding counts as a false positive. Subset: every 10th "
  "file, %d files, %.1f MB." % (
      clean, clean_files, cl_mb, ", ".join(
          "%s %.0f MB" % (s, v["bytes"] / 1e6) for s, v in cj["sources"].items()
          if v["bytes"] >= 5e6) + ", ...", sub_files, sub_mb))
w("")
w("| tool | findings (whole corpus) | per 100 MB | findings (subset) | per 100 MB |")
w("|---|---:|---:|---:|---:|")
for key, label in tools:
    full, sub = fp[key]
    w("| %s | %s | %s | %s | %s |" % (
        label, len(full) if full is not None else "–",
        per100(len(full), clean_bytes) if full is not None else "–",
        len(sub) if sub is not None else "–",
        per100(len(sub), sub_bytes) if sub is not None else "–"))
w("")
w("rg's are matched lines, not secrets: it has no keywords, entropy, "
  "placeholder or allow-list filtering. secretlint's whole-corpus count comes "
  "from ten runs, one per tenth of the files (shard 0 is the subset). Full "
  "lists: `%s/{rc,rg,sl}-clean.tsv`." % outdir)
w("")
for key, label in (("rc", rc_name), ("sl", "secretlint")):
    full, sub = fp[key]
    rows = full if full is not None else sub
    if not rows:
        continue
    c = collections.Counter(r[2] for r in rows)
    w("%s, by rule: %s." % (label, ", ".join("%s %d" % kv for kv in c.most_common())))
    w("")
    for p, ln, rule in rows[:100]:
        w("- `%s:%d` %s" % (p, ln, rule))
    if len(rows) > 100:
        w("- ... %d more" % (len(rows) - 100))
    w("")
w("Some of these may be real but harmless keys shipped in documentation or "
  "test data (for example private keys in a library's test vectors); a human "
  "should look before calling them false positives.")
w("")

w("## Speed")
w("")
w("Warm page cache; mean ± standard deviation of hyperfine runs (2 warm-up "
  "runs; 1 or none for the slow ones). MB = 10^6 bytes of the files the tools "
  "read (`rg --files` with the flags below: all three list the same files); "
  "throughput is MB over mean time. secretlint is timed on the subset only "
  "(a run slows down more than linearly with the number of files), rg too "
  "when its one run over the whole clean corpus took more than %.0f s."
  % sl_limit)
w("")
w("| corpus | files | MB | %s | rg | secretlint | %s MB/s | rg MB/s | secretlint MB/s | rg / %s time | secretlint / %s time |"
  % (rc_name, rc_name, rc_name, rc_name))
w("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")


def row(label, t, files, mb):
    def tp(k):
        return "%.1f" % (mb / t[k]["mean"]) if k in t else "–"

    def ratio(k):
        x = speedup(t, k)
        return "%.2f×" % x if x is not None else "–"
    w("| %s | %d | %.1f | %s | %s | %s | %s | %s | %s | %s | %s |" % (
        label, files, mb, secs(t.get("rc")), secs(t.get("rg")),
        secs(t.get("sl")), tp("rc"), tp("rg"), tp("sl"), ratio("rg"), ratio("sl")))


row("planted tree", t_pl, pl_files, pl_mb)
row("clean corpus", t_cl, clean_files, cl_mb)
if t_sub:
    row("clean subset", t_sub, sub_files, sub_mb)
w("")
for tool, label in (("rg", "rg"), ("sl", "secretlint")):
    if tool not in t_cl and tool in t_sub:
        est = cl_mb / (sub_mb / t_sub[tool]["mean"])
        one = once("%s-clean" % tool)
        w("%s on the whole clean corpus: ~%.0f s extrapolated from its "
          "throughput on the subset%s." % (
              label, est, "" if one is None else
              " (its untimed findings run%s there took %.0f s%s)" % (
                  "s, one per shard of about 2,500 files," if tool == "sl" else "",
                  one, " in all" if tool == "sl" else "")))
        w("")
w("CPU time per run (mean of user + system, all threads) and peak RSS (one "
  "run, `/usr/bin/time`; for readycheck and rg their findings runs, "
  "`secrets --format json` and `rg -n`):")
w("")
w("| corpus | %s CPU | rg CPU | secretlint CPU | %s RSS | rg RSS | secretlint RSS |"
  % (rc_name, rc_name))
w("|---|---:|---:|---:|---:|---:|---:|")


def cpu_(t, k):
    return "%.2f s" % (t[k]["user"] + t[k]["system"]) if k in t else "–"


for label, t, name in (("planted tree", t_pl, "planted"), ("clean corpus", t_cl, "clean"),
                       ("clean subset", t_sub, "subset")):
    if t:
        w("| %s | %s | %s | %s | %s | %s | %s |" % (
            label, cpu_(t, "rc"), cpu_(t, "rg"), cpu_(t, "sl"), rss("rc-" + name),
            rss("rg-" + name), rss("sl-" + name)))
w("")
w("## Commands")
w("")
w("- `%s`" % rc_cmd)
w("- `%s`" % rg_cmd)
w("- `%s`" % sl_cmd)
w("")
w("The rg patterns are readycheck's detectors (`readycheck secrets --rules`, "
  "%d), one regex per line%s%s. rg gets the flags of `bench/run.sh`, so it "
  "reads the files readycheck reads, and `--no-unicode`, so `\\w`, `\\s`, "
  "`\\b` and `(?i)` are ASCII as in readycheck's PCRE2 and Vectorscan (it is "
  "also faster so). rg has no capture, keyword, entropy, placeholder or "
  "allow-list step, so it reports more lines than readycheck; for recall its "
  "matching lines are used (`rg -n --max-columns 1`)." % (
      nrules, "" if nrewritten == 0 else
      "; in %d, escaped punctuation that rg's syntax rejects (`\\'`, `\\\"`, "
      "`\\/`...) is written `\\xHH` (the same regex)" % nrewritten,
      "" if ndropped == 0 else
      "; %d that rg still cannot compile are left out (`%s/rg-dropped.tsv`)"
      % (ndropped, outdir)))
w("secretlint reads what the others read: `**/*` with dotfiles, every "
  "`.gitignore` as an ignore file (`--secretlintignore '**/.gitignore'`); "
  "it always skips `node_modules`, which the trees' `.gitignore` files "
  "exclude anyway and the clean corpus does not have (renamed "
  "`node_modules.d`). It skips the files it considers binary by name or "
  "content, and runs on one thread.")
text = "\n".join(lines) + "\n"
open(out, "w").write(text)
sys.stdout.write(text)
EOF
