# Two commands do all the set-up: `make run` and `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint typecheck validate clean screenshots bench messages translations

# The interface's catalogues (docs/translating.md): .po files are kept, .mo files built here.
TRANSLATIONS := quizapp/translations
CATALOGUES := $(wildcard $(TRANSLATIONS)/*/LC_MESSAGES/messages.po)
COMPILED := $(CATALOGUES:.po=.mo)

$(BIN)/python:
	$(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

$(TRANSLATIONS)/%/LC_MESSAGES/messages.mo: $(TRANSLATIONS)/%/LC_MESSAGES/messages.po $(STAMP)
	$(BIN)/pybabel compile --statistics -i $< -o $@

translations: $(COMPILED)

# After changing the interface's texts: the template, then every language's catalogue.
messages: $(STAMP)
	$(BIN)/pybabel extract -F babel.cfg -k _l -k N_ -k M_ -k P_:1,2 -c Translators: --sort-by-file \
		--project quizapp -o $(TRANSLATIONS)/messages.pot .
	$(BIN)/pybabel update -i $(TRANSLATIONS)/messages.pot -d $(TRANSLATIONS) --ignore-obsolete

validate: $(STAMP)
	$(BIN)/quizapp validate

run: $(STAMP) $(COMPILED)
	$(BIN)/quizapp validate
	$(BIN)/quizapp db upgrade
	$(BIN)/quizapp import
	$(BIN)/quizapp demo
	@echo "Open http://127.0.0.1:5000/ and start the first quiz."
	$(BIN)/quizapp run --host 127.0.0.1 --port 5000

lint: $(STAMP)
	$(BIN)/ruff check quizapp tests
	$(BIN)/ruff format --check quizapp tests
	$(BIN)/bandit -r quizapp -ll -q

typecheck: $(STAMP)
	$(BIN)/mypy quizapp/core

test: lint typecheck $(COMPILED)
	$(BIN)/quizapp validate
	$(BIN)/pytest

screenshots: $(STAMP) $(COMPILED)
	QUIZAPP_SCREENSHOT_DIR=$(CURDIR)/docs/screenshots $(BIN)/pytest tests/browser -q -k sqlite

bench: $(STAMP)
	bash bench/run.sh

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis
