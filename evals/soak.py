"""``atelier bench soak``: a bounded mixed load (search, chat turns, photo search, cart
operations) against a live server at a fixed rate, reporting errors, p99 per minute and
the server's RSS over time."""

from __future__ import annotations

import asyncio
import random
import time
from pathlib import Path

import httpx

from evals.metrics import percentile

QUERIES = [
    "navy shirt for men under 1500",
    "black heels for women",
    "red dress not black",
    "女士手表",
    "white sneakers size 9",
    "kurti under 800",
    "sports shoes for men no leather",
    "grey tshirt size M",
]
MESSAGES = [
    "a navy casual shirt for men under 1500",
    "cheaper",
    "is the first one available in M?",
    "what goes with it?",
    "can I return sale items?",
    "do you sell laptops?",
    "男士黑色运动鞋",
]


def rss_mb(pid: int) -> float | None:
    """Resident memory of process ``pid`` in MB (None once it is gone)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


async def _one(client: httpx.AsyncClient, rng: random.Random, photo: bytes, sessions: list[str]) -> tuple[str, int]:
    roll = rng.random()
    if roll < 0.4:
        r = await client.post("/v1/search", json={"query": rng.choice(QUERIES), "k": 10})
        return "search", r.status_code
    if roll < 0.7:
        session = rng.choice(sessions) if sessions and rng.random() < 0.7 else None
        r = await client.post("/v1/chat", json={"message": rng.choice(MESSAGES), "session_id": session})
        if r.status_code == 200 and session is None:
            sessions.append(r.json()["session_id"])
            del sessions[:-50]
        return "chat", r.status_code
    if roll < 0.8:
        r = await client.post("/v1/search/image", files={"file": ("p.jpg", photo, "image/jpeg")})
        return "photo", r.status_code
    if not sessions:
        return "cart", 200
    session = rng.choice(sessions)
    search = await client.post("/v1/search", json={"query": "tshirt for men", "k": 3})
    if search.status_code != 200:  # counted as the cart operation's failure, not lost in a task
        return "cart", search.status_code
    product = next((p for p in search.json()["results"] if p["sizes_in_stock"]), None)
    if product is None:
        return "cart", 200
    r = await client.post(
        f"/v1/cart/{session}/items", json={"product_id": product["id"], "size": product["sizes_in_stock"][0]}
    )
    view = await client.get(f"/v1/cart/{session}")
    return "cart", r.status_code if r.status_code != 200 else view.status_code


_EXPECTED = {"search": {200}, "chat": {200}, "photo": {200}, "cart": {200, 409}}


async def _soak(url: str, pid: int | None, minutes: float, rate: float, photo: bytes, seed: int) -> dict:
    rng = random.Random(seed)
    sessions: list[str] = []
    samples: list[tuple[float, str, int, float]] = []
    rss: list[tuple[float, float]] = []
    start = time.monotonic()
    end = start + minutes * 60
    async with httpx.AsyncClient(base_url=url, timeout=30) as client:
        pending: set[asyncio.Task] = set()
        next_rss = start

        async def run() -> None:
            began = time.monotonic()
            try:
                kind, status = await _one(client, rng, photo, sessions)
            except httpx.HTTPError:
                kind, status = "transport", 0
            samples.append((began - start, kind, status, (time.monotonic() - began) * 1e3))

        while time.monotonic() < end:
            task = asyncio.create_task(run())
            pending.add(task)
            task.add_done_callback(pending.discard)
            if pid and time.monotonic() >= next_rss:
                value = rss_mb(pid)
                if value:
                    rss.append((time.monotonic() - start, value))
                next_rss += 30
            await asyncio.sleep(1 / rate)
        await asyncio.gather(*pending)
    return _report(samples, rss, minutes, rate)


def _report(samples: list, rss: list, minutes: float, rate: float) -> dict:
    errors = [s for s in samples if s[2] not in _EXPECTED.get(s[1], set())]
    per_minute = []
    for minute in range(int(minutes + 0.999)):
        window = [s[3] for s in samples if minute * 60 <= s[0] < (minute + 1) * 60]
        if window:
            per_minute.append(
                {
                    "minute": minute + 1,
                    "requests": len(window),
                    "p50_ms": round(percentile(window, 50), 1),
                    "p99_ms": round(percentile(window, 99), 1),
                }
            )
    growth = None
    if len(rss) >= 2:
        first = rss[min(1, len(rss) - 1)][1]  # after warm-up
        growth = round((rss[-1][1] - first) / first * 100, 2)
    by_kind: dict[str, dict[str, int]] = {}
    for _, kind, status, _ in samples:
        by_kind.setdefault(kind, {}).setdefault(str(status), 0)
        by_kind[kind][str(status)] += 1
    return {
        "suite": "bench-soak",
        "minutes": minutes,
        "target_rate_per_s": rate,
        "requests": len(samples),
        "errors": len(errors),
        "error_examples": [e[1:3] for e in errors[:10]],
        "status_by_kind": by_kind,
        "per_minute": per_minute,
        "rss_mb": [(round(t), round(v, 1)) for t, v in rss],
        "rss_growth_pct_after_warmup": growth,
    }


def run_soak(url: str, pid: int | None, minutes: float, rate: float, photo_path: Path, seed: int = 9) -> dict:
    return asyncio.run(_soak(url, pid, minutes, rate, photo_path.read_bytes(), seed))
