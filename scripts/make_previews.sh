#!/usr/bin/env bash
# Regenerate docs/preview-*.png: the first page of each form built from the
# contract example, rendered by LibreOffice (with docgen's per-conversion font
# mapping: 仿宋/宋体 → Noto Serif CJK SC, 楷体 → LXGW WenKai, 黑体 → Noto Sans CJK SC,
# 小标宋 → Noto Serif CJK SC SemiBold) and rasterised by pdftoppm; plus a zoomed
# view of 附件3's first page, where the heading faces can be told apart.
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
# 附件3 at 110 dpi (910 × 1286 px), its upper half: title, 一级 (黑体) and 二级 (楷体) headings, body (仿宋).
pdftoppm -png -r 110 -f 1 -l 1 -x 0 -y 0 -W 910 -H 760 -singlefile "$work"/*-需求分析报告.pdf docs/preview-requirements-zoom
ls -l docs/preview-*.png
