"""Durable conversation state in SQLite (or PostgreSQL, shared by every API worker, with
``ATELIER_DATABASE_URL``): what each session was shown, its last search, the product in
focus, and the shopper profile (sizes, gender shopped for, budget, liked colours) used as
soft preferences on later turns."""

from __future__ import annotations

import time
from pathlib import Path

from pydantic import BaseModel, Field

from catalog.state_database import Database, shared_or_own
from tools.interest import Preferences

_SCHEMA = """
CREATE TABLE IF NOT EXISTS sessions (
    session_id TEXT PRIMARY KEY,
    state TEXT NOT NULL,
    updated_at DOUBLE PRECISION NOT NULL
);
CREATE TABLE IF NOT EXISTS turns (
    session_id TEXT NOT NULL,
    turn INTEGER NOT NULL,
    role TEXT NOT NULL,
    text TEXT NOT NULL,
    created_at DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (session_id, turn, role)
);
"""


class Profile(BaseModel):
    apparel_size: str | None = None
    shoe_size: str | None = None
    gender: str | None = None
    budget_max: float | None = None
    budget_min: float | None = Field(
        default=None, description="The lower end of an approximate budget ('around 3k'), kept with budget_max."
    )
    liked_colours: list[str] = Field(default_factory=list)

    def preferences(self) -> Preferences:
        """Every field as a soft preference for recommendations (``tools/interest.py``);
        chat searches also use gender, sizes and budget as filters (``agent/rules.py``)."""
        return Preferences(**self.model_dump())


class SessionState(BaseModel):
    session_id: str
    turn: int = 0
    shown: list[str] = Field(default_factory=list, description="Product ids of the last list shown, in order.")
    focus: str | None = Field(default=None, description="The product the conversation is about.")
    listed: list[str] = Field(
        default_factory=list,
        description="The last list of two or more products: 'the 2nd one' said after a single product "
        "was shown means the second of that list.",
    )
    last_query: str | None = None
    size_asked: str | None = Field(
        default=None, description="The product the last add to the cart asked a size for: 'S' alone answers it."
    )
    last_filters: dict = Field(default_factory=dict)
    last_k: int = 5
    last_sort: str | None = Field(
        default=None,
        description="The order the last list was shown in ('price_asc' for 'cheapest first'): 'show more' "
        "and a narrowing of the same search keep it.",
    )
    searches: list[dict] = Field(
        default_factory=list,
        description="The last few searches shown (query and filters), oldest first: 'the yellow ones were "
        "better, bring them back' shows one again.",
    )
    last_needs: list[dict] = Field(
        default_factory=list,
        description="Each need's filters when the last turn "
        "searched several ('a belt and shoes'): 'just the shoes' narrows to one.",
    )
    shopper_gender: str | None = Field(
        default=None,
        description="The shopper's own gender as their words implied it ('a bag for my wife': Men): "
        "'a watch for myself' later is a man's.",
    )
    needs_queries: list[str] = Field(
        default_factory=list,
        description="The query each of last_needs was searched with: a need kept as it was ('papa's are "
        "fine') is searched again with it, so the same things come back.",
    )
    needs_whose: list[str | None] = Field(
        default_factory=list,
        description="Whom each of last_needs is for, as named ('father', 'didi'): 'didi ka same rehne do' "
        "keeps hers, 'mumma wale under 800' changes only hers.",
    )
    several_needs: list[dict] = Field(
        default_factory=list,
        description="Each need's filters of the last search for several things at once, kept while the "
        "shopper takes them one at a time ('just the tees under 500', then 'and now the jeans').",
    )
    seen: list[str] = Field(default_factory=list, description="Every product shown this session (views).")
    look: list[str] = Field(
        default_factory=list,
        description="The pieces of the last looks, after the list they were built around ('the second tshirt').",
    )
    looks: list[list[str]] = Field(
        default_factory=list, description="Each look shown last, its pieces: 'add the first look to my cart' adds them."
    )
    look_totals: list[float] = Field(
        default_factory=list, description="The totals of the last looks shown: 'something cheaper' goes below them."
    )
    look_sizes: list[str] = Field(
        default_factory=list,
        description="The sizes the last looks were built in (apparel, footwear): 'add the 1st kurta' adds it in them.",
    )
    last_request: dict = Field(
        default_factory=dict,
        description="The last turn's typed request: 'and for the fourth?' asks it again about another product.",
    )
    before_aside: dict = Field(
        default_factory=dict,
        description="The request before a store question asked in between: 'make the clutch gold' after "
        "'can she swap the size?' still edits the look before it.",
    )
    pending_order: str | None = Field(
        default=None,
        description="The confirmation code of the order summary "
        "shown last turn: only a clear yes to it, next, places the order.",
    )
    last_order: str | None = Field(default=None, description="The order placed in this session, for 'cancel it'.")
    profile: Profile = Field(default_factory=Profile)

    def show(self, product_ids: list[str]) -> None:
        """``product_ids`` are the list shown now ("the second one" means its second), and
        seen (the session's last 200 views)."""
        self.shown = list(product_ids)
        self.seen = list(dict.fromkeys(self.seen + self.shown))[-200:]


class SessionStore:
    """Sessions over ``database``: a path opens its own SQLite connection; a shared
    :class:`Database` (PostgreSQL) is closed by its owner."""

    def __init__(self, database: Database | Path) -> None:
        self._db, self._owns_db = shared_or_own(database)
        self._db.ensure_schema(_SCHEMA)

    def load(self, session_id: str) -> SessionState:
        row = self._db.fetchone("SELECT state FROM sessions WHERE session_id=?", (session_id,))
        return SessionState.model_validate_json(row[0]) if row else SessionState(session_id=session_id)

    def save(self, state: SessionState, user_text: str, answer: str) -> None:
        """The state and both sides of the turn in one transaction (all or nothing)."""
        now = time.time()
        with self._db.transaction() as tx:
            tx.execute(
                "INSERT INTO sessions VALUES (?,?,?) ON CONFLICT (session_id) "
                "DO UPDATE SET state=excluded.state, updated_at=excluded.updated_at",
                (state.session_id, state.model_dump_json(), now),
            )
            tx.executemany(
                "INSERT INTO turns VALUES (?,?,?,?,?) ON CONFLICT (session_id, turn, role) "
                "DO UPDATE SET text=excluded.text, created_at=excluded.created_at",
                [
                    (state.session_id, state.turn, "user", user_text, now),
                    (state.session_id, state.turn, "assistant", answer, now),
                ],
            )

    def history(self, session_id: str) -> list[tuple[str, str]]:
        rows = self._db.fetchall(
            "SELECT role, text FROM turns WHERE session_id=? ORDER BY turn, role DESC", (session_id,)
        )
        return [(r[0], r[1]) for r in rows]

    def close(self) -> None:
        if self._owns_db:
            self._db.close()
