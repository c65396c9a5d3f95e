#!/usr/bin/env bash
# Banned functions (curl's list as a start) and clang-format conformance.
set -euo pipefail
cd "$(dirname "$0")/.."
files=$(git ls-files 'src/*.c' 'src/*.h' 'tests/unit/*.c' 'fuzz/*.c' 'tools/*.c' 2>/dev/null || find src tests/unit fuzz tools -name '*.[ch]')
banned='\b(sprintf|vsprintf|strcpy|strcat|strncpy|strncat|strtok|gets|atoi|atol|sscanf|localtime|gmtime|strerror)\s*\('
if grep -nE "$banned" $files | grep -v 'check-style: allow'; then
	echo "banned function used (see CONVENTIONS.md)" >&2
	exit 1
fi
if command -v clang-format >/dev/null 2>&1; then
	clang-format --dry-run -Werror $files
fi
