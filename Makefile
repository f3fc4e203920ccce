# BookMySleep (`bms`): build, test, benchmark, format.
#
#   make              release binary ./bms (static Swift stdlib, stripped)
#   make test         debug build with tests, `swift test` with coverage, per-module line coverage
#   make e2e          browser end-to-end tests (Tests/E2E, headless Chromium) against the debug bms
#   make bench        the store benchmarks (Benchmarks/, package-benchmark); BENCH_ARGS passes options,
#                     e.g. make bench BENCH_ARGS='--filter "point.*"'
#   make format       format the Swift sources in place (swift format, .swift-format)
#   make lint         check formatting without changing files
#   make clean        remove build products (.build, Benchmarks/.build), ./bms and stray coverage files
#
# Every build target first installs the Debian packages the build links against, when missing.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := all

SWIFT ?= swift
# Debian packages the build needs: LMDB (library, headers, mdb_* tools), zlib, OpenSSL headers, and
# Leaflet (libjs-leaflet), which the EmbedAssets plugin compiles into the binary for the maps.
PACKAGES := liblmdb-dev lmdb-utils zlib1g-dev libssl-dev libjs-leaflet
# Debian packages the browser end-to-end tests need: the browser, its WebDriver, Python's venv, and a
# font with the rupee sign for the screenshots.
E2E_PACKAGES := chromium chromium-driver python3-venv fonts-dejavu-core
# Modules whose line coverage `make test` reports (DESIGN.md: >= 80 % each).
COVERAGE_MODULES := BMSStore BMSCore BMSPayments BMSServer
COVERAGE_TARGET := 80
# Paths `swift format` formats and lints.
FORMAT_PATHS := Package.swift Sources Tests Plugins Benchmarks/Package.swift Benchmarks/Benchmarks
BENCH_ARGS ?=

RELEASE_FLAGS := -c release --static-swift-stdlib

.PHONY: all deps bms test e2e coverage bench format lint clean

all: bms

# Installs what `dpkg -s` does not report as installed; sudo only when not root.
deps:
	@missing=(); \
	for package in $(PACKAGES); do \
	    dpkg -s "$$package" 2>/dev/null | grep -q '^Status: install ok installed' || missing+=("$$package"); \
	done; \
	if (( $${#missing[@]} )); then \
	    echo "Installing missing packages: $${missing[*]}"; \
	    sudo=(); if [ "$$(id -u)" -ne 0 ]; then sudo=(sudo); fi; \
	    "$${sudo[@]}" apt-get update; \
	    "$${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$${missing[@]}"; \
	fi

# Always asks SwiftPM (its incremental build is the source of truth), then replaces ./bms.
bms: deps
	$(SWIFT) build $(RELEASE_FLAGS) --product bms
	@bin="$$($(SWIFT) build $(RELEASE_FLAGS) --show-bin-path)"; \
	cp "$$bin/bms" bms.tmp && strip bms.tmp && mv -f bms.tmp bms
	@ls -lh bms | awk '{ print "./bms: " $$5 " (stripped, static Swift stdlib)" }'

# One instrumented build serves both steps: build and test must agree on --enable-code-coverage,
# or `swift test` rebuilds everything.
test: deps
	$(SWIFT) build --build-tests --enable-code-coverage
	$(SWIFT) test --skip-build --enable-code-coverage
	@$(MAKE) --no-print-directory coverage

# The same debug build as `make test` (a no-op right after it), then Tests/E2E/run.sh, which makes its
# own virtualenv under .build/e2e-venv.
e2e: deps
	@$(MAKE) --no-print-directory deps PACKAGES="$(E2E_PACKAGES)"
	$(SWIFT) build --build-tests --enable-code-coverage
	BMS_BIN="$$($(SWIFT) build --enable-code-coverage --show-bin-path)/bms" Tests/E2E/run.sh

# Per-module line coverage from the last `make test`, from llvm-cov's lcov export (absolute paths; files
# under Tests/ and .build*/ excluded). A module without executable lines in the test binary says so.
coverage:
	@llvm_cov="$$(dirname "$$(command -v $(SWIFT))")/llvm-cov"; \
	[ -x "$$llvm_cov" ] || llvm_cov="$$(command -v llvm-cov)"; \
	codecov_json="$$($(SWIFT) test --show-codecov-path)"; \
	profdata="$$(dirname "$$codecov_json")/default.profdata"; \
	bundle="$$(ls -d "$$($(SWIFT) build --show-bin-path)"/*.xctest | head -n 1)"; \
	[ -f "$$profdata" ] && [ -e "$$bundle" ] || { echo "no coverage data ($$profdata): run make test" >&2; exit 1; }; \
	echo; echo "Line coverage (target $(COVERAGE_TARGET)% per module):"; \
	"$$llvm_cov" export -format=lcov -summary-only "$$bundle" -instr-profile="$$profdata" \
	    -ignore-filename-regex='(^|/)(\.build[^/]*|Tests)/' \
	| awk -v modules="$(COVERAGE_MODULES)" -v target="$(COVERAGE_TARGET)" ' \
	    /^SF:/ { module = ""; if (match($$0, /\/Sources\/[^\/]+\//)) module = substr($$0, RSTART + 9, RLENGTH - 10) } \
	    /^LF:/ { found[module] += substr($$0, 4) } \
	    /^LH:/ { hit[module] += substr($$0, 4) } \
	    END { \
	        printf "  %-12s %8s %8s %8s\n", "module", "lines", "missed", "cover"; \
	        count = split(modules, names, " "); \
	        for (i = 1; i <= count; i++) { \
	            name = names[i]; \
	            if (found[name] == 0) { printf "  %-12s %s\n", name, "no executable lines in the tests binary"; continue } \
	            cover = 100 * hit[name] / found[name]; \
	            printf "  %-12s %8d %8d %7.1f%%%s\n", name, found[name], found[name] - hit[name], cover, (cover < target ? "  below target" : ""); \
	        } \
	    }'

bench: deps
	cd Benchmarks && $(SWIFT) package --disable-sandbox benchmark $(BENCH_ARGS)

format:
	$(SWIFT) format format --configuration .swift-format --in-place --parallel --recursive $(wildcard $(FORMAT_PATHS))

lint:
	$(SWIFT) format lint --configuration .swift-format --strict --parallel --recursive $(wildcard $(FORMAT_PATHS))

clean:
	rm -rf .build Benchmarks/.build bms bms.tmp default.profraw
