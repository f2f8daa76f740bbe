"""A shopper process for the kill -9 tests: buys one unit of each product in turn, forever,
until it is killed. ``python -m tests.buyer CATALOG_SQLITE IDS [POSTGRES_URL]``; prints
``ready`` once its store is open."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

from catalog import CatalogDB
from catalog.state_database import PostgresDatabase
from tools.cart import CartStore
from tools.errors import ToolError
from tools.sessions import new_session_id


def main(db_path: Path, ids: list[str], url: str | None) -> None:
    pg = PostgresDatabase(url) if url else None
    store = CartStore(pg or db_path, CatalogDB(db_path, pg))
    print("ready", flush=True)
    while True:
        for pid in ids:
            session = new_session_id()
            try:
                store.add(session, pid, "One Size")
                store.checkout(session)
            except ToolError:
                pass


def buy_then_kill(db_path: Path, ids: list[str], seconds: float, url: str | None = None, processes: int = 2) -> None:
    """Start ``processes`` buyers, let them buy for ``seconds``, then kill -9 every one."""
    args = [sys.executable, "-m", "tests.buyer", str(db_path), ",".join(ids), *([url] if url else [])]
    buyers = [subprocess.Popen(args, stdout=subprocess.PIPE, text=True) for _ in range(processes)]
    for buyer in buyers:
        if buyer.stdout.readline().strip() != "ready":
            raise RuntimeError("a buyer process failed to start")
    time.sleep(seconds)
    for buyer in buyers:
        buyer.send_signal(signal.SIGKILL)
        buyer.wait()


if __name__ == "__main__":
    main(Path(sys.argv[1]), sys.argv[2].split(","), sys.argv[3] if len(sys.argv) > 3 else None)
