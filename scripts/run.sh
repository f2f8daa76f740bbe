#!/usr/bin/env bash
# The main job on a fresh machine: install, ingest the shared catalog into the embedded
# store (incremental: a re-run only embeds what changed), then start the assistant
# (an interactive chat in the terminal).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
. .venv/bin/activate
atelier ingest "$@"
exec atelier chat
