# kplan: `make ingest` and `make test` work on a fresh machine with only Python 3.11.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
DB     ?= warehouse/reports.duckdb
STAMP  := $(VENV)/.installed

.PHONY: ingest test test-fast samples bench clean lint format typecheck check fuzz

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	# Byte-compiled now, as pip does a wheel's: an editable install leaves it to the first run,
	# which writes nothing where PYTHONDONTWRITEBYTECODE is set, so each run compiled again.
	$(BIN)/python -m compileall -q kplan parsers rules pipeline warehouse
	touch $(STAMP)

# Ingest the committed samples into the warehouse and write the quality report beside it.
REPORT ?= $(dir $(DB))report.html
ingest: $(STAMP)
	$(BIN)/kplan ingest samples/ --db $(DB)
	$(BIN)/kplan quality --no-run --db $(DB) --html $(REPORT)
	@echo "Warehouse: $(DB)"
	@echo "Report:    $(REPORT)"

test: $(STAMP)
	$(BIN)/python -m pytest -q -rs

# The suite without the tests that rebuild the samples (marked `slow`: minutes, not seconds).
test-fast: $(STAMP)
	$(BIN)/python -m pytest -q -rs -m "not slow"

# Regenerate the sample renderings (developer tool; needs the samples extra).
samples: $(STAMP)
	$(BIN)/python samples/build_samples.py

# Time kplan against its peers (kordoc, dochan, pdftotext, installed into bench/.peers) on the
# same files; writes bench/results.md. Niced: the machine may be shared. BENCH_ARGS=--jobs 2 …
bench: $(STAMP)
	nice -n 10 $(BIN)/python bench/run.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) $(DB) $(DB).wal .mypy_view .mypy_cache

# Gates: lint and formatting (ruff, line length 100); `make format` rewrites in place.
lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Mutation fuzzing of the readers: mutants of the samples, each read in a child process under a
# memory cap and a timeout; any outcome without a typed status is saved under fuzz-findings/.
FUZZ_SECONDS ?= 60
fuzz: $(STAMP)
	$(BIN)/python -m kplan.pipeline.fuzz --seconds $(FUZZ_SECONDS) --findings fuzz-findings samples/

# Types: mypy over the installed `kplan` package (config in pyproject.toml). mypy knows no
# package-dir, so the package is laid out in $(MYPY_VIEW) as links to the folders it maps.
MYPY_VIEW := .mypy_view
STAGES    := parsers rules pipeline warehouse
typecheck: $(STAMP)
	rm -rf $(MYPY_VIEW) && mkdir -p $(MYPY_VIEW)/kplan
	ln -s $(CURDIR)/kplan/*.py $(MYPY_VIEW)/kplan/
	for stage in $(STAGES); do ln -s $(CURDIR)/$$stage $(MYPY_VIEW)/kplan/$$stage; done
	$(BIN)/mypy

# Every gate: lint and format, types, the whole test suite. CI runs this.
check: lint typecheck test
