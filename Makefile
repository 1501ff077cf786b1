# Commonweal: `make demo` to try it, `make test` to check it. Nothing else is assumed
# but Python 3.11 and make; the targets install what they need.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed

.PHONY: install demo serve test bench fuzz lint format messages lock clean

install: $(INSTALLED)

$(INSTALLED): requirements.lock pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock \
		$(if $(wildcard /opt/wheels),,--extra-index-url https://download.pytorch.org/whl/cpu)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	@touch $@

demo: install
	$(BIN)/commonweal demo

serve: install
	$(BIN)/commonweal serve

test: install
	bash scripts/test.sh

bench: install
	bash scripts/bench.sh

# Fuzz every reader for SECONDS each (about ten minutes in all by default; SECONDS=600
# for a long run). Findings go to fuzz/findings/; not part of `make test`.
SECONDS ?= 30
fuzz: install
	$(BIN)/python fuzz/run.py --seconds $(SECONDS)

lint: install
	$(BIN)/ruff check src tests benchmarks scripts fuzz
	$(BIN)/ruff format --check src tests benchmarks scripts fuzz
	$(BIN)/lint-imports

format: install
	$(BIN)/ruff format src tests benchmarks scripts fuzz
	$(BIN)/ruff check --fix src tests benchmarks scripts fuzz

# Extract UI strings into the catalogues after changing templates or code; translate
# the new entries in src/commonweal/locale/*/LC_MESSAGES/django.po, then compile.
messages: install
	cd src/commonweal && ../../$(BIN)/commonweal makemessages --no-obsolete --no-location -l zh_Hans -l ar -l es -l fr -l ru
	cd src/commonweal && ../../$(BIN)/commonweal compilemessages

# Re-resolve the pinned dependency set after changing pyproject.toml.
lock: install
	$(BIN)/python -m pip install --quiet uv
	$(BIN)/uv pip compile pyproject.toml --extra dev --extra audio --python-version 3.11 \
		-c scripts/lock-constraints.txt $(TORCH_CPU) -o requirements.lock

# PyTorch's CPU build: from /opt/wheels where that exists, else from PyTorch's CPU index.
TORCH_CPU = $(if $(wildcard /opt/wheels),--find-links /opt/wheels,\
	--extra-index-url https://download.pytorch.org/whl/cpu --index-strategy unsafe-best-match)

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache .hypothesis
