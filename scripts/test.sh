#!/usr/bin/env bash
# The whole check, as `make test` runs it: lint, migrations, deploy check, pytest on SQLite, on PostgreSQL, and in
# Chromium. With CI set every part must run; elsewhere a part the machine cannot run is skipped and named at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
export DJANGO_SETTINGS_MODULE=careerpath.settings.test
skipped=()
PG_URL=${TEST_DATABASE_URL:-postgres://careerpath:careerpath@127.0.0.1:5432/careerpath}

step() { printf '\n== %s\n' "$1"; }

ensure_postgres() { bash scripts/postgres.sh; }

step "ruff: lint and format"
$BIN/ruff check .
$BIN/ruff format --check .

step "migrations are up to date"
env -u DATABASE_URL $BIN/python manage.py makemigrations --check --dry-run

step "deploy check with production settings"
DJANGO_SETTINGS_MODULE=careerpath.settings.prod DJANGO_SECRET_KEY="ci-$(head -c 48 /dev/urandom | base64 | tr -d '/+=')" \
  DJANGO_ALLOWED_HOSTS=careerpath.example.com DATABASE_URL=sqlite:////tmp/careerpath-deploy-check.sqlite3 \
  EMAIL_URL=smtp+tls://mailer:secret@smtp.example.com:587 SITE_URL=https://careerpath.example.com \
  $BIN/python manage.py check --deploy --fail-level WARNING

step "pytest on SQLite"
env -u DATABASE_URL $BIN/pytest -n 2 --ignore=tests/browser

step "pytest on PostgreSQL"
if ensure_postgres; then
  DATABASE_URL=$PG_URL $BIN/pytest -n 2 --ignore=tests/browser
else
  skipped+=("PostgreSQL: no local cluster could be started (pg_ctlcluster 15 main, see STACK.md)")
fi

step "browser tests in Chromium"
if [ -x /usr/bin/chromium ]; then
  env -u DATABASE_URL $BIN/pytest tests/browser
else
  skipped+=("browser tests: /usr/bin/chromium is missing (apt-get install -y chromium)")
fi

if [ ${#skipped[@]} -gt 0 ]; then
  printf '\nSKIPPED:\n'
  printf '  - %s\n' "${skipped[@]}"
  if [ -n "${CI:-}" ]; then
    echo "CI must run every part; failing."
    exit 1
  fi
fi
printf '\nAll checks passed.\n'
