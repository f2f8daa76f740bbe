"""What shoppers do, stored: views, clicks, cart adds and removals, purchases and
dismissals sent by the widget or the store (``POST /v1/events``), and the impressions the
server records itself when it shows products (search, chat, recommendations).

Why one append-only table in the state database (SQLite or PostgreSQL): a session's next
request reads its own recent events back (real-time interest, ``tools/interest.py``), and
every worker must see every other worker's events, which the carts' database already
guarantees. A batch is stored in one transaction (all or nothing); each session keeps only
its newest ``per_session`` events (a rolling window: storage stays bounded, and interest
only reads recent events anyway)."""

from __future__ import annotations

import time
from collections.abc import Sequence
from enum import StrEnum
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from catalog.state_database import Database, shared_or_own

MAX_BATCH = 100  # events per request


class EventType(StrEnum):
    """What the shopper did with a product."""

    view = "view"
    click = "click"
    add_to_cart = "add_to_cart"
    remove_from_cart = "remove_from_cart"
    purchase = "purchase"
    dismiss = "dismiss"


IMPRESSION = "impression"  # recorded by the server when it shows a product; never accepted from clients


class EventSource(StrEnum):
    """Which list the product was in when the shopper acted on it."""

    search = "search"
    chat = "chat"
    recommendation = "recommendation"
    outfit = "outfit"


class ShopperEvent(BaseModel):
    """One thing a shopper did (CONTRACT.md's event object)."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {"session_id": "Qm9vdHMgYW5kIGhhdHM", "type": "click", "product_id": "15970", "position": 2},
                {
                    "session_id": "Qm9vdHMgYW5kIGhhdHM",
                    "type": "add_to_cart",
                    "product_id": "15970",
                    "position": 1,
                    "source": "recommendation",
                },
            ]
        },
    )

    session_id: str = Field(min_length=8, max_length=64, pattern=r"^[A-Za-z0-9_-]+$")
    type: EventType
    product_id: str = Field(pattern=r"^[0-9]{1,12}$", description="A catalog product id.")
    position: int | None = Field(
        default=None, ge=1, le=1000, description="1-based position in the list it was shown in."
    )
    source: EventSource | None = Field(default=None, description="The list it was shown in.")


class EventBatch(BaseModel):
    """Several events in one request: stored together or not at all."""

    model_config = ConfigDict(extra="forbid")

    events: list[ShopperEvent] = Field(min_length=1, max_length=MAX_BATCH)


class EventsAccepted(BaseModel):
    accepted: int = Field(description="How many events were stored (all of the request's).")
    kept_per_session: int = Field(
        description="Each session keeps its newest this many events (impressions included); older ones are dropped."
    )


class StoredEvent(BaseModel):
    """An event as read back, oldest first."""

    type: str
    product_id: str
    position: int | None = None
    source: str | None = None
    at: float


def _schema(dialect: str) -> str:
    key = "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY" if dialect == "postgresql" else "INTEGER PRIMARY KEY"
    return f"""
CREATE TABLE IF NOT EXISTS shopper_events (
    event_id {key},
    session_id TEXT NOT NULL,
    type TEXT NOT NULL,
    product_id TEXT NOT NULL,
    position INTEGER,
    source TEXT,
    created_at DOUBLE PRECISION NOT NULL
);
CREATE INDEX IF NOT EXISTS shopper_events_session ON shopper_events (session_id, event_id);
CREATE INDEX IF NOT EXISTS shopper_events_time ON shopper_events (created_at)
"""


Row = tuple[str, str, str, int | None, str | None]  # session_id, type, product_id, position, source


class EventStore:
    """The events table over ``database`` (a path opens its own SQLite connection; a shared
    :class:`Database` is closed by its owner)."""

    def __init__(self, database: Database | Path, per_session: int = 1000) -> None:
        self._db, self._owns_db = shared_or_own(database)
        self._db.ensure_schema(_schema(self._db.dialect))
        self.per_session = per_session

    def record(self, events: Sequence[ShopperEvent], now: float | None = None) -> EventsAccepted:
        """Store a validated batch in one transaction, then trim each session it touched."""
        rows = [(e.session_id, e.type.value, e.product_id, e.position, e.source and e.source.value) for e in events]
        self._insert(rows, now)
        return EventsAccepted(accepted=len(rows), kept_per_session=self.per_session)

    def record_impressions(self, session_id: str, product_ids: Sequence[str], source: EventSource) -> None:
        """What the server showed this session, with each product's 1-based position."""
        rows = [(session_id, IMPRESSION, pid, n, source.value) for n, pid in enumerate(product_ids, 1)]
        if rows:
            self._insert(rows, None)

    def _insert(self, rows: Sequence[Row], now: float | None) -> None:
        at = time.time() if now is None else now
        with self._db.transaction() as tx:
            tx.executemany(
                "INSERT INTO shopper_events (session_id, type, product_id, position, source, created_at) "
                "VALUES (?,?,?,?,?,?)",
                [(*row, at) for row in rows],
            )
            for session_id in dict.fromkeys(row[0] for row in rows):
                tx.execute(
                    "DELETE FROM shopper_events WHERE session_id=? AND event_id NOT IN ("
                    "SELECT event_id FROM shopper_events WHERE session_id=? ORDER BY event_id DESC LIMIT ?)",
                    (session_id, session_id, self.per_session),
                )

    def recent(self, session_id: str, limit: int = 300) -> list[StoredEvent]:
        """The session's newest ``limit`` events, oldest first."""
        rows = self._db.fetchall(
            "SELECT type, product_id, position, source, created_at FROM shopper_events "
            "WHERE session_id=? ORDER BY event_id DESC LIMIT ?",
            (session_id, limit),
        )
        return [
            StoredEvent(type=t, product_id=p, position=pos, source=src, at=at) for t, p, pos, src, at in reversed(rows)
        ]

    def count(self, session_id: str) -> int:
        row = self._db.fetchone("SELECT COUNT(*) FROM shopper_events WHERE session_id=?", (session_id,))
        return int(row[0]) if row else 0

    def forget(self, session_ids: Sequence[str]) -> None:
        """Delete these sessions' events (a benchmark's simulated sessions)."""
        with self._db.transaction() as tx:
            tx.executemany("DELETE FROM shopper_events WHERE session_id=?", [(s,) for s in session_ids])

    def close(self) -> None:
        if self._owns_db:
            self._db.close()
