"""Carts, checkout, stock and sessions on both state backends, SQLite (the default) and a
real PostgreSQL server started for the test session: the same operations must give the
same results (congruence), and both must keep checkout's guarantees under concurrency and
kill -9 (one order per last unit, never negative stock, no half-written order)."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from pydantic import BaseModel

from agent.state import Profile, SessionState, SessionStore
from catalog import CatalogDB, load_catalog, simulate_commerce
from catalog.state_database import Database, PostgresDatabase
from config import Settings
from retrieval import ProductSearch, SearchFilters
from tests.buyer import buy_then_kill
from tools import ToolError, Toolkit
from tools.cart import CartStore, Order
from tools.sessions import new_session_id

N = 300
BACKENDS = ["sqlite", "postgresql"]


@pytest.fixture(scope="module")
def base_catalog(tmp_path_factory: pytest.TempPathFactory, catalog_dir: Path) -> Path:
    """A small SQLite catalog (no vectors needed: carts only read products and stock)."""
    path = tmp_path_factory.mktemp("state-base") / "atelier.sqlite3"
    db = CatalogDB(path)
    db.upsert_products(
        (p, simulate_commerce(p, 7)) for p in load_catalog(catalog_dir, limit=N, check_images=False).products
    )
    db.close()
    return path


class State:
    """One backend's catalog + carts + sessions, on a private copy of the base catalog."""

    def __init__(self, backend: str, sqlite_path: Path, url: str | None) -> None:
        self.backend = backend
        self.pg = PostgresDatabase(url) if url else None
        self.catalog = CatalogDB(sqlite_path, self.pg)
        self.carts = CartStore(self.pg or sqlite_path, self.catalog)
        self.sessions = SessionStore(self.pg or sqlite_path)
        self.database: Database = self.carts.db

    def close(self) -> None:
        self.sessions.close()
        self.carts.close()
        self.catalog.close()
        if self.pg:
            self.pg.close()


@pytest.fixture
def make_state(request: pytest.FixtureRequest, base_catalog: Path, tmp_path: Path):
    opened: list[State] = []

    def make(backend: str) -> State:
        copy = tmp_path / f"{backend}-{len(opened)}.sqlite3"
        shutil.copy(base_catalog, copy)
        url = request.getfixturevalue("postgres").create_database() if backend == "postgresql" else None
        opened.append(State(backend, copy, url))
        return opened[-1]

    yield make
    for state in opened:
        state.close()


def _pick(catalog: CatalogDB) -> tuple:
    """A product with a sold-out size and an in-stock one, and a One Size product with
    3-9 units (so that one unit too many is still a valid quantity)."""
    records = list(catalog.iter_records())
    sized = next(r for r in records if len(r.sizes_in_stock) >= 2 and any(u == 0 for u in r.stock.values()))
    one_size = next(r for r in records if r.sizes_in_stock == ["One Size"] and 3 <= r.stock["One Size"] <= 9)
    return sized, one_size


def _attempt(step: Callable[[], BaseModel]) -> dict:
    """A cart call's result (without its random ids) or its error code."""
    try:
        result = step()
    except ToolError as exc:
        return {"error": exc.code}
    return result.model_dump(exclude={"session_id", "order_id", "created_at", "cancellable_until"})


def _cart_scenario(state: State) -> list:
    """Every cart operation and error path, in one order, with its outcome."""
    sized, one_size = _pick(state.catalog)
    in_size = sized.sizes_in_stock[0]
    sold_out = next(s for s, u in sized.stock.items() if u == 0)
    session, other = new_session_id(), new_session_id()
    steps = [
        lambda: state.carts.checkout(session),
        lambda: state.carts.add(session, sized.id, None),
        lambda: state.carts.add(session, sized.id, "UK42"),
        lambda: state.carts.add(session, sized.id, sold_out),
        lambda: state.carts.add(session, sized.id, in_size, 11),
        lambda: state.carts.add(session, "no-such-product", in_size),
        lambda: state.carts.add(session, sized.id, in_size),
        lambda: state.carts.add(session, one_size.id, "One Size", 2),
        lambda: state.carts.add(session, one_size.id, "One Size", 1),
        lambda: state.carts.add(session, one_size.id, "One Size", one_size.stock["One Size"] - 2),  # 1 too many
        lambda: state.carts.remove(session, "no-such-product"),
        lambda: state.carts.view(other),
        lambda: state.carts.remove(session, sized.id, in_size),
        lambda: state.carts.add(session, sized.id, in_size),
        lambda: state.carts.checkout(session),
        lambda: state.carts.view(session),
        lambda: state.carts.checkout(session),
    ]
    before = {sized.id: sized.stock, one_size.id: one_size.stock}
    outcomes = [_attempt(step) for step in steps]
    after = state.catalog.get_records([sized.id, one_size.id])
    return [before, *outcomes, {pid: r.stock for pid, r in after.items()}]


def test_cart_operations_are_congruent(make_state) -> None:
    sqlite, postgres = make_state("sqlite"), make_state("postgresql")
    a, b = _cart_scenario(sqlite), _cart_scenario(postgres)
    assert a == b
    before, outcomes, after = a[0], a[1:-1], a[-1]
    assert [o.get("error") for o in outcomes[:6]] == [
        "empty_cart",
        "size_required",
        "size_not_carried",
        "out_of_stock",
        "invalid_quantity",
        "unknown_product",
    ]
    assert outcomes[8]["items"][1]["quantity"] == 3  # a repeated add increases the line
    assert outcomes[9] == {"error": "out_of_stock"} and outcomes[10] == {"error": "not_in_cart"}
    order = outcomes[14]
    assert len(order["lines"]) == 2 and outcomes[15]["items"] == [] and outcomes[16] == {"error": "empty_cart"}
    for line in order["lines"]:  # checkout took exactly the ordered units, on both backends
        assert after[line["product_id"]][line["size"]] == before[line["product_id"]][line["size"]] - line["quantity"]


def test_stock_shown_is_the_stock_checkout_decrements(make_state) -> None:
    for backend in BACKENDS:
        state = make_state(backend)
        _, product = _pick(state.catalog)
        before = product.stock["One Size"]
        session = new_session_id()
        state.carts.add(session, product.id, "One Size", 2)
        state.carts.checkout(session)
        assert state.catalog.get_record(product.id).stock["One Size"] == before - 2, backend
        reopened = CatalogDB(state.catalog.path, state.pg)  # a second worker sees the same stock
        assert reopened.get_record(product.id).stock["One Size"] == before - 2, backend


def test_sessions_are_congruent(make_state) -> None:
    loaded = {}
    for backend in BACKENDS:
        store = make_state(backend).sessions
        state = SessionState(
            session_id="s-1",
            turn=1,
            shown=["15970", "39386"],
            focus="15970",
            last_query="navy shirt",
            last_filters={"colour": ["Navy Blue"]},
            profile=Profile(apparel_size="M", liked_colours=["Navy Blue"]),
        )
        store.save(state, "navy shirt", "Here are two shirts.")
        state.turn = 2
        store.save(state, "the first one", "It costs 999.")
        store.save(state, "the first one", "It costs 999 (repeated turn overwrites).")
        loaded[backend] = (store.load("s-1"), store.history("s-1"), store.load("unknown"))
    assert loaded["sqlite"] == loaded["postgresql"]
    state, history, unknown = loaded["postgresql"]
    assert state.turn == 2 and state.profile.apparel_size == "M"
    assert history == [
        ("user", "navy shirt"),
        ("assistant", "Here are two shirts."),
        ("user", "the first one"),
        ("assistant", "It costs 999 (repeated turn overwrites)."),
    ]
    assert unknown.turn == 0 and unknown.shown == []


def _race(calls: list[Callable[[], Order]]) -> list[str]:
    """Run the calls at the same instant; their results or error codes."""
    barrier, outcomes, lock = threading.Barrier(len(calls)), [], threading.Lock()

    def run(call: Callable[[], Order]) -> None:
        barrier.wait()
        try:
            outcome = call().order_id
        except ToolError as exc:
            outcome = exc.code
        with lock:
            outcomes.append(outcome)

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


@pytest.mark.parametrize("backend", BACKENDS)
def test_eight_shoppers_race_for_the_last_unit(make_state, backend: str) -> None:
    state = make_state(backend)
    _, product = _pick(state.catalog)
    state.catalog.set_stock(product.id, "One Size", 1)
    sessions = [new_session_id() for _ in range(8)]
    # SQLite: a connection per shopper (as separate workers); PostgreSQL: one pool
    stores = (
        [CartStore(state.catalog.path, state.catalog) for _ in sessions]
        if backend == "sqlite"
        else [state.carts] * len(sessions)
    )
    for store, session in zip(stores, sessions):
        store.add(session, product.id, "One Size")
    outcomes = _race([lambda s=store, sid=session: s.checkout(sid) for store, session in zip(stores, sessions)])
    if backend == "sqlite":
        for store in stores:
            store.close()
    assert sum(o.startswith("ord_") for o in outcomes) == 1, outcomes
    assert outcomes.count("out_of_stock") == 7
    assert state.catalog.get_record(product.id).stock["One Size"] == 0
    lines = state.database.fetchone("SELECT COUNT(*) FROM order_lines WHERE product_id=?", (product.id,))
    assert lines[0] == 1


@pytest.mark.parametrize("backend", BACKENDS)
def test_one_cart_checked_out_twice_at_once_is_one_order(make_state, backend: str) -> None:
    """A double-clicked "buy": the cart becomes one order, stock is taken once."""
    state = make_state(backend)
    _, product = _pick(state.catalog)
    before = product.stock["One Size"]
    session = new_session_id()
    state.carts.add(session, product.id, "One Size")
    second = CartStore(state.catalog.path, state.catalog) if backend == "sqlite" else state.carts
    outcomes = _race([lambda: state.carts.checkout(session), lambda: second.checkout(session)])
    if second is not state.carts:
        second.close()
    assert sum(o.startswith("ord_") for o in outcomes) == 1, outcomes
    assert set(outcomes) - {o for o in outcomes if o.startswith("ord_")} <= {"cart_changed", "empty_cart"}
    assert state.catalog.get_record(product.id).stock["One Size"] == before - 1


def _ordered_units(state: State, session: str) -> int:
    row = state.database.fetchone(
        "SELECT COALESCE(SUM(l.quantity), 0) FROM order_lines l JOIN orders o "
        "ON o.order_id = l.order_id WHERE o.session_id=?",
        (session,),
    )
    return int(row[0])


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_quantity_added_during_checkout_is_never_lost(make_state, backend: str) -> None:
    """A shopper raises a line's quantity while the same cart checks out (two tabs): the
    unit ends up ordered or still in the cart, never silently dropped. Checkout reads
    the cart's rows inside its transaction, locked, not before it."""
    state = make_state(backend)
    _, product = _pick(state.catalog)
    state.catalog.set_stock(product.id, "One Size", 10_000)
    other = CartStore(state.catalog.path, state.catalog) if backend == "sqlite" else state.carts
    try:
        for _ in range(40):
            session = new_session_id()
            state.carts.add(session, product.id, "One Size")
            added: list[bool] = []

            def add_one(sid: str = session, added: list[bool] = added) -> Order:
                other.add(sid, product.id, "One Size")
                added.append(True)
                return Order(order_id="add", session_id=sid, lines=[], total=0)

            _race([lambda sid=session: state.carts.checkout(sid), add_one])
            in_cart = sum(line.quantity for line in state.carts.view(session).items)
            assert _ordered_units(state, session) + in_cart == 1 + len(added), backend
    finally:
        if other is not state.carts:
            other.close()


def test_carts_locking_the_same_rows_in_opposite_orders_never_deadlock(make_state) -> None:
    """Two carts holding the same two products, added in opposite orders, check out at
    once: stock rows are locked in one (product, size) order, so PostgreSQL never has to
    break a deadlock (which would fail a shopper's checkout)."""
    state = make_state("postgresql")
    records = [r for r in state.catalog.iter_records() if r.sizes_in_stock == ["One Size"]][:2]
    for record in records:
        state.catalog.set_stock(record.id, "One Size", 10_000)
    for _ in range(25):
        first, second = new_session_id(), new_session_id()
        for session, order in ((first, records), (second, records[::-1])):
            for record in order:
                state.carts.add(session, record.id, "One Size")
        outcomes = _race([lambda a=first: state.carts.checkout(a), lambda b=second: state.carts.checkout(b)])
        assert len(outcomes) == 2 and all(o.startswith("ord_") for o in outcomes), outcomes


def test_stock_seeding_keeps_rows_postgres_already_owns(postgres, base_catalog: Path, tmp_path: Path) -> None:
    """First start copies SQLite's stock; a later start (another worker, or the catalog
    file re-shipped with its original stock) never resets what checkouts changed."""
    url, copy = postgres.create_database(), tmp_path / "atelier.sqlite3"
    shutil.copy(base_catalog, copy)
    first = CatalogDB(copy, PostgresDatabase(url), owns_commerce=True)
    sqlite_only = CatalogDB(copy)
    product = next(r for r in sqlite_only.iter_records() if r.in_stock)
    size = product.sizes_in_stock[0]
    assert first.get_record(product.id).stock == product.stock
    first.set_stock(product.id, size, 0)
    second = CatalogDB(copy, PostgresDatabase(url), owns_commerce=True)
    try:
        assert second.get_record(product.id).stock[size] == 0
        assert sqlite_only.get_record(product.id).stock[size] == product.stock[size]  # SQLite's copy is untouched
        assert second.commerce.fetchone("SELECT COUNT(DISTINCT product_id) FROM stock")[0] == N
    finally:
        for db in (first, second, sqlite_only):
            db.close()


def test_postgres_mode_end_to_end_through_toolkit_and_assistant(postgres, search: ProductSearch) -> None:
    """ATELIER_DATABASE_URL switches stock, carts and sessions to PostgreSQL: search shows
    PostgreSQL's stock, checkout decrements it, the conversation is stored there."""
    from agent.assistant import Assistant

    settings = search.settings.model_copy(update={"database_url": postgres.create_database()})
    pg_search = ProductSearch(settings, CatalogDB.from_settings(settings), search.store, search.embedder, search.sparse)
    kit = Toolkit(pg_search)
    assistant = Assistant(kit)
    try:
        reply = assistant.chat("a watch for women")
        assert reply.products and assistant.sessions is not None
        saved = pg_search.db.commerce.fetchone("SELECT state FROM sessions WHERE session_id=?", (reply.session_id,))
        assert saved is not None
        watch = next(p for p in reply.products if p.sizes_in_stock == ["One Size"])
        kit.add_to_cart(reply.session_id, watch.id, "One Size")
        kit.checkout(reply.session_id)
        units = pg_search.db.commerce.fetchone(
            "SELECT units FROM stock WHERE product_id=? AND size='One Size'", (watch.id,)
        )[0]
        shown = pg_search.search("watch for women", k=50, filters=SearchFilters(article_type="Watches"))
        assert next(r for r in shown.results if r.id == watch.id).stock["One Size"] == units
        assert search.db.get_record(watch.id).stock["One Size"] == units + 1  # SQLite left as it was
    finally:
        assistant.close()
        kit.close()
        pg_search.db.close()


def test_kill_9_during_postgres_checkouts_loses_nothing(make_state) -> None:
    """Two buyer processes are killed mid-checkout: units sold (initial - now) equal the
    units in the recorded order lines, exactly, per product and in total; no order without
    lines or lines without an order; every line is one buyer's single unit."""
    state = make_state("postgresql")
    ids = [r.id for r in state.catalog.iter_records() if r.sizes_in_stock == ["One Size"]][:4]
    before = {pid: state.catalog.get_record(pid).stock["One Size"] for pid in ids}
    buy_then_kill(state.catalog.path, ids, seconds=2, url=state.pg.url)
    db = state.database
    sold = dict(db.fetchall("SELECT product_id, SUM(quantity) FROM order_lines GROUP BY product_id"))
    after = {pid: state.catalog.get_record(pid).stock["One Size"] for pid in ids}
    assert sum(sold.values()) > 0  # the buyers really bought
    assert db.fetchone("SELECT COUNT(*) FROM order_lines WHERE order_id NOT IN (SELECT order_id FROM orders)")[0] == 0
    assert db.fetchone("SELECT COUNT(*) FROM orders WHERE order_id NOT IN (SELECT order_id FROM order_lines)")[0] == 0
    assert db.fetchone("SELECT COUNT(*) FROM order_lines WHERE quantity != 1")[0] == 0
    assert set(sold) <= set(ids)
    assert {pid: before[pid] - after[pid] for pid in ids} == {pid: sold.get(pid, 0) for pid in ids}


def test_settings_select_the_backend(postgres, tmp_path: Path, base_catalog: Path) -> None:
    shutil.copy(base_catalog, tmp_path / "atelier.sqlite3")
    default = CatalogDB.from_settings(Settings(data_dir=tmp_path))
    pg = CatalogDB.from_settings(Settings(data_dir=tmp_path, database_url=postgres.create_database()))
    try:
        assert default.commerce is None
        assert pg.commerce is not None and pg.commerce.dialect == "postgresql"
        with pytest.raises(ValueError):
            CartStore(pg.commerce, default)  # PostgreSQL carts need the catalog whose stock is there
    finally:
        default.close()
        pg.close()


def test_http_api_on_postgres(postgres, search: ProductSearch) -> None:
    """The real app over HTTP with ATELIER_DATABASE_URL: ready (both backends answer), and a
    cart bought through the API takes its unit from PostgreSQL's stock."""
    import httpx

    from server import create_app
    from tests.server_helpers import LiveServer

    settings = search.settings.model_copy(update={"database_url": postgres.create_database()})
    pg_search = ProductSearch(settings, CatalogDB.from_settings(settings), search.store, search.embedder, search.sparse)
    try:
        with (
            LiveServer(create_app(settings, search=pg_search)) as server,
            httpx.Client(base_url=server.url, timeout=60) as http,
        ):
            assert http.get("/readyz").json() == {
                "status": "ready",
                "indexed": search.store.count(),
                "state": "postgresql",
            }
            _, product = _pick(pg_search.db)
            session = http.post("/v1/sessions").json()["session_id"]
            added = http.post(f"/v1/cart/{session}/items", json={"product_id": product.id, "size": "One Size"})
            assert added.status_code == 200, added.text
            order = http.post(f"/v1/cart/{session}/checkout")
            assert order.status_code == 200 and order.json()["order_id"].startswith("ord_")
            assert http.get(f"/v1/products/{product.id}").json()["stock"]["One Size"] == product.stock["One Size"] - 1
    finally:
        pg_search.db.close()


def test_postgres_outage_is_a_503_kind_of_error_and_heals() -> None:
    """PostgreSQL crash-stopped: the stores raise StateUnavailable (the API's 503
    ``state_unavailable``), nothing half-written; restarted: the same pool serves again and
    every committed session is still there."""
    from catalog.state_database import StateUnavailable
    from tests.pg_server import TemporaryPostgres, unavailable_reason

    if unavailable_reason():
        pytest.skip(unavailable_reason())
    with TemporaryPostgres() as server:
        db = PostgresDatabase(server.create_database(), timeout_s=2)
        sessions = SessionStore(db)
        try:
            sessions.save(SessionState(session_id="kept", turn=1), "hello", "Hi.")
            server.stop_server("immediate")
            with pytest.raises(StateUnavailable):
                sessions.save(SessionState(session_id="lost", turn=1), "hello", "Hi.")
            with pytest.raises(StateUnavailable):
                sessions.load("kept")
            server.start_server()
            state = None
            for _ in range(10):  # at most one failure per stale pooled connection, each then dropped
                try:
                    state = sessions.load("kept")
                    break
                except StateUnavailable:
                    continue
            assert state is not None, "the pool did not recover"
            assert state.turn == 1 and sessions.history("kept") == [("user", "hello"), ("assistant", "Hi.")]
            assert sessions.load("lost").turn == 0  # the failed save left nothing behind
        finally:
            db.close()
