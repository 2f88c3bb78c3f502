#!/usr/bin/env bash
# Installs what the integration tests start for themselves: redis-server and the PostgreSQL server binaries
# (Debian packages), and Debian's Chromium for the dashboard's browser test (Playwright drives /usr/bin/chromium;
# it never downloads a browser). Does nothing when they are already there. The tests start their own throwaway servers on
# free loopback ports; nothing is started here.
set -euo pipefail

need=()
command -v redis-server >/dev/null 2>&1 || need+=(redis-server)
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && ! command -v initdb >/dev/null 2>&1; then
  need+=(postgresql)
fi
[ -x /usr/bin/chromium ] || need+=(chromium)

if [ ${#need[@]} -eq 0 ]; then
  exit 0
fi

echo "Installing test dependencies: ${need[*]}"
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
    echo "Need root (or sudo) to install: ${need[*]}. Install them and run the tests again." >&2
    exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
# The Debian packages start a system-wide server: the tests do not use it, so stop it to free the default ports.
$sudo service redis-server stop >/dev/null 2>&1 || true
$sudo service postgresql stop >/dev/null 2>&1 || true
