#!/usr/bin/env bash
# Makes sure the local PostgreSQL (127.0.0.1:5432, trust auth for user postgres) and Redis
# (127.0.0.1:6379) are up: starts them when installed and stopped, installs them with apt when
# missing (root only). Used by .ci/run and `npm test`; safe to run repeatedly.
set -euo pipefail

PG_HOST=127.0.0.1 PG_PORT=5432 REDIS_PORT=6379
log() { printf '[services] %s\n' "$*"; }
is_root() { [ "$(id -u)" = 0 ]; }
apt_updated=no
apt_install() {
  is_root || { log "cannot install $* without root; install it and rerun"; exit 1; }
  if [ "$apt_updated" = no ]; then apt-get update -qq; apt_updated=yes; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

pg_up() { pg_isready -q -h "$PG_HOST" -p "$PG_PORT" 2>/dev/null; }

trust_local_connections() {
  # A fresh apt install asks for passwords on TCP; the test setup expects trust on loopback only.
  local hba
  hba=$(ls /etc/postgresql/*/main/pg_hba.conf | head -n1)
  if ! grep -q '^host all all 127.0.0.1/32 trust' "$hba"; then
    sed -i '1i host all all 127.0.0.1/32 trust\nhost all all ::1/128 trust' "$hba"
  fi
}

ensure_postgres() {
  if pg_up; then log "PostgreSQL is up"; return; fi
  if ! command -v pg_ctlcluster >/dev/null || [ -z "$(ls /etc/postgresql 2>/dev/null)" ]; then
    log "PostgreSQL is not installed; installing with apt"
    apt_install postgresql
    trust_local_connections
  fi
  local version
  version=$(ls /etc/postgresql | sort -V | tail -n1)
  log "starting PostgreSQL $version"
  pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
  for _ in $(seq 1 30); do pg_up && break; sleep 1; done
  pg_up || { log "PostgreSQL did not come up on $PG_HOST:$PG_PORT"; exit 1; }
  log "PostgreSQL is up"
}

redis_up() { redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null | grep -q PONG; }

ensure_redis() {
  if command -v redis-cli >/dev/null && redis_up; then log "Redis is up"; return; fi
  if ! command -v redis-server >/dev/null; then
    log "Redis is not installed; installing with apt"
    apt_install redis-server
  fi
  mkdir -p /var/lib/redis /var/log/redis 2>/dev/null || true
  log "starting Redis"
  redis-server --daemonize yes --bind 127.0.0.1 -::1 --port "$REDIS_PORT" --save "" --appendonly no \
    --dir /var/lib/redis --logfile /var/log/redis/ci.log
  for _ in $(seq 1 20); do redis_up && break; sleep 0.5; done
  redis_up || { log "Redis did not come up on 127.0.0.1:$REDIS_PORT"; exit 1; }
  log "Redis is up"
}

ensure_postgres
ensure_redis
