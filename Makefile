# The short commands in front of Meson: make, make run, make test, make lint.
BUILD      ?= build
BUILD_ASAN ?= build-asan
LISTEN     ?= 127.0.0.1:8080
DB         ?= sqlite:frontdesk.db
WERROR     := $(if $(CI),true,false)

.PHONY: all deps build asan run test lint format clean

all: build

deps:
	@scripts/deps.sh

$(BUILD)/build.ninja:
	meson setup $(BUILD) --buildtype=debugoptimized -Dwerror=$(WERROR)

$(BUILD_ASAN)/build.ninja:
	meson setup $(BUILD_ASAN) --buildtype=debug -Db_sanitize=address,undefined -Db_lundef=false -Dwerror=$(WERROR)

build: deps $(BUILD)/build.ninja
	ninja -C $(BUILD)

asan: deps $(BUILD_ASAN)/build.ninja
	ninja -C $(BUILD_ASAN)

run: build
	@$(BUILD)/frontdesk --db $(DB) demo --if-new
	@echo; echo "frontdesk: open http://$(LISTEN)/ and log in with a demo login above (Ctrl-C stops)"; echo
	$(BUILD)/frontdesk --db $(DB) serve --listen $(LISTEN)

test: build asan
	@tests/run $(BUILD) $(BUILD_ASAN)

lint: build
	clang-format --dry-run --Werror $(shell find src tests -name '*.[ch]')
	cppcheck --quiet --error-exitcode=1 --enable=warning,portability --inline-suppr \
	  --suppress=missingIncludeSystem --suppress=ctuuninitvar -I src src
	clang-tidy -p $(BUILD) --quiet $(shell find src -name "*.c") 2>/dev/null

format:
	clang-format -i $(shell find src tests -name '*.[ch]')

clean:
	rm -rf $(BUILD) $(BUILD_ASAN)
