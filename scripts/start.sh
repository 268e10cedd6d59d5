#!/usr/bin/env bash
# Starts the Hatchway portal on embedded defaults on a fresh Debian machine that has only Node 20
# and npm: SQLite in memory, guest sign-in, and the Kubernetes emulator (packages/kube-emulator)
# as the only cluster, loaded with the demo manifests in examples/cluster/; runner pods of terminal
# sessions run the dev runner (packages/runner) under tmux, reached through the gateway.
# Frontend: http://localhost:3000, backend: http://localhost:7007, emulator: https://127.0.0.1:6443,
# gateway: ws://localhost:7010.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/bootstrap.sh
set -euo pipefail

EMULATOR_PORT="${HATCHWAY_EMULATOR_PORT:-6443}"
# Must match kubernetes.clusterLocatorMethods in app-config.yaml; it only opens this local emulator.
EMULATOR_TOKEN=hatchway-local-emulator
STATE_DIR="$HATCHWAY_ROOT/.emulator"

GATEWAY_PORT="${HATCHWAY_GATEWAY_PORT:-7010}"

ensure_dependencies
mkdir -p "$STATE_DIR"
# The dev runner runs each terminal session's shell under tmux, as the runner image does.
if ! command -v tmux >/dev/null; then
  if [ "$(id -u)" = 0 ]; then
    log "installing tmux from Debian's packages (terminal sessions run under it)"
    DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q tmux >/dev/null
  else
    log "tmux is missing: terminal sessions will not start (apt-get install tmux)"
  fi
fi

emulator_pid=""
gateway_pid=""
stop_children() {
  for pid in $gateway_pid $emulator_pid; do kill -TERM "$pid" 2>/dev/null || true; done
}
trap stop_children EXIT INT TERM

log "starting the Kubernetes emulator on 127.0.0.1:$EMULATOR_PORT (demo manifests from examples/cluster)"
node packages/kube-emulator/bin/kube-emulator --port "$EMULATOR_PORT" --token "$EMULATOR_TOKEN" \
  --manifests examples/cluster --snapshot "$STATE_DIR/state.json" \
  --process-pod "hatchway/runner=$HATCHWAY_ROOT/packages/runner/bin/dev-runner" \
  --kubeconfig "$STATE_DIR/kubeconfig" >"$STATE_DIR/emulator.log" 2>&1 &
emulator_pid=$!
for _ in $(seq 1 60); do
  if [ -f "$STATE_DIR/kubeconfig" ] && curl -fsk -H "Authorization: Bearer $EMULATOR_TOKEN" \
    "https://127.0.0.1:$EMULATOR_PORT/version" >/dev/null 2>&1; then break; fi
  if ! kill -0 "$emulator_pid" 2>/dev/null; then
    cat "$STATE_DIR/emulator.log"; log "the emulator did not start"; exit 1
  fi
  sleep 0.5
done
# The demo's unrenewed certificate (examples/cluster/30-platform.yaml) always expires five days
# from now, so the readiness pages show "expires in 5 days" whenever the portal starts.
curl -fsk -o /dev/null -X PATCH -H "Authorization: Bearer $EMULATOR_TOKEN" \
  -H 'Content-Type: application/merge-patch+json' \
  -d "{\"status\":{\"notAfter\":\"$(date -u -d '+5 days' +%Y-%m-%dT%H:%M:%SZ)\"}}" \
  "https://127.0.0.1:$EMULATOR_PORT/apis/cert-manager.io/v1/namespaces/monitoring/certificates/grafana-tls" \
  || log "could not move the demo certificate's expiry (it keeps the date in the manifest)"
log "emulator ready; kubectl: KUBECONFIG=$STATE_DIR/kubeconfig .tools/bin/kubectl get pods -A"

# The terminal backend and the gateway share the session store. The rest of the portal keeps SQLite
# in memory; the store is a file so that the gateway, its own process, can read it too.
export APP_CONFIG_backend_database_plugin_terminal_client=better-sqlite3
# (Backstage joins `directory` and `filename`; an absolute filename alone would be made relative.)
export APP_CONFIG_backend_database_plugin_terminal_connection_directory="$STATE_DIR"
export APP_CONFIG_backend_database_plugin_terminal_connection_filename=terminal.sqlite
log "starting the gateway on ws://localhost:$GATEWAY_PORT (log: $STATE_DIR/gateway.log)"
HATCHWAY_GATEWAY_PORT="$GATEWAY_PORT" HATCHWAY_GATEWAY_HOST=127.0.0.1 \
  HATCHWAY_GATEWAY_DATABASE_CLIENT=better-sqlite3 \
  HATCHWAY_GATEWAY_DATABASE_FILENAME="$STATE_DIR/terminal.sqlite" \
  HATCHWAY_GATEWAY_JWKS_URL=http://localhost:7007/api/terminal/.well-known/jwks.json \
  HATCHWAY_GATEWAY_ALLOWED_ORIGINS=http://localhost:3000 \
  HATCHWAY_GATEWAY_ALLOWED_POD_CIDRS=127.0.0.0/8 \
  node packages/gateway/bin/hatchway-gateway >"$STATE_DIR/gateway.log" 2>&1 &
gateway_pid=$!

log "starting the portal: frontend http://localhost:3000, backend http://localhost:7007 (Ctrl-C stops it)"
yarn start "$@"
