#!/usr/bin/env bash
# Copies the front-end libraries named in package.json from npm into src/Pana/wwwroot/lib.
# The result is committed: the app never needs npm or the network to run.
set -euo pipefail
cd "$(dirname "$0")/.."
npm install --no-audit --no-fund --ignore-scripts >/dev/null
lib=src/Pana/wwwroot/lib
rm -rf "$lib" && mkdir -p "$lib/bootstrap" "$lib/chart.js" "$lib/swagger-ui"
cp node_modules/bootstrap/dist/css/bootstrap.min.css node_modules/bootstrap/dist/js/bootstrap.bundle.min.js node_modules/bootstrap/LICENSE "$lib/bootstrap/"
cp node_modules/chart.js/dist/chart.umd.min.js node_modules/chart.js/LICENSE.md "$lib/chart.js/"
cp node_modules/swagger-ui-dist/swagger-ui.css node_modules/swagger-ui-dist/swagger-ui-bundle.js node_modules/swagger-ui-dist/LICENSE "$lib/swagger-ui/"
echo "vendored into $lib:"; du -sh "$lib"/*
