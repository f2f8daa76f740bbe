"""The process that holds the embedded shard and serves it to the other processes on the
same data dir (``atelier serve --workers N``): the server side of
``retrieval.stores.hosted`` (why one process holds it is explained there).

The socket is in Linux's abstract namespace (nothing on disk to go stale); the
address and a random key go into ``Settings.store_host_file`` (mode 0600). Both ends
prove the key (``multiprocessing.connection``'s HMAC challenge) before any message is
read, so only processes of the user who can read that file can use the store."""

from __future__ import annotations

import logging
import os
import re
import secrets
import threading
from multiprocessing import AuthenticationError
from multiprocessing.connection import Connection, Listener, answer_challenge, deliver_challenge
from types import TracebackType
from typing import Any

from config import Settings
from retrieval.stores.base import StoreError
from retrieval.stores.edge import EdgeStore
from retrieval.stores.hosted import HostInfo

log = logging.getLogger("atelier.store_host")

# The ``VectorStore`` calls a client may make (nothing else of ``EdgeStore`` is reachable).
CALLS = frozenset(
    {
        "ensure_collection",
        "image_dim",
        "add_image_vector",
        "drop_image_vector",
        "set_image_vectors",
        "payload_values",
        "upsert",
        "delete",
        "set_payload",
        "payload_hashes",
        "dense_vectors",
        "vector_of",
        "count",
        "query",
        "ordered",
        "finish_indexing",
    }
)
_COLLECTION = re.compile(r"[A-Za-z0-9_-]{1,64}")


class StoreHost:
    """Opens the products shard (failing at once, with the fix, when it is missing or held
    by another process), then answers store calls from its clients, one thread per
    connection, until closed. Collections other than products (store policies) are opened
    on their first call."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._lock = threading.Lock()
        self._stores: dict[str, EdgeStore] = {}
        self.products = self.store(settings.collection)
        self._authkey = secrets.token_bytes(32)
        self.info = HostInfo(
            address=f"\0atelier-store-{secrets.token_hex(8)}", authkey=self._authkey.hex(), pid=os.getpid()
        )
        # no authkey here: the challenge runs in the connection's own thread (below), so a
        # client that connects and never answers it holds up nobody else
        self._listener = Listener(self.info.address, family="AF_UNIX")
        self.info.write(settings.store_host_file)
        self._accepting = threading.Thread(target=self._accept, name="store-host", daemon=True)
        self._accepting.start()

    def store(self, collection: str) -> EdgeStore:
        if not _COLLECTION.fullmatch(collection):
            raise StoreError(f"not a collection name: {collection!r}")
        with self._lock:
            if collection not in self._stores:
                self._stores[collection] = EdgeStore(self.settings.qdrant_path / collection)
            return self._stores[collection]

    def _accept(self) -> None:
        while True:
            try:
                conn = self._listener.accept()
            except OSError:  # closed: the host is shutting down
                return
            threading.Thread(target=self._serve, args=(conn,), name="store-client", daemon=True).start()

    def _serve(self, conn: Connection) -> None:
        with conn:
            try:  # what Listener(authkey=...) does, both ways: the client proves the key, then the host
                deliver_challenge(conn, self._authkey)
                answer_challenge(conn, self._authkey)
            except (AuthenticationError, EOFError, OSError) as exc:
                log.warning("store host: refused a connection (%s)", type(exc).__name__)
                return
            while True:
                try:
                    message = conn.recv()
                except (EOFError, OSError):
                    return
                if isinstance(message, tuple) and len(message) == 3 and isinstance(message[2], tuple):
                    conn.send(self._answer(*message))
                else:
                    conn.send((False, "not a store call: expected (collection, method, args)"))

    def _answer(self, collection: str, method: str, args: tuple[Any, ...]) -> tuple[bool, Any]:
        """(True, result) or (False, the error's message): the client raises ``StoreError``."""
        if method not in CALLS:
            return False, f"not a store call: {method!r}"
        try:
            return True, getattr(self.store(collection), method)(*args)
        except Exception as exc:  # noqa: BLE001 - any failure goes back to the caller, never ends the host
            return False, f"{type(exc).__name__}: {exc}"

    def close(self) -> None:
        """Stops accepting, removes the host file (if still this host's) and closes the shards."""
        self._listener.close()
        if (current := HostInfo.read(self.settings.store_host_file)) is not None and current.pid == self.info.pid:
            self.settings.store_host_file.unlink(missing_ok=True)
        with self._lock:
            for store in self._stores.values():
                store.close()
            self._stores.clear()

    def __enter__(self) -> StoreHost:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()
