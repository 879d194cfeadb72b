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
# 已招标、已备案的项目：申报材料之外还有备案信息表（第十八条）
.venv/bin/docgen validate sample_data/tendered-project.yaml
.venv/bin/docgen build sample_data/tendered-project.yaml -o out --pdf \
  --forms 申报表,审查表,需求分析报告,申报材料清单,备案信息表
# 三个示例项目的汇总表（报送用）
.venv/bin/docgen summary sample_data/contract-example.yaml sample_data/service-12345-om.yaml \
  sample_data/tendered-project.yaml -o out/汇总表.xlsx
echo "完成：申报材料已生成在 out/ 文件夹。"
echo "在浏览器中填写、检查和下载：.venv/bin/docgen serve --open（只在本机 127.0.0.1:8000 上运行，按 Ctrl+C 停止）"
