# Two commands set everything up: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test check bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test,dev]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/kiosk demo

# One worker per core: the tests share nothing but the source tree (each has its own
# temporary database and data directory).
test: $(STAMP)
	$(BIN)/python -m pytest -n auto

check: $(STAMP)
	$(BIN)/ruff check kiosk screens models tests bench fuzz
	$(BIN)/ruff format --check kiosk screens models tests bench fuzz
	$(BIN)/mypy

# Every benchmark runs and prints its figures; the target fails if any missed its budget.
bench: $(STAMP)
	@failed=""; for b in bench/admin.py bench/camera.py bench/diary.py bench/door_board.py bench/export.py bench/export_process.py bench/idle.py bench/purge.py \
		bench/redaction.py bench/safeguarding.py bench/scan.py bench/startup.py bench/stats.py; do \
		echo "== $$b"; $(BIN)/python $$b || failed="$$failed $$b"; done; \
	if [ -n "$$failed" ]; then echo "over budget or failed:$$failed"; exit 1; fi

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
