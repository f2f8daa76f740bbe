"""What an experiment's sessions did, read from the state database: the one place that
knows the tables of exposures (``tools/experiments.py``), shopper events
(``tools/events.py``: impressions, clicks, cart adds) and orders (``tools/cart.py``).

Only what a session did from its first exposure on counts (a triggered analysis: before
it the variant had shaped nothing). A session seen in two variants (the experiments file
changed its split mid-run) is left out and counted, never silently mixed."""

from __future__ import annotations

from collections import defaultdict

from pydantic import BaseModel, Field

from catalog.state_database import Database


class SessionOutcome(BaseModel):
    """One exposed session's outcome."""

    session_id: str
    variant: str
    first_exposed: float = 0.0
    impressions: int = 0
    clicks: int = 0
    add_to_cart: bool = False
    ordered: bool = False
    revenue: float = 0.0
    latencies_ms: list[float] = Field(default_factory=list, description="Each exposed response's latency.")


class ExperimentData(BaseModel):
    """An experiment's exposed sessions, in the order they were first exposed."""

    sessions: list[SessionOutcome]
    mixed_sessions: int = Field(default=0, description="Sessions exposed to more than one variant (left out).")


_FIRST = (
    "SELECT session_id, MIN(created_at) AS first_at FROM experiment_exposures WHERE experiment=? GROUP BY session_id"
)


def ensure_tables(db: Database) -> None:
    """The tables read here, created as their stores create them (an empty database, or
    one no API process has opened yet, reads as "no sessions" rather than failing)."""
    from tools import cart, events, experiments

    db.ensure_schema(experiments.SCHEMA)
    db.ensure_schema(events._schema(db.dialect))
    db.ensure_schema(cart._SCHEMA)


def load_experiment_data(db: Database, experiment: str) -> ExperimentData:
    """Every exposed session of ``experiment`` with its post-exposure events and orders."""
    ensure_tables(db)
    exposures = db.fetchall(
        "SELECT session_id, variant, latency_ms, created_at FROM experiment_exposures WHERE experiment=?",
        (experiment,),
    )
    variants: dict[str, set[str]] = defaultdict(set)
    first: dict[str, float] = {}
    latencies: dict[str, list[float]] = defaultdict(list)  # by session
    for session_id, variant, latency_ms, at in exposures:
        variants[session_id].add(variant)
        first[session_id] = min(at, first.get(session_id, at))
        latencies[session_id].append(float(latency_ms))
    mixed = {s for s, v in variants.items() if len(v) > 1}
    sessions = {
        s: SessionOutcome(session_id=s, variant=next(iter(v)), first_exposed=first[s], latencies_ms=latencies[s])
        for s, v in variants.items()
        if s not in mixed
    }
    for session_id, kind, count in db.fetchall(
        f"SELECT e.session_id, e.type, COUNT(*) FROM shopper_events e JOIN ({_FIRST}) f "
        "ON e.session_id = f.session_id WHERE e.created_at >= f.first_at GROUP BY e.session_id, e.type",
        (experiment,),
    ):
        outcome = sessions.get(session_id)
        if outcome is None:
            continue
        if kind == "impression":
            outcome.impressions = int(count)
        elif kind == "click":
            outcome.clicks = int(count)
        elif kind == "add_to_cart":
            outcome.add_to_cart = True
    for session_id, revenue in db.fetchall(
        "SELECT o.session_id, SUM(l.quantity * l.unit_price) FROM orders o "
        f"JOIN ({_FIRST}) f ON o.session_id = f.session_id "
        "JOIN order_lines l ON l.order_id = o.order_id "
        "WHERE o.created_at >= f.first_at "
        "AND o.order_id NOT IN (SELECT order_id FROM order_cancellations) "
        "GROUP BY o.session_id",
        (experiment,),
    ):
        outcome = sessions.get(session_id)
        if outcome is not None:
            outcome.ordered, outcome.revenue = True, float(revenue)
    return ExperimentData(
        sessions=sorted(sessions.values(), key=lambda o: o.first_exposed),
        mixed_sessions=len(mixed),
    )
