#!/usr/bin/env bash
# Install the Debian packages readycheck builds and tests with, if missing.
# Uses sudo when not root; on systems without apt-get, prints the names.
set -euo pipefail

packages=(
	build-essential cmake pkg-config
	libvectorscan-dev libpcre2-dev libfyaml-dev libjansson-dev libgit2-dev
	libsqlite3-dev libcmocka-dev
	python3-cram python3-jsonschema git clang-format valgrind cppcheck
)
[ "${RC_DEPS_EXTRA:-}" ] && read -r -a extra <<<"$RC_DEPS_EXTRA" && packages+=("${extra[@]}")

missing=()
if command -v dpkg-query >/dev/null 2>&1; then
	for p in "${packages[@]}"; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' ||
			missing+=("$p")
	done
else
	echo "readycheck: no dpkg here; install these packages (Debian names):" >&2
	printf '  %s\n' "${packages[@]}" >&2
	exit 0
fi
[ ${#missing[@]} -eq 0 ] && exit 0

if ! command -v apt-get >/dev/null 2>&1; then
	echo "readycheck: install these packages: ${missing[*]}" >&2
	exit 1
fi
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
echo "readycheck: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
