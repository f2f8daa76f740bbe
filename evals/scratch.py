"""A scratch copy of the data directory for evals that shop.

The language eval adds to carts and places orders through the real assistant, and the
state database is the catalog's (stock included): run on the data directory itself, every
run would leave carts, orders and taken stock behind, and the next run would meet other
stock. An eval therefore runs on a copy: the state database and the index are copied; the
photo-vector cache and the ranker's cache, read-only here and large, are linked. The copy is
sparse (``retrieval.stores.copying``): the open shard's preallocated empty space takes no disk.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from config import Settings
from retrieval.stores.copying import copy_data_dir

# Caches an eval only reads, shared with the data directory rather than copied
_SHARED = frozenset({"image-vectors.sqlite3", "rank-cache"})


@contextmanager
def scratch_data_dir(settings: Settings) -> Iterator[Settings]:
    """``settings`` pointing at a throwaway copy of its data directory, removed afterwards."""
    with tempfile.TemporaryDirectory(prefix="atelier-eval-") as scratch:
        copy_data_dir(Path(settings.data_dir), Path(scratch) / "data", linked=_SHARED)
        yield settings.model_copy(update={"data_dir": Path(scratch) / "data"})
