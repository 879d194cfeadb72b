#!/usr/bin/env bash
# Regenerates the README's screenshots of `docgen serve` (docs/screenshots/*.png): the browser
# tests drive the real Chromium through the home page, the project form with findings and the
# reviewer's page, and save each view on the way.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --system --test
DOCGEN_SCREENSHOTS="$PWD/docs/screenshots" .venv/bin/python -m pytest -q -n0 tests/test_serve_browser.py
echo "截图已更新：docs/screenshots/"
