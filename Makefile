# recruitwatch — the two commands a newcomer needs:  `make run`  and  `make test`.
PY      ?= python3.11
VENV    ?= .venv
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed
CORPUS  ?= $(or $(RECRUITWATCH_CORPUS),../shared/corpus)

.PHONY: docs schemas dashboards deb install kafka run live test test-unit lint eval fit-confidence train bench chaos clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PY) -m venv $(VENV)
	@echo "make: installing the Python packages into $(VENV) (log: $(VENV)/install.log)"
	@{ $(BIN)/pip install -q --upgrade pip && $(BIN)/pip install -q -e '.[dev]'; } > $(VENV)/install.log 2>&1 \
		|| { tail -n 40 $(VENV)/install.log; echo "make: pip install failed, see $(VENV)/install.log"; exit 1; }
	@touch $(STAMP)

deb:                    ## Debian packages: Java and Maven (for the Kafka step), prometheus, docker-compose
	@deploy/install-debian-packages.sh

kafka: deb              ## the Kafka broker jars from Maven Central (needs Java and Maven)
	@deploy/kafka/install.sh >/dev/null

install: $(STAMP) deb kafka

run: install            ## the whole product on an embedded local Kafka, fixture site included
	@$(BIN)/recruitwatch up --demo

live: install           ## the whole product, watching the real sources in seeds/sources.yaml
	@$(BIN)/recruitwatch up

test: install lint      ## every test: unit, pipeline (real broker), end-to-end, compose, prometheus
	$(BIN)/pytest -q -p no:cacheprovider --durations=15

test-unit: $(STAMP)
	$(BIN)/pytest -q -m "not kafka" tests/unit

lint: $(STAMP)
	$(BIN)/ruff check services tests bench deploy
	$(BIN)/mypy

eval: $(STAMP)
	$(BIN)/python -m services.extractor.evaluate --corpus $(CORPUS)
	$(BIN)/python -m tests.support.layout_eval --corpus $(CORPUS)

fit-confidence: $(STAMP)   ## refit confidence.json's weights on dev + dev2, judged by leave-one-site-out CV (prints; --write adopts)
	$(BIN)/python -m services.extractor.fit_confidence --corpus $(CORPUS)

train: $(STAMP)   ## the learned decision of issue 10 (docs/rules.md): leave-one-site-out CV of a logistic model vs the rules (prints)
	$(BIN)/python -m services.extractor.train_model --corpus $(CORPUS) --curve

bench: install
	$(BIN)/python -m bench.run

chaos: install          ## 500 generated articles, 1 and 2 workers per service, SIGKILLs and a broker restart
	RECRUITWATCH_CHAOS_ARTICLES=500 RECRUITWATCH_CHAOS_WORKERS=1,2 RECRUITWATCH_CHAOS_KILLS=8 \
	RECRUITWATCH_CHAOS_CONVERGE_S=600 RECRUITWATCH_CHAOS_BROKER_RESTART=1 RECRUITWATCH_EXTENDED=1 $(BIN)/pytest -q -p no:cacheprovider -m slow tests/chaos tests/integration/sink/test_broker_restart.py

schemas: $(STAMP)        ## regenerate schemas/*.schema.json and schemas/asyncapi.yaml from services/shared/events.py
	$(BIN)/python -m services.shared.schemagen

docs: $(STAMP)           ## regenerate the generated parts of the docs (settings, commands, metric families)
	$(BIN)/python -m services.shared.docs_gen --write

dashboards: $(STAMP)     ## regenerate deploy/grafana/dashboards/*.json from generate_dashboards.py
	$(BIN)/python deploy/grafana/generate_dashboards.py

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache
