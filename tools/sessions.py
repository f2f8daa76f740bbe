"""Which session ids exist: only the server issues them (128 random bits), and a request
naming an id it never issued is refused (``unknown_session``), never adopted. Carts,
orders, conversations and recommendations are all keyed on the session id, so an id a
client could choose ("alice", a customer's user id) would hand that shopper's cart and
history to whoever guessed it."""

from __future__ import annotations

import secrets
import time
from pathlib import Path

from catalog.state_database import Database, shared_or_own
from config import ErrorCode
from tools.errors import ToolError

_SCHEMA = """
CREATE TABLE IF NOT EXISTS issued_sessions (
    session_id TEXT PRIMARY KEY,
    issued_at DOUBLE PRECISION NOT NULL
);
"""


def new_session_id() -> str:
    """Unguessable (128 random bits, 22 URL-safe characters)."""
    return secrets.token_urlsafe(16)


def redacted(session_id: str) -> str:
    """A session id as logs may print it: enough to correlate, too little to use."""
    return session_id[:4] + "…" if len(session_id) > 4 else "…"


class SessionRegistry:
    """The issued ids, in the state database (the catalog's SQLite file, or PostgreSQL
    shared by every API worker: an id issued by one worker is known to all)."""

    def __init__(self, database: Database | Path) -> None:
        self._db, self._owns_db = shared_or_own(database)
        self._db.ensure_schema(_SCHEMA)

    def issue(self) -> str:
        session_id = new_session_id()
        with self._db.transaction() as tx:
            tx.execute("INSERT INTO issued_sessions VALUES (?,?)", (session_id, time.time()))
        return session_id

    def exists(self, session_id: str) -> bool:
        return self._db.fetchone("SELECT 1 FROM issued_sessions WHERE session_id=?", (session_id,)) is not None

    def require(self, session_id: str) -> str:
        """``session_id`` if this server issued it, else ``unknown_session`` (HTTP 404)."""
        if not self.exists(session_id):
            raise ToolError(
                ErrorCode.unknown_session,
                "There is no such session; start a new conversation (send no "
                "session_id) or create one with POST /v1/sessions.",
            )
        return session_id

    def close(self) -> None:
        if self._owns_db:
            self._db.close()
