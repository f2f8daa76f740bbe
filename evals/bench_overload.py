"""Overload on loopback (``atelier bench overload``): the real server, in its own process
on a catalog subset, takes far more chat turns and photo searches at once than it may
serve (``max_expensive_in_flight``) while a prober asks ``/healthz`` every 50 ms.

What it shows: the health check stays fast (the expensive routes shed load with 503 +
Retry-After instead of queueing), no 5xx other than 503, and every request that was
accepted (not shed, not rate limited) is answered. Each virtual shopper is a client of its
own (its own 127.0.0.x source address), so the per-client limits apply as in production:
one shopper's turn never counts against another's. Shoppers whose request is shed wait
its Retry-After and send it again, until the time is up."""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import socket
import ssl
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from multiprocessing.queues import Queue
from multiprocessing.synchronize import Event as EventType
from pathlib import Path
from typing import Any

import httpx

from evals.metrics import percentile
from evals.soak import rss_mb

MESSAGES = (
    "navy shirt for men under 1500",
    "red dress for women",
    "black watch",
    "white sneakers size UK9",
    "something for a wedding",
    "cheaper ones",
    "blue jeans for men",
    "a casual t-shirt in green",
)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _address(i: int) -> str:
    """A loopback source address of its own for shopper ``i`` (127.0.1.0 and up)."""
    return f"127.0.{1 + i // 250}.{1 + i % 250}"


def _atelier(args: list[str], env: dict, log: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "cli", *args], env=env, stdout=log.open("ab"), stderr=subprocess.STDOUT
    )


_NO_TLS = ssl.create_default_context()  # one context for all clients (http://): each new one costs ~30 ms of CPU


async def _shopper(kind: str, i: int, url: str, deadline: float, photo: bytes, samples: list) -> None:
    """One shopper: its turn (or photo search) again and again until one is accepted,
    waiting each 503's Retry-After; each attempt is a sample (kind, shopper, status, ms, answered)."""
    transport = httpx.AsyncHTTPTransport(local_address=_address(i), verify=_NO_TLS)
    async with httpx.AsyncClient(base_url=url, transport=transport, timeout=60) as client:
        while time.monotonic() < deadline:
            started = time.perf_counter()
            try:
                if kind == "chat":
                    response = await client.post("/v1/chat", json={"message": MESSAGES[i % len(MESSAGES)]})
                else:
                    response = await client.post(
                        "/v1/search/image",
                        files={"file": ("photo.jpg", photo)},
                        data={"query": "in black" if i % 2 else ""},
                    )
            except httpx.HTTPError as exc:
                samples.append(
                    (kind, i, f"transport:{type(exc).__name__}", (time.perf_counter() - started) * 1e3, False)
                )
                return
            ms = (time.perf_counter() - started) * 1e3
            answered = response.status_code == 200 and bool(
                response.json().get("answer") if kind == "chat" else "results" in response.json()
            )
            samples.append((kind, i, response.status_code, ms, answered))
            if response.status_code not in (429, 503):
                return
            await asyncio.sleep(float(response.headers.get("retry-after", "1")))


def _prober(url: str, stop: EventType, results: Queue[Any]) -> None:
    """/healthz every 50 ms, in a process of its own: the shoppers' event loop (busy with
    hundreds of clients) must not add its own delays to the health check's timings."""
    samples = []
    with httpx.Client(base_url=url, timeout=10, transport=httpx.HTTPTransport(local_address="127.0.0.250")) as client:
        while not stop.is_set():
            started = time.perf_counter()
            status: int | str
            try:
                status = client.get("/healthz").status_code
            except httpx.HTTPError as exc:
                status = f"transport:{type(exc).__name__}"
            samples.append((status, (time.perf_counter() - started) * 1e3, time.monotonic()))
            time.sleep(0.05)
    results.put(samples)


async def _overload(url: str, pid: int, chats: int, photos: int, seconds: float, photo: bytes) -> dict:
    samples: list = []
    rss: list[float] = []
    stop = asyncio.Event()
    spawn = multiprocessing.get_context("spawn")
    probe_stop, probe_results = spawn.Event(), spawn.Queue()
    prober = spawn.Process(target=_prober, args=(url, probe_stop, probe_results), daemon=True)
    prober.start()
    # The shoppers would be other machines in production; here they share the server's cores,
    # so they yield to it (and to the prober, started above at normal priority).
    os.nice(10)
    await asyncio.sleep(3.0)  # the prober's interpreter starts, then a quiet second of health checks
    begun = time.monotonic()
    deadline = begun + seconds
    started = time.perf_counter()
    shoppers = [_shopper("chat", i, url, deadline, photo, samples) for i in range(chats)]
    shoppers += [_shopper("photo", chats + i, url, deadline, photo, samples) for i in range(photos)]

    async def sample_rss() -> None:
        while not stop.is_set():
            value = rss_mb(pid)
            if value is not None:
                rss.append(value)
            await asyncio.sleep(0.5)

    sampler = asyncio.create_task(sample_rss())
    await asyncio.gather(*shoppers)
    elapsed = time.perf_counter() - started
    stop.set()
    probe_stop.set()
    health = [h for h in probe_results.get(timeout=30) if h[2] >= begun]
    prober.join(10)
    await sampler
    return _report(health, samples, rss, chats, photos, seconds, elapsed)


def _windows(health: list, width: float = 5.0) -> list[dict]:
    """/healthz p99 per ``width`` seconds of the overload: a spike at the first burst vs throughout."""
    if not health:
        return []
    start, rows = health[0][2], dict[int, list[float]]()
    for _, ms, at in health:
        rows.setdefault(int((at - start) // width), []).append(ms)
    return [
        {"from_s": i * width, "probes": len(v), "p99_ms": round(percentile(v, 99), 1)} for i, v in sorted(rows.items())
    ]


def _report(
    health: list, samples: list, rss: list[float], chats: int, photos: int, seconds: float, elapsed: float
) -> dict:
    health_ms = [ms for _, ms, _ in health]
    kinds: dict = {}
    for kind in ("chat", "photo"):
        mine = [s for s in samples if s[0] == kind]
        accepted = [s for s in mine if s[2] not in (429, 503)]
        answered = [s for s in accepted if s[4]]
        kinds[kind] = {
            "shoppers": chats if kind == "chat" else photos,
            "shoppers_served": len({s[1] for s in answered}),
            "requests": len(mine),
            "status": dict(sorted(Counter(str(s[2]) for s in mine).items())),
            "accepted": len(accepted),
            "answered": len(answered),
            "every_accepted_answered": len(answered) == len(accepted),
            "answered_ms_p50": round(percentile([s[3] for s in answered], 50), 1) if answered else None,
            "answered_ms_p99": round(percentile([s[3] for s in answered], 99), 1) if answered else None,
        }
    other_5xx = sum(1 for s in samples if isinstance(s[2], int) and s[2] >= 500 and s[2] != 503)
    transport = sum(1 for s in samples if isinstance(s[2], str))
    p99 = percentile(health_ms, 99) if health_ms else None
    return {
        "bench": "overload",
        "seconds": seconds,
        "elapsed_s": round(elapsed, 1),
        "healthz": {
            "probes": len(health_ms),
            "p50_ms": round(percentile(health_ms, 50), 2) if health_ms else None,
            "p99_ms": round(p99, 2) if p99 is not None else None,
            "max_ms": round(max(health_ms), 2) if health_ms else None,
            "status": dict(Counter(str(s) for s, _, _ in health)),
            "p99_per_5s": _windows(health),
        },
        "chat": kinds["chat"],
        "photo": kinds["photo"],
        "other_5xx": other_5xx,
        "transport_errors": transport,
        "server_rss_mb_max": round(max(rss), 1) if rss else None,
        "targets": {
            "healthz_p99_under_50ms": p99 is not None and p99 < 50,
            "no_5xx_but_503": other_5xx == 0,
            "every_accepted_answered": all(k["every_accepted_answered"] for k in kinds.values()) and transport == 0,
        },
    }


def _rejections(metrics: str) -> dict[str, int]:
    """The server's own count of refusals by limit (``atelier_limit_rejections_total``)."""
    counts: dict[str, int] = {}
    for line in metrics.splitlines():
        if line.startswith("atelier_limit_rejections_total{"):
            name = line.split('limit="', 1)[1].split('"', 1)[0]
            counts[name] = int(float(line.rsplit(" ", 1)[1]))
    return counts


def _healthz_within(metrics: str, le: str) -> float | None:
    """Share of /healthz requests the server itself timed within ``le`` seconds (its latency
    histogram, from the request's arrival in the app: queueing for the CPU before that is not in it)."""
    buckets = {
        line.split('le="', 1)[1].split('"', 1)[0]: float(line.rsplit(" ", 1)[1])
        for line in metrics.splitlines()
        if line.startswith("atelier_http_request_seconds_bucket{")
        and 'method="GET"' in line
        and 'route="/healthz"' in line
    }
    return round(buckets[le] / buckets["+Inf"], 4) if buckets.get("+Inf") else None


def run_overload(
    catalog: Path,
    products: int,
    chats: int,
    photos: int,
    seconds: float,
    extra_env: dict[str, str] | None = None,
    on_progress: Callable[[str], None] = print,
) -> dict:
    """Ingest the first ``products`` of ``catalog`` (with photo vectors) into a temporary
    data dir, serve it with ``atelier serve`` (its own process, default limits unless
    ``extra_env`` sets ``ATELIER_*``), overload it, stop it; the report."""
    with tempfile.TemporaryDirectory(prefix="atelier-overload-") as tmp:
        env = {
            **os.environ,
            "ATELIER_DATA_DIR": str(Path(tmp) / "state"),
            "ATELIER_CATALOG": str(catalog),
            **(extra_env or {}),
        }
        env.pop("OPENAI_BASE_URL", None)  # the rule planner: the server's own work, not an LLM's
        log = Path(tmp) / "server.log"
        on_progress(f"ingesting the first {products} products (with photo vectors) ...")
        ingest = _atelier(["ingest", "--limit", str(products)], env, log)
        if ingest.wait() != 0:
            raise RuntimeError(f"ingest failed: {log.read_text()[-2000:]}")
        port = _free_port()
        url = f"http://127.0.0.1:{port}"
        server = _atelier(["serve", "--port", str(port)], env, log)
        try:
            deadline = time.time() + 180
            while True:
                try:
                    if httpx.get(f"{url}/healthz", timeout=2).status_code == 200:
                        break
                except httpx.HTTPError:
                    pass
                if server.poll() is not None or time.time() > deadline:
                    raise RuntimeError(f"the server did not start: {log.read_text()[-2000:]}")
                time.sleep(0.5)
            first = httpx.post(f"{url}/v1/search", json={"query": "shirt", "k": 1}).json()["results"][0]["id"]
            photo = httpx.get(f"{url}/v1/products/{first}/image").content
            warm = httpx.post(f"{url}/v1/search/image", files={"file": ("p.jpg", photo)}, timeout=60)
            if warm.status_code != 200:
                raise RuntimeError(f"photo search does not work on the subset: {warm.text}")
            httpx.post(f"{url}/v1/chat", json={"message": "navy shirt"}, timeout=60)
            on_progress(f"{chats} chat shoppers + {photos} photo shoppers at once for {seconds:.0f} s ...")
            report = asyncio.run(_overload(url, server.pid, chats, photos, seconds, photo))
            metrics = httpx.get(f"{url}/metrics").text
            report["server_rejections"] = _rejections(metrics)
            report["healthz"]["server_side_within_50ms"] = _healthz_within(metrics, "0.05")
        finally:
            server.terminate()
            try:
                server.wait(30)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
    report.update({"products": products, "server_env": {k: v for k, v in (extra_env or {}).items()}})
    return report
