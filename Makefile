# recruitwatch — the two commands a newcomer needs:  `make run`  and  `make test`.
PY      ?= python3.11
VENV    ?= .venv
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed
CORPUS  ?= ../shared/corpus

.PHONY: docs deb install kafka run demo test test-unit lint eval bench chaos compose-check clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $(STAMP)

kafka:
	@deploy/kafka/install.sh >/dev/null

deb:
	@deploy/install-debian-packages.sh

install: $(STAMP) kafka deb

run: install            ## the whole product on an embedded local Kafka, fixture site included
	$(BIN)/recruitwatch up --demo

live: install           ## the whole product, watching the real sources in seeds/sources.yaml
	$(BIN)/recruitwatch up

test: install lint      ## every test: unit, pipeline (real broker), end-to-end, compose, prometheus
	$(BIN)/pytest -q -p no:cacheprovider --durations=15

test-unit: $(STAMP)
	$(BIN)/pytest -q -m "not kafka" tests/unit

lint: $(STAMP)
	$(BIN)/ruff check services tests bench
	$(BIN)/mypy

eval: $(STAMP)
	$(BIN)/python -m services.extractor.evaluate --corpus $(CORPUS)
	$(BIN)/python -m tests.support.layout_eval --corpus $(CORPUS)

bench: install
	$(BIN)/python -m bench.run

chaos: install          ## 500 generated articles, 1 and 2 workers per service, SIGKILLs and a broker restart
	RECRUITWATCH_CHAOS_ARTICLES=500 RECRUITWATCH_CHAOS_WORKERS=1,2 RECRUITWATCH_CHAOS_KILLS=8 \
	RECRUITWATCH_CHAOS_CONVERGE_S=600 RECRUITWATCH_CHAOS_BROKER_RESTART=1 RECRUITWATCH_EXTENDED=1 $(BIN)/pytest -q -p no:cacheprovider -m slow tests/chaos tests/integration/sink/test_broker_restart.py

docs: $(STAMP)           ## regenerate the README's settings tables from the settings classes
	$(BIN)/python -m services.shared.settings_doc --write README.md

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache
