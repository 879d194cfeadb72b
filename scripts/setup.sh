#!/usr/bin/env bash
# Shared set-up for scripts/demo.sh and scripts/test.sh: a virtual environment in
# .venv with docgen installed, and (with --system) LibreOffice, the CJK fonts of the PDF faces and
# poppler-utils from Debian/Ubuntu packages when they are missing; with --test also Chromium,
# the real browser the tests of `docgen serve` drive (Playwright never downloads a browser here).
# When the system Python has LibreOffice's uno module (python3-uno), a second small environment,
# .venv-uno, holds unoserver: docgen's warm LibreOffice runs there (docgen/render/office.py).
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
  # the warm LibreOffice (unoserver) needs LibreOffice's uno module, which exists for the system Python only
  /usr/bin/python3 -c 'import uno' >/dev/null 2>&1 || missing+=(python3-uno)
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
  if [ -n "$extras" ] && ! command -v unzip >/dev/null 2>&1; then
    missing+=(unzip)  # Info-ZIP's unzip reads back the desk's zip of Chinese-named documents
  fi
  if [ -n "$extras" ] && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    missing+=(postgresql)  # the desk's tests run on SQLite and on a real PostgreSQL server they start
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

# The warm LibreOffice: unoserver beside the system's uno (Debian's python3-uno is for /usr/bin/python3).
UNOSERVER_VERSION=3.7
if /usr/bin/python3 -c 'import uno' >/dev/null 2>&1; then
  if [ ! -x .venv-uno/bin/python ]; then
    /usr/bin/python3 -m venv --system-site-packages .venv-uno
  fi
  if ! .venv-uno/bin/python -c 'import unoserver.converter' >/dev/null 2>&1; then
    log=$(mktemp)
    if ! .venv-uno/bin/python -m pip install -q "unoserver==${UNOSERVER_VERSION}" >"$log" 2>&1; then
      cat "$log" >&2
      echo "安装 unoserver 失败（见上方输出）：PDF 将改用较慢的转换方式" >&2
    fi
    rm -f "$log"
  fi
else
  echo "提示：系统 Python 没有 LibreOffice 的 uno 模块（python3-uno），PDF 将改用较慢的转换方式；" \
    "运行 scripts/setup.sh --system 安装" >&2
fi
