"""Batch runs: stream articles through the pipeline in chunks, on one or more processes.

Input is read as a stream and cut into chunks of ``chunk_size`` articles. A chunk is
extracted by a worker (each worker loads the pipeline once) and written to part files
in ``OUT/.parts/``, which are moved into place and marked done only when complete. When
every chunk is done the parts are joined, in input order, into the output tables. With
``resume`` the chunks already done are kept, so an interrupted run continues where it
stopped and ends with the same tables as one that never stopped.
"""
from __future__ import annotations

import itertools
import json
import os
import shutil
import time
from collections import Counter
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

    def add(self, stats: dict) -> None:
        self.articles += stats["articles"]
        self.ok += stats["ok"]
        self.errors.update(stats["errors"])
        self.mentions.update(stats["mentions"])

    def line(self) -> str:
        fields = ", ".join(f"{self.mentions[f]} {f}" for f in FIELDS)
        errors = sum(self.errors.values())
        detail = f" ({', '.join(f'{n} {k}' for k, n in sorted(self.errors.items()))})" if errors else ""
        return (f"{self.articles} articles: {self.ok} extracted, {errors} errors{detail}; {fields}; "
                f"{self.seconds:.1f} s")


# --- one process's share of the work -------------------------------------------------

_NLP = None


def _init_worker(options: dict) -> None:
    global _NLP
    from .nlp import load
    _NLP = load(**options)


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


def process_chunk(index: int, items: list[Item], parts: str) -> dict:
    """Extract one chunk and write its part files; returns the chunk's counts."""
    stats = {"articles": 0, "ok": 0, "errors": Counter(), "mentions": Counter()}
    folder = Path(parts)
    names = {name: folder / f"{index:06d}.{name}" for name in OUTPUT_FILES}
    files = {name: AtomicFile(path) for name, path in names.items()}
    import csv
    writers = {name: csv.writer(files[f"{name}.csv"].handle) for name in TABLES}
    for item in items:
        result = extract_item(_NLP, item)
        stats["articles"] += 1
        if result["status"] == "ok":
            stats["ok"] += 1
            files["articles.jsonl"].handle.write(json.dumps(result["record"], ensure_ascii=False) + "\n")
            for f in FIELDS:
                stats["mentions"][f] += len(result["record"][f])
        else:
            stats["errors"][result["status"]] += 1
        for name, rows in table_rows(result).items():
            writers[name].writerows(rows)
    for f in files.values():
        f.commit()
    done = AtomicFile(folder / f"{index:06d}.done")
    done.handle.write(json.dumps(stats, ensure_ascii=False))
    done.commit()
    return stats


# --- the batch -------------------------------------------------------------------------

def unique_items(items: Iterable[Item]) -> Iterator[Item]:
    """Items with unique ids: a file whose stem was seen gets a path-based id; a record
    whose own id was seen is reported as ``duplicate_id``, not extracted again."""
    seen: dict[str, str] = {}
    for item in items:
        if item.id in seen:
            if item.line is None:  # a file: its id came from its name
                base, n = Path(item.path).with_suffix("").as_posix(), 1
                item.id = base
                while item.id in seen:
                    n += 1
                    item.id = f"{base}#{n}"
            elif item.ok:
                item.status = "duplicate_id"
                item.error = {"exception": "", "message": f"id already used by {seen[item.id]}"}
                item.id = f"{item.id}#{item.path}:{item.line}"
        seen.setdefault(item.id, f"{item.path}" + (f":{item.line}" if item.line else ""))
        yield item


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
    summary = Summary()
    skipped: list[str] = []
    items = unique_items(read_items(inputs, skipped))
    bar = _progress_bar(progress)
    done_indices: list[int] = []

    def finished(stats: dict, index: int) -> None:
        summary.add(stats)
        done_indices.append(index)
        if bar is not None:
            bar.update(stats["articles"])

    options = nlp_options or {}
    if workers <= 1:
        _init_worker(options)
        for index, chunk in chunks(items, chunk_size):
            stats = _done_stats(parts, index)
            if stats is not None:
                summary.resumed_chunks += 1
            finished(stats or process_chunk(index, chunk, str(parts)), index)
    else:
        with ProcessPoolExecutor(workers, initializer=_init_worker, initargs=(options,)) as pool:
            pending = []
            for index, chunk in chunks(items, chunk_size):
                stats = _done_stats(parts, index)
                if stats is not None:
                    summary.resumed_chunks += 1
                    finished(stats, index)
                    continue
                pending.append((index, pool.submit(process_chunk, index, chunk, str(parts))))
                while len(pending) >= 2 * workers:  # bounded: memory stays flat
                    i, future = pending.pop(0)
                    finished(future.result(), i)
            for i, future in pending:
                finished(future.result(), i)
    if bar is not None:
        bar.close()
    _join_parts(parts, out, sorted(done_indices))
    shutil.rmtree(parts)
    summary.skipped_files = len(skipped)
    summary.seconds = time.perf_counter() - started
    return summary


def _done_stats(parts: Path, index: int) -> dict | None:
    marker = parts / f"{index:06d}.done"
    if not marker.exists():
        return None
    stats = json.loads(marker.read_text(encoding="utf-8"))
    stats["errors"], stats["mentions"] = Counter(stats["errors"]), Counter(stats["mentions"])
    return stats


def _join_parts(parts: Path, out: Path, indices: list[int]) -> None:
    for name in OUTPUT_FILES:
        target = AtomicFile(out / name)
        if name.endswith(".csv"):
            import csv
            csv.writer(target.handle).writerow(TABLES[name[:-4]])
        for index in indices:
            with open(parts / f"{index:06d}.{name}", encoding="utf-8", newline="") as part:
                shutil.copyfileobj(part, target.handle)
        target.commit()


def _progress_bar(enabled: bool):
    if not enabled:
        return None
    from tqdm import tqdm
    return tqdm(unit=" articles", desc="extract", smoothing=0.1)
