"""Carts and orders in the database that holds stock (the catalog's SQLite file, or
PostgreSQL with ``ATELIER_DATABASE_URL``), so that checkout can decrement stock in the
same transaction as it records the order: two shoppers checking out the last unit at
once -> exactly one order, never negative stock. Carts survive restarts."""

from __future__ import annotations

import secrets
import time
from pathlib import Path

from pydantic import BaseModel, Field

from catalog import CatalogDB
from catalog.database import Database, SQLiteDatabase
from tools.errors import ToolError, require_record

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
"""
MAX_QUANTITY = 10


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


class Order(BaseModel):
    order_id: str
    session_id: str
    lines: list[CartLine]
    total: float
    currency: str = "INR"


def new_session_id() -> str:
    """Unguessable (128 random bits): a cart cannot be read by guessing a neighbour's id."""
    return secrets.token_urlsafe(16)


class CartStore:
    """Cart operations over ``database``: a path opens this store's own SQLite connection
    to the catalog file (the stock table is there); a :class:`Database` (PostgreSQL) is
    shared with the catalog, whose stock then lives in it too, and is closed by its owner."""

    def __init__(self, database: Database | Path, catalog: CatalogDB | None = None) -> None:
        if isinstance(database, Database):
            self.db, self._owns_db = database, False
            if catalog is None or catalog.commerce is not database:
                raise ValueError("a PostgreSQL cart store needs the catalog whose stock lives in the same database")
        else:
            self.db, self._owns_db = SQLiteDatabase(database), True
        self.catalog = catalog or CatalogDB(Path(database))
        self.db.ensure_schema(_SCHEMA)

    def close(self) -> None:
        if self._owns_db:
            self.db.close()

    def _check_item(self, product_id: str, size: str | None, quantity: int) -> None:
        record = require_record(self.catalog, product_id)
        if not size:
            raise ToolError("size_required", f"Which size? {record.title} is in stock in: "
                            f"{', '.join(record.sizes_in_stock) or 'no size (sold out)'}.",
                            {"sizes_in_stock": record.sizes_in_stock})
        if size not in record.stock:
            raise ToolError("size_not_carried", f"{record.title} does not come in size {size}; sizes: "
                            f"{', '.join(record.stock)}.", {"sizes": list(record.stock)})
        if not 1 <= quantity <= MAX_QUANTITY:
            raise ToolError("invalid_quantity", f"Quantity must be between 1 and {MAX_QUANTITY}.")
        if record.stock[size] < quantity:
            raise ToolError("out_of_stock", f"Only {record.stock[size]} left of {record.title} in size {size}; "
                            f"in stock: {', '.join(record.sizes_in_stock) or 'none'}.",
                            {"available": record.stock[size], "sizes_in_stock": record.sizes_in_stock})

    def add(self, session_id: str, product_id: str, size: str | None, quantity: int = 1) -> Cart:
        """Add (or increase) a line; the size must be carried and in stock. A product made
        in one size only needs none ("add the watch to my cart" means its One Size)."""
        if not size and list(require_record(self.catalog, product_id).stock) == [ONE_SIZE]:
            size = ONE_SIZE
        current = self._quantity(session_id, product_id, size) if size else 0
        self._check_item(product_id, size, quantity + current)
        with self.db.transaction() as tx:
            tx.execute("INSERT INTO cart_items AS c VALUES (?,?,?,?,?) ON CONFLICT(session_id, product_id, size) "
                       "DO UPDATE SET quantity = c.quantity + excluded.quantity",
                       (session_id, product_id, size, quantity, time.time()))
        return self.view(session_id)

    def _quantity(self, session_id: str, product_id: str, size: str) -> int:
        row = self.db.fetchone("SELECT quantity FROM cart_items WHERE session_id=? AND product_id=? AND size=?",
                               (session_id, product_id, size))
        return row[0] if row else 0

    def remove(self, session_id: str, product_id: str, size: str | None = None) -> Cart:
        sql, args = "DELETE FROM cart_items WHERE session_id=? AND product_id=?", [session_id, product_id]
        if size:
            sql, args = sql + " AND size=?", args + [size]
        with self.db.transaction() as tx:
            removed = tx.execute(sql, args)
        if removed == 0:
            raise ToolError("not_in_cart", f"Product {product_id} is not in the cart.")
        return self.view(session_id)

    def view(self, session_id: str) -> Cart:
        return self._cart(session_id, self._rows(session_id))

    def _rows(self, session_id: str) -> list[tuple]:
        return self.db.fetchall("SELECT product_id, size, quantity FROM cart_items WHERE session_id=? "
                                "ORDER BY added_at", (session_id,))

    def _cart(self, session_id: str, rows: list[tuple]) -> Cart:
        """Lines priced now; a product gone from the catalog drops out of the cart."""
        records = self.catalog.get_records([r[0] for r in rows])
        lines = [CartLine(product_id=pid, title=records[pid].title, size=size, quantity=qty,
                          unit_price=records[pid].price, line_total=round(records[pid].price * qty, 2),
                          available=records[pid].stock.get(size, 0))
                 for pid, size, qty in rows if pid in records]
        return Cart(session_id=session_id, items=lines, total=round(sum(line.line_total for line in lines), 2))

    def checkout(self, session_id: str) -> Order:
        """Atomically: decrement stock for every line (only if enough is left), record the
        order, empty the cart. Any shortage rolls everything back. The cart's rows are
        deleted first: a concurrent checkout (or add) of the same cart waits on them and
        then finds the cart changed, so one cart can never become two orders."""
        rows = self._rows(session_id)
        cart = self._cart(session_id, rows)
        if not cart.items:
            raise ToolError("empty_cart", "The cart is empty.")
        order_id = f"ord_{secrets.token_urlsafe(10)}"
        with self.db.transaction() as tx:
            if tx.execute("DELETE FROM cart_items WHERE session_id=?", (session_id,)) != len(rows):
                raise ToolError("cart_changed", "The cart changed during checkout; nothing was charged. "
                                "Please review it and check out again.")
            for line in cart.items:
                done = tx.execute("UPDATE stock SET units = units - ? WHERE product_id=? AND size=? AND units >= ?",
                                  (line.quantity, line.product_id, line.size, line.quantity))
                if done != 1:
                    raise ToolError("out_of_stock", f"Sorry, {line.title} in size {line.size} sold out "
                                    "before checkout; nothing was charged.", {"product_id": line.product_id})
            tx.execute("INSERT INTO orders VALUES (?,?,?,?)", (order_id, session_id, cart.total, time.time()))
            tx.executemany("INSERT INTO order_lines VALUES (?,?,?,?,?)", [
                (order_id, line.product_id, line.size, line.quantity, line.unit_price) for line in cart.items])
        return Order(order_id=order_id, session_id=session_id, lines=cart.items, total=cart.total)
