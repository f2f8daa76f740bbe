"""SQLite: the source of truth for products, prices and stock.

Why SQLite owns commerce data: prices and stock change (checkouts, repricing) while the
vector index only mirrors them for filtering; every answer is hydrated from here so that
what a shopper sees is the catalog "at that moment".

Scale-out: with ``ATELIER_DATABASE_URL`` the stock table lives in PostgreSQL instead
(``commerce``), beside the carts and orders that checkout writes in the same transaction;
the SQLite file keeps the read-mostly product attributes and prices that ingest ships to
every worker. Hydration reads stock from wherever checkout decrements it."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import threading
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path

from catalog.models import Commerce, Product, ProductRecord
from catalog.state_database import Database, open_state_database
from config import Settings

_SCHEMA = """
CREATE TABLE IF NOT EXISTS products (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    gender TEXT NOT NULL,
    master_category TEXT NOT NULL,
    sub_category TEXT NOT NULL,
    article_type TEXT NOT NULL,
    colour TEXT, season TEXT, year INTEGER, usage TEXT,
    image_path TEXT,
    content_hash TEXT NOT NULL,
    list_price REAL NOT NULL,
    price REAL NOT NULL,
    currency TEXT NOT NULL DEFAULT 'INR',
    rating REAL NOT NULL,
    rating_count INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS stock (
    product_id TEXT NOT NULL REFERENCES products(id) ON DELETE CASCADE,
    size TEXT NOT NULL,
    position INTEGER NOT NULL,
    units INTEGER NOT NULL CHECK (units >= 0),
    PRIMARY KEY (product_id, size)
);
"""

# PostgreSQL's copy: no foreign key (products stay in each worker's SQLite file).
STOCK_SCHEMA = """
CREATE TABLE IF NOT EXISTS stock (
    product_id TEXT NOT NULL,
    size TEXT NOT NULL,
    position INTEGER NOT NULL,
    units INTEGER NOT NULL CHECK (units >= 0),
    PRIMARY KEY (product_id, size)
);
"""
_STOCK_INSERT = "INSERT INTO stock (product_id, size, position, units) VALUES (?,?,?,?)"

_ATTRS = (
    "title",
    "gender",
    "master_category",
    "sub_category",
    "article_type",
    "colour",
    "season",
    "year",
    "usage",
    "image_path",
)
# The attributes a search can filter on (SearchFilters), as columns: their values are the catalog's facets.
FACET_COLUMNS = ("master_category", "sub_category", "article_type", "colour", "gender", "usage", "season")


def content_hash(product: Product) -> str:
    """Hash of everything that feeds the product's vectors and payload attributes:
    unchanged hash on re-ingest means no re-embedding."""
    blob = json.dumps(product.model_dump(), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(blob.encode()).hexdigest()[:32]


class CatalogDB:
    """Products, prices and stock in one SQLite file (WAL mode, safe across threads);
    stock in ``commerce`` (PostgreSQL) instead when one is given."""

    def __init__(self, path: Path, commerce: Database | None = None, owns_commerce: bool = False) -> None:
        self.path = Path(path)
        self.commerce = commerce
        self._owns_commerce = owns_commerce
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.RLock()
        self._usages: dict[str, str] | None = None  # usual_usage's table, remade after the products change
        self._conn = sqlite3.connect(self.path, check_same_thread=False, timeout=30)
        self._conn.row_factory = sqlite3.Row
        self._conn.execute("PRAGMA journal_mode=WAL")
        self._conn.execute("PRAGMA foreign_keys=ON")
        self._conn.executescript(_SCHEMA)
        if commerce is not None:
            commerce.ensure_schema(STOCK_SCHEMA)
            self._seed_commerce_stock(commerce)

    @classmethod
    def from_settings(cls, settings: Settings) -> CatalogDB:
        """The catalog file, with stock in PostgreSQL when ``ATELIER_DATABASE_URL`` is set."""
        return cls(settings.sqlite_path, open_state_database(settings), owns_commerce=True)

    def close(self) -> None:
        with self._lock:
            self._conn.close()
        if self._owns_commerce and self.commerce is not None:
            self.commerce.close()

    def _seed_commerce_stock(self, commerce: Database) -> None:
        """Copy the stock of products PostgreSQL does not know yet (first start on an
        existing catalog, or a catalog file ingested without the URL). Rows it already has
        are never overwritten: from then on checkouts there own them. Idempotent, so
        workers starting together are safe."""
        known = {r[0] for r in commerce.fetchall("SELECT DISTINCT product_id FROM stock")}
        with self._lock:
            rows = [
                tuple(r)
                for r in self._conn.execute("SELECT product_id, size, position, units FROM stock")
                if r[0] not in known
            ]
        if rows:
            with commerce.transaction() as tx:
                tx.executemany(_STOCK_INSERT + " ON CONFLICT (product_id, size) DO NOTHING", rows)

    def stored_hashes(self) -> dict[str, str]:
        with self._lock:
            return {r["id"]: r["content_hash"] for r in self._conn.execute("SELECT id, content_hash FROM products")}

    def upsert_products(self, items: Iterable[tuple[Product, Commerce]]) -> None:
        """Insert new products with their simulated commerce data; for existing ones
        update only the catalog attributes, keeping prices and stock that the store owns."""
        self._usages = None
        if self.commerce is not None:
            items = list(items)
            self._insert_commerce_stock(self.commerce, items)
        with self._lock, self._conn:
            for product, commerce in items:
                attrs = [getattr(product, a) for a in _ATTRS]
                cur = self._conn.execute(
                    f"UPDATE products SET {', '.join(a + '=?' for a in _ATTRS)}, content_hash=? WHERE id=?",
                    (*attrs, content_hash(product), product.id),
                )
                if cur.rowcount:
                    continue
                self._conn.execute(
                    f"INSERT INTO products (id, {', '.join(_ATTRS)}, content_hash, list_price, price, currency,"
                    " rating, rating_count) VALUES (?" + ",?" * (len(_ATTRS) + 6) + ")",
                    (
                        product.id,
                        *attrs,
                        content_hash(product),
                        commerce.list_price,
                        commerce.price,
                        commerce.currency,
                        commerce.rating,
                        commerce.rating_count,
                    ),
                )
                self._conn.executemany(_STOCK_INSERT, _stock_rows(product, commerce))

    def _insert_commerce_stock(self, commerce: Database, items: list[tuple[Product, Commerce]]) -> None:
        """Before the SQLite rows, so that a kill -9 in between leaves no product without
        stock; existing rows (store-owned) are kept, as in SQLite."""
        rows = [row for product, simulated in items for row in _stock_rows(product, simulated)]
        with commerce.transaction() as tx:
            tx.executemany(_STOCK_INSERT + " ON CONFLICT (product_id, size) DO NOTHING", rows)

    def delete_products(self, ids: Sequence[str]) -> None:
        self._usages = None
        with self._lock, self._conn:
            self._conn.executemany("DELETE FROM products WHERE id=?", [(i,) for i in ids])
        if self.commerce is not None:
            with self.commerce.transaction() as tx:
                tx.executemany("DELETE FROM stock WHERE product_id=?", [(i,) for i in ids])

    def count(self) -> int:
        with self._lock:
            return self._conn.execute("SELECT COUNT(*) FROM products").fetchone()[0]

    def all_ids(self) -> list[str]:
        with self._lock:
            return [r[0] for r in self._conn.execute("SELECT id FROM products")]

    def ids_of_type(self, article_type: str, limit: int = 1_000_000) -> list[str]:
        """Ids of one article type in id order (samples for per-type models)."""
        with self._lock:
            return [
                r[0]
                for r in self._conn.execute(
                    "SELECT id FROM products WHERE article_type=? ORDER BY CAST(id AS INTEGER) LIMIT ?",
                    (article_type, limit),
                )
            ]

    def usual_usage(self, kind: str) -> str | None:
        """The usage most products of an article type (or sub-category) have: a saree is
        ethnic wear, sneakers are casual. Counted once for every kind (a look asks per turn)."""
        if self._usages is None:
            self._usages = self._count_usages()
        return self._usages.get(kind)

    def _count_usages(self) -> dict[str, str]:
        counts: Counter[tuple[str, str]] = Counter()
        with self._lock:
            rows = self._conn.execute(
                "SELECT article_type, sub_category, usage, COUNT(*) FROM products "
                "WHERE usage IS NOT NULL AND usage != '' GROUP BY article_type, sub_category, usage"
            ).fetchall()
        for article_type, sub_category, usage, n in rows:
            counts[(article_type, usage)] += n
            counts[(sub_category, usage)] += n
        usual: dict[str, str] = {}
        for (kind, usage), _ in counts.most_common():  # most common first: the first seen per kind wins
            usual.setdefault(kind, usage)
        return usual

    def prices_of_type(self, article_type: str) -> list[float]:
        with self._lock:
            return [
                r[0] for r in self._conn.execute("SELECT price FROM products WHERE article_type=?", (article_type,))
            ]

    def get_records(self, ids: Sequence[str]) -> dict[str, ProductRecord]:
        """Current records for ``ids`` (missing ids are simply absent from the result)."""
        if not ids:
            return {}
        marks = ",".join("?" * len(ids))
        with self._lock:
            rows = self._conn.execute(f"SELECT * FROM products WHERE id IN ({marks})", list(ids)).fetchall()
        stock: dict[str, dict[str, int]] = {}
        for product_id, size, units in self._fetch_stock(
            f"SELECT product_id, size, units FROM stock WHERE product_id IN ({marks}) ORDER BY product_id, position",
            list(ids),
        ):
            stock.setdefault(product_id, {})[size] = units
        return {r["id"]: _record(r, stock.get(r["id"], {})) for r in rows}

    def ids_by_title(self, titles: Sequence[str]) -> dict[str, list[tuple[str, float]]]:
        """Every product of each exact title, as (id, price): a listing read back from an
        answer's text (titles are not unique, so the caller picks by price)."""
        if not titles:
            return {}
        marks = ",".join("?" * len(titles))
        with self._lock:
            rows = self._conn.execute(
                f"SELECT title, id, price FROM products WHERE title IN ({marks}) ORDER BY id", list(titles)
            ).fetchall()
        found: dict[str, list[tuple[str, float]]] = {}
        for title, product_id, price in rows:
            found.setdefault(title, []).append((product_id, price))
        return found

    def image_path(self, product_id: str) -> str | None:
        """The local photo of a product (from the catalog directory, never from user input)."""
        with self._lock:
            row = self._conn.execute("SELECT image_path FROM products WHERE id=?", (product_id,)).fetchone()
        return row[0] if row else None

    def get_record(self, product_id: str) -> ProductRecord | None:
        return self.get_records([product_id]).get(product_id)

    def set_price(self, product_id: str, price: float, list_price: float | None = None) -> None:
        with self._lock, self._conn:
            self._conn.execute(
                "UPDATE products SET price=?, list_price=COALESCE(?, list_price) WHERE id=?",
                (price, list_price, product_id),
            )

    def set_stock(self, product_id: str, size: str, units: int) -> None:
        sql, params = "UPDATE stock SET units=? WHERE product_id=? AND size=?", (units, product_id, size)
        if self.commerce is not None:
            with self.commerce.transaction() as tx:
                tx.execute(sql, params)
            return
        with self._lock, self._conn:
            self._conn.execute(sql, params)

    def _fetch_stock(self, sql: str, params: list) -> list[tuple]:
        """Stock rows from where checkouts decrement them."""
        if self.commerce is not None:
            return self.commerce.fetchall(sql, params)
        with self._lock:
            return [tuple(r) for r in self._conn.execute(sql, params)]

    def title_rows(self) -> list[tuple[str, str, str, str, str]]:
        """(title, article_type, sub_category, gender, usage) of every product: what the
        catalog's own vocabulary is learnt from (spelling, which words name which types, whose
        they are, what they are worn for)."""
        with self._lock:
            return [
                tuple(r)
                for r in self._conn.execute("SELECT title, article_type, sub_category, gender, usage FROM products")
            ]

    def facet_counts(self) -> dict[str, list[tuple[str, int]]]:
        """Each value of the attributes a search filters on, with how many products have it,
        most common first: what a client or an LLM may put in ``filters`` (one table scan)."""
        columns = ", ".join(FACET_COLUMNS)
        with self._lock:
            rows = self._conn.execute(f"SELECT {columns}, COUNT(*) FROM products GROUP BY {columns}").fetchall()
        counts: dict[str, Counter[str]] = {column: Counter() for column in FACET_COLUMNS}
        for *values, n in rows:
            for column, value in zip(FACET_COLUMNS, values):
                if value:
                    counts[column][value] += n
        return {column: sorted(c.items(), key=lambda item: (-item[1], item[0])) for column, c in counts.items()}

    def price_range(self) -> tuple[float, float] | None:
        """(lowest, highest) current price; None for an empty catalog."""
        with self._lock:
            low, high = self._conn.execute("SELECT MIN(price), MAX(price) FROM products").fetchone()
        return None if low is None else (low, high)

    def sizes_by_kind(self) -> list[tuple[str, str, str, list[str], int]]:
        """(master category, sub-category, article type, sizes in shelf order, products) for every kind of
        product (article type), as stocked: the sizes of the kind's first product (a product's
        sizes follow from its kind, ``catalog.simulate.sizes_for``), so one index lookup per kind.
        A sub-category can hold kinds of both systems (topwear: shirts and dupattas)."""
        with self._lock:
            kinds = self._conn.execute(
                "SELECT master_category, sub_category, article_type, MIN(CAST(id AS INTEGER)), COUNT(*) FROM products "
                "GROUP BY master_category, sub_category, article_type ORDER BY master_category, sub_category"
            ).fetchall()
            return [
                (
                    master,
                    sub,
                    kind,
                    [
                        r[0]
                        for r in self._conn.execute(
                            "SELECT size FROM stock WHERE product_id=? ORDER BY position", (str(first),)
                        )
                    ],
                    products,
                )
                for master, sub, kind, first, products in kinds
            ]

    def iter_records(self, batch: int = 2000) -> Iterable[ProductRecord]:
        """Every product, in id order, in batches (for evals and payload sync)."""
        ids = sorted(self.all_ids(), key=int)
        for start in range(0, len(ids), batch):
            chunk = ids[start : start + batch]
            records = self.get_records(chunk)
            yield from (records[i] for i in chunk if i in records)


def _stock_rows(product: Product, commerce: Commerce) -> list[tuple[str, str, int, int]]:
    return [(product.id, size, pos, units) for pos, (size, units) in enumerate(commerce.stock.items())]


def _record(row: sqlite3.Row, stock: dict[str, int]) -> ProductRecord:
    in_stock = [size for size, units in stock.items() if units > 0]
    list_price, price = row["list_price"], row["price"]
    return ProductRecord(
        id=row["id"],
        title=row["title"],
        price=price,
        list_price=list_price,
        currency=row["currency"],
        discount_pct=round(100 * (1 - price / list_price)) if list_price else 0,
        colour=row["colour"],
        gender=row["gender"],
        article_type=row["article_type"],
        category=row["master_category"],
        sub_category=row["sub_category"],
        usage=row["usage"],
        season=row["season"],
        year=row["year"],
        sizes_in_stock=in_stock,
        stock=stock,
        in_stock=bool(in_stock),
        rating=row["rating"],
        rating_count=row["rating_count"],
        image_url=f"/v1/products/{row['id']}/image" if row["image_path"] else None,
    )
