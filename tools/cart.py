"""Carts and orders in the database that holds stock (the catalog's SQLite file, or
PostgreSQL with ``ATELIER_DATABASE_URL``), so that checkout can decrement stock in the
same transaction as it records the order: two shoppers checking out the last unit at
once -> exactly one order, never negative stock. Carts survive restarts.

An order is placed only against a summary the shopper saw: ``review`` returns the lines,
delivery and total with a ``confirmation`` code (a digest of exactly that cart), and
``checkout`` with that code fails with ``cart_changed`` if the cart is no longer what was
confirmed. Orders can be cancelled within a window, which puts their units back."""

from __future__ import annotations

import hashlib
import secrets
import time
from collections.abc import Callable
from pathlib import Path
from typing import Literal, TypeVar

from pydantic import BaseModel, Field

from catalog import CatalogDB, ProductRecord
from catalog.state_database import Database, Transaction, shared_or_own
from config import ErrorCode
from tools.errors import ToolError, require_record

T = TypeVar("T")

ONE_SIZE = "One Size"  # the catalog's size label of products made in one size (catalog/simulate.py)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS cart_items (
    session_id TEXT NOT NULL,
    product_id TEXT NOT NULL,
    size TEXT NOT NULL,
    quantity INTEGER NOT NULL CHECK (quantity > 0),
    added_at DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (session_id, product_id, size)
);
CREATE TABLE IF NOT EXISTS orders (
    order_id TEXT PRIMARY KEY,
    session_id TEXT NOT NULL,
    total DOUBLE PRECISION NOT NULL,
    created_at DOUBLE PRECISION NOT NULL
);
CREATE TABLE IF NOT EXISTS order_lines (
    order_id TEXT NOT NULL REFERENCES orders(order_id),
    product_id TEXT NOT NULL,
    size TEXT NOT NULL,
    quantity INTEGER NOT NULL,
    unit_price DOUBLE PRECISION NOT NULL
);
CREATE TABLE IF NOT EXISTS order_requests (
    session_id TEXT NOT NULL,
    idempotency_key TEXT NOT NULL,
    order_id TEXT NOT NULL,
    created_at DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (session_id, idempotency_key)
);
CREATE TABLE IF NOT EXISTS order_cancellations (
    order_id TEXT PRIMARY KEY REFERENCES orders(order_id),
    cancelled_at DOUBLE PRECISION NOT NULL
);
"""
MAX_QUANTITY = 10
# The store's delivery policy (tools/store_docs/delivery.md): free from this order value up.
FREE_DELIVERY_FROM = 999.0
DELIVERY_CHARGE = 79.0
DELIVERY_TIME = "2-4 working days in metro cities, 4-7 elsewhere"
TRANSACTION_ATTEMPTS = 4  # a deadlock or serialization failure is retried this many times in all


class CartLine(BaseModel):
    product_id: str
    title: str
    size: str
    quantity: int
    unit_price: float
    line_total: float
    available: int = Field(description="Units of this size in stock right now.")


class Cart(BaseModel):
    session_id: str
    items: list[CartLine]
    total: float
    currency: str = "INR"


class OrderReview(BaseModel):
    """What checking out the cart now would order: shown to the shopper to confirm."""

    session_id: str
    lines: list[CartLine]
    subtotal: float
    delivery: float = Field(description=f"₹{DELIVERY_CHARGE:.0f} under ₹{FREE_DELIVERY_FROM:.0f}, else free.")
    total: float
    delivery_time: str = DELIVERY_TIME
    currency: str = "INR"
    confirmation: str = Field(
        description="Pass to checkout to place exactly this order; any change to the "
        "cart makes it stale (cart_changed)."
    )


class Order(BaseModel):
    order_id: str
    session_id: str
    lines: list[CartLine]
    total: float = Field(description="What the shopper pays: the items and delivery.")
    delivery: float = 0.0
    currency: str = "INR"
    status: Literal["placed", "cancelled"] = "placed"
    created_at: float = 0.0
    cancellable_until: float | None = Field(default=None, description="Unix time; None once cancelled.")


def delivery_charge(subtotal: float) -> float:
    return 0.0 if subtotal >= FREE_DELIVERY_FROM else DELIVERY_CHARGE


def confirmation_of(lines: list[CartLine]) -> str:
    """A digest of exactly these lines at these prices: what the shopper said yes to."""
    text = "|".join(
        f"{line.product_id}:{line.size}:{line.quantity}:{line.unit_price:.2f}"
        for line in sorted(lines, key=lambda line: (line.product_id, line.size))
    )
    return hashlib.sha256(text.encode()).hexdigest()[:16]


class CartStore:
    """Cart operations over ``database``: a path opens this store's own SQLite connection
    to the catalog file (the stock table is there); a :class:`Database` (PostgreSQL) is
    shared with the catalog, whose stock then lives in it too, and is closed by its owner."""

    def __init__(
        self, database: Database | Path, catalog: CatalogDB | None = None, cancel_window_s: float = 1800.0
    ) -> None:
        self.db, self._owns_db = shared_or_own(database)
        if not self._owns_db and (catalog is None or catalog.commerce is not database):
            raise ValueError("a PostgreSQL cart store needs the catalog whose stock lives in the same database")
        self.catalog = catalog or CatalogDB(Path(database))  # type: ignore[arg-type]  # a path here
        self.cancel_window_s = cancel_window_s
        self.db.ensure_schema(_SCHEMA)

    def close(self) -> None:
        if self._owns_db:
            self.db.close()

    def _check_item(self, product_id: str, size: str | None, quantity: int) -> None:
        record = require_record(self.catalog, product_id)
        if not size:
            raise ToolError(
                ErrorCode.size_required,
                f"Which size? {record.title} is in stock in: "
                f"{', '.join(record.sizes_in_stock) or 'no size (sold out)'}.",
                {"sizes_in_stock": record.sizes_in_stock},
            )
        if size not in record.stock:
            raise ToolError(
                ErrorCode.size_not_carried,
                f"{record.title} does not come in size {size}; sizes: {', '.join(record.stock)}.",
                {"sizes": list(record.stock)},
            )
        if not 1 <= quantity <= MAX_QUANTITY:
            raise ToolError(ErrorCode.invalid_quantity, f"Quantity must be between 1 and {MAX_QUANTITY}.")
        if record.stock[size] < quantity:
            raise ToolError(
                ErrorCode.out_of_stock,
                _short_of_stock(record, size),
                {"available": record.stock[size], "sizes_in_stock": record.sizes_in_stock},
            )

    def add(self, session_id: str, product_id: str, size: str | None, quantity: int = 1) -> Cart:
        """Add (or increase) a line; the size must be carried and in stock. A product made
        in one size only needs none ("add the watch to my cart" means its One Size)."""
        if not size and list(require_record(self.catalog, product_id).stock) == [ONE_SIZE]:
            size = ONE_SIZE
        current = self._quantity(session_id, product_id, size) if size else 0
        self._check_item(product_id, size, quantity + current)
        with self.db.transaction() as tx:
            tx.execute(
                "INSERT INTO cart_items AS c VALUES (?,?,?,?,?) ON CONFLICT(session_id, product_id, size) "
                "DO UPDATE SET quantity = c.quantity + excluded.quantity",
                (session_id, product_id, size, quantity, time.time()),
            )
        return self.view(session_id)

    def _quantity(self, session_id: str, product_id: str, size: str) -> int:
        row = self.db.fetchone(
            "SELECT quantity FROM cart_items WHERE session_id=? AND product_id=? AND size=?",
            (session_id, product_id, size),
        )
        return row[0] if row else 0

    def remove(self, session_id: str, product_id: str, size: str | None = None) -> Cart:
        sql, args = "DELETE FROM cart_items WHERE session_id=? AND product_id=?", [session_id, product_id]
        if size:
            sql, args = sql + " AND size=?", [*args, size]
        with self.db.transaction() as tx:
            removed = tx.execute(sql, args)
        if removed == 0:
            raise ToolError(ErrorCode.not_in_cart, f"Product {product_id} is not in the cart.")
        return self.view(session_id)

    def view(self, session_id: str) -> Cart:
        return self._cart(session_id, self._rows(session_id))

    def _rows(self, session_id: str) -> list[tuple]:
        return self.db.fetchall(
            "SELECT product_id, size, quantity FROM cart_items WHERE session_id=? ORDER BY added_at", (session_id,)
        )

    def _cart(self, session_id: str, rows: list[tuple]) -> Cart:
        """Lines priced now; a product gone from the catalog drops out of the cart."""
        records = self.catalog.get_records([r[0] for r in rows])
        lines = [
            CartLine(
                product_id=pid,
                title=records[pid].title,
                size=size,
                quantity=qty,
                unit_price=records[pid].price,
                line_total=round(records[pid].price * qty, 2),
                available=records[pid].stock.get(size, 0),
            )
            for pid, size, qty in rows
            if pid in records
        ]
        return Cart(session_id=session_id, items=lines, total=round(sum(line.line_total for line in lines), 2))

    def review(self, session_id: str) -> OrderReview:
        """The summary a shopper confirms before an order is placed."""
        cart = self.view(session_id)
        if not cart.items:
            raise ToolError(ErrorCode.empty_cart, "The cart is empty.")
        delivery = delivery_charge(cart.total)
        return OrderReview(
            session_id=session_id,
            lines=cart.items,
            subtotal=cart.total,
            delivery=delivery,
            total=round(cart.total + delivery, 2),
            confirmation=confirmation_of(cart.items),
        )

    def checkout(self, session_id: str, confirmation: str | None = None, idempotency_key: str | None = None) -> Order:
        """Atomically: read and lock the cart's rows, decrement stock for every line (only
        if enough is left; rows locked in (product, size) order so that two checkouts can
        never deadlock), record the order, empty the cart. Any shortage rolls everything
        back. ``confirmation``: the code of the summary the shopper accepted; the cart must
        still be exactly that. ``idempotency_key``: a retry with the same key returns the
        order the first attempt placed instead of placing another."""
        return self._retrying(lambda tx: self._checkout(tx, session_id, confirmation, idempotency_key))

    def _retrying(self, work: Callable[[Transaction], T]) -> T:
        """``work`` in one transaction, run again after a deadlock or serialization failure."""
        for attempt in range(TRANSACTION_ATTEMPTS):
            try:
                with self.db.transaction() as tx:
                    return work(tx)
            except Exception as exc:
                if attempt == TRANSACTION_ATTEMPTS - 1 or not self.db.retryable(exc):
                    raise
                time.sleep(0.01 * 2**attempt + secrets.randbelow(10) / 1000)
        raise AssertionError("unreachable")

    def _checkout(
        self, tx: Transaction, session_id: str, confirmation: str | None, idempotency_key: str | None
    ) -> Order:
        order_id, now = f"ord_{secrets.token_urlsafe(12)}", time.time()
        if idempotency_key is not None:
            # claimed first: a concurrent retry with the same key waits here for this
            # transaction, then finds the order it placed
            claimed = tx.execute(
                "INSERT INTO order_requests VALUES (?,?,?,?) ON CONFLICT DO NOTHING",
                (session_id, idempotency_key, order_id, now),
            )
            if not claimed:
                earlier = tx.fetchall(
                    "SELECT order_id FROM order_requests WHERE session_id=? AND idempotency_key=?",
                    (session_id, idempotency_key),
                )
                return self._order(tx, session_id, earlier[0][0])
        rows = tx.fetchall(
            "SELECT product_id, size, quantity FROM cart_items WHERE session_id=? "
            "ORDER BY product_id, size" + self.db.for_update,
            (session_id,),
        )
        cart = self._cart(session_id, rows)
        if not cart.items:
            raise ToolError(ErrorCode.empty_cart, "The cart is empty.")
        if confirmation is not None and confirmation != confirmation_of(cart.items):
            raise ToolError(
                ErrorCode.cart_changed,
                "The cart changed since its summary was confirmed; nothing was "
                "charged. Please review it and confirm again.",
            )
        tx.execute("DELETE FROM cart_items WHERE session_id=?", (session_id,))
        for line in cart.items:  # in (product_id, size) order: the one lock order
            done = tx.execute(
                "UPDATE stock SET units = units - ? WHERE product_id=? AND size=? AND units >= ?",
                (line.quantity, line.product_id, line.size, line.quantity),
            )
            if done != 1:
                raise ToolError(
                    ErrorCode.out_of_stock,
                    f"Sorry, {line.title} in size {line.size} sold out before checkout; nothing was charged.",
                    {"product_id": line.product_id},
                )
        delivery = delivery_charge(cart.total)
        total = round(cart.total + delivery, 2)
        tx.execute("INSERT INTO orders VALUES (?,?,?,?)", (order_id, session_id, total, now))
        tx.executemany(
            "INSERT INTO order_lines VALUES (?,?,?,?,?)",
            [(order_id, line.product_id, line.size, line.quantity, line.unit_price) for line in cart.items],
        )
        return Order(
            order_id=order_id,
            session_id=session_id,
            lines=cart.items,
            total=total,
            delivery=delivery,
            created_at=now,
            cancellable_until=now + self.cancel_window_s,
        )

    def order(self, session_id: str, order_id: str) -> Order:
        """One of this session's orders (another session's is ``unknown_order`` too)."""
        with self.db.transaction() as tx:
            return self._order(tx, session_id, order_id)

    def orders(self, session_id: str) -> list[Order]:
        """This session's orders, newest first."""
        with self.db.transaction() as tx:
            rows = tx.fetchall("SELECT order_id FROM orders WHERE session_id=? ORDER BY created_at DESC", (session_id,))
            return [self._order(tx, session_id, row[0]) for row in rows]

    def _order(self, tx: Transaction, session_id: str, order_id: str) -> Order:
        head = tx.fetchall(
            "SELECT o.total, o.created_at, c.cancelled_at FROM orders o LEFT JOIN "
            "order_cancellations c ON c.order_id = o.order_id WHERE o.order_id=? AND o.session_id=?",
            (order_id, session_id),
        )
        if not head:
            raise ToolError(ErrorCode.unknown_order, f"This session has no order {order_id[:40]!r}.")
        total, created_at, cancelled_at = head[0]
        rows = tx.fetchall(
            "SELECT product_id, size, quantity, unit_price FROM order_lines WHERE order_id=? ORDER BY product_id, size",
            (order_id,),
        )
        records = self.catalog.get_records([r[0] for r in rows])
        lines = [
            CartLine(
                product_id=pid,
                title=records[pid].title if pid in records else f"Product {pid}",
                size=size,
                quantity=qty,
                unit_price=price,
                line_total=round(price * qty, 2),
                available=records[pid].stock.get(size, 0) if pid in records else 0,
            )
            for pid, size, qty, price in rows
        ]
        subtotal = round(sum(line.line_total for line in lines), 2)
        return Order(
            order_id=order_id,
            session_id=session_id,
            lines=lines,
            total=total,
            delivery=round(total - subtotal, 2),
            status="cancelled" if cancelled_at else "placed",
            created_at=created_at,
            cancellable_until=None if cancelled_at else created_at + self.cancel_window_s,
        )

    def cancel(self, session_id: str, order_id: str) -> Order:
        """Cancel an order within the window and put its units back in stock, once."""
        return self._retrying(lambda tx: self._cancel(tx, session_id, order_id))

    def _cancel(self, tx: Transaction, session_id: str, order_id: str) -> Order:
        order = self._order(tx, session_id, order_id)
        if order.status == "cancelled":
            raise ToolError(ErrorCode.order_cancelled, f"Order {order_id} is already cancelled.")
        if order.cancellable_until is not None and time.time() > order.cancellable_until:
            raise ToolError(
                ErrorCode.cancel_window_passed,
                f"Order {order_id} can no longer be cancelled here; it can be "
                "returned once delivered (see the returns policy).",
            )
        if not tx.execute(
            "INSERT INTO order_cancellations VALUES (?,?) ON CONFLICT DO NOTHING", (order_id, time.time())
        ):
            raise ToolError(ErrorCode.order_cancelled, f"Order {order_id} is already cancelled.")
        for line in order.lines:  # (product_id, size) order, as checkout locks them
            tx.execute(
                "UPDATE stock SET units = units + ? WHERE product_id=? AND size=?",
                (line.quantity, line.product_id, line.size),
            )
        return order.model_copy(update={"status": "cancelled", "cancellable_until": None})


def _short_of_stock(record: ProductRecord, size: str) -> str:
    """Why an add asks more than is left: how many are, and the sizes that are in stock
    (a product made in one size has no other size to offer)."""
    left = record.stock[size]
    if record.one_size:
        return f"Only {left} left of {record.title}." if left else f"{record.title} is sold out."
    said = (
        f"Only {left} left of {record.title} in size {size}; "
        if left
        else f"{record.title} is sold out in size {size}; "
    )
    return said + f"in stock: {', '.join(record.sizes_in_stock) or 'none'}."
