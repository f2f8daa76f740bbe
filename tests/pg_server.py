"""A throwaway PostgreSQL server for tests: Debian's binaries, ``initdb`` into a fresh
directory, ``pg_ctl start`` on a free loopback port, stopped (and removed) at the end.

PostgreSQL refuses to run as root, so under root the server runs as the ``postgres``
system user (created by Debian's package) through ``runuser``; the data directory is made
outside pytest's root-only temp tree so that user can reach it."""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from pathlib import Path
from typing import Self


def postgres_bin_dir() -> Path | None:
    """The newest ``/usr/lib/postgresql/N/bin`` with initdb and pg_ctl, else a PATH one."""
    for candidate in sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(p.split("/")[-2]), reverse=True):
        if (Path(candidate) / "initdb").exists() and (Path(candidate) / "pg_ctl").exists():
            return Path(candidate)
    initdb = shutil.which("initdb")
    return Path(os.path.realpath(initdb)).parent if initdb and shutil.which("pg_ctl") else None


def unavailable_reason() -> str | None:
    """Why no test server can start here (None when it can)."""
    if postgres_bin_dir() is None:
        return "no PostgreSQL server binaries (initdb/pg_ctl); install Debian's `postgresql` package"
    if os.geteuid() == 0:
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            return "running as root and no `postgres` user to run the server as"
        if not shutil.which("runuser"):
            return "running as root and no `runuser` to drop privileges"
    return None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class TemporaryPostgres:
    """``with TemporaryPostgres() as pg: pg.create_database()`` -> a URL to a fresh database."""

    def __init__(self) -> None:
        self.bin = postgres_bin_dir()
        self.port = _free_port()
        self.root = Path(tempfile.mkdtemp(prefix="atelier-pg-"))
        self.url = f"postgresql://atelier@127.0.0.1:{self.port}/postgres"

    def _run(self, *args: str) -> None:
        command = [str(self.bin / args[0]), *args[1:]]
        if os.geteuid() == 0:
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, check=True, capture_output=True, text=True, timeout=120)

    def start(self) -> TemporaryPostgres:
        if os.geteuid() == 0:
            shutil.chown(self.root, "postgres", "postgres")
        self._run("initdb", "-D", str(self.root / "data"), "-U", "atelier", "--auth=trust", "-E", "UTF8", "--no-sync")
        self.start_server()
        return self

    def start_server(self) -> None:
        # fsync off: the tests kill clients or the server, never the machine, so the OS's
        # cache keeps every committed transaction
        options = f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200"
        self._run(
            "pg_ctl", "-D", str(self.root / "data"), "-o", options, "-l", str(self.root / "server.log"), "-w", "start"
        )

    def stop_server(self, mode: str = "fast") -> None:
        """``immediate`` is PostgreSQL's crash stop (no checkpoint; recovery on next start)."""
        self._run("pg_ctl", "-D", str(self.root / "data"), "-m", mode, "-w", "stop")

    def create_database(self) -> str:
        import psycopg

        name = f"t_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(self.url, autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {name}")
        return self.url.rsplit("/", 1)[0] + f"/{name}"

    def stop(self) -> None:
        try:
            self.stop_server()
        finally:
            shutil.rmtree(self.root, ignore_errors=True)

    def __enter__(self) -> Self:
        try:
            return self.start()
        except BaseException:
            shutil.rmtree(self.root, ignore_errors=True)
            raise

    def __exit__(self, *exc: object) -> None:
        self.stop()
