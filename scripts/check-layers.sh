#!/usr/bin/env bash
# Layers only point left: core <- walk, match, parse, facts <- secrets <-
# collect <- rules <- score <- report, engine <- cli. secrets (the secret
# detectors and the confirmation of their candidates) sits below collect and
# rules because both use it: rules loads detectors, the engine confirms. A module may include headers from its own
# directory and from the layers it depends on; core includes nothing else.
set -euo pipefail
cd "$(dirname "$0")/../src"
declare -A allowed=(
	[core]="core"
	[walk]="core walk"
	[match]="core match"
	[parse]="core parse"
	[facts]="core facts"
	[secrets]="core walk match secrets"
	[collect]="core walk match parse facts secrets collect"
	[rules]="core walk match parse facts secrets rules"
	[score]="core rules score"
	[report]="core facts rules score report"
	[engine]="core walk match parse facts secrets collect rules score report engine"
	[cli]="core facts secrets rules score report engine cli"
)
bad=0
for dir in "${!allowed[@]}"; do
	[ -d "$dir" ] || continue
	while IFS= read -r line; do
		file=${line%%:*}
		inc=$(sed -n 's/.*#include "\(\.\.\/\)\{0,1\}\([a-z]*\)\/.*/\2/p' <<<"$line")
		[ -n "$inc" ] || continue
		case " ${allowed[$dir]} " in
		*" $inc "*) ;;
		*) echo "layer violation: $file includes $inc/ (allowed: ${allowed[$dir]})"; bad=1 ;;
		esac
	done < <(grep -H '#include "' "$dir"/*.[ch] 2>/dev/null || true)
done
exit $bad
