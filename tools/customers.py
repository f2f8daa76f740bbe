"""Shoppers the store identifies, across visits: the store signs an opaque customer id into
a short-lived token (JWT, HS256, with the secret ``ATELIER_CUSTOMER_TOKEN_SECRET`` it shares
with Atelier), and a session started with that token is linked to the customer. What the
shopper told the assistant (sizes, gender shopped for, budget, liked colours) is kept per
customer and starts their next session.

Why a signed token rather than a customer id in the request: an id a client could simply
name would hand one shopper's profile to whoever knows it, the very thing server-issued
session ids prevent. Anonymous sessions stay anonymous: nothing links them to anyone."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import jwt

from catalog.state_database import Database, shared_or_own
from config import ErrorCode
from tools.errors import ToolError

_SCHEMA = """
CREATE TABLE IF NOT EXISTS session_customers (
    session_id TEXT PRIMARY KEY,
    customer_id TEXT NOT NULL,
    linked_at DOUBLE PRECISION NOT NULL
);
CREATE TABLE IF NOT EXISTS customer_profiles (
    customer_id TEXT PRIMARY KEY,
    profile TEXT NOT NULL,
    updated_at DOUBLE PRECISION NOT NULL
);
"""

MAX_CUSTOMER_ID = 128


def customer_of_token(token: str, secret: str | None) -> str:
    """The customer id a valid token names; ``invalid_customer_token`` (401) for a token that
    is malformed, badly signed, expired or has no subject, and when no secret is configured
    (the store has not set up identified shoppers)."""
    if not secret:
        raise ToolError(
            ErrorCode.invalid_customer_token,
            "This store does not identify shoppers (no customer token secret is configured).",
        )
    try:
        claims = jwt.decode(token, secret, algorithms=["HS256"], options={"require": ["sub", "exp"]})
    except jwt.PyJWTError as exc:
        raise ToolError(ErrorCode.invalid_customer_token, f"The customer token is not valid: {exc}.") from exc
    customer = claims["sub"]
    if not isinstance(customer, str) or not 0 < len(customer) <= MAX_CUSTOMER_ID:
        raise ToolError(ErrorCode.invalid_customer_token, "The customer token's subject is not a customer id.")
    return customer


class CustomerProfiles:
    """Which sessions belong to which identified customer, and each customer's profile, in
    the state database (SQLite file or PostgreSQL, shared by every API worker)."""

    def __init__(self, database: Database | Path) -> None:
        self._db, self._owns_db = shared_or_own(database)
        self._db.ensure_schema(_SCHEMA)

    def link(self, session_id: str, customer_id: str) -> None:
        with self._db.transaction() as tx:
            tx.execute("INSERT INTO session_customers VALUES (?,?,?)", (session_id, customer_id, time.time()))

    def customer_of(self, session_id: str) -> str | None:
        row = self._db.fetchone("SELECT customer_id FROM session_customers WHERE session_id=?", (session_id,))
        return str(row[0]) if row else None

    def profile(self, customer_id: str) -> dict[str, Any] | None:
        row = self._db.fetchone("SELECT profile FROM customer_profiles WHERE customer_id=?", (customer_id,))
        return dict(json.loads(row[0])) if row else None

    def save_profile(self, customer_id: str, profile: dict[str, Any]) -> None:
        with self._db.transaction() as tx:
            tx.execute(
                "INSERT INTO customer_profiles VALUES (?,?,?) ON CONFLICT (customer_id) "
                "DO UPDATE SET profile=excluded.profile, updated_at=excluded.updated_at",
                (customer_id, json.dumps(profile), time.time()),
            )

    def close(self) -> None:
        if self._owns_db:
            self._db.close()
