#!/usr/bin/env bash
# Regenerate docs/preview-*.png: the first page of each form built from the
# contract example, rendered by LibreOffice and rasterised by pdftoppm.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --system
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
SOURCE_DATE_EPOCH=0 .venv/bin/docgen build sample_data/contract-example.yaml -o "$work" --pdf >/dev/null
mkdir -p docs
for form in 申报表 网络安全和密码保护审查表 需求分析报告; do
  case "$form" in 申报表) name=application ;; 网络安全和密码保护审查表) name=security ;; *) name=requirements ;; esac
  pdftoppm -png -r 60 -f 1 -l 1 -singlefile "$work"/*-"$form".pdf "docs/preview-$name"
done
ls -l docs/preview-*.png
