"""Keep the event loop answering (health checks, shedding with 503, accepting) while
expensive requests take the machine.

Two things stalled it, both through the GIL, which the loop needs for every step: the
garbage collector's full passes over everything built at start-up, and many request
threads queueing for the GIL ahead of it. Measured in ``docs/reliability.md``."""

from __future__ import annotations

import functools
import gc
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import ParamSpec, TypeVar

from config import Settings
from server.middleware import slot_or_503

P = ParamSpec("P")
R = TypeVar("R")


def freeze_startup_objects() -> None:
    """Leave everything built at start-up (catalog lexicon, models, ~1M objects on the full
    catalog) out of the garbage collector's full passes.

    Why: a full pass over them takes 0.3-0.4 s on the full catalog, holding the GIL, so
    every request in flight and every health check waits that long whenever allocations
    trigger one (often, under load). These objects live as long as the process; frozen,
    a full pass scans only what requests allocated since."""
    gc.collect()
    gc.freeze()


@functools.cache
def running_slots(size: int) -> threading.BoundedSemaphore:
    """The process's slots for turns and photo searches at work (one pool per size)."""
    return threading.BoundedSemaphore(size)


@contextmanager
def at_work(settings: Settings) -> Iterator[None]:
    """Run a chat turn or a photo search in one of ``requests_at_work`` slots; 503
    ``overloaded`` with Retry-After when none frees up within ``request_wait_s``.

    Why: only one thread runs Python at a time (the GIL), and a thread that asks for it
    may wait a switch interval (5 ms) for each thread queued ahead of it. With eight turns
    at work the event loop queues behind all eight at every step of a health check; the
    ones waiting here are blocked and ask nothing of the GIL. The machine does the same
    work: the turns' Python ran one at a time anyway."""
    with slot_or_503(
        running_slots(settings.requests_at_work),
        settings.request_wait_s,
        "The assistant is busy with other shoppers right now; please try again in a moment.",
        settings.overload_retry_after_s,
        "at_work",
    ):
        yield


def runs_at_work(settings: Settings) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """A route (a plain ``def``, run in the thread pool) that runs :func:`at_work`; the
    signature FastAPI reads is the route's own."""

    def wrap(route: Callable[P, R]) -> Callable[P, R]:
        @functools.wraps(route)
        def run(*args: P.args, **kwargs: P.kwargs) -> R:
            with at_work(settings):
                return route(*args, **kwargs)

        return run

    return wrap
