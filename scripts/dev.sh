#!/usr/bin/env bash
# Sets up everything jobcouncil needs on a fresh machine, then runs the demo or the tests.
#   scripts/dev.sh demo   -> virtualenv, packages, migrations, demo data, server on 127.0.0.1:$PORT
#                            (PORT defaults to 8000)
#   scripts/dev.sh test   -> virtualenv, packages (+ chromium for browser tests), pytest, then
#                            ruff (lint and format), mypy over the whole package, and a check
#                            that no model change lacks its migration
# Run it as root (apt-get directly) or as a user who may use sudo. Running it again installs
# nothing more.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$(pwd)
VENV="$ROOT/.venv"
PY=${PYTHON:-python3.11}
command -v "$PY" >/dev/null 2>&1 || PY=python3

need_apt() { # install the Debian packages among "$@" that are not installed yet
  # By package, not by command: a library such as libatomic1 has no command to look for.
  local missing=() pkg
  for pkg in "$@"; do
    [ "$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null)" = "install ok installed" ] ||
      missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || {
      echo "dev.sh: please install these Debian packages as root: ${missing[*]}" >&2
      return 1
    }
    sudo=(sudo)
  fi
  echo "==> installing ${missing[*]} (Debian packages)"
  # `env` so the assignment works whether or not sudo is in front (as root it is not).
  local log
  log=$(mktemp)
  if ! { "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
      --no-install-recommends "${missing[@]}"; } >"$log" 2>&1; then
    cat "$log" >&2
    rm -f "$log"
    echo "dev.sh: could not install ${missing[*]}" >&2
    return 1
  fi
  rm -f "$log"
}

setup_python() {
  if [ ! -x "$VENV/bin/python" ]; then
    echo "==> creating virtualenv in .venv"
    "$PY" -m venv "$VENV" 2>/dev/null || { rm -rf "$VENV"; need_apt python3-venv; "$PY" -m venv "$VENV"; }
  fi
  local stamp="$VENV/.installed-$1"
  if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
    echo "==> installing Python packages ($1)"
    "$VENV/bin/python" -m pip install -q --upgrade pip
    if [ "$1" = test ]; then
      "$VENV/bin/python" -m pip install -q -e ".[test]"
    else
      "$VENV/bin/python" -m pip install -q -e .
    fi
    touch "$stamp"
  fi
}

# The Job Mission's PDF (WeasyPrint) lays text out with Pango and HarfBuzz, and needs fonts:
# Lato for its text, DejaVu for other Latin, Greek and Cyrillic letters, WenQuanYi Micro Hei
# for Chinese, Japanese and Korean names. Both the demo and the tests make PDFs.
PDF_PACKAGES=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-lato fonts-dejavu-core
  fonts-wqy-microhei)

# Sourced (by a test) rather than run: define the functions, do nothing else.
(return 0 2>/dev/null) && return 0

case "${1:-}" in
  demo)
    need_apt "${PDF_PACKAGES[@]}"
    setup_python demo
    export JOBCOUNCIL_DEMO=1
    PORT=${PORT:-8000}
    # Links in the demo's emails (printed in this console) point at this server.
    export SITE_URL=${SITE_URL:-http://127.0.0.1:$PORT}
    "$VENV/bin/jobcouncil" migrate --noinput
    "$VENV/bin/jobcouncil" seed-demo
    echo "==> starting the background task worker and the server on http://127.0.0.1:$PORT"
    "$VENV/bin/jobcouncil" db_worker >"$ROOT/worker.log" 2>&1 &
    WORKER=$!
    # Upkeep every minute (meetings ahead, council health, meeting reminders, scheduled rounds);
    # cron does this in production.
    (while true; do "$VENV/bin/jobcouncil" periodic >>"$ROOT/worker.log" 2>&1; sleep 60; done) &
    PERIODIC=$!
    trap 'kill $WORKER $PERIODIC 2>/dev/null || true' EXIT
    "$VENV/bin/jobcouncil" runserver "127.0.0.1:$PORT"
    ;;
  test)
    setup_python test
    # chromium for the browser tests; Playwright's own driver needs libatomic.so.1, and a
    # minimal system has no fonts for chromium to draw text with.
    need_apt chromium libatomic1 fonts-liberation "${PDF_PACKAGES[@]}"
    # pg_dump and pg_restore, for the backup tests, when the tests run on PostgreSQL.
    case "${DATABASE_URL:-}" in postgres*) need_apt postgresql-client ;; esac
    export JOBCOUNCIL_CHROMIUM=${JOBCOUNCIL_CHROMIUM:-$(command -v chromium)}
    shift
    "$VENV/bin/python" -m pytest "$@"
    "$VENV/bin/ruff" check .
    "$VENV/bin/ruff" format --check .
    "$VENV/bin/mypy"
    "$VENV/bin/jobcouncil" makemigrations --check --dry-run
    ;;
  *)
    echo "usage: scripts/dev.sh demo|test [pytest args]" >&2
    exit 64
    ;;
esac
