#!/usr/bin/env bash
# 一条命令：安装 docgen（及 LibreOffice），用示例数据生成完整的申报材料到 out/。
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --system
mkdir -p out
for sample in sample_data/contract-example.yaml sample_data/service-12345-om.yaml; do
  .venv/bin/docgen validate "$sample"
  .venv/bin/docgen build "$sample" -o out --pdf
done
echo "完成：申报材料已生成在 out/ 文件夹。"
