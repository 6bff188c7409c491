#!/usr/bin/env bash
# Build everything the platform and its tests need: Python tools, locked dependencies, npm verifier.
set -euo pipefail
cd "$(dirname "$0")/.."

UV_VERSION=0.13.8
if [ ! -x .tools/bin/uv ] || ! .tools/bin/uv --version | grep -q "$UV_VERSION"; then
  python3 -m venv .tools
  .tools/bin/pip install --quiet --disable-pip-version-check "uv==$UV_VERSION"
fi
# Dependencies exactly as locked in uv.lock (two installs give the same versions).
.tools/bin/uv sync --frozen --quiet
mkdir -p var
if [ -f interop/package-lock.json ]; then
  if [ ! -d interop/node_modules ] || [ interop/package-lock.json -nt interop/node_modules/.package-lock.json ]; then
    npm ci --prefix interop --no-audit --no-fund --silent
  fi
fi
.venv/bin/python manage.py compilemessages --ignore=.venv --ignore=.tools -v 0 2>/dev/null || true
