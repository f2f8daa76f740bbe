#!/usr/bin/env bash
# The test suite on a fresh machine (real models, real embedded Qdrant, real SQLite;
# catalog subsets keep it well under 15 minutes on 2 cores).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
. .venv/bin/activate
exec python -m pytest -q "$@"
