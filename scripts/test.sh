#!/usr/bin/env bash
# 一条命令：安装全部依赖（含 LibreOffice、中文字体、poppler-utils）并运行全部检查和测试：
# ruff（风格）、mypy --strict（类型，pyproject 中 strict = true）、lint-imports（依赖层次）、wheel 安装检查、pytest（全部测试，含 LibreOffice 测试）。
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --system --test
.venv/bin/ruff check docgen tests scripts benchmarks
.venv/bin/ruff format --check docgen tests scripts benchmarks
.venv/bin/mypy
.venv/bin/lint-imports
.venv/bin/python scripts/check_wheel.py
.venv/bin/python -m pytest -q "$@"
