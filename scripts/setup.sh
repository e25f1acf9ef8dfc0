#!/usr/bin/env bash
# One-time set-up of a fresh machine: system packages, a virtual environment, the project.
# Safe to run again. Set SKIP_APT=1 to skip the Debian packages (e.g. without root).
set -euo pipefail
cd "$(dirname "$0")/.."

# chromium: the browser tests of the report (driven by the playwright package, never its own
# browser download); fonts-crosextra-carlito: Calibri's metrics, so LibreOffice prints the
# workbooks with the column widths Excel shows.
DEBIAN_PACKAGES=(libreoffice-writer-nogui libreoffice-calc-nogui tesseract-ocr tesseract-ocr-chi-sim
                 tesseract-ocr-script-hans fonts-noto-cjk poppler-utils p7zip-full
                 chromium fonts-crosextra-carlito)

if [ "${SKIP_APT:-0}" != "1" ] && command -v apt-get >/dev/null 2>&1; then
  missing=()
  for package in "${DEBIAN_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    sudo_cmd=""
    [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
    $sudo_cmd apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}"
  fi
fi

PYTHON="${PYTHON:-python3}"
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e '.[dev]'
echo "set-up done: .venv ready"
