#!/usr/bin/env bash
# make bench: PostgreSQL 15 and Redis as CI starts them, a database of the benchmark's own
# (never the test database), then every part. Arguments go to `python -m bench`.
set -euo pipefail
cd "$(dirname "$0")/.."
eval "$(bash .ci/services.sh 2>/dev/null)"
if ! su postgres -c "psql -tAc \"SELECT 1 FROM pg_database WHERE datname = 'quizapp_bench'\"" \
    | grep -q 1; then
  su postgres -c "createdb -O quizapp quizapp_bench" >&2
fi
export QUIZAPP_BENCH_DATABASE_URL="${QUIZAPP_TEST_DATABASE_URL%/*}/quizapp_bench"
exec .venv/bin/python -m bench "$@"
