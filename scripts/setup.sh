#!/usr/bin/env bash
# Create .venv and install Atelier with its test extras (idempotent; offline-friendly:
# torch/torchvision are pinned to the builds pip finds on this machine's local index).
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3.11}"
command -v "$PYTHON" >/dev/null || PYTHON=python3
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
. .venv/bin/activate
stamp=.venv/.atelier-installed
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  python -m pip install -q --upgrade pip
  python -m pip install -q -e '.[test]'
  touch "$stamp"
fi
