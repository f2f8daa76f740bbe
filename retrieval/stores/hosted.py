"""A ``VectorStore`` whose shard lives in another process: the client side of
``retrieval.stores.host``.

Why: qdrant-edge 0.9 locks a shard's write-ahead log per process (a second
``EdgeShard.load`` fails with ``WouldBlock``) and has no read-only mode, so several
processes on one machine cannot each open the shard. One process holds it
(``StoreHost``) and every other process on the same data dir (the API workers of
``atelier serve --workers N``, and ``atelier ingest`` or ``atelier search`` run meanwhile)
sends it each store call over an authenticated local socket. Reads and writes reach the
same shard, so every process gets the answers one process would, and a write (a checkout's
stock mirror, an ingest batch) is seen by the next read of any process."""

from __future__ import annotations

import json
import os
import queue
from multiprocessing import AuthenticationError
from multiprocessing.connection import Client, Connection
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from retrieval.stores.base import IMAGE, FilterSpec, Hit, IndexPoint, Leg, SparseVec, StoreError


class HostGone(StoreError):
    """The host file names a process that no longer serves the store: the shard is free."""


class HostInfo(BaseModel):
    """What the host file says: where the store host listens and the key its clients prove."""

    address: str
    authkey: str  # hex
    pid: int

    @classmethod
    def read(cls, path: Path) -> HostInfo | None:
        """The host named by ``path``, or None when there is none (no file, or its process
        is gone: a server that was killed leaves a stale file, and the shard is free again)."""
        try:
            info = cls.model_validate(json.loads(path.read_text()))
        except (OSError, ValueError):
            return None
        try:
            os.kill(info.pid, 0)
        except ProcessLookupError:
            return None
        except PermissionError:  # alive, another user's: its key file would not be readable anyway
            pass
        return info

    def write(self, path: Path) -> None:
        """Readable by this user only: the key lets a process use (and write to) the store."""
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as f:
            f.write(self.model_dump_json())


class HostedStore:
    """One collection of the store host. Thread-safe: each call takes a connection of its
    own from a pool that grows to the caller's concurrency (the API's thread pool)."""

    def __init__(self, host: HostInfo, collection: str) -> None:
        self.host = host
        self.collection = collection
        self._idle: queue.LifoQueue[Connection] = queue.LifoQueue()
        self._release(self._connect())  # fail now, not on the first request, if the host is gone

    def _connect(self) -> Connection:
        try:
            return Client(self.host.address, family="AF_UNIX", authkey=bytes.fromhex(self.host.authkey))
        except ConnectionRefusedError as exc:  # nobody listens there: the host is gone (its pid reused)
            raise HostGone(f"no store host listens at the address in the host file (pid {self.host.pid})") from exc
        except AuthenticationError as exc:
            raise StoreError(f"the store host (pid {self.host.pid}) refused this process's key") from exc
        except OSError as exc:
            raise StoreError(
                f"cannot reach the process holding the vector store (pid {self.host.pid}): {exc}. "
                "Restart `atelier serve`."
            ) from exc

    def _release(self, conn: Connection) -> None:
        self._idle.put(conn)

    def _call(self, method: str, *args: Any) -> Any:
        try:
            conn = self._idle.get_nowait()
        except queue.Empty:
            conn = self._connect()
        try:
            conn.send((self.collection, method, args))
            ok, value = conn.recv()
        except (OSError, EOFError) as exc:
            conn.close()
            raise StoreError(f"the process holding the vector store (pid {self.host.pid}) did not answer") from exc
        self._release(conn)
        if not ok:
            raise StoreError(str(value))
        return value

    def ensure_collection(self, dense_dim: int, image_dim: int | None = None) -> None:
        self._call("ensure_collection", dense_dim, image_dim)

    def image_dim(self, name: str = IMAGE) -> int | None:
        return self._call("image_dim", name)

    def add_image_vector(self, dim: int, name: str = IMAGE) -> None:
        self._call("add_image_vector", dim, name)

    def drop_image_vector(self, name: str) -> None:
        self._call("drop_image_vector", name)

    def set_image_vectors(self, items: list[tuple[int, list[float], str]], name: str = IMAGE) -> None:
        self._call("set_image_vectors", items, name)

    def payload_values(self, key: str) -> dict[int, str]:
        return self._call("payload_values", key)

    def upsert(self, points: list[IndexPoint]) -> None:
        self._call("upsert", points)

    def delete(self, ids: list[int]) -> None:
        self._call("delete", ids)

    def set_payload(self, point_id: int, payload: dict[str, Any]) -> None:
        self._call("set_payload", point_id, payload)

    def payload_hashes(self) -> dict[int, str]:
        return self._call("payload_hashes")

    def dense_vectors(self) -> dict[int, tuple[str, list[float]]]:
        return self._call("dense_vectors")

    def vector_of(self, point_id: int) -> list[float] | None:
        return self._call("vector_of", point_id)

    def count(self) -> int:
        return self._call("count")

    def query(
        self,
        dense: list[float] | None,
        sparse: SparseVec | None,
        flt: FilterSpec,
        limit: int,
        leg: Leg = Leg.hybrid,
        fusion: str = "rrf",
        prefetch_limit: int = 100,
        rrf_k: int = 60,
        with_payload: bool = True,
        image: list[float] | None = None,
    ) -> list[Hit]:
        return self._call("query", dense, sparse, flt, limit, leg, fusion, prefetch_limit, rrf_k, with_payload, image)

    def ordered(self, flt: FilterSpec, key: str, descending: bool, limit: int) -> list[int]:
        return self._call("ordered", flt, key, descending, limit)

    def finish_indexing(self) -> None:
        self._call("finish_indexing")

    def close(self) -> None:
        """Closes this client's connections; the host and its shard stay open."""
        while True:
            try:
                self._idle.get_nowait().close()
            except queue.Empty:
                return
