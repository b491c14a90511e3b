# Every target bootstraps .venv from nothing with the python3 on PATH (>= 3.11).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PIP    := $(BIN)/python -m pip --disable-pip-version-check --quiet

.PHONY: demo test lint docs bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Stamps, so that a second `make test` does not reinstall anything.
$(VENV)/.runtime: pyproject.toml | $(BIN)/python
	$(PIP) install -e .
	touch $@

$(VENV)/.dev: pyproject.toml | $(BIN)/python
	$(PIP) install -e '.[test,docs,pdf]'
	touch $@ $(VENV)/.runtime

## demo: check the shipped positions, show their history, outline and comment log,
## and write the five board documents into out/ (PDF too where WeasyPrint can run)
demo: $(VENV)/.runtime
	$(BIN)/policypos validate
	@echo; echo '$$ policypos log going-straight'
	@$(BIN)/policypos log going-straight
	@echo; echo '$$ policypos show going-straight@2024'
	@$(BIN)/policypos show going-straight@2024
	@echo; echo '$$ policypos comments going-straight'
	@$(BIN)/policypos comments going-straight
	@echo; echo '$$ policypos comments cambridgeshire-reoffending'
	@$(BIN)/policypos comments cambridgeshire-reoffending
	@mkdir -p out
	@for f in md html docx; do \
	  format=$$f; [ $$f = md ] && format=markdown; \
	  $(BIN)/policypos render annex going-straight@2024 --label "Annex 2" --format $$format -o out/annex.$$f && \
	  $(BIN)/policypos render changes going-straight@2005 going-straight@2024 --format $$format -o out/changes.$$f && \
	  $(BIN)/policypos render comments going-straight --paper 2024 --format $$format -o out/comments.$$f && \
	  $(BIN)/policypos render report going-straight@2024 --format $$format -o out/report.$$f && \
	  $(BIN)/policypos render response cambridgeshire-reoffending --format $$format -o out/response.$$f \
	  || exit 1; \
	done
	@if $(BIN)/python -c 'import weasyprint' 2>/dev/null; then \
	  $(BIN)/policypos render report going-straight@2024 --format pdf -o out/report.pdf && \
	  $(BIN)/policypos render response cambridgeshire-reoffending --format pdf -o out/response.pdf; \
	else echo "(no PDFs: pip install '.[pdf]' for WeasyPrint)"; fi
	@echo; echo "The board documents are in out/:"; ls out

## lint: ruff (lint and format) and mypy --strict
lint: $(VENV)/.dev
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy --strict

## test: lint, then the test suite with branch coverage (fails under 90%)
test: lint
	$(BIN)/pytest --cov --cov-report=term

## docs: build the documentation site into site/, warnings as errors
docs: $(VENV)/.dev
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict

## bench: the benchmarks in bench/, printing ratios against a baseline measured in the same run
bench: $(VENV)/.runtime
	@for b in bench/[!_]*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

clean:
	rm -rf $(VENV) site dist build .pytest_cache .mypy_cache .ruff_cache .hypothesis .coverage htmlcov
