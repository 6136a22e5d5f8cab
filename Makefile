# The portal's whole set-up: `make run` and `make test`.
# With DATABASE_URL unset, both start (and stop) the private PostgreSQL in .pgdata/.

SHELL := /bin/bash
.ONESHELL:
.SHELLFLAGS := -eu -o pipefail -c

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
HOST ?= 127.0.0.1
MANAGE := $(PY) manage.py

.PHONY: install run serve load test screenshots db-start db-stop backup restore lint clean bench

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test]"
	touch $@

install: $(VENV)/.installed

db-start: install
	if [ -z "$${DATABASE_URL:-}" ]; then $(PY) -m forum.embedded_db start; fi

db-stop:
	if [ -x $(PY) ]; then $(PY) -m forum.embedded_db stop; fi

# Start the embedded server unless DATABASE_URL is set or it already runs;
# stop it on exit only if this recipe started it.
define with_database
if [ -z "$${DATABASE_URL:-}" ] && [ "$$($(PY) -m forum.embedded_db status)" = stopped ]; then
  $(PY) -m forum.embedded_db start
  trap '$(PY) -m forum.embedded_db stop' EXIT
  trap 'exit 130' INT TERM
fi
endef

run: install
	@$(with_database)
	export DJANGO_DEBUG=$${DJANGO_DEBUG:-1}
	$(MANAGE) compilemessages --ignore=.venv --ignore=node_modules --verbosity=0
	$(MANAGE) migrate --noinput
	$(MANAGE) load_demo
	$(MANAGE) ensure_staff
	echo "The portal: http://127.0.0.1:$(PORT)/fa/ (English: /en/, admin: /fa/admin/)"
	$(MANAGE) runserver 127.0.0.1:$(PORT)

# The portal as production runs it: production settings, gunicorn, whitenoise serving
# the collected (hashed, compressed) static files. On this machine it answers plain
# HTTP on 127.0.0.1, so it does not redirect to HTTPS unless DJANGO_SECURE_SSL_REDIRECT=1;
# everything else (secret key, hosts, database) comes from the environment as in production.
serve: install
	@$(with_database)
	export DJANGO_PRODUCTION=$${DJANGO_PRODUCTION:-1}
	export DJANGO_ALLOWED_HOSTS=$${DJANGO_ALLOWED_HOSTS:-127.0.0.1,localhost}
	export DJANGO_SECURE_SSL_REDIRECT=$${DJANGO_SECURE_SSL_REDIRECT:-0}
	if [ -z "$${DJANGO_SECRET_KEY:-}" ]; then
	  # A key of this checkout's own, made once and kept out of git.
	  test -s .secret_key_serve || (umask 077; $(PY) -c 'import secrets; print(secrets.token_urlsafe(64))' > .secret_key_serve)
	  export DJANGO_SECRET_KEY="$$(cat .secret_key_serve)"
	fi
	$(MANAGE) compilemessages --ignore=.venv --ignore=node_modules --verbosity=0
	$(MANAGE) collectstatic --noinput --verbosity=0
	$(MANAGE) migrate --noinput --verbosity=0
	echo "The portal under gunicorn: http://$(HOST):$(PORT)/fa/ (staff: manage.py createsuperuser)"
	$(VENV)/bin/gunicorn forum.wsgi --bind $(HOST):$(PORT) \
	  --workers $${WEB_CONCURRENCY:-4} --threads $${GUNICORN_THREADS:-4} \
	  --graceful-timeout 10 --access-logfile -

# 50 clients for 60 s against the portal under gunicorn, in a database of its own.
load: install
	$(PY) scripts/load.py $(LOAD_ARGS)

# npm tools of the browser tests (axe-core, the Nu HTML Checker), from package-lock.json.
node_modules/.installed: package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $@

test: install node_modules/.installed
	@$(with_database)
	$(MANAGE) compilemessages --ignore=.venv --ignore=node_modules --verbosity=0
	$(PY) -m pytest $(PYTEST_ARGS)

# Retake the README's screenshots (home and a summit page, Persian and English).
screenshots: install node_modules/.installed
	@$(with_database)
	UPDATE_SCREENSHOTS=1 $(PY) -m pytest tests/forum/test_browser.py -k screenshots

# The benchmark: writes docs/performance.md (about 15 minutes; not part of `make test`).
# Its own PostgreSQL in .pgdata-bench/, never the development data; scale 1 and 10.
bench: install
	if ! command -v wrk >/dev/null || ! command -v redis-server >/dev/null; then
	  if [ "$$(id -u)" = 0 ]; then
	    apt-get update -qq
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk redis-server >/dev/null
	  else
	    echo "make bench needs wrk and redis-server: sudo apt-get install wrk redis-server"
	    exit 1
	  fi
	fi
	$(PY) scripts/bench.py

backup: install
	@$(with_database)
	$(MANAGE) backup --destination backups

# make restore FROM=backups/20261126T083000Z — into an empty database only.
restore: install
	@$(with_database)
	test -n "$(FROM)" || { echo "usage: make restore FROM=backups/<folder>"; exit 2; }
	$(MANAGE) restore "$(FROM)"

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

# Also deletes a cluster kept outside the project (root in a private folder: see forum/embedded_db.py).
clean:
	if [ -x $(PY) ]; then
	  $(PY) -m forum.embedded_db remove .pgdata
	  $(PY) -m forum.embedded_db remove .pgdata-bench
	fi
	rm -rf $(VENV) .pgdata .pgdata-bench
