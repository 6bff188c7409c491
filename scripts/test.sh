#!/usr/bin/env bash
# Build everything and run the whole test suite: lint, migrations check, import layers, pytest.
# On PostgreSQL when its binaries are here (always in CI), else SQLite with a loud warning.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh

export DJANGO_SETTINGS_MODULE=config.settings.test
echo "== ruff"
.venv/bin/ruff check .
.venv/bin/ruff format --check .
echo "== import layers"
.venv/bin/lint-imports
cleanup() { [ -n "${PGTHROWAWAY_DIR:-}" ] && scripts/pg-throwaway.sh stop "$PGTHROWAWAY_DIR"; true; }
if [ -z "${DATABASE_URL:-}" ]; then
  if pg_env=$(scripts/pg-throwaway.sh start 2>/dev/null); then
    eval "$pg_env"
    trap cleanup EXIT
    echo "== PostgreSQL throwaway cluster: $DATABASE_URL"
  elif [ "${CI:-}" = "true" ]; then
    echo "CI needs PostgreSQL and it could not be started." >&2
    exit 1
  else
    echo "!! PostgreSQL is not installed here: the suite runs on SQLite. CI runs it on PostgreSQL." >&2
  fi
fi
echo "== migrations are up to date"
mkdir -p var
.venv/bin/python manage.py makemigrations --check --dry-run
echo "== pytest"
.venv/bin/python -m pytest -q -n "${PYTEST_WORKERS:-2}" "$@" || status=$?
status=${status:-0}
exit "$status"
