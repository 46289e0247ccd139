# Helhet — every target is documented; `make help` lists them.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat requirements.lock pyproject.toml | sha1sum | cut -c1-12)
VENDOR := src/helhet/web/static/vendor/designsystemet
VENDOR_STAMP := $(VENDOR)/.copied-$(shell sha1sum package-lock.json | cut -c1-12)
# Two workers: the machines here have two cores, and the suite is mostly waiting on the database.
PYTEST_ARGS ?= -n 2

.DEFAULT_GOAL := help

.PHONY: help
help: ## List the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

.PHONY: setup
setup: $(STAMP) $(VENDOR_STAMP) ## Create .venv, install the pinned dependencies and the front-end assets

$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	rm -f $(VENV)/.installed-*
	touch $@

$(VENDOR_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	mkdir -p $(VENDOR)
	cp node_modules/@digdir/designsystemet-css/dist/src/index.css $(VENDOR)/designsystemet.css
	cp node_modules/@digdir/designsystemet-css/dist/theme/designsystemet.css $(VENDOR)/theme.css
	cp node_modules/@digdir/designsystemet-css/LICENSE $(VENDOR)/LICENSE
	mkdir -p $(VENDOR)/inter/files
	cat node_modules/@fontsource/inter/latin-{400,500,600}.css > $(VENDOR)/inter/inter.css
	cp node_modules/@fontsource/inter/files/inter-latin-{400,500,600}-normal.woff{,2} $(VENDOR)/inter/files/
	cp node_modules/@fontsource/inter/LICENSE $(VENDOR)/inter/LICENSE
	rm -f $(VENDOR)/.copied-*
	touch $@

.PHONY: run
run: setup ## Migrate the embedded database, load the demo data and serve on http://127.0.0.1:8000
	$(BIN)/helhet run

.PHONY: test
test: setup ## Run the test suite (SQLite by default; set HELHET_DATABASE_URL for PostgreSQL)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

.PHONY: lint
lint: setup ## ruff (lint and format check), mypy and the import layers (lint-imports)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy src
	$(BIN)/lint-imports

.PHONY: format
format: setup ## Format the code with ruff
	$(BIN)/ruff format src tests bench
	$(BIN)/ruff check --fix src tests bench

.PHONY: messages
messages: setup ## Update and compile the bokmål translations (needs GNU gettext)
	cd src/helhet && ../../$(BIN)/helhet makemessages -l nb --no-obsolete --add-location file
	cd src/helhet && ../../$(BIN)/helhet compilemessages -l nb

.PHONY: bench
bench: setup ## Run the benchmarks in bench/
	$(BIN)/python -m pytest bench -p no:cacheprovider -o testpaths=bench -s

.PHONY: clean
clean: ## Remove the virtualenv, node_modules, the local database and caches
	rm -rf $(VENV) node_modules var staticfiles $(VENDOR) .pytest_cache .mypy_cache .ruff_cache
