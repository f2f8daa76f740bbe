"""One small interface over the two databases that hold Atelier's mutable state (stock,
carts, orders, sessions): a SQLite file (one machine, the default) or PostgreSQL (several
API workers on several machines, ``ATELIER_DATABASE_URL=postgresql://...``).

Why an interface rather than an ORM: the stores' SQL is a handful of portable statements
(``?`` placeholders, ``ON CONFLICT``, ``UPDATE ... WHERE units >= ?``), so the stores are
written once and only connections, transactions and placeholders differ per backend; the
tests run every store on both backends and compare (as qdrant-client's congruence tests do
for its local and remote implementations)."""

from __future__ import annotations

import sqlite3
import threading
from abc import ABC, abstractmethod
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from config import AtelierError, ErrorCode, Settings

Params = Sequence[Any]


class StateUnavailable(AtelierError, RuntimeError):
    """The state database cannot be reached (PostgreSQL down, network, pool exhausted):
    the API answers 503 instead of a bare 500, and the request can simply be retried."""

    def __init__(self, message: str) -> None:
        super().__init__(ErrorCode.state_unavailable, message)


class Transaction(ABC):
    """Statements inside one atomic transaction."""

    @abstractmethod
    def execute(self, sql: str, params: Params = ()) -> int:
        """Run one statement; returns the number of rows it changed."""

    @abstractmethod
    def executemany(self, sql: str, rows: Sequence[Params]) -> None: ...

    @abstractmethod
    def fetchall(self, sql: str, params: Params = ()) -> list[tuple]: ...


class Database(ABC):
    """A connection (SQLite) or pool (PostgreSQL) that stores share within a process."""

    dialect: str
    for_update: str = ""  # appended to a SELECT that locks the rows it reads until commit

    def retryable(self, exc: BaseException) -> bool:
        """Whether a transaction that failed with ``exc`` may simply be run again (a
        serialization failure or a deadlock the server broke by aborting it)."""
        return False

    @abstractmethod
    def transaction(self) -> Any:
        """Context manager yielding a :class:`Transaction`: committed on exit, rolled back
        on any exception. Writers are serialised on SQLite (``BEGIN IMMEDIATE``); on
        PostgreSQL row locks taken by ``UPDATE`` serialise only writers of the same rows."""

    @abstractmethod
    def fetchall(self, sql: str, params: Params = ()) -> list[tuple]: ...

    def fetchone(self, sql: str, params: Params = ()) -> tuple | None:
        rows = self.fetchall(sql, params)
        return rows[0] if rows else None

    @abstractmethod
    def ensure_schema(self, schema: str) -> None:
        """Create tables if missing (``CREATE TABLE IF NOT EXISTS`` statements)."""

    @abstractmethod
    def close(self) -> None: ...


class _SQLiteTransaction(Transaction):
    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def execute(self, sql: str, params: Params = ()) -> int:
        return self._conn.execute(sql, params).rowcount

    def executemany(self, sql: str, rows: Sequence[Params]) -> None:
        self._conn.executemany(sql, rows)

    def fetchall(self, sql: str, params: Params = ()) -> list[tuple]:
        return self._conn.execute(sql, params).fetchall()


class SQLiteDatabase(Database):
    """One WAL-mode connection per instance, shared by the threads of a process behind a
    lock; other processes on the same file are serialised by SQLite's own file lock."""

    dialect = "sqlite"

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.RLock()
        self._conn = sqlite3.connect(self.path, timeout=30, isolation_level=None, check_same_thread=False)
        self._conn.execute("PRAGMA journal_mode=WAL")
        self._conn.execute("PRAGMA busy_timeout=30000")

    @contextmanager
    def transaction(self) -> Iterator[Transaction]:
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield _SQLiteTransaction(self._conn)
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            self._conn.execute("COMMIT")

    def fetchall(self, sql: str, params: Params = ()) -> list[tuple]:
        with self._lock:
            return self._conn.execute(sql, params).fetchall()

    def ensure_schema(self, schema: str) -> None:
        with self._lock:
            self._conn.executescript(schema)

    def close(self) -> None:
        with self._lock:
            self._conn.close()


def _pg(sql: str) -> str:
    """The stores write ``?`` placeholders (sqlite3's style); psycopg wants ``%s``. The
    stores' SQL therefore holds no literal ``?`` or ``%``."""
    return sql.replace("?", "%s")


class _PostgresTransaction(Transaction):
    def __init__(self, conn: Any) -> None:
        self._conn = conn

    def execute(self, sql: str, params: Params = ()) -> int:
        return self._conn.execute(_pg(sql), params).rowcount

    def executemany(self, sql: str, rows: Sequence[Params]) -> None:
        with self._conn.cursor() as cur:
            cur.executemany(_pg(sql), rows)

    def fetchall(self, sql: str, params: Params = ()) -> list[tuple]:
        return self._conn.execute(_pg(sql), params).fetchall()


class PostgresDatabase(Database):
    """A psycopg connection pool: each statement or transaction borrows a connection, so
    the threads of one worker and any number of workers share the server's MVCC."""

    dialect = "postgresql"
    for_update = " FOR UPDATE"

    def retryable(self, exc: BaseException) -> bool:
        from psycopg import errors

        return isinstance(exc, errors.TransactionRollback)  # serialization failures and deadlocks

    def __init__(self, url: str, min_size: int = 1, max_size: int = 10, timeout_s: float = 10.0) -> None:
        from psycopg_pool import ConnectionPool

        self.url = url
        # autocommit: a read is one round trip (no BEGIN/COMMIT around it); writes open an
        # explicit transaction with conn.transaction()
        self._pool = ConnectionPool(
            url,
            min_size=min_size,
            max_size=max_size,
            timeout=timeout_s,
            open=False,
            name="atelier",
            kwargs={"autocommit": True},
        )
        try:
            with self._reachable():
                self._pool.open(wait=True, timeout=timeout_s)
        except StateUnavailable as exc:
            self._pool.close()
            host = url.split("@")[-1]  # never echo a password
            raise StateUnavailable(
                f"cannot reach PostgreSQL at {host} within {timeout_s:g} s: start it, or fix "
                "ATELIER_DATABASE_URL (unset it to keep state in the SQLite file)"
            ) from exc

    @contextmanager
    def transaction(self) -> Iterator[Transaction]:
        with self._reachable(), self._pool.connection() as conn, conn.transaction():
            yield _PostgresTransaction(conn)

    def fetchall(self, sql: str, params: Params = ()) -> list[tuple]:
        with self._reachable(), self._pool.connection() as conn:
            return conn.execute(_pg(sql), params).fetchall()

    @contextmanager
    def _reachable(self) -> Iterator[None]:
        """Connection failures become :class:`StateUnavailable`; the pool drops a broken
        connection when it comes back, so the next request gets a fresh one."""
        import psycopg

        try:
            yield
        except psycopg.errors.TransactionRollback:
            raise  # a deadlock or serialization failure: the caller retries (Database.retryable)
        except psycopg.OperationalError as exc:  # includes psycopg_pool.PoolTimeout
            raise StateUnavailable(
                f"the state database is unreachable ({type(exc).__name__}); "
                "carts and sessions are unavailable until it is back"
            ) from exc

    def ensure_schema(self, schema: str) -> None:
        """Under an advisory lock: workers starting together would otherwise race on
        ``CREATE TABLE IF NOT EXISTS`` (a known PostgreSQL unique-violation on pg_type)."""
        with self.transaction() as tx:
            tx.execute("SELECT pg_advisory_xact_lock(7262737)")
            for statement in filter(str.strip, schema.split(";")):
                tx.execute(statement)

    def close(self) -> None:
        self._pool.close()


def shared_or_own(database: Database | Path) -> tuple[Database, bool]:
    """A store's database and whether the store owns (closes) it: a path opens the store's
    own SQLite connection; a :class:`Database` (PostgreSQL) is shared, closed by its owner."""
    if isinstance(database, Database):
        return database, False
    return SQLiteDatabase(database), True


def open_state_database(settings: Settings) -> Database | None:
    """PostgreSQL when ``ATELIER_DATABASE_URL`` is set; None means "the catalog's SQLite
    file", which each store opens itself (the single-machine default)."""
    if not settings.database_url:
        return None
    return PostgresDatabase(settings.database_url, max_size=settings.database_pool_size)
