#!/usr/bin/env bash
# Static analysis of the C sources with cppcheck (warning and portability
# checks: undefined behaviour, bounds, leaks, uninitialised reads). Any
# finding fails the build; a justified exception gets an inline
# "// cppcheck-suppress id" with a comment saying why.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v cppcheck >/dev/null 2>&1; then
	echo "check-static: cppcheck is missing (scripts/deps.sh installs it)" >&2
	exit 1
fi
cppcheck --quiet --enable=warning,portability --error-exitcode=1 \
	--inline-suppr --suppress=missingIncludeSystem \
	-D_POSIX_C_SOURCE=200809L -DRC_VERSION='"0"' -I src src
