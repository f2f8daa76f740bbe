"""Durable conversation state in SQLite: what each session was shown, its last search,
the product in focus, and the shopper profile (sizes, gender shopped for, budget,
liked colours) used as soft preferences on later turns."""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path

from pydantic import BaseModel, Field

_SCHEMA = """
CREATE TABLE IF NOT EXISTS sessions (
    session_id TEXT PRIMARY KEY,
    state TEXT NOT NULL,
    updated_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS turns (
    session_id TEXT NOT NULL,
    turn INTEGER NOT NULL,
    role TEXT NOT NULL,
    text TEXT NOT NULL,
    created_at REAL NOT NULL,
    PRIMARY KEY (session_id, turn, role)
);
"""


class Profile(BaseModel):
    apparel_size: str | None = None
    shoe_size: str | None = None
    gender: str | None = None
    budget_max: float | None = None
    liked_colours: list[str] = Field(default_factory=list)
    excluded_brands: list[str] = Field(default_factory=list)


class SessionState(BaseModel):
    session_id: str
    turn: int = 0
    shown: list[str] = Field(default_factory=list, description="Product ids of the last list shown, in order.")
    focus: str | None = Field(default=None, description="The product the conversation is about.")
    last_query: str | None = None
    last_filters: dict = Field(default_factory=dict)
    last_k: int = 5
    seen: list[str] = Field(default_factory=list, description="Every product shown this session (views).")
    profile: Profile = Field(default_factory=Profile)


class SessionStore:
    def __init__(self, path: Path) -> None:
        self._lock = threading.Lock()
        self._conn = sqlite3.connect(path, check_same_thread=False, timeout=30)
        self._conn.execute("PRAGMA journal_mode=WAL")
        self._conn.executescript(_SCHEMA)

    def load(self, session_id: str) -> SessionState:
        with self._lock:
            row = self._conn.execute("SELECT state FROM sessions WHERE session_id=?", (session_id,)).fetchone()
        return SessionState.model_validate_json(row[0]) if row else SessionState(session_id=session_id)

    def save(self, state: SessionState, user_text: str, answer: str) -> None:
        now = time.time()
        with self._lock, self._conn:
            self._conn.execute("INSERT OR REPLACE INTO sessions VALUES (?,?,?)",
                               (state.session_id, state.model_dump_json(), now))
            self._conn.executemany("INSERT OR REPLACE INTO turns VALUES (?,?,?,?,?)", [
                (state.session_id, state.turn, "user", user_text, now),
                (state.session_id, state.turn, "assistant", answer, now)])

    def history(self, session_id: str) -> list[tuple[str, str]]:
        with self._lock:
            rows = self._conn.execute("SELECT role, text FROM turns WHERE session_id=? ORDER BY turn, role DESC",
                                      (session_id,)).fetchall()
        return [(r[0], r[1]) for r in rows]

    def close(self) -> None:
        self._conn.close()
