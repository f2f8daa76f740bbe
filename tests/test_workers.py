"""``atelier serve --workers 2`` answers as ``atelier serve`` does: the real CLI server in
its own processes, over HTTP, on copies of the session's catalog subset. The same searches
and chat turns give the same products from every worker, a checkout and its cancellation
(stock written to the store's payload) are seen by every worker at once, and another
process on the same data dir reaches the store through the server that holds it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from config import Settings
from retrieval.stores import StoreError, open_store
from retrieval.stores.copying import copy_data_dir
from retrieval.stores.edge import EdgeStore
from retrieval.stores.host import StoreHost
from retrieval.stores.hosted import HostedStore, HostInfo
from tests.server_helpers import free_port

SEARCHES: list[dict] = [
    {"query": "navy shirt for men under 1500", "k": 10},
    {"query": "black heels for women", "k": 10},
    {"query": "red dress not black", "k": 10},
    {"query": "女士手表", "k": 10},
    {"query": "sports shoes", "k": 8, "filters": {"gender": "Men", "colour": ["Black", "White"]}},
    {"query": "kurta between 500 and 1000", "k": 10},
    {"query": "watch for my wife no leather", "k": 5},
    {"query": "white tshirt size M", "k": 10},
]
CHAT = ("black jeans for men", "cheaper ones")
CONCURRENCY = 4  # requests at once, each on a new connection: both workers take some


class Served:
    """``atelier serve`` (``workers`` processes) on its own copy of a data dir."""

    def __init__(self, source: Settings, folder: Path, workers: int) -> None:
        self.data_dir = folder / "state"
        copy_data_dir(source.data_dir, self.data_dir)
        self.settings = source.model_copy(update={"data_dir": self.data_dir})
        self.workers = workers
        self.url = f"http://127.0.0.1:{free_port()}"
        self.log = folder / "server.log"
        env = {
            **os.environ,
            "ATELIER_DATA_DIR": str(self.data_dir),
            "ATELIER_CATALOG": str(source.catalog),
            "ATELIER_RATE_LIMIT": "100000/minute",
            "ATELIER_CHAT_RATE_LIMIT": "100000/minute",
        }
        env.pop("OPENAI_BASE_URL", None)
        command = [sys.executable, "-m", "cli.main", "serve", "--port", self.url.rsplit(":", 1)[1]]
        self.process = subprocess.Popen(
            [*command, "--workers", str(workers)], env=env, stdout=self.log.open("wb"), stderr=subprocess.STDOUT
        )

    def wait_ready(self) -> None:
        deadline = time.time() + 300
        while self.log.read_text().count("Application startup complete") < self.workers:
            if self.process.poll() is not None or time.time() > deadline:
                raise RuntimeError(f"the server did not start: {self.log.read_text()[-3000:]}")
            time.sleep(0.5)

    def access_log(self) -> list[dict]:
        """The server's JSON line per request (request id, route, status, pid of the worker)."""
        lines = self.log.read_text().splitlines()
        return [json.loads(line) for line in lines if line.startswith('{"request_id"')]

    def served_by(self, request_ids: Sequence[str] = ()) -> dict[str, int]:
        """request id -> the pid of the worker that answered it; waits (up to 5 s) until every
        one of ``request_ids`` is logged, since a request is logged just after its answer is sent."""
        deadline = time.monotonic() + 5
        while True:
            served = {entry["request_id"]: entry["pid"] for entry in self.access_log()}
            if all(r in served for r in request_ids) or time.monotonic() > deadline:
                return served
            time.sleep(0.05)

    def post(self, path: str, body: dict) -> tuple[str, dict]:
        """On a new connection (any worker may take it); the request id and the answer."""
        request_id = uuid.uuid4().hex
        response = httpx.post(self.url + path, json=body, headers={"x-request-id": request_id}, timeout=60)
        assert response.status_code in (200, 201), response.text
        return request_id, response.json()

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(60)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


@pytest.fixture(scope="module")
def servers(subset_index: Settings, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Served, Served]]:
    one = Served(subset_index, tmp_path_factory.mktemp("one-worker"), 1)
    two = Served(subset_index, tmp_path_factory.mktemp("two-workers"), 2)
    try:
        one.wait_ready()
        two.wait_ready()
        yield one, two
    finally:
        one.stop()
        two.stop()


def _ids(answer: dict) -> list[str]:
    return [p["id"] for p in answer.get("results", answer.get("products", []))]


def _conversation(server: Served) -> tuple[list[str], list[list[str]]]:
    """The chat turns of one new session: the request ids and each turn's product ids."""
    first_id, first = server.post("/v1/chat", {"message": CHAT[0]})
    second_id, second = server.post("/v1/chat", {"message": CHAT[1], "session_id": first["session_id"]})
    assert second["session_id"] == first["session_id"]
    return [first_id, second_id], [_ids(first), _ids(second)]


def test_every_worker_answers_as_one_worker_does(servers: tuple[Served, Served]) -> None:
    one, two = servers
    expected = [_ids(one.post("/v1/search", body)[1]) for body in SEARCHES]
    assert all(expected), expected  # each search finds something on the subset
    with ThreadPoolExecutor(CONCURRENCY) as pool:
        asked = list(pool.map(lambda body: two.post("/v1/search", body), SEARCHES * CONCURRENCY))
    assert [_ids(answer) for _, answer in asked] == expected * CONCURRENCY
    served_by = two.served_by([request_id for request_id, _ in asked])
    assert len({served_by[request_id] for request_id, _ in asked}) == 2  # both workers answered searches

    expected_chat = _conversation(one)[1]
    assert expected_chat[0] and expected_chat[1]
    across: list[list[str]] = []
    for _ in range(8):  # until a conversation's two turns were answered by different workers
        with ThreadPoolExecutor(CONCURRENCY) as pool:
            conversations = list(pool.map(lambda _: _conversation(two), range(CONCURRENCY)))
        for request_ids, turns in conversations:
            assert turns == expected_chat
            served_by = two.served_by(request_ids)
            if served_by[request_ids[0]] != served_by[request_ids[1]]:
                across.append(request_ids)
        if across:
            break
    assert across, "no conversation was continued by the other worker"


def _buy_out(server: Served, product: dict) -> tuple[str, str]:
    """Every unit of a one-size product ordered by a new session: (session, order id)."""
    session = server.post("/v1/sessions", {})[1]["session_id"]
    units = product["stock"]["One Size"]
    server.post(f"/v1/cart/{session}/items", {"product_id": product["id"], "size": "One Size", "quantity": units})
    order = server.post(f"/v1/cart/{session}/checkout", {})[1]
    assert order["status"] == "placed"
    return session, order["order_id"]


def _one_size_product(server: Served) -> tuple[dict, dict]:
    """A one-size product with at most 10 units, and a search that finds it only while the
    store's payload says that size is in stock (a filter on ``sizes_in_stock``)."""
    found = server.post("/v1/search", {"query": "watch for women", "k": 30})[1]["results"]
    product = next(p for p in found if p["sizes_in_stock"] == ["One Size"] and p["stock"]["One Size"] <= 10)
    body = {
        "query": product["title"],
        "k": 10,
        "filters": {
            "article_type": product["article_type"],
            "gender": product["gender"],
            "colour": product["colour"],
            "size": "One Size",
        },
    }
    return product, body


def _found_by_every_worker(server: Served, body: dict, product_id: str) -> set[bool]:
    """Whether each answer to ``body`` (16 of them, 4 at once, both workers answering) has the product."""
    with ThreadPoolExecutor(CONCURRENCY) as pool:
        asked = list(pool.map(lambda _: server.post("/v1/search", body), range(4 * CONCURRENCY)))
    served_by = server.served_by([request_id for request_id, _ in asked])
    assert len({served_by[request_id] for request_id, _ in asked}) == 2
    return {product_id in _ids(answer) for _, answer in asked}


def test_a_checkout_and_its_cancellation_are_seen_by_every_worker(servers: tuple[Served, Served]) -> None:
    _, two = servers
    product, body = _one_size_product(two)
    assert _found_by_every_worker(two, body, product["id"]) == {True}
    session, order = _buy_out(two, product)
    assert _found_by_every_worker(two, body, product["id"]) == {False}  # sold out: no worker offers it
    two.post(f"/v1/sessions/{session}/orders/{order}/cancel", {})
    # back in stock, in the payload the store filters on, for every worker
    assert _found_by_every_worker(two, body, product["id"]) == {True}


def test_another_process_writes_through_the_server_and_every_worker_sees_it(servers: tuple[Served, Served]) -> None:
    """`atelier ingest` (or any command) run while `serve --workers` holds the shard uses
    it through the server, the one writer, instead of failing on the lock; its writes are
    seen by the workers' next searches."""
    _, two = servers
    product, body = _one_size_product(two)
    store = open_store(two.settings)
    try:
        assert isinstance(store, HostedStore)
        assert store.count() == httpx.get(f"{two.url}/healthz").json()["products"]
        point = int(product["id"])
        sizes: object = store.payload_values("sizes_in_stock")[point]  # a list, though the protocol says str
        assert sizes == ["One Size"]
        store.set_payload(point, {"sizes_in_stock": []})  # as if sold out, in the index only
        assert _found_by_every_worker(two, body, product["id"]) == {False}
        store.set_payload(point, {"sizes_in_stock": sizes})
        assert _found_by_every_worker(two, body, product["id"]) == {True}
    finally:
        store.close()


def test_metrics_count_the_requests_of_every_worker(servers: tuple[Served, Served]) -> None:
    """/metrics, whichever worker answers it, counts every worker's requests."""
    _, two = servers
    with ThreadPoolExecutor(CONCURRENCY) as pool:
        list(pool.map(lambda body: two.post("/v1/search", body), SEARCHES * 2))
    time.sleep(0.5)  # each request is counted and logged just after its answer is sent
    searches = [entry for entry in two.access_log() if entry["route"] == "/v1/search"]
    assert len({entry["pid"] for entry in searches}) == 2
    for _ in range(4):  # on new connections: more than one worker answers /metrics
        metrics = httpx.get(f"{two.url}/metrics").text
        counted = sum(
            float(line.rsplit(" ", 1)[1])
            for line in metrics.splitlines()
            if line.startswith("atelier_http_requests_total{") and 'route="/v1/search"' in line
        )
        assert counted == len(searches)


def test_a_stale_host_file_does_not_keep_the_store_closed(
    subset_index: Settings, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """A server killed outright leaves its host file behind: whether its pid is gone or now
    another process's (here: this one's, with nothing listening at the address), the next
    command opens the shard itself."""
    settings = subset_index.model_copy(update={"data_dir": tmp_path_factory.mktemp("stale-host") / "state"})
    copy_data_dir(subset_index.data_dir, settings.data_dir)
    exited = [sys.executable, "-c", "import os; print(os.getpid())"]
    dead = int(subprocess.run(exited, capture_output=True, text=True, check=True).stdout)
    for pid in (dead, os.getpid()):
        HostInfo(address=f"\0atelier-store-{uuid.uuid4().hex[:16]}", authkey="00" * 32, pid=pid).write(
            settings.store_host_file
        )
        store = open_store(settings)
        try:
            assert isinstance(store, EdgeStore) and store.count() > 0
        finally:
            store.close()


def test_the_host_answers_only_store_calls_from_holders_of_its_key(
    subset_index: Settings, tmp_path_factory: pytest.TempPathFactory
) -> None:
    settings = subset_index.model_copy(update={"data_dir": tmp_path_factory.mktemp("host-key") / "state"})
    copy_data_dir(subset_index.data_dir, settings.data_dir)
    with StoreHost(settings) as host:
        assert HostInfo.read(settings.store_host_file) == host.info
        assert settings.store_host_file.stat().st_mode & 0o077 == 0  # this user's only
        wrong = host.info.model_copy(update={"authkey": "11" * 32})
        with pytest.raises(StoreError, match="refused"):
            HostedStore(wrong, settings.collection)
        store = HostedStore(host.info, settings.collection)
        try:
            assert store.count() == host.products.count() > 0
            with pytest.raises(StoreError, match="not a store call"):
                store._call("close")  # the host's shard stays open whatever a client asks
            assert store.count() == host.products.count()
        finally:
            store.close()
    assert not settings.store_host_file.exists()


def test_the_host_answers_every_call_a_worker_makes() -> None:
    """Every store method a worker sends to the host is one the host answers ("ordered", the
    cheapest first, and "drop_image_vector" were refused as "not a store call" with two workers)."""
    import inspect

    from retrieval.stores.host import CALLS
    from retrieval.stores.hosted import HostedStore

    sent = {
        name
        for name, member in inspect.getmembers(HostedStore, inspect.isfunction)
        if not name.startswith("_") and "self._call(" in inspect.getsource(member)
    }
    assert "ordered" in sent and sent <= CALLS, sent - CALLS
