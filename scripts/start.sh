#!/usr/bin/env bash
# Starts the Hatchway portal on embedded defaults on a fresh Debian machine that has only Node 20
# and npm: SQLite in memory, guest sign-in, and the Kubernetes emulator (packages/kube-emulator)
# as the only cluster, loaded with the demo manifests in examples/cluster/.
# Frontend: http://localhost:3000, backend: http://localhost:7007, emulator: https://127.0.0.1:6443.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/bootstrap.sh
set -euo pipefail

EMULATOR_PORT="${HATCHWAY_EMULATOR_PORT:-6443}"
# Must match kubernetes.clusterLocatorMethods in app-config.yaml; it only opens this local emulator.
EMULATOR_TOKEN=hatchway-local-emulator
STATE_DIR="$HATCHWAY_ROOT/.emulator"

ensure_dependencies
mkdir -p "$STATE_DIR"

emulator_pid=""
stop_emulator() { if [ -n "$emulator_pid" ]; then kill -TERM "$emulator_pid" 2>/dev/null || true; fi; }
trap stop_emulator EXIT INT TERM

log "starting the Kubernetes emulator on 127.0.0.1:$EMULATOR_PORT (demo manifests from examples/cluster)"
node packages/kube-emulator/bin/kube-emulator --port "$EMULATOR_PORT" --token "$EMULATOR_TOKEN" \
  --manifests examples/cluster --snapshot "$STATE_DIR/state.json" \
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

log "starting the portal: frontend http://localhost:3000, backend http://localhost:7007 (Ctrl-C stops it)"
yarn start "$@"
