"""Where the time goes: seconds per stage of the pipeline, summed within a process.

A stage is named once, where it runs (``with timings.stage("segment"): ...``). The batch
takes the seconds of each article's stages with its result (``batch.extract_item``), so
the totals add up over worker processes and engines; ``extract --timings`` prints them.
"""
from __future__ import annotations

import threading
import time
from contextlib import contextmanager
from typing import Iterable, Iterator, TypeVar

#: the stages in the order they run (the extractors' own names go between doc and spans)
ORDER = ("read", "normalise", "segment", "doc", "dates", "officials", "provinces", "awards", "amounts", "spans",
         "record", "write")

_seconds: dict[str, float] = {}
_running = threading.local()  # .inner: for each stage running in this thread, the seconds of those inside it

T = TypeVar("T")


@contextmanager
def stage(name: str, into: dict[str, float] | None = None) -> Iterator[None]:
    """Add the time the block takes to stage ``name`` of this process (or of ``into``).
    A stage run inside another (words segmented when an extractor first asks for them)
    counts for itself only: its time is taken off the enclosing stage."""
    started = time.perf_counter()
    if not hasattr(_running, "inner"):
        _running.inner = []
    inside: list[float] = _running.inner
    inside.append(0.0)
    try:
        yield
    finally:
        elapsed = time.perf_counter() - started
        inner = inside.pop()
        if inside:
            inside[-1] += elapsed
        seconds = _seconds if into is None else into
        seconds[name] = seconds.get(name, 0.0) + elapsed - inner


def timed(items: Iterable[T], name: str, into: dict[str, float] | None = None) -> Iterator[T]:
    """The items of ``items``, the time taken to produce each added to stage ``name``."""
    iterator = iter(items)
    while True:
        with stage(name, into):
            try:
                item = next(iterator)
            except StopIteration:
                return
        yield item


def take() -> dict[str, float]:
    """The seconds of each stage since the last ``take``, and a fresh start."""
    taken = dict(_seconds)
    _seconds.clear()
    return taken


def line(seconds: dict[str, float]) -> str:
    """One line: each stage's seconds and share of their sum, in the order they run."""
    total = sum(seconds.values()) or 1.0
    names = [n for n in ORDER if n in seconds] + sorted(n for n in seconds if n not in ORDER)
    return "time by stage (seconds summed over processes): " + ", ".join(
        f"{name} {seconds[name]:.1f} ({100 * seconds[name] / total:.0f}%)" for name in names)
