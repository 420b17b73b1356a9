#!/usr/bin/env bash
# Start the services the test suite uses, idempotently: PostgreSQL 15 (a user with a password
# and a test database on 127.0.0.1), Redis on 127.0.0.1:6379, and Debian's Chromium.
# Prints the environment to export; source it: `eval "$(bash .ci/services.sh)"`.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
PG_PASSWORD="${QUIZAPP_PG_PASSWORD:-quizapp-ci}"

need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
command -v redis-server > /dev/null || need+=(redis-server)
command -v pg_ctlcluster > /dev/null || need+=(postgresql-15)
if [ ${#need[@]} -gt 0 ]; then
  apt-get update -qq >&2
  apt-get install -y -qq "${need[@]}" > /dev/null
fi

if ! pg_lsclusters -h | grep -q "^15 *main .*online"; then
  pg_ctlcluster --skip-systemctl-redirect 15 main start >&2
fi
for _ in $(seq 30); do
  su postgres -c "pg_isready -q -h 127.0.0.1" && break
  sleep 1
done
su postgres -c "psql -q -v ON_ERROR_STOP=1" >&2 <<SQL
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'quizapp') THEN
    CREATE ROLE quizapp LOGIN PASSWORD '${PG_PASSWORD}';
  ELSE
    ALTER ROLE quizapp LOGIN PASSWORD '${PG_PASSWORD}';
  END IF;
END \$\$;
SQL
if ! su postgres -c "psql -tAc \"SELECT 1 FROM pg_database WHERE datname = 'quizapp_test'\"" | grep -q 1; then
  su postgres -c "createdb -O quizapp quizapp_test" >&2
fi

if ! redis-cli -h 127.0.0.1 ping > /dev/null 2>&1; then
  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no >&2
fi

echo "export QUIZAPP_TEST_DATABASE_URL=postgresql+psycopg://quizapp:${PG_PASSWORD}@127.0.0.1:5432/quizapp_test"
echo "export QUIZAPP_TEST_REDIS_URL=redis://127.0.0.1:6379/15"
