"""Copying a data directory without writing out the embedded shard's empty space.

qdrant-edge gives each appendable segment storage files of fixed 32 MiB chunks, mostly empty
on a small index and kept sparse on disk; ``shutil.copytree`` (sendfile) writes every zero of
them, so a copy of the 1,500-product test data directory took about 630 MB of disk where the
directory itself takes about 8 MB. Evals and tests copy data directories (an eval shops on a
scratch copy; a test serves its own copy), so the copy leaves blocks of zeros as holes, and
the shard reads and writes the sparse files like any other.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Collection
from pathlib import Path

_BLOCK = 4096  # bytes compared at a time (a file system block): zero blocks become holes


def copy_sparse(source: str | os.PathLike[str], target: str | os.PathLike[str]) -> None:
    """``shutil.copy2``, but blocks of zeros are skipped over (left as holes) in the target. A
    file gone since the folder was listed (SQLite removes its -wal and -shm files when the last
    connection closes, and another process may hold the database) is not copied."""
    try:
        reader = open(source, "rb")  # noqa: SIM115 - closed below, after the target
    except FileNotFoundError:
        return
    with reader, open(target, "wb") as writer:
        while block := reader.read(_BLOCK):
            if block.count(0) == len(block):
                writer.seek(len(block), os.SEEK_CUR)
            else:
                writer.write(block)
        writer.truncate()  # a file ending in zeros gets its full length
    shutil.copystat(source, target)


def copy_data_dir(source: Path, target: Path, linked: Collection[str] = ()) -> None:
    """A copy of the data directory ``source`` at ``target`` (which must not exist), sparse;
    the entries named in ``linked`` (caches the copy's users only read) are symlinked instead."""
    target.mkdir(parents=True)
    for entry in source.iterdir():
        copied = target / entry.name
        if entry.name in linked:
            copied.symlink_to(entry.resolve(), target_is_directory=entry.is_dir())
        elif entry.is_dir():
            shutil.copytree(entry, copied, symlinks=True, copy_function=copy_sparse)
        else:
            copy_sparse(entry, copied)
