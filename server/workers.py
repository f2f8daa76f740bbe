"""``atelier serve --workers N``: N API processes on one port over one embedded store.

uvicorn's supervisor process starts the workers (and starts a new one when one dies). It
also holds the qdrant-edge shard, in a ``StoreHost``: a shard can be opened by one process
only, so each worker's ``open_store`` finds the host and sends it every store call (reads
and the stock mirror a checkout writes), and all workers read the same shard. Each worker is
the ordinary app (``create_app`` from the same environment); the state a second worker
could contend on is in the SQLite file (WAL, 30 s busy timeout: carts, orders, stock,
sessions, events) or PostgreSQL, which each worker opens itself.

``/metrics`` adds up every worker's counters (prometheus_client's multiprocess mode).
Per worker, as with several machines: query-embedding caches, the catalog capabilities
read at first use, the per-process limits on expensive requests
(``max_expensive_in_flight``) and, unless ``ATELIER_RATE_LIMIT_STORAGE`` names a shared
store, the rate-limit counts."""

from __future__ import annotations

import logging
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager

import uvicorn

from config import Settings
from retrieval.stores import StoreError, open_store
from retrieval.stores.host import StoreHost

log = logging.getLogger("atelier.serve")


@contextmanager
def _store_for_workers(settings: Settings) -> Iterator[None]:
    """The embedded shard held here for the workers, or (``QDRANT_URL``) nothing to hold:
    each worker is a client of the Qdrant server. Refuses an empty or unreachable index."""
    if settings.qdrant_url:
        store = open_store(settings)
        try:
            count = store.count()
        finally:
            store.close()
        if count == 0:
            raise StoreError(f"the product index for {settings.collection!r} is empty: run `atelier ingest` first")
        yield
        return
    with StoreHost(settings) as host:
        if host.products.count() == 0:
            raise StoreError(f"the product index for {settings.collection!r} is empty: run `atelier ingest` first")
        yield


def serve_workers(settings: Settings, workers: int) -> None:
    """Serve the app with ``workers`` processes until interrupted (SIGINT/SIGTERM)."""
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    if settings.rate_limit_storage.startswith("memory://"):
        log.warning(
            "each of the %d workers counts its own rate limits (ATELIER_RATE_LIMIT_STORAGE=memory://): "
            "a client can get up to %d x ATELIER_RATE_LIMIT; set it to redis://... to share one count",
            workers,
            workers,
        )
    with _store_for_workers(settings), tempfile.TemporaryDirectory(prefix="atelier-metrics-") as metrics:
        # the workers build their settings from the environment, as this process did, and
        # write their metrics where /metrics (any worker) reads them all
        os.environ.update(
            {"ATELIER_HOST": settings.host, "ATELIER_PORT": str(settings.port), "PROMETHEUS_MULTIPROC_DIR": metrics}
        )
        uvicorn.run(
            "server:create_app",
            factory=True,
            host=settings.host,
            port=settings.port,
            workers=workers,
            log_level="info",
            # a worker loading its models (or busy with a photo) can hold the GIL past uvicorn's
            # 5 s ping; it would be killed as hung and restarted, again and again on 2 busy cores
            timeout_worker_healthcheck=60,
        )
