#!/usr/bin/env bash
# The test suite on a fresh machine (real models, real embedded Qdrant, real SQLite;
# catalog subsets keep it well under 15 minutes on 2 cores).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
# The widget's browser tests drive Debian's chromium (Playwright's own browser download
# cannot work offline).
if ! command -v chromium >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then
  (DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium >/dev/null 2>&1 ||
   (apt-get update -q >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium >/dev/null 2>&1)) ||
    echo "warning: could not install chromium; browser tests will be skipped" >&2
fi
# The PostgreSQL state-store tests start a throwaway server from Debian's binaries.
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then
  (DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >/dev/null 2>&1 ||
   (apt-get update -q >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >/dev/null 2>&1)) ||
    echo "warning: could not install postgresql; PostgreSQL tests will be skipped" >&2
fi
# The shared rate-limit store test (two workers, one Redis) starts Debian's redis-server.
if ! command -v redis-server >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then
  (DEBIAN_FRONTEND=noninteractive apt-get install -y -q redis-server >/dev/null 2>&1 ||
   (apt-get update -q >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q redis-server >/dev/null 2>&1)) ||
    echo "warning: could not install redis-server; the shared rate-limit test will be skipped" >&2
fi
. .venv/bin/activate
# The local LLM for the `llm` tests: the llama-cpp-python wheel and the GGUF are built once
# into ~/.cache/atelier and reused. With them cached, the tests run (the cached wheel is
# installed into this venv in seconds); ATELIER_RUN_LLM_TESTS=1 builds/fetches them first
# (a first build compiles llama.cpp: ~40 min on 2 cores), =0 skips the tests. When the
# wheel/model cannot be prepared those tests skip with the reason.
LLM_CACHE="${ATELIER_LLM_CACHE_DIR:-$HOME/.cache/atelier}"
if [ "${ATELIER_RUN_LLM_TESTS:-auto}" = 1 ]; then
  (timeout 50m nice -n 10 atelier llm build && timeout 10m atelier llm fetch >/dev/null) ||
    echo "warning: the local LLM could not be prepared; its tests will skip" >&2
elif [ "${ATELIER_RUN_LLM_TESTS:-auto}" = auto ] && ls "$LLM_CACHE"/wheels/llama_cpp_python-*.whl >/dev/null 2>&1; then
  timeout 5m atelier llm build >/dev/null || echo "warning: the cached llama-cpp-python wheel did not install" >&2
fi
# Lint, format and types first (configured in pyproject.toml; .pre-commit-config.yaml runs
# the same three before each commit): a failure stops here, before the slower tests.
ruff check .
ruff format --check .
mypy
exec python -m pytest -q "$@"
