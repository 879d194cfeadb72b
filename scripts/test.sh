#!/usr/bin/env bash
# 一条命令：安装全部依赖（含 LibreOffice、中文字体、poppler-utils）并运行全部测试。
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --system --test
.venv/bin/ruff check docgen tests scripts benchmarks
.venv/bin/ruff format --check docgen tests scripts benchmarks
.venv/bin/python -m pytest -q "$@"
