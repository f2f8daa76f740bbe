"""Limits that cannot be turned against the service, each attack over real HTTP against
the real app: a rate-limit store that is down or hangs, one client flooding chat or photo
search, more expensive requests than the server can hold, a decompression bomb, a flood of
photo decodes, hostile request ids, over-limit chunked bodies. Clients bind their own
loopback address (127.0.0.x) so each test has its own per-client quota on a shared server."""

from __future__ import annotations

import base64
import io
import re
import shutil
import socket
import subprocess
import threading
import time
from collections.abc import Iterator

import httpx
import pytest
from PIL import Image, ImageFile

from server import create_app
from tests.server_helpers import LiveServer, expect_error, free_port

REQUEST_ID = re.compile(r"[A-Za-z0-9._:-]{1,64}")
NOT_A_PHOTO = b"this is a text file, not a photo"


def _client(server: LiveServer, ip: str, timeout: float = 60) -> httpx.Client:
    """A client from its own loopback address: a client of its own for the per-client limits."""
    return httpx.Client(base_url=server.url, timeout=timeout, transport=httpx.HTTPTransport(local_address=ip))


def _png(image: Image.Image) -> bytes:
    buf = io.BytesIO()
    image.save(buf, "PNG")
    return buf.getvalue()


def _metric(client: httpx.Client, name: str) -> float:
    """The sum of a Prometheus metric's samples (0 when it is absent)."""
    return sum(
        float(line.rsplit(" ", 1)[1])
        for line in client.get("/metrics").text.splitlines()
        if line.startswith(name) and not line.startswith("#")
    )


@pytest.fixture(scope="module")
def limited(subset_index, search) -> Iterator[LiveServer]:
    """One server with tight limits: 10 requests a minute per client, 3 chat turns, 2 photos,
    6 expensive requests in flight."""
    settings = subset_index.model_copy(
        update={
            "rate_limit": "10/minute",
            "chat_rate_limit": "3/minute",
            "photo_rate_limit": "2/minute",
            "max_expensive_in_flight": 6,
            "requests_at_work": 6,  # the decode pool, not the turns at work, is what its tests reach
        }
    )
    with LiveServer(create_app(settings, search=search)) as server:
        yield server


def test_health_checks_are_never_rate_limited(limited: LiveServer) -> None:
    with _client(limited, "127.0.0.2") as client:
        for _ in range(5):
            for path in ("/healthz", "/readyz", "/metrics"):
                assert client.get(path).status_code == 200, path
        codes = [client.get("/v1/models").status_code for _ in range(11)]
        assert codes[:10] == [200] * 10 and codes[10] == 429
        limited_response = client.get("/v1/models")
        error = expect_error(limited_response, 429, "rate_limited")
        assert error["type"] == "rate_limit_error"  # an OpenAI route: OpenAI's error type too
        assert 1 <= int(limited_response.headers["retry-after"]) <= 60
        assert client.get("/healthz").status_code == 200


def test_chat_and_photo_search_have_tighter_per_client_limits(limited: LiveServer) -> None:
    with _client(limited, "127.0.0.3") as client:
        assert [client.post("/v1/chat", json={"message": "navy shirt"}).status_code for _ in range(2)] == [200, 200]
        completion = client.post(
            "/v1/chat/completions", json={"model": "atelier", "messages": [{"role": "user", "content": "watch"}]}
        )
        assert completion.status_code == 200, completion.text
        over = client.post(
            "/v1/chat/completions", json={"model": "atelier", "messages": [{"role": "user", "content": "watch"}]}
        )
        assert expect_error(over, 429, "rate_limited")["type"] == "rate_limit_error" and over.headers["retry-after"]
        expect_error(client.post("/v1/chat", json={"message": "navy shirt"}), 429, "rate_limited")
        assert client.post("/v1/search", json={"query": "navy shirt"}).status_code == 200  # cheap routes go on
    with _client(limited, "127.0.0.4") as client:  # photos: search and chat messages share one budget
        for _ in range(2):
            expect_error(client.post("/v1/search/image", files={"file": ("x.png", NOT_A_PHOTO)}), 400, "not_an_image")
        photo = base64.b64encode(NOT_A_PHOTO).decode()
        expect_error(client.post("/v1/chat", json={"message": "like this", "image": photo}), 429, "rate_limited")
        expect_error(client.post("/v1/search/image", files={"file": ("x.png", NOT_A_PHOTO)}), 429, "rate_limited")
        assert client.post("/v1/chat", json={"message": "navy shirt"}).status_code == 200  # words still answered


def test_expensive_routes_shed_load_with_503_and_retry_after(limited: LiveServer) -> None:
    """Six chat turns whose bodies arrive slowly fill the expensive slots; the seventh
    expensive request is refused at once, while health checks and text search answer."""
    release = threading.Event()
    answers: list[int] = []

    def slow_body() -> Iterator[bytes]:
        yield b'{"message": "navy shirt for men"'
        release.wait(20)
        yield b"}"

    def slow_chat(ip: str) -> None:
        with _client(limited, ip) as client:
            answers.append(
                client.post("/v1/chat", content=slow_body(), headers={"content-type": "application/json"}).status_code
            )

    holders = [threading.Thread(target=slow_chat, args=(f"127.0.0.{10 + i}",)) for i in range(6)]
    for holder in holders:
        holder.start()
    try:
        with _client(limited, "127.0.0.5") as client:
            deadline = time.time() + 5
            while time.time() < deadline and _metric(client, "atelier_expensive_in_flight") < 6:
                time.sleep(0.05)
            started = time.perf_counter()
            shed = client.post("/v1/chat", json={"message": "navy shirt"})
            assert time.perf_counter() - started < 1.0  # at once, not after queueing
            expect_error(shed, 503, "overloaded")
            assert int(shed.headers["retry-after"]) >= 1
            expect_error(client.post("/v1/search/image", files={"file": ("x.png", NOT_A_PHOTO)}), 503, "overloaded")
            completion = client.post(
                "/v1/chat/completions", json={"model": "atelier", "messages": [{"role": "user", "content": "hi"}]}
            )
            assert expect_error(completion, 503, "overloaded")["type"] == "server_error"
            assert client.get("/healthz").status_code == 200
            assert client.post("/v1/search", json={"query": "navy shirt"}).status_code == 200
    finally:
        release.set()
        for holder in holders:
            holder.join(30)
    assert answers == [200] * 6  # every accepted turn was answered
    with _client(limited, "127.0.0.6") as client:
        assert client.post("/v1/chat", json={"message": "navy shirt"}).status_code == 200


@pytest.fixture()
def decodes(monkeypatch: pytest.MonkeyPatch) -> dict:
    """Watches PIL's pixel decoding in this process (the live server runs here): the sizes
    decoded and the most decodes at once; ``slow`` seconds added to each decode."""
    seen: dict = {"sizes": [], "now": 0, "most": 0, "slow": 0.0}
    lock = threading.Lock()
    load = ImageFile.ImageFile.load

    def watched(image: ImageFile.ImageFile):
        with lock:
            seen["sizes"].append(image.size)
            seen["now"] += 1
            seen["most"] = max(seen["most"], seen["now"])
        try:
            time.sleep(seen["slow"])
            return load(image)
        finally:
            with lock:
                seen["now"] -= 1

    monkeypatch.setattr(ImageFile.ImageFile, "load", watched)
    return seen


def test_photo_over_the_decode_memory_budget_is_refused_before_decoding(limited: LiveServer, decodes: dict) -> None:
    bomb = _png(Image.new("RGBA", (8000, 5000), (255, 255, 255, 0)))  # 40 MP with alpha: 160 MB decoded
    assert len(bomb) < 300_000
    with _client(limited, "127.0.0.7") as client:
        started = time.perf_counter()
        error = expect_error(
            client.post("/v1/search/image", files={"file": ("bomb.png", bomb, "image/png")}), 413, "image_too_large"
        )
        assert time.perf_counter() - started < 2.0 and "MB" in error["message"]
        chat = client.post("/v1/chat", json={"message": "like this", "image": base64.b64encode(bomb).decode()})
        expect_error(chat, 413, "image_too_large")
        assert (8000, 5000) not in decodes["sizes"]  # refused from the header alone
    fine = _png(Image.new("RGBA", (321, 123), (200, 30, 30, 128)))
    with _client(limited, "127.0.0.20") as client:  # the first client's photo budget (2) is spent
        response = client.post("/v1/search/image", files={"file": ("ok.png", fine, "image/png")})
        assert response.status_code in (200, 503) and response.json().get("error", {}).get("code") != "overloaded"
        assert (321, 123) in decodes["sizes"]  # the watch sees real decodes


def test_photo_decodes_are_bounded_and_the_rest_get_503(limited: LiveServer, search, decodes: dict) -> None:
    """Six uploads at once with slow decodes: at most ``image_decode_concurrency`` decode
    together; one that cannot start within ``image_decode_wait_s`` gets 503 overloaded."""
    slots = getattr(search.settings, "image_decode_concurrency", 2)
    wait = getattr(search.settings, "image_decode_wait_s", 1.0)
    decodes["slow"] = wait * 0.6
    photo = _png(Image.new("RGB", (123, 77), (10, 20, 200)))
    results: list[httpx.Response] = []

    def upload(ip: str) -> None:
        with _client(limited, ip) as client:
            results.append(client.post("/v1/search/image", files={"file": ("p.png", photo, "image/png")}))

    uploaders = [threading.Thread(target=upload, args=(f"127.0.0.{30 + i}",)) for i in range(6)]
    for uploader in uploaders:
        uploader.start()
    for uploader in uploaders:
        uploader.join(60)
    assert len(results) == 6 and decodes["most"] <= slots
    shed = [r for r in results if r.status_code == 503 and r.json()["error"]["code"] == "overloaded"]
    assert shed and all(int(r.headers["retry-after"]) >= 1 for r in shed)
    assert all(r.status_code < 500 or r.json()["error"]["code"] in ("overloaded", "store_unavailable") for r in results)


def test_turns_run_one_at_a_time_and_the_rest_wait_or_get_503(
    subset_index, search, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``requests_at_work`` = 1: four chat turns at once (each 0.5 s longer) run one at a
    time; those that cannot start within ``request_wait_s`` (1.2 s) get 503 overloaded
    with Retry-After, the others are answered."""
    from agent.assistant import Assistant

    seen = {"now": 0, "most": 0}
    lock = threading.Lock()
    chat = Assistant.chat

    def slow_chat(self: Assistant, *args, **kwargs):
        with lock:
            seen["now"] += 1
            seen["most"] = max(seen["most"], seen["now"])
        try:
            time.sleep(0.5)
            return chat(self, *args, **kwargs)
        finally:
            with lock:
                seen["now"] -= 1

    monkeypatch.setattr(Assistant, "chat", slow_chat)
    settings = subset_index.model_copy(
        update={
            "rate_limit": "1000/minute",
            "chat_rate_limit": "1000/minute",
            "requests_at_work": 1,
            "request_wait_s": 1.2,
        }
    )
    results: list[httpx.Response] = []
    with LiveServer(create_app(settings, search=search)) as server:

        def ask(ip: str) -> None:
            with _client(server, ip) as client:
                results.append(client.post("/v1/chat", json={"message": "navy shirt for men"}))

        askers = [threading.Thread(target=ask, args=(f"127.0.0.{60 + i}",)) for i in range(4)]
        for asker in askers:
            asker.start()
        for asker in askers:
            asker.join(60)
    assert len(results) == 4 and seen["most"] == 1
    answered = [r for r in results if r.status_code == 200]
    shed = [r for r in results if r.status_code == 503 and r.json()["error"]["code"] == "overloaded"]
    assert len(answered) >= 2 and shed and len(answered) + len(shed) == 4
    assert all(int(r.headers["retry-after"]) >= 1 for r in shed)


def test_start_up_objects_are_left_out_of_the_collectors_passes(limited: LiveServer) -> None:
    """After start-up (the understanding built), the server froze what it built out of the
    garbage collector's passes: a full pass over the full catalog's start-up objects held
    the GIL, and every request with it, for ~0.4 s."""
    import gc

    assert gc.get_freeze_count() > 10_000
    with _client(limited, "127.0.0.70") as client:
        assert client.get("/healthz").status_code == 200


def test_request_ids_cannot_crash_a_request(limited: LiveServer) -> None:
    with _client(limited, "127.0.0.8") as client:
        for hostile in (b"\xff\xfe\xfd not utf-8", b"x" * 6000, b"two words", "caf\u00e9".encode()):
            response = client.get("/healthz", headers={"X-Request-ID": hostile})
            assert response.status_code == 200, (hostile[:20], response.text)
            assert REQUEST_ID.fullmatch(response.headers["x-request-id"])
            assert response.headers["x-request-id"].encode() != hostile
        assert (
            client.get("/healthz", headers={"X-Request-ID": "req-42.a_b:c"}).headers["x-request-id"] == "req-42.a_b:c"
        )


def _chunks(total: int, piece: bytes = b"x" * 65536) -> Iterator[bytes]:
    sent = 0
    while sent < total:
        yield piece
        sent += len(piece)


def test_every_over_limit_body_is_413_even_chunked(limited: LiveServer) -> None:
    with _client(limited, "127.0.0.9") as client:
        for path in ("/v1/search", "/v1/chat"):
            body = iter([b'{"query": "', *_chunks(1_200_000), b'"}'])  # no Content-Length: chunked
            expect_error(
                client.post(path, content=body, headers={"content-type": "application/json"}), 413, "payload_too_large"
            )
        boundary = b"atelierboundary"
        upload = iter(
            [
                b"--" + boundary + b'\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\n\r\n',
                *_chunks(10_300_000),
                b"\r\n--" + boundary + b"--\r\n",
            ]
        )
        expect_error(
            client.post(
                "/v1/search/image",
                content=upload,
                headers={"content-type": f"multipart/form-data; boundary={boundary.decode()}"},
            ),
            413,
            "payload_too_large",
        )
        assert client.get("/healthz").status_code == 200


def test_rate_limiter_fails_open_when_its_store_is_down(subset_index, search) -> None:
    settings = subset_index.model_copy(update={"rate_limit": "3/minute", "rate_limit_storage": "redis://127.0.0.1:1"})
    with LiveServer(create_app(settings, search=search)) as server, _client(server, "127.0.0.2") as client:
        for path in ("/healthz", "/readyz"):
            assert client.get(path).status_code == 200
        assert [client.post("/v1/search", json={"query": "shirt"}).status_code for _ in range(5)] == [200] * 5
        assert client.post("/v1/chat", json={"message": "navy shirt"}).status_code == 200
        assert _metric(client, "atelier_rate_limit_unchecked_total") >= 6


class HangingStore:
    """A TCP port that accepts connections and never answers: a Redis that hangs."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(64)
        self.url = f"redis://127.0.0.1:{self.sock.getsockname()[1]}"

    def close(self) -> None:
        self.sock.close()


def test_a_hanging_rate_limit_store_never_blocks_the_event_loop(subset_index, search) -> None:
    store = HangingStore()
    settings = subset_index.model_copy(update={"rate_limit_storage": store.url, "rate_limit_timeout_s": 3.0})
    outcome: dict = {}
    try:
        with LiveServer(create_app(settings, search=search)) as server:

            def stuck() -> None:
                started = time.perf_counter()
                with _client(server, "127.0.0.3", timeout=10) as client:
                    try:
                        outcome["status"] = client.post("/v1/search", json={"query": "shirt"}).status_code
                    except httpx.HTTPError as exc:
                        outcome["status"] = repr(exc)
                outcome["seconds"] = time.perf_counter() - started

            waiting = threading.Thread(target=stuck)
            waiting.start()
            time.sleep(0.3)  # the search is now waiting on the store
            with _client(server, "127.0.0.4", timeout=3) as client:
                for _ in range(5):
                    started = time.perf_counter()
                    assert client.get("/healthz").status_code == 200
                    # a blocked loop would hold each probe for the store's whole 3 s budget;
                    # a free one answers at once, with room for a loaded CI machine
                    assert time.perf_counter() - started < 1.0
            waiting.join(15)
            assert outcome["status"] == 200 and 2.5 <= outcome["seconds"] < 8  # let through after the budget
            with _client(server, "127.0.0.5", timeout=10) as client:
                assert _metric(client, "atelier_rate_limit_unchecked_total") >= 1
    finally:
        store.close()


@pytest.mark.skipif(shutil.which("redis-server") is None, reason="no redis-server; install Debian's redis-server")
def test_a_shared_redis_limit_holds_across_workers_and_fails_open_when_redis_stops(
    subset_index, search, tmp_path
) -> None:
    port = free_port()
    redis = subprocess.Popen(
        [
            "redis-server",
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(tmp_path),
        ],
        stdout=subprocess.DEVNULL,
    )
    try:
        deadline = time.time() + 10
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                assert time.time() < deadline, "redis-server did not start"
                time.sleep(0.05)
        settings = subset_index.model_copy(
            update={"rate_limit": "4/minute", "rate_limit_storage": f"redis://127.0.0.1:{port}"}
        )
        with (
            LiveServer(create_app(settings, search=search)) as one,
            LiveServer(create_app(settings, search=search)) as two,
            _client(one, "127.0.0.2") as a,
            _client(two, "127.0.0.2") as b,
        ):
            codes = [(a if i % 2 else b).get("/v1/models").status_code for i in range(5)]
            assert codes == [200, 200, 200, 200, 429]  # one count for both workers
            assert a.get("/healthz").status_code == b.get("/readyz").status_code == 200
            redis.terminate()
            redis.wait(10)
            assert [c.get("/v1/models").status_code for c in (a, b, a, b)] == [200] * 4  # fails open
            assert _metric(a, "atelier_rate_limit_unchecked_total") >= 1
    finally:
        if redis.poll() is None:
            redis.kill()
            redis.wait(10)
