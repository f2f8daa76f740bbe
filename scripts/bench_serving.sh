#!/usr/bin/env bash
# Load benchmark on loopback with wrk (bounded: DURATION per endpoint, CONNECTIONS at
# once): /healthz as the framework baseline, /v1/search, /v1/chat (rule planner), and the
# time to the first SSE event. Needs an ingested catalog; starts its own server.
# Usage: bash scripts/bench_serving.sh [DURATION=20s] [CONNECTIONS=8]
set -euo pipefail
cd "$(dirname "$0")/.."
. .venv/bin/activate
DURATION=${1:-20s}
CONNECTIONS=${2:-8}
PORT=${PORT:-8799}
ATELIER_RATE_LIMIT=100000000/minute atelier serve --port "$PORT" >/tmp/atelier-bench-serve.log 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null' EXIT
for _ in $(seq 120); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 1; done
tmp=$(mktemp -d)
cat >"$tmp/search.lua" <<'LUA'
local queries = {"navy shirt for men under 1500", "black heels for women", "red dress not black",
  "casual shoes for men between 1000 and 3000", "女士手表", "white sneakers size 9", "kurti under 800",
  "sports shoes for men no leather", "grey tshirt size M", "handbag for my wife"}
local i = 0
request = function()
  i = i + 1
  local body = '{"query": "' .. queries[(i % #queries) + 1] .. '", "k": 10}'
  return wrk.format("POST", "/v1/search", {["Content-Type"] = "application/json"}, body)
end
LUA
cat >"$tmp/chat.lua" <<'LUA'
local messages = {"a navy casual shirt for men under 1500", "black heels for women", "can I return sale items?",
  "do you sell laptops?", "white tshirt for men size M", "watch for my wife under 3000", "男士黑色运动鞋",
  "kurti between 500 and 1000"}
local i = 0
request = function()
  i = i + 1
  return wrk.format("POST", "/v1/chat", {["Content-Type"] = "application/json"},
    '{"message": "' .. messages[(i % #messages) + 1] .. '"}')
end
LUA
echo "== GET /healthz (baseline)"; wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency "http://127.0.0.1:$PORT/healthz"
echo "== POST /v1/search"; wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -s "$tmp/search.lua" "http://127.0.0.1:$PORT"
echo "== POST /v1/chat"; wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -s "$tmp/chat.lua" "http://127.0.0.1:$PORT"
echo "== time to first SSE event (20 streamed chats)"
python - "$PORT" <<'PY'
import sys, time, httpx, statistics
port = sys.argv[1]
samples = []
with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=30) as client:
    for i in range(20):
        start = time.perf_counter()
        with client.stream("POST", "/v1/chat", json={"message": f"black tshirt for men under {500 + i * 50}",
                                                     "stream": True}) as response:
            for line in response.iter_lines():
                if line.startswith("event:"):
                    samples.append((time.perf_counter() - start) * 1e3)
                    break
samples.sort()
print(f"first SSE event: p50 {statistics.median(samples):.1f} ms, max {samples[-1]:.1f} ms over {len(samples)}")
PY
