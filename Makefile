# Thin entry points; the real work is in CMake (CMakePresets.json) and scripts/.
PRESET ?= $(if $(CI),ci,dev)
BUILD_DIR := build/$(PRESET)
JOBS ?= $(shell nproc)
SYNC := $(BUILD_DIR)/engine/ardoq-sync

.PHONY: all deps configure build demo test bench fuzz soak format tidy clean

all: build

deps:
	@scripts/install-deps.sh

configure: deps
	@cmake --preset $(PRESET) >/dev/null

build: configure
	@cmake --build --preset $(PRESET) -j $(JOBS)

demo: build
	@scripts/demo.sh "$(SYNC)"

test: build
	@ctest --preset $(PRESET)

bench:
	@$(MAKE) --no-print-directory build PRESET=release
	@scripts/bench.sh build/release

fuzz:
	@scripts/fuzz.sh

soak:
	@scripts/soak.sh

format:
	@git ls-files '*.cpp' '*.hpp' | xargs clang-format -i

tidy: configure
	@git ls-files 'engine/*.cpp' 'mappings/*.cpp' 'connectors/*.cpp' | xargs clang-tidy -p $(BUILD_DIR) --quiet

clean:
	@rm -rf build
