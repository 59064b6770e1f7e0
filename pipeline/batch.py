"""Batch runs on this machine: stream articles through the pipeline in chunks, on one or
more processes.

Input is read as a stream and cut into chunks of ``chunk_size`` articles. A chunk is
extracted by a worker (each worker loads the pipeline once); its results come back in
input order and are written to part files in ``OUT/.parts/``, moved into place and marked
done only when complete. When every chunk is done the parts are joined, in input order,
into the output tables. With ``resume`` the chunks already done are kept, so an
interrupted run continues where it stopped and ends with the same tables as one that
never stopped.
"""
from __future__ import annotations

import csv
import hashlib
import itertools
import json
import shutil
import time
from collections import Counter, deque
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

from .readers import Item, read_items
from .writers import OUTPUT_FILES, TABLES, AtomicFile, table_rows

PARTS = ".parts"
FIELDS = ("dates", "officials", "provinces", "awards", "amounts")


@dataclass
class Summary:
    articles: int = 0
    ok: int = 0
    errors: Counter = field(default_factory=Counter)
    mentions: Counter = field(default_factory=Counter)
    skipped_files: int = 0
    resumed_chunks: int = 0
    seconds: float = 0.0

    def add(self, result: dict) -> None:
        self.articles += 1
        if result["status"] == "ok":
            self.ok += 1
            for f in FIELDS:
                self.mentions[f] += len(result["record"][f])
        else:
            self.errors[result["status"]] += 1

    def line(self) -> str:
        fields = ", ".join(f"{self.mentions[f]} {f}" for f in FIELDS)
        errors = sum(self.errors.values())
        detail = f" ({', '.join(f'{n} {k}' for k, n in sorted(self.errors.items()))})" if errors else ""
        return (f"{self.articles} articles: {self.ok} extracted, {errors} errors{detail}; {fields}; "
                f"{self.seconds:.1f} s")


# --- one process's share of the work -------------------------------------------------

_NLP = None
_NLP_OPTIONS: dict | None = None


def worker_nlp(options: dict | None = None):
    """The pipeline of this process, loaded once."""
    global _NLP, _NLP_OPTIONS
    options = options or {}
    if _NLP is None or _NLP_OPTIONS != options:
        from .nlp import load
        _NLP, _NLP_OPTIONS = load(**options), options
    return _NLP


def extract_item(nlp, item: Item) -> dict:
    """The result of one input item: its record, or the reason it has none. An
    exception inside the pipeline fails this article only."""
    result = {"id": item.id, "status": item.status, "path": item.path, "line": item.line,
              "encoding": item.encoding, "error": item.error, "record": None}
    if not item.ok:
        return result
    from .record import extract_article
    try:
        result["record"] = extract_article(nlp, item.article)
        result["record"]["encoding"] = item.encoding
    except Exception as exc:  # one broken article never stops a batch
        result.update(status="extraction_failed", error={"exception": type(exc).__name__, "message": str(exc)[:500]})
    return result


def extract_items(items: list[Item], options: dict | None = None) -> list[dict]:
    """Results of a list of items, in order (what a worker does with a chunk)."""
    nlp = worker_nlp(options)
    return [extract_item(nlp, item) for item in items]


# --- ids ---------------------------------------------------------------------------------

class UniqueIds:
    """Makes ids unique over a batch, in input order: a file whose stem was seen gets a
    path-based id; a record whose own id was seen is reported as ``duplicate_id`` and its
    extraction dropped, never overwriting the first. Only a 64-bit digest of each id is
    kept, so memory grows by tens of bytes per article, not by the ids themselves."""

    def __init__(self):
        self.seen: set[int] = set()

    def add(self, article_id: str) -> None:
        self.seen.add(_digest(article_id))

    def __contains__(self, article_id: str) -> bool:
        return _digest(article_id) in self.seen

    def apply(self, result: dict) -> dict:
        article_id = result["id"]
        if article_id in self:
            if result["line"] is None:  # a file: its id came from its name
                base, n = Path(result["path"]).with_suffix("").as_posix(), 1
                article_id = base
                while article_id in self:
                    n += 1
                    article_id = f"{base}#{n}"
                result["id"] = article_id
                if result["record"] is not None:
                    result["record"]["id"] = article_id
            elif result["status"] == "ok":
                result.update(status="duplicate_id", record=None,
                              error={"exception": "", "message": "id already used earlier in this batch"})
                result["id"] = article_id = f"{article_id}#{result['path']}:{result['line']}"
        self.add(article_id)
        return result


def _digest(text: str) -> int:
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest(), "big")


# --- writing -------------------------------------------------------------------------------

def write_results(results: Iterable[dict], handles: dict) -> None:
    """Append results to open output files (``articles.jsonl`` and the CSV tables)."""
    writers = {name: csv.writer(handles[f"{name}.csv"]) for name in TABLES}
    for result in results:
        if result.get("record"):
            handles["articles.jsonl"].write(json.dumps(result["record"], ensure_ascii=False) + "\n")
        for name, rows in table_rows(result).items():
            writers[name].writerows(rows)


def write_headers(handles: dict) -> None:
    for name, columns in TABLES.items():
        csv.writer(handles[f"{name}.csv"]).writerow(columns)


# --- the batch -------------------------------------------------------------------------

def chunks(items: Iterable[Item], size: int) -> Iterator[tuple[int, list[Item]]]:
    iterator = iter(items)
    for index in itertools.count():
        chunk = list(itertools.islice(iterator, size))
        if not chunk:
            return
        yield index, chunk


def run(inputs: list[str], out: str | Path, workers: int = 1, resume: bool = False, chunk_size: int = 100,
        progress: bool = False, nlp_options: dict | None = None) -> Summary:
    """Extract every article of ``inputs`` into the tables in ``out``."""
    started = time.perf_counter()
    out = Path(out)
    parts = out / PARTS
    if parts.exists() and not resume:
        shutil.rmtree(parts)
    parts.mkdir(parents=True, exist_ok=True)
    summary, ids = Summary(), UniqueIds()
    skipped: list[str] = []
    bar = progress_bar(progress)
    done: list[int] = []

    def finish(index: int, results: list[dict]) -> None:
        for result in results:
            summary.add(ids.apply(result))
        _write_chunk(parts, index, results)
        done.append(index)
        if bar is not None:
            bar.update(len(results))

    def resumed(index: int, results: list[dict]) -> None:
        for result in results:
            ids.add(result["id"])
            summary.add(result)
        summary.resumed_chunks += 1
        done.append(index)

    def take(index: int, kept: list[dict] | None, job) -> None:
        """The next chunk in input order: kept from an earlier run, or extracted now."""
        if kept is not None:
            resumed(index, kept)
        else:
            finish(index, job if isinstance(job, list) else job.result())

    options = nlp_options or {}
    pool = ProcessPoolExecutor(workers) if workers > 1 else None
    in_flight = 2 * workers if pool else 0  # bounded: memory stays flat
    try:
        pending: deque = deque()
        for index, chunk in chunks(read_items(inputs, skipped), chunk_size):
            kept = _done_chunk(parts, index)  # read once: a chunk a resumed run already has
            if kept is not None:
                job = None
            elif pool is None:
                job = extract_items(chunk, options)
            else:
                job = pool.submit(extract_items, chunk, options)
            pending.append((index, kept, job))
            while len(pending) > in_flight:
                take(*pending.popleft())
        while pending:
            take(*pending.popleft())
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
    if bar is not None:
        bar.close()
    _join_parts(parts, out, done)
    shutil.rmtree(parts)
    summary.skipped_files = len(skipped)
    summary.seconds = time.perf_counter() - started
    return summary


def _write_chunk(parts: Path, index: int, results: list[dict]) -> None:
    """The chunk's part files, then its marker (ids and counts, for a resumed run)."""
    files = {name: AtomicFile(parts / f"{index:06d}.{name}") for name in OUTPUT_FILES}
    write_results(results, {name: f.handle for name, f in files.items()})
    for f in files.values():
        f.commit()
    marker = AtomicFile(parts / f"{index:06d}.done")
    json.dump([{"id": r["id"], "status": r["status"],
                "record": {f: [None] * len(r["record"][f]) for f in FIELDS} if r["record"] else None} for r in results],
              marker.handle)
    marker.commit()


def _done_chunk(parts: Path, index: int) -> list[dict] | None:
    marker = parts / f"{index:06d}.done"
    if not marker.exists():
        return None
    return json.loads(marker.read_text(encoding="utf-8"))


def _join_parts(parts: Path, out: Path, indices: list[int]) -> None:
    files = {name: AtomicFile(out / name) for name in OUTPUT_FILES}
    write_headers({name: f.handle for name, f in files.items()})
    for name, target in files.items():
        for index in sorted(indices):
            with open(parts / f"{index:06d}.{name}", encoding="utf-8", newline="") as part:
                shutil.copyfileobj(part, target.handle)
        target.commit()


def progress_bar(enabled: bool):
    if not enabled:
        return None
    from tqdm import tqdm
    return tqdm(unit=" articles", desc="extract", smoothing=0.1)
