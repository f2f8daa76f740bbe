"""Interactions: load ``interactions.csv`` (user_id, item_id, timestamp), report and
skip malformed rows, and split each user's history in time: last item = test,
second-last = validation, the rest = training (leave-last-out)."""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from pydantic import BaseModel


class LoadIssue(BaseModel):
    line: int
    reason: str


@dataclass
class Interactions:
    """Events as integer-indexed arrays, sorted by (user, timestamp, file order)."""

    users: np.ndarray
    items: np.ndarray
    timestamps: np.ndarray
    user_ids: list[str]
    item_ids: list[str]
    issues: list[LoadIssue] = field(default_factory=list)

    @property
    def n_users(self) -> int:
        return len(self.user_ids)

    @property
    def n_items(self) -> int:
        return len(self.item_ids)


def load_interactions(path: Path) -> Interactions:
    """Read the CSV; rows with a missing field, a non-integer timestamp or a duplicate
    (user, item, timestamp) are reported with their line number and skipped."""
    user_index: dict[str, int] = {}
    item_index: dict[str, int] = {}
    users, items, stamps, issues = [], [], [], []
    seen: set[tuple[str, str, str]] = set()
    with Path(path).open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader, None)
        if header != ["user_id", "item_id", "timestamp"]:
            raise ValueError(f"{path}: header {header!r} is not ['user_id', 'item_id', 'timestamp']")
        for row in reader:
            line = reader.line_num
            if len(row) != 3 or not all(part.strip() for part in row):
                issues.append(LoadIssue(line=line, reason=f"expected 3 non-empty fields, got {row!r}"))
                continue
            user, item, stamp = (part.strip() for part in row)
            if not stamp.isdigit():
                issues.append(LoadIssue(line=line, reason=f"timestamp {stamp!r} is not an integer"))
                continue
            if (user, item, stamp) in seen:
                issues.append(LoadIssue(line=line, reason="duplicate event"))
                continue
            seen.add((user, item, stamp))
            users.append(user_index.setdefault(user, len(user_index)))
            items.append(item_index.setdefault(item, len(item_index)))
            stamps.append(int(stamp))
    u, i, t = np.asarray(users), np.asarray(items), np.asarray(stamps)
    order = np.lexsort((np.arange(len(u)), t, u))
    return Interactions(u[order], i[order], t[order], list(user_index), list(item_index), issues)


@dataclass
class Split:
    train_users: np.ndarray
    train_items: np.ndarray
    valid: dict[int, int]
    test: dict[int, int]
    history: dict[int, np.ndarray]  # training items per user, in time order
    n_users: int
    n_items: int
    train_times: np.ndarray  # timestamps of the training events
    target_times: dict[int, tuple[int, int]] = field(default_factory=dict)  # user -> (valid, test) time

    def train_counts(self) -> np.ndarray:
        return np.bincount(self.train_items, minlength=self.n_items)


def temporal_split(data: Interactions) -> Split:
    """Per user with >= 3 events: last -> test, second-last -> validation, rest -> train."""
    bounds = np.flatnonzero(np.diff(data.users)) + 1
    starts = np.concatenate(([0], bounds))
    ends = np.concatenate((bounds, [len(data.users)]))
    keep = np.ones(len(data.users), dtype=bool)
    valid, test, history, times = {}, {}, {}, {}
    for start, end in zip(starts, ends):
        user = int(data.users[start])
        if end - start < 3:
            continue
        test[user] = int(data.items[end - 1])
        valid[user] = int(data.items[end - 2])
        keep[end - 2 : end] = False
        history[user] = data.items[start : end - 2]
        times[user] = (int(data.timestamps[end - 2]), int(data.timestamps[end - 1]))
    return Split(
        data.users[keep],
        data.items[keep],
        valid,
        test,
        history,
        data.n_users,
        data.n_items,
        data.timestamps[keep],
        times,
    )
