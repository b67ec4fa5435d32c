# Two commands do all the set-up: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test test-fast chromium gettext lint format messages bench-selection bench-schedule bench-recommendations bench-web lock clean

$(STAMP): pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(STAMP)

# The background worker (mail, reminders, engine runs) runs next to the web
# server and stops with it.
run: $(STAMP)
	$(BIN)/twinning migrate --noinput
	$(BIN)/twinning load_demo
	DEBUG=$${DEBUG:-1} $(BIN)/twinning worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	DEBUG=$${DEBUG:-1} $(BIN)/twinning runserver $(HOST):$(PORT)

# Checked first, so that a machine without Chromium hears it before anything runs.
test: chromium gettext $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/lint-imports
	$(BIN)/pytest -n auto --dist loadgroup

test-fast: gettext $(STAMP)
	$(BIN)/pytest -n auto --dist loadgroup -m "not browser"

chromium:
	@sh tools/ensure-chromium

gettext:
	@sh tools/ensure-gettext

# After changing marked strings: update the catalogues (then translate what is new),
# and compile them; the tests fail while a catalogue lags behind the source.
LANGS := fr de it es pl
messages: gettext $(STAMP)
	cd src/twinning && ../../$(BIN)/python -m django makemessages --no-obsolete -i "engine/*" \
		$(addprefix -l,$(LANGS)) --settings twinning.site.settings
	for po in src/twinning/locale/*/LC_MESSAGES/django.po; do msgfmt --check -o $${po%.po}.mo $$po || exit 1; done

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/lint-imports

format: $(STAMP)
	$(BIN)/ruff check --fix src tests benchmarks
	$(BIN)/ruff format src tests benchmarks

bench-selection: $(STAMP)
	$(BIN)/python benchmarks/bench_selection.py

bench-schedule: $(STAMP)
	$(BIN)/python benchmarks/bench_schedule.py

bench-recommendations: $(STAMP)
	$(BIN)/python benchmarks/bench_recommendations.py

# The site under load on PostgreSQL (127.0.0.1:5432, or BENCH_DATABASE_URL) at 10,000
# practices; creates the scratch databases twinning_bench and twinning_bench_demo.
bench-web: $(STAMP)
	$(BIN)/python benchmarks/bench_web.py $(BENCH_ARGS)

# Re-resolve the pinned versions after a change to the dependencies in pyproject.toml.
# requirements-deploy.lock is the part the container image installs (no test tools),
# at the same versions.
lock:
	$(PYTHON) -m pip install --quiet --user uv 2>/dev/null || true
	$(PYTHON) -m uv pip compile pyproject.toml --extra dev --universal --python-version 3.11 \
		--generate-hashes -o requirements.lock
	$(PYTHON) -m uv pip compile pyproject.toml --universal --python-version 3.11 \
		--generate-hashes -c requirements.lock -o requirements-deploy.lock

clean:
	rm -rf $(VENV) data/*.sqlite3
