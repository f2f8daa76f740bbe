"""Exposures: which session saw which variant of which experiment, on which response, and
how long that response took. Logged only when a variant actually shaped a response (the
request read a setting the experiment varies, ``config.experiments.per_request``), so the
report counts sessions that were treated, not merely assigned.

Stored in the state database (the SQLite file or PostgreSQL) beside orders and events, so
that ``atelier experiments report`` joins them in one place and every API worker writes
to the same table."""

from __future__ import annotations

import contextvars
import logging
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

from catalog.state_database import Database, shared_or_own
from config.experiments import ExperimentPlan, Serving

T = TypeVar("T")

log = logging.getLogger(__name__)

SCHEMA = """
CREATE TABLE IF NOT EXISTS experiment_exposures (
    experiment TEXT NOT NULL,
    variant TEXT NOT NULL,
    session_id TEXT NOT NULL,
    unit_id TEXT NOT NULL,
    surface TEXT NOT NULL,
    latency_ms DOUBLE PRECISION NOT NULL,
    created_at DOUBLE PRECISION NOT NULL
);
CREATE INDEX IF NOT EXISTS experiment_exposures_by_experiment ON experiment_exposures (experiment, session_id)
"""


class ExposureStore:
    """The exposures table over ``database`` (a path opens its own SQLite connection)."""

    def __init__(self, database: Database | Path) -> None:
        self.db, self._owns_db = shared_or_own(database)
        self.db.ensure_schema(SCHEMA)

    def log(self, serving: Serving, session_id: str, surface: str, latency_ms: float) -> None:
        """One row per experiment that shaped the response, stamped with the time the
        response began (the impressions it recorded are then on or after the exposure)."""
        began = time.time() - latency_ms / 1e3
        rows = [
            (a.experiment, a.variant, session_id, serving.unit_id, surface, latency_ms, began) for a in serving.shaped()
        ]
        if rows:
            with self.db.transaction() as tx:
                tx.executemany(
                    "INSERT INTO experiment_exposures "
                    "(experiment, variant, session_id, unit_id, surface, latency_ms, created_at) "
                    "VALUES (?,?,?,?,?,?,?)",
                    rows,
                )

    def rows(self, experiment: str) -> list[tuple[str, str, float, float]]:
        """(session_id, variant, latency_ms, created_at) of every exposure, oldest first."""
        return self.db.fetchall(
            "SELECT session_id, variant, latency_ms, created_at FROM experiment_exposures "
            "WHERE experiment=? ORDER BY created_at",
            (experiment,),
        )

    def close(self) -> None:
        if self._owns_db:
            self.db.close()


class Experiments:
    """The running experiments and their exposure log: serve a request under a session's
    variants, and log an exposure for each experiment that shaped it."""

    def __init__(self, plan: ExperimentPlan, database: Database | Path) -> None:
        self.plan = plan
        self.exposures = ExposureStore(database)

    @contextmanager
    def serving(self, session_id: str, surface: str, customer_id: str | None = None) -> Iterator[Serving]:
        """Serve one response of ``surface`` (search, chat, recommendations) for a session
        (assigned by ``customer_id`` when the store identifies the shopper, so a customer
        keeps one variant across visits). Exposures are logged on success, with the time
        spent inside the block; a failed request logs none."""
        started = time.perf_counter()
        with self.plan.serving(customer_id or session_id) as serving:
            yield serving
        self.exposures.log(serving, session_id, surface, (time.perf_counter() - started) * 1e3)

    def stream(
        self, session_id: str, surface: str, start: Callable[[], Iterator[T]], customer_id: str | None = None
    ) -> tuple[Serving, Iterator[T]]:
        """A streamed response (chat over SSE) under the session's variants: every step of
        ``start()``'s iterator runs in one copied context that holds them (the server runs
        the steps on different threads), and the exposures are logged once the stream ends."""
        started = time.perf_counter()
        context = contextvars.copy_context()
        serving = context.run(self.plan.enter, customer_id or session_id)
        events = context.run(start)

        def steps() -> Iterator[T]:
            while True:
                try:
                    item = context.run(next, events)
                except StopIteration:
                    break
                yield item
            self.exposures.log(serving, session_id, surface, (time.perf_counter() - started) * 1e3)

        return serving, steps()

    def close(self) -> None:
        self.exposures.close()
