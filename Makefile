# Every target creates .venv on first use; nothing but python3 is needed.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test bench bench-scale bench-large install clean import-source catalog mutate

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

## demo: check the repo's own plan, list what 财政局 leads, show task 1, render the plan report
demo: $(STAMP)
	$(BIN)/taskplan check
	$(BIN)/taskplan list --lead 财政局
	$(BIN)/taskplan show 1
	$(BIN)/taskplan report --format md -o out/plan.md
	@echo "report written to out/plan.md"

## test: the whole test suite (what CI runs)
test: $(STAMP)
	$(BIN)/python -m pytest

## bench: timings on a synthetic 10,000-task plan, as ratios against baselines
bench: $(STAMP)
	$(BIN)/python bench/run.py

## bench-scale: list/check/report at 10,000 tasks on "repeated" and "unique" plans, as ratios to a parse
bench-scale: $(STAMP)
	$(BIN)/python bench/bench_scale.py --tasks 10000

## bench-large: the same at 100,000 tasks (slow: not part of make test or make bench)
bench-large: $(STAMP)
	$(BIN)/python bench/bench_scale.py --tasks 100000 --repeat 1 --scale-from 10000

## catalog: extract the messages (taskplan.pot), merge them into each language's .po, compile the .mo the package ships
LOCALE := src/taskplan/locale
catalog: $(STAMP)
	$(BIN)/pybabel -q extract -F $(LOCALE)/babel.cfg -k N_ -k M_ -k ngettext:1,2 --no-location --sort-output \
		--width 120 --project taskplan --version 0.1.0 --copyright-holder taskplan -o $(LOCALE)/taskplan.pot src/taskplan
	$(BIN)/pybabel -q update -i $(LOCALE)/taskplan.pot -d $(LOCALE) -D taskplan -l zh_CN --no-fuzzy-matching \
		--ignore-obsolete --width 120
	$(BIN)/pybabel -q compile -d $(LOCALE) -D taskplan --statistics

## mutate: mutation testing of one module (a developer tool: slow, not part of make test or CI), e.g.
##   make mutate MODULE=src/taskplan/model/numerals.py
## The module and its tests must be listed in [tool.mutmut] of pyproject.toml (docs/testing.md).
MUTMUT  := $(VENV)/.mutmut-installed
MUTANTS  = $(subst /,.,$(patsubst src/%.py,%,$(MODULE)))
$(MUTMUT): $(STAMP)
	$(BIN)/python -m pip install -q -e '.[test,mutation]'
	touch $(MUTMUT)

mutate: $(MUTMUT)
	@test -n "$(MODULE)" || { echo "usage: make mutate MODULE=src/taskplan/model/numerals.py"; exit 2; }
	@grep -q '"$(MODULE)"' pyproject.toml || { echo "$(MODULE) is not in [tool.mutmut] only_mutate of pyproject.toml"; exit 2; }
	nice -n 10 $(BIN)/mutmut run "$(MUTANTS).*"
	@echo "surviving mutants of $(MODULE) (see one with: $(BIN)/mutmut show NAME):"
	@$(BIN)/mutmut results | grep -F " $(MUTANTS)." || echo "    none"

## import-source: re-create the records from sources/ (overwrites tasks/, plan.yaml, units.yaml!)
import-source: $(STAMP)
	$(BIN)/taskplan import sources/haicheng-2020.txt --into . --force

clean:
	rm -rf $(VENV) .pytest_cache out mutants
