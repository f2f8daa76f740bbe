"""HTTP throughput on loopback (``atelier bench serving``): ``atelier serve`` with 1 and
with N workers on the ingested catalog, each loaded by wrk with ``GET /healthz`` (the
framework's own cost: the baseline, in the same run) and then ``POST /v1/search`` with
shoppers' queries whose embedded text never repeats, so that no query-embedding cache
hides the encoder (``distinct_embedding_queries``).

wrk (C, event loop) drives the load because a Python client would take much of the CPU
that the server needs on a small machine. Its threads each take every T-th query of one
list, so no two requests of a run carry the same query; a run that would need more
queries than the list holds says so (``queries_repeated``). Every server starts afresh,
with empty caches, so each run may use the list from its start."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import httpx

from catalog import CatalogDB
from config import Settings
from evals.bench_search import distinct_embedding_queries

WRK_SCRIPT = """
local counter = 0
function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
end
function init(args)
  bodies = {}
  if BODIES ~= "" then
    for line in io.lines(BODIES) do bodies[#bodies + 1] = line end
  end
  n = id
end
request = function()
  if #bodies == 0 then
    return wrk.format("GET", "/healthz")
  end
  local body = bodies[(n % #bodies) + 1]
  n = n + THREADS
  return wrk.format("POST", "/v1/search", {["Content-Type"] = "application/json"}, body)
end
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests": %d, "duration_us": %d, "p50_us": %d, "p90_us": %d, "p99_us": %d, "max_us": %d, '
      .. '"errors": {"connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d}}\\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(90),
    latency:percentile(99), latency.max, e.connect, e.read, e.write, e.status, e.timeout))
end
"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _load() -> float:
    return round(os.getloadavg()[0], 2)


class _Server:
    """``atelier serve --workers N`` in its own processes, rate limits out of the way."""

    def __init__(self, workers: int, log: Path) -> None:
        self.workers = workers
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = log
        env = {**os.environ, "ATELIER_RATE_LIMIT": "100000000/minute"}
        env.pop("OPENAI_BASE_URL", None)  # the rule planner: the server's own work
        command = [sys.executable, "-m", "cli", "serve", "--port", str(self.port), "--workers", str(workers)]
        self.process = subprocess.Popen(command, env=env, stdout=log.open("wb"), stderr=subprocess.STDOUT)

    def wait_ready(self) -> None:
        deadline = time.time() + 300
        while self.log.read_text(errors="replace").count("Application startup complete") < self.workers:
            if self.process.poll() is not None or time.time() > deadline:
                raise RuntimeError(f"the server did not start: {self.log.read_text()[-2000:]}")
            time.sleep(0.5)

    def warm(self, rounds: int = 8) -> None:
        """A few searches (not among the benchmark's queries) on new connections, so each
        worker has run the whole search path once before it is timed."""
        for i in range(rounds * self.workers):
            httpx.post(f"{self.url}/v1/search", json={"query": f"warm up shirt {i}", "k": 10}, timeout=60)

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(60)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def _wrk(url: str, script: Path, seconds: int, connections: int, threads: int) -> dict:
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "-s", str(script), url]
    done = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 60, check=True)
    report = json.loads(next(line for line in reversed(done.stdout.splitlines()) if line.startswith("{")))
    seconds_run = report["duration_us"] / 1e6
    return {
        "requests": report["requests"],
        "requests_per_s": round(report["requests"] / seconds_run, 1),
        "p50_ms": round(report["p50_us"] / 1e3, 1),
        "p90_ms": round(report["p90_us"] / 1e3, 1),
        "p99_ms": round(report["p99_us"] / 1e3, 1),
        "max_ms": round(report["max_us"] / 1e3, 1),
        "errors": report["errors"],
    }


def _script(folder: Path, bodies: Path | None, threads: int) -> Path:
    path = folder / ("search.lua" if bodies else "healthz.lua")
    path.write_text(f'BODIES = "{bodies or ""}"\nTHREADS = {threads}\n{WRK_SCRIPT}')
    return path


def _run_workers(
    workers: int, bodies: Path, n_queries: int, folder: Path, seconds: int, connections: int, threads: int
) -> dict:
    server = _Server(workers, folder / f"serve-{workers}.log")
    try:
        server.wait_ready()
        server.warm()
        load_before = _load()
        healthz = _wrk(server.url, _script(folder, None, threads), seconds, connections, threads)
        search = _wrk(server.url, _script(folder, bodies, threads), seconds, connections, threads)
        load_after = _load()
    finally:
        server.stop()
    search["queries_repeated"] = search["requests"] > n_queries
    return {
        "workers": workers,
        "healthz": healthz,
        "search": search,
        "search_vs_healthz": round(search["requests_per_s"] / healthz["requests_per_s"], 3),
        "load_average_1min": {"before": load_before, "after": load_after},
    }


def run_serving_benchmark(
    settings: Settings,
    workers: list[int],
    seconds: int = 20,
    connections: int = 8,
    threads: int = 2,
    n_queries: int = 8000,
    on_progress: Callable[[str], None] = print,
) -> dict:
    """One run per entry of ``workers``, in that order (repeat counts, e.g. 1 2 1 2, to see
    the noise of a shared machine): the same queries, a fresh server each. The figures the
    targets name: search req/s over /healthz req/s of the same server and over one worker's
    /healthz (the mean of this invocation's 1-worker runs), and search p99."""
    db = CatalogDB.from_settings(settings)
    try:
        records = list(db.iter_records())
    finally:
        db.close()
    on_progress(f"generating {n_queries} shoppers' queries, no two embedding the same text ...")
    queries = distinct_embedding_queries(records, n_queries)
    runs = []
    with tempfile.TemporaryDirectory(prefix="atelier-bench-serving-") as tmp:
        folder = Path(tmp)
        bodies = folder / "bodies.jsonl"
        bodies.write_text("".join(json.dumps({"query": q, "k": 10}) + "\n" for q in queries))
        for count in workers:
            on_progress(f"{count} worker(s): /healthz then /v1/search, {seconds} s each, {connections} connections")
            runs.append(_run_workers(count, bodies, len(queries), folder, seconds, connections, threads))
    one_worker = [run["healthz"]["requests_per_s"] for run in runs if run["workers"] == 1]
    baseline = sum(one_worker) / len(one_worker) if one_worker else None
    for run in runs:
        if baseline:
            run["search_vs_one_worker_healthz"] = round(run["search"]["requests_per_s"] / baseline, 3)
        run["targets"] = {
            "search >= 0.25x healthz (same server)": run["search_vs_healthz"] >= 0.25,
            "search >= 0.25x one worker's healthz": bool(baseline) and run["search_vs_one_worker_healthz"] >= 0.25,
            "search p99 <= 100 ms": run["search"]["p99_ms"] <= 100,
            "no errors": not any(n for e in ("healthz", "search") for n in run[e]["errors"].values()),
            "queries never repeated": not run["search"]["queries_repeated"],
        }
    return {
        "bench": "serving",
        "catalog_products": len(records),
        "queries": len(queries),
        "seconds_per_endpoint": seconds,
        "connections": connections,
        "wrk_threads": threads,
        "cores": os.cpu_count(),
        "one_worker_healthz_requests_per_s": round(baseline, 1) if baseline else None,
        "runs": runs,
    }
