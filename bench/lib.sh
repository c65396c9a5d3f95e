# bench/lib.sh - helpers shared by the benchmark scripts (sourced, bash).

die() {
	echo "bench: $*" >&2
	exit 1
}

# ensure PATH PKG: install a missing tool from its Debian package.
ensure() {
	local path=$1 pkg=$2
	if command -v "$path" >/dev/null 2>&1 || [ -x "$path" ]; then
		return
	fi
	echo "bench: installing $pkg" >&2
	if [ "$(id -u)" = 0 ]; then
		apt-get install -y "$pkg" >/dev/null
	elif sudo -n true 2>/dev/null; then
		sudo apt-get install -y "$pkg" >/dev/null
	else
		die "'$path' is missing; install the Debian package '$pkg'"
	fi
}
