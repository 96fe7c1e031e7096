#!/usr/bin/env bash
# Installs llama.cpp for comparisons: node-llama-cpp's prebuilt CPU binaries (about 700 MB) into bench/node_modules.
# Needs Node.js 20+ and npm. Not used by the tests or CI.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
npm install --no-audit --no-fund
node -e 'import("node-llama-cpp").then(() => console.log("node-llama-cpp ready"))'
