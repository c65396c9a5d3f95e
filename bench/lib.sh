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

# gen_tree NAME ARGS...: generate $WORK/NAME with bench/gen.py ARGS unless
# it exists for this version of gen.py and these arguments.
gen_tree() {
	local name=$1
	shift
	local key
	key="$(sha256sum bench/gen.py | cut -d' ' -f1) $*"
	if [ -f "$WORK/$name.key" ] && [ "$(cat "$WORK/$name.key")" = "$key" ] &&
		[ -f "$WORK/$name.json" ] && [ -d "$WORK/$name" ]; then
		return
	fi
	echo "bench: generating $WORK/$name ($*)" >&2
	rm -f "$WORK/$name.key" "$WORK/$name.json"
	python3 bench/gen.py "$@" --out "$WORK/$name" \
		--summary "$WORK/$name.json" --force >/dev/null
	echo "$key" >"$WORK/$name.key"
}
