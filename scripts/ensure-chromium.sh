#!/usr/bin/env bash
# Installs Debian's chromium and chromium-driver when missing: the browser tests drive them with Selenium
# (never a downloaded browser). Called by .ci/run and by the browser tests themselves; needs root (or sudo).
set -euo pipefail
if [[ -x /usr/bin/chromium && -x /usr/bin/chromedriver ]]; then
  exit 0
fi
sudo=""
if [[ $(id -u) -ne 0 ]]; then
  command -v sudo >/dev/null || { echo "ensure-chromium: not root and no sudo; install chromium and chromium-driver by hand" >&2; exit 1; }
  sudo="sudo"
fi
echo "ensure-chromium: installing Debian's chromium and chromium-driver ..." >&2
$sudo apt-get update -qq >&2
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium chromium-driver >&2
