# The short commands in front of Meson: make, make run, make test, make lint.
BUILD      ?= build
BUILD_ASAN ?= build-asan
BUILD_FUZZ ?= build-fuzz
FUZZ_SECONDS ?= 60
LISTEN     ?= 127.0.0.1:8080
DB         ?= sqlite:frontdesk.db
WERROR     := $(if $(CI),true,false)

.PHONY: all deps build asan fuzz-build fuzz run test bench bench-regional bench-powerloss lint format clean po

all: build

deps:
	@scripts/deps.sh

$(BUILD)/build.ninja:
	meson setup $(BUILD) --buildtype=debugoptimized -Dwerror=$(WERROR)

$(BUILD_ASAN)/build.ninja:
	meson setup $(BUILD_ASAN) --buildtype=debug -Db_sanitize=address,undefined -Db_lundef=false -Dwerror=$(WERROR)

# libFuzzer harnesses: clang, with the sanitizers (warnings are clang's own, not errors here).
$(BUILD_FUZZ)/build.ninja:
	CC=clang meson setup $(BUILD_FUZZ) --buildtype=debug -Db_sanitize=address,undefined \
	  -Db_lundef=false -Dfuzz=true

fuzz-build: deps $(BUILD_FUZZ)/build.ninja
	ninja -C $(BUILD_FUZZ) fuzz_hours fuzz_time fuzz_html fuzz_json_fields fuzz_routes fuzz_csv \
	  fuzz_ics fuzz_forwarded fuzz_gzip

# Longer runs by hand: make fuzz FUZZ_SECONDS=600
fuzz: fuzz-build
	@for t in hours time html json_fields routes csv ics forwarded gzip; do mkdir -p $(BUILD_FUZZ)/corpus/$$t; \
	  dict=; [ -f tests/fuzz/fuzz_$$t.dict ] && dict=-dict=tests/fuzz/fuzz_$$t.dict; \
	  $(BUILD_FUZZ)/fuzz_$$t -max_total_time=$(FUZZ_SECONDS) -max_len=4096 $$dict \
	    -artifact_prefix=$(BUILD_FUZZ)/ \
	    $(BUILD_FUZZ)/corpus/$$t || exit 1; done

build: deps $(BUILD)/build.ninja
	ninja -C $(BUILD)

# Benchmarks against the machine's floor (nginx, raw SQLite), printed with their goals.
bench: build
	@scripts/deps.sh bench
	bench/run $(BUILD)

# The regional deployment on PostgreSQL: its write floor (pgbench), a consortium's morning on
# 1, 2 and 3 nodes behind nginx, and the report on ten years of 300 branches (longer than bench).
bench-regional: build
	@scripts/deps.sh bench
	bench/regional $(BUILD)

# The power failing under load, POWER_CUTS times (about a second each), then the checks.
POWER_CUTS ?= 200
bench-powerloss: build
	bench/power_loss.py $(BUILD) $(POWER_CUTS)

asan: deps $(BUILD_ASAN)/build.ninja
	ninja -C $(BUILD_ASAN)

run: build
	@$(BUILD)/frontdesk --db $(DB) demo --if-new
	@echo "frontdesk: open http://$(LISTEN)/ and log in as kos.staff (password frontdesk-demo),"
	@echo "           or any demo login above; the public board is http://$(LISTEN)/board/KOS"
	@echo "           (Ctrl-C stops)"; echo
	@scripts/run_demo.sh $(BUILD)/frontdesk $(DB) $(LISTEN)

test: build asan fuzz-build
	@tests/run $(BUILD) $(BUILD_ASAN) $(BUILD_FUZZ)

lint: build
	scripts/check_includes.py src
	clang-format --dry-run --Werror $(shell find src tests -name '*.[ch]')
	scripts/check_html.py $(shell find src -name '*.c')
	cppcheck --quiet --error-exitcode=1 --enable=warning,portability --inline-suppr \
	  --suppress=missingIncludeSystem --suppress=ctuuninitvar -I src src
	clang-tidy -p $(BUILD) --quiet $(shell find src -name "*.c") 2>/dev/null

# The public's translations: re-extracts po/frontdesk.pot from the sources and merges it into
# every po/LL.po (then translate what is new, and remove its "#, fuzzy").
po:
	scripts/po.sh update

format:
	clang-format -i $(shell find src tests -name '*.[ch]')

clean:
	rm -rf $(BUILD) $(BUILD_ASAN) $(BUILD_FUZZ)
