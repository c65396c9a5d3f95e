#!/usr/bin/env bash
# Run every fuzz target in BUILD_DIR for SECONDS each, on a copy of its corpus.
set -euo pipefail
build=${1:-build-fuzz}
secs=${2:-60}
mkdir -p fuzz/crashes
for bin in "$build"/fuzz/*_fuzzer; do
	name=$(basename "$bin" _fuzzer)
	work=$(mktemp -d)
	cp -r "fuzz/corpora/$name/." "$work/" 2>/dev/null || true
	echo "== $name ($secs s)"
	"$bin" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 \
		-artifact_prefix=fuzz/crashes/ "$work" 2>&1 | tail -3
	rm -rf "$work"
done
