# Sourced by test.sh: installs Debian's chromium (driven headless by the browser tests through Playwright) and
# fonts-noto-cjk (without it Chinese text renders as empty boxes in screenshots) when either is missing.
# Playwright's own browser download is not used: the tests launch /usr/bin/chromium.

install_chromium() {
  local missing=()
  command -v chromium >/dev/null 2>&1 || missing+=(chromium)
  dpkg -s fonts-noto-cjk >/dev/null 2>&1 || missing+=(fonts-noto-cjk)
  [ ${#missing[@]} -eq 0 ] && return 0
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "error: the browser tests need ${missing[*]}; install them with your package manager." >&2
    exit 3
  fi
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || { echo "error: installing ${missing[*]} needs root (apt-get install ${missing[*]})." >&2; exit 3; }
    sudo=(sudo)
  fi
  echo "==> apt-get install ${missing[*]} (browser tests)"
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}
