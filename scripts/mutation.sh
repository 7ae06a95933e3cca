#!/usr/bin/env bash
# Mutation testing, one module at a time, each mutant against its own module's tests.
#   scripts/mutation.sh                      the functions that carry the rules (RULES below)
#   scripts/mutation.sh jobcouncil.councils.meetings          one whole module
#   scripts/mutation.sh 'jobcouncil.councils.meetings.x_meeting_close*'   one function
# A mutant takes 7 s or more (a fresh test process), so a whole module takes an hour or more
# and the rules take minutes each. Prints each target's survivors and the tally
# (`.venv/bin/python scripts/mutmut_atomic.py show NAME` shows one mutant). mutants/ holds the work, results and a log per target
# (gitignored; `rm -rf mutants` starts afresh, needed after changing a test). One test process
# at a time: the machines have 2 cores, shared, and the test database is reused between mutants.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-.venv/bin/python}

# The functions that carry the rules, each with the tests about it: a mutant runs, until the
# first failure, those of them that call the function.
RULES=(
  'jobcouncil.accounts.availability'
  'jobcouncil.councils.services.x_council_health_update*'
  'jobcouncil.councils.meetings.x__require_*'
  'jobcouncil.councils.meetings.x_can_*'
  'jobcouncil.rounds.services.x_wait_estimate_days*'
)

tests_for() {
  local c=jobcouncil/councils/tests
  case "$1" in
    jobcouncil.accounts.*) echo "jobcouncil/accounts/tests" ;;
    jobcouncil.councils.services.x_council_health_update*)
      echo "$c/test_meeting_close.py $c/test_periodic.py" ;;
    jobcouncil.councils.meetings.x__require_* | jobcouncil.councils.meetings.x_can_*)
      echo "$c/test_meeting_close.py $c/test_meeting_attendance.py $c/test_meeting_checkin.py" \
        "$c/test_meeting_asks.py $c/test_meeting_commitments.py $c/test_meeting_schedule.py" \
        "$c/test_meeting_members_only.py" ;;
    jobcouncil.councils.*) echo "$c jobcouncil/programme/tests/test_dashboard.py" ;;
    jobcouncil.rounds.services.x_wait_estimate_days*) echo "jobcouncil/rounds/tests/test_wait_estimate.py" ;;
    jobcouncil.rounds.*) echo "jobcouncil/rounds/tests jobcouncil/pool/tests $c/test_periodic.py" ;;
    *) echo "jobcouncil" ;;
  esac
}

targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=("${RULES[@]}")
mkdir -p mutants
for target in "${targets[@]}"; do
  pattern=$target
  [[ $pattern == *'*' || $pattern == *.x_* ]] || pattern="$pattern.*"  # a module: all of it
  tests=$(for path in $(tests_for "$target"); do [ ! -e "$path" ] || echo "$path"; done)
  echo "== $target (" $tests ")"
  log="mutants/$(echo "$target" | tr -d '*').log"
  MUTATION_TESTS="$tests" "$PY" scripts/mutmut_atomic.py run --max-children 1 \
    "$pattern" > "$log" 2>&1 &
  pid=$!
  status=0
  wait $pid || status=$?
  # The test database is named after the process that read the settings; it was kept for reuse.
  rm -f "/tmp/jobcouncil-test-$pid.sqlite3" "/tmp/jobcouncil-test-$pid.sqlite3-"*
  if [ $status -ne 0 ]; then tail -30 "$log"; exit $status; fi
  "$PY" scripts/mutmut_atomic.py results | grep -F "${pattern%\*}" || true
  tr '\r' '\n' < "$log" | grep -aE '[0-9]+/[0-9]+ +🎉' | tail -1
done
