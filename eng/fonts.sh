#!/usr/bin/env bash
# Installs the CJK TrueType font the PDF fixtures and the PDF benchmark print with (Debian's fonts-hanazono:
# HanaMinA.ttf covers every CJK Unified Ideograph and the radicals, with TrueType outlines PdfPig can subset).
# Sourced by test.sh; run it by hand before `bench -- parse --pdf` on a fresh machine.
fonts_install() {
  local font=/usr/share/fonts/truetype/hanazono/HanaMinA.ttf
  [ -f "$font" ] && return 0
  if command -v apt-get >/dev/null 2>&1; then
    local sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    echo "==> installing fonts-hanazono (CJK font for the PDF fixtures)"
    $sudo apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq fonts-hanazono >/dev/null
  fi
  [ -f "$font" ] || { echo "error: $font is missing; install Debian's fonts-hanazono." >&2; return 1; }
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  fonts_install
fi
