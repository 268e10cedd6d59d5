#!/usr/bin/env bash
# Runs Hatchway's whole test suite on a fresh Debian machine that has only Node 20 and npm:
# bootstraps Node 22 and yarn, installs Debian packages the tests need (postgresql), installs
# dependencies, starts a throwaway Postgres, then runs type-check, lint, prettier and every
# workspace's jest tests. Ends with one line "N passed, N failed"; exits non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")/.."
. scripts/bootstrap.sh
set -uo pipefail
. scripts/postgres.sh

export CI=true
RESULTS="$(mktemp -d /tmp/hatchway-test.XXXXXX)"
passed=0
failed=0
failures=()

PORTAL_PGID=""
cleanup() {
  stop_postgres
  if [ -n "$PORTAL_PGID" ]; then kill -TERM -- "-$PORTAL_PGID" 2>/dev/null || true; fi
}
trap cleanup EXIT INT TERM

if [ "$(id -u)" = 0 ]; then
  ensure_postgres_installed
else
  [ -n "$(pg_bin)" ] || { log "PostgreSQL is not installed and this is not root: run as root or apt-get install postgresql"; exit 1; }
fi
ensure_kube_tools
# chromium drives the browser tests; tmux runs the dev runner's shells (as tmux does in the runner
# image); nginx is the load balancer in front of three gateway replicas in the gateway's tests.
missing_debs=()
[ -x /usr/bin/chromium ] || missing_debs+=(chromium)
command -v tmux >/dev/null || missing_debs+=(tmux)
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing_debs+=(nginx-light)
if [ "${#missing_debs[@]}" -gt 0 ] && [ "$(id -u)" = 0 ]; then
  log "installing ${missing_debs[*]} from Debian's packages"
  apt_update_once
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing_debs[@]}" >/dev/null
fi
ensure_dependencies || { log "dependency installation failed"; echo "0 passed, 1 failed"; exit 1; }
start_postgres || { log "PostgreSQL did not start"; echo "0 passed, 1 failed"; exit 1; }

# A check counts as one test: passed when its command exits 0.
run_check() {
  local name="$1"; shift
  log "$name"
  local start=$SECONDS
  if "$@"; then
    passed=$((passed + 1)); log "$name: ok ($((SECONDS - start)) s)"
  else
    failed=$((failed + 1)); failures+=("$name"); log "$name: FAILED ($((SECONDS - start)) s)"
  fi
}

# No committed file may name the package registry; the scripts read it at run time.
no_registry_host() {
  local host; host="$(printf '%s' "$REGISTRY" | sed -E 's#^[a-z]+://##; s#[:/].*$##')"
  [ -n "$host" ] || return 0
  if git grep -n -I -F "$host" -- . ; then echo "committed files name the registry host"; return 1; fi
}
run_check "no registry host in committed files" no_registry_host
run_check "type-check (tsc)" yarn tsc
run_check "lint" yarn backstage-cli repo lint
run_check "prettier" yarn prettier --check --loglevel warn .

# Tests on node's own runner (chart tests, browser tests): counts come from the TAP report.
run_node_tests() {
  local name="$1" tap="$RESULTS/$2.tap"; shift 2
  log "$name"
  node --test --test-concurrency=1 --test-reporter=spec --test-reporter-destination=stdout \
    --test-reporter=tap --test-reporter-destination="$tap" "$@"
  local np nf
  np=$(sed -n 's/^# pass //p' "$tap" | tail -1); nf=$(sed -n 's/^# fail //p' "$tap" | tail -1)
  passed=$((passed + ${np:-0})); failed=$((failed + ${nf:-1}))
  [ "${nf:-1}" = 0 ] || failures+=("$name: ${nf:-unknown} failed")
}

run_node_tests "Helm chart tests" charts charts/*/tests/*.test.mjs
run_node_tests "Dockerfile lint (policy rules and the three Dockerfiles)" dockerfiles scripts/lint-dockerfiles.test.mjs

log "jest: every workspace's tests"
start=$SECONDS
yarn backstage-cli repo test --ci --json --outputFile="$RESULTS/jest.json" \
  --testLocationInResults 2>&1 | tee "$RESULTS/jest.log"
jest_status=${PIPESTATUS[0]}
if [ -f "$RESULTS/jest.json" ]; then
  read -r jp jf jsf <<<"$(node -e '
    const r = require(process.argv[1]);
    // Suites that failed to run (syntax errors, failed setup) count as failures too.
    console.log(r.numPassedTests, r.numFailedTests, r.numRuntimeErrorTestSuites);
  ' "$RESULTS/jest.json")"
  passed=$((passed + jp)); failed=$((failed + jf + jsf))
  [ "$jf" = 0 ] && [ "$jsf" = 0 ] || failures+=("jest: $jf failed tests, $jsf suites failed to run")
  if [ "$jest_status" != 0 ] && [ "$jf" = 0 ] && [ "$jsf" = 0 ]; then
    failed=$((failed + 1)); failures+=("jest exited with status $jest_status")
  fi
else
  failed=$((failed + 1)); failures+=("jest produced no results (status $jest_status)")
fi
log "jest finished in $((SECONDS - start)) s"

# Browser tests against the portal as the README's start command runs it.
log "browser tests: starting the portal"
setsid bash scripts/start.sh >"$RESULTS/portal.log" 2>&1 &
PORTAL_PGID=$!
portal_up=0
for _ in $(seq 1 240); do
  if curl -fs http://localhost:7007/.backstage/health/v1/readiness >/dev/null 2>&1 \
    && curl -fs http://localhost:3000 >/dev/null 2>&1; then portal_up=1; break; fi
  sleep 1
done
if [ "$portal_up" = 1 ]; then
  run_node_tests "browser tests" e2e e2e/*.test.mjs
else
  tail -40 "$RESULTS/portal.log"
  failed=$((failed + 1)); failures+=("the portal did not come up within 240 s")
fi
kill -TERM -- "-$PORTAL_PGID" 2>/dev/null || true
PORTAL_PGID=""

for f in "${failures[@]}"; do log "failed: $f"; done
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
