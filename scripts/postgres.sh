#!/usr/bin/env bash
# Starts Debian's local PostgreSQL 15 cluster and creates the careerpath role (CREATEDB) and database (see STACK.md).
# Exits non-zero, quietly, when the machine has no cluster to start.
set -uo pipefail
command -v pg_ctlcluster >/dev/null || exit 1
if ! pg_ctlcluster 15 main status >/dev/null 2>&1; then
  pg_ctlcluster 15 main start >/dev/null 2>&1 || exit 1
fi
command -v runuser >/dev/null || exit 1
cd /tmp || exit 1
psql_admin() { runuser -u postgres -- psql -qtAc "$1"; }
psql_admin "SELECT 1 FROM pg_roles WHERE rolname='careerpath'" | grep -q 1 ||
  psql_admin "CREATE ROLE careerpath LOGIN PASSWORD 'careerpath' CREATEDB" >/dev/null || exit 1
psql_admin "SELECT 1 FROM pg_database WHERE datname='careerpath'" | grep -q 1 ||
  runuser -u postgres -- createdb -O careerpath careerpath || exit 1
