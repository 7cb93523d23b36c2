#!/usr/bin/env bash
# Installs Debian's chromium package (used headless by test/report/ to check the benchmark's HTML report).
# Idempotent: does nothing when /usr/bin/chromium already exists. Needs root (CI and dev machines run as root)
# or sudo. Set CHROMIUM_SKIP_INSTALL=1 to skip (the report test then fails in CI, and is skipped elsewhere).
set -euo pipefail

CHROMIUM_BINARY="${CHROMIUM_BINARY:-/usr/bin/chromium}"

if [[ -x "$CHROMIUM_BINARY" ]]; then
  echo "install-chromium: $CHROMIUM_BINARY is already installed ($("$CHROMIUM_BINARY" --version 2>/dev/null || echo 'version unknown'))"
  exit 0
fi
if [[ "${CHROMIUM_SKIP_INSTALL:-}" == "1" ]]; then
  echo "install-chromium: CHROMIUM_SKIP_INSTALL=1, not installing" >&2
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-chromium: apt-get not found; install Chromium with your package manager and set CHROMIUM_BINARY to its path" >&2
  exit 1
fi

SUDO=""
if [[ "$(id -u)" != "0" ]]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "install-chromium: run as root (or install sudo) to install the chromium package" >&2
    exit 1
  fi
fi

export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null
echo "install-chromium: installed $("$CHROMIUM_BINARY" --version 2>/dev/null || echo chromium)"
