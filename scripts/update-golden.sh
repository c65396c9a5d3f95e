#!/usr/bin/env bash
# Regenerate tests/golden/<fixture>.{json,md} from the current binary.
# Review the diff before committing: goldens are the expected reports.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-build/readycheck}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
bash -c "source tests/e2e/lib.sh '$PWD/$bin' '$PWD' '$work/w' >/dev/null
for dir in tests/fixtures/*/; do
	name=\$(basename \"\$dir\")
	[ \"\$name\" = hostile ] && continue
	fx=\$(sandbox \"\$name\")
	(cd \"\$fx\" && '$PWD/$bin' scan --format json -o '$PWD/tests/golden/'\$name.json --format md -o '$PWD/tests/golden/'\$name.md . ) || true
	echo \"updated tests/golden/\$name.{json,md}\"
done"
