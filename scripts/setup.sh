#!/usr/bin/env bash
# Shared set-up for scripts/demo.sh and scripts/test.sh: a virtual environment in
# .venv with docgen installed, and (with --system) LibreOffice, the CJK fonts of the PDF faces and
# poppler-utils from Debian/Ubuntu packages when they are missing; with --test also Chromium,
# the real browser the tests of `docgen serve` drive (Playwright never downloads a browser here).
set -euo pipefail
cd "$(dirname "$0")/.."

want_system=0
extras=""
for arg in "$@"; do
  case "$arg" in
    --system) want_system=1 ;;
    --test) extras="[test]" ;;
  esac
done

need_packages() {
  local missing=()
  command -v soffice >/dev/null 2>&1 || missing+=(libreoffice-writer-nogui)
  command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
  if ! command -v fc-list >/dev/null 2>&1 || [ -z "$(fc-list 'Noto Serif CJK SC' family 2>/dev/null)" ]; then
    missing+=(fonts-noto-cjk)  # 黑体 → Noto Sans CJK SC; 仿宋/宋体 → Noto Serif CJK SC
  fi
  # 楷体 → LXGW WenKai (OFL); 小标宋 → Noto Serif CJK SC SemiBold. docgen maps the names per conversion.
  [ -n "$(fc-list 'LXGW WenKai' family 2>/dev/null)" ] || missing+=(fonts-lxgw-wenkai)
  [ -n "$(fc-list 'Noto Serif CJK SC:weight=semibold' family 2>/dev/null)" ] || missing+=(fonts-noto-cjk-extra)
  if [ -n "$extras" ] && ! command -v chromium >/dev/null 2>&1; then
    missing+=(chromium)  # the browser tests of docgen serve
  fi
  if [ -n "$extras" ] && [ ! -e /usr/lib/libreoffice/program/libsclo.so ]; then
    missing+=(libreoffice-calc-nogui)  # the tests open docgen summary's workbook in LibreOffice Calc
  fi
  printf '%s\n' "${missing[@]}"
}

if [ "$want_system" = 1 ]; then
  mapfile -t packages < <(need_packages | sed '/^$/d')
  if [ "${#packages[@]}" -gt 0 ]; then
    echo "安装系统组件：${packages[*]}"
    sudo_cmd=""
    if [ "$(id -u)" != 0 ]; then
      if command -v sudo >/dev/null 2>&1; then sudo_cmd="sudo"; else
        echo "需要 root 权限安装：${packages[*]}（请以 root 运行，或手动 apt-get install）" >&2; exit 3
      fi
    fi
    export DEBIAN_FRONTEND=noninteractive
    $sudo_cmd apt-get update -qq
    if ! $sudo_cmd apt-get install -y -qq --no-install-recommends "${packages[@]}"; then
      # Older releases have no -nogui package.
      $sudo_cmd apt-get install -y -qq --no-install-recommends \
        "${packages[@]/libreoffice-writer-nogui/libreoffice-writer}"
    fi
  fi
fi

python=${PYTHON:-python3}
if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
  echo "docgen 需要 Python 3.11 或更高版本（当前：$("$python" --version 2>&1)）" >&2
  exit 3
fi
if [ ! -x .venv/bin/python ]; then
  "$python" -m venv .venv
fi
log=$(mktemp)
if ! { .venv/bin/python -m pip install -q --upgrade pip && .venv/bin/python -m pip install -q -e ".${extras}"; } >"$log" 2>&1; then
  cat "$log" >&2
  rm -f "$log"
  echo "安装 Python 依赖失败（见上方输出）" >&2
  exit 3
fi
rm -f "$log"
