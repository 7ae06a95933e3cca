#!/usr/bin/env bash
# Sets up everything jobcouncil needs on a fresh machine, then runs the demo or the tests.
#   scripts/dev.sh demo   -> virtualenv, packages, migrations, demo data, server on 127.0.0.1:8000
#   scripts/dev.sh test   -> virtualenv, packages (+ chromium for browser tests), pytest, ruff, mypy
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
VENV="$ROOT/.venv"
PY=${PYTHON:-python3.11}
command -v "$PY" >/dev/null 2>&1 || PY=python3

need_apt() { # install Debian packages when a command is missing
  local cmd=$1; shift
  command -v "$cmd" >/dev/null 2>&1 && return 0
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "==> installing $* (Debian packages)"
  $sudo apt-get update -qq && $sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

setup_python() {
  if [ ! -x "$VENV/bin/python" ]; then
    echo "==> creating virtualenv in .venv"
    "$PY" -m venv "$VENV" || { need_apt true python3-venv; "$PY" -m venv "$VENV"; }
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

case "${1:-}" in
  demo)
    setup_python demo
    export JOBCOUNCIL_DEMO=1
    "$VENV/bin/jobcouncil" migrate --noinput
    "$VENV/bin/jobcouncil" seed-demo
    echo "==> starting the background task worker and the server on http://127.0.0.1:8000"
    "$VENV/bin/jobcouncil" db_worker >"$ROOT/worker.log" 2>&1 &
    WORKER=$!
    # Hourly upkeep (meetings ahead, council health, scheduled rounds); cron does this in production.
    (while true; do "$VENV/bin/jobcouncil" periodic >>"$ROOT/worker.log" 2>&1; sleep 3600; done) &
    PERIODIC=$!
    trap 'kill $WORKER $PERIODIC 2>/dev/null || true' EXIT
    "$VENV/bin/jobcouncil" runserver 127.0.0.1:8000
    ;;
  test)
    setup_python test
    need_apt chromium chromium
    export JOBCOUNCIL_CHROMIUM=${JOBCOUNCIL_CHROMIUM:-$(command -v chromium)}
    shift
    "$VENV/bin/python" -m pytest "$@"
    "$VENV/bin/ruff" check .
    "$VENV/bin/mypy"
    ;;
  *)
    echo "usage: scripts/dev.sh demo|test [pytest args]" >&2
    exit 64
    ;;
esac
