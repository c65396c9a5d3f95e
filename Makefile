# readycheck - the user's entry point. The real build is CMake (build/).
#   make scan    install dependencies if missing, build, review this repository
#   make check   the same, then the whole test suite
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
BUILD ?= build
CMAKE_FLAGS ?=

.PHONY: all deps build scan check asan bench fuzz format lint clean

all: build

deps:
	@scripts/deps.sh

$(BUILD)/CMakeCache.txt:
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo $(CMAKE_FLAGS)

build: deps $(BUILD)/CMakeCache.txt
	cmake --build $(BUILD) -j $(JOBS)

scan: build
	$(BUILD)/readycheck scan .

check: build
	ctest --test-dir $(BUILD) --output-on-failure -j $(JOBS)
	scripts/check-style.sh
	scripts/check-layers.sh
	scripts/check-static.sh

asan: deps
	cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DRC_SANITIZE=ON
	cmake --build build-asan -j $(JOBS)
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
		ctest --test-dir build-asan --output-on-failure -j $(JOBS)

bench: build
	@RC_DEPS_EXTRA="hyperfine ripgrep time" scripts/deps.sh
	BENCH_NO_BUILD=1 bench/run.sh

.PHONY: bench-secrets
bench-secrets: build
	@RC_DEPS_EXTRA="hyperfine ripgrep time nodejs" scripts/deps.sh
	BENCH_NO_BUILD=1 bench/secrets.sh

fuzz:
	@RC_DEPS_EXTRA="clang libclang-rt-14-dev" scripts/deps.sh
	CC=clang cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=Debug -DRC_FUZZ=ON -DRC_TESTS=OFF
	cmake --build build-fuzz -j $(JOBS)
	scripts/fuzz.sh build-fuzz $${FUZZ_SECONDS:-60}

format:
	git ls-files '*.c' '*.h' | xargs clang-format -i

lint:
	scripts/check-style.sh
	scripts/check-layers.sh
	scripts/check-static.sh

clean:
	rm -rf $(BUILD) build-asan build-fuzz
