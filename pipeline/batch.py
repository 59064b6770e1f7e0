"""Batch runs on this machine: stream articles through the pipeline in chunks, on one or
more processes.

The output folder is locked for the run. Input is read as a stream and cut into chunks
of ``chunk_size`` articles. A chunk is extracted by a worker (each worker loads the
pipeline once and dies with the main process); its results come back in input order and
are written to part files in ``OUT/.parts/``, moved into place and marked done only when
complete, with the chunk's fingerprint. When every chunk is done the parts are joined, in
input order, into a complete new set of tables that replaces the previous set at once
(``writers.TableSet``). With ``resume`` a chunk is kept only when its fingerprint matches:
a digest of the program version, the rules, the options and every article of this chunk
and of all chunks before it (ids depend on what came earlier); any other chunk is done
again. So an interrupted run continues where it stopped and ends with the same tables as
one that never stopped, and a resume with other inputs or options cannot mix them.
"""
from __future__ import annotations

import csv
import hashlib
import itertools
import json
import os
import shutil
import signal
import threading
import time
from collections import Counter, deque
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

from . import timings
from .fields import NAMES as FIELDS
from .readers import Item, Tally, check_inputs, read_items
from .writers import OUTPUT_FILES, TABLES, AtomicFile, TableSet, output_lock, table_rows

PARTS = ".parts"


@dataclass
class Summary:
    articles: int = 0
    ok: int = 0
    errors: Counter = field(default_factory=Counter)
    mentions: Counter = field(default_factory=Counter)
    skipped_files: int = 0
    repeated_files: int = 0
    blank_lines: int = 0
    resumed_chunks: int = 0
    redone_chunks: int = 0
    stale_lock: str | None = None
    seconds: float = 0.0
    stages: dict[str, float] = field(default_factory=dict)  # seconds per stage, summed over processes

    def count(self, tally: Tally) -> None:
        self.skipped_files, self.repeated_files, self.blank_lines = len(tally.unsupported), tally.repeated, tally.blank_lines

    def notes(self) -> list[str]:
        """What the run passed over or took over, one line each, for stderr."""
        notes = []
        if self.stale_lock:
            notes.append(f"note: took over the lock of a run that ended without releasing it ({self.stale_lock})")
        if self.redone_chunks:
            notes.append(f"note: {self.redone_chunks} chunks of the interrupted run were done again: their inputs, "
                         "options or rules differ from that run's")
        if self.skipped_files:
            notes.append(f"skipped {self.skipped_files} files of unsupported types")
        if self.repeated_files:
            notes.append(f"read once {self.repeated_files} files named or found more than once")
        if self.blank_lines:
            notes.append(f"skipped {self.blank_lines} blank lines")
        return notes

    def add(self, result: dict) -> None:
        self.articles += 1
        for name, seconds in (result.get("seconds") or {}).items():
            self.stages[name] = self.stages.get(name, 0.0) + seconds
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
              "encoding": item.encoding, "error": item.error, "record": None, "explicit_id": item.explicit_id}
    if not item.ok or item.article is None:
        return result
    from .record import extract_article
    timings.take()
    try:
        record = extract_article(nlp, item.article)
        record["encoding"] = item.encoding
        result["record"] = record
    except Exception as exc:  # one broken article never stops a batch
        result.update(status="extraction_failed", error={"exception": type(exc).__name__, "message": str(exc)[:500]})
    result["seconds"] = timings.take()
    return result


def extract_items(items: list[Item], options: dict | None = None) -> list[dict]:
    """Results of a list of items, in order (what a worker does with a chunk)."""
    nlp = worker_nlp(options)
    return [extract_item(nlp, item) for item in items]


def init_worker() -> None:
    """A worker process ends with the main process, and leaves Ctrl-C to it: the kernel
    kills it when its parent dies (Linux), and a watcher thread does so anywhere else."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    parent = os.getppid()
    try:
        import ctypes
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass
    if os.getppid() != parent:  # the parent died before the request took effect
        os._exit(1)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()


def stop_workers(pool: ProcessPoolExecutor) -> None:
    """End the worker processes now, whatever they are doing (on Ctrl-C, SIGTERM or an
    error): their chunks are not marked done, so a resumed run does them again."""
    for process in list((getattr(pool, "_processes", None) or {}).values()):
        try:
            process.kill()
        except (OSError, ValueError):
            pass
    pool.shutdown(wait=True, cancel_futures=True)


# --- ids ---------------------------------------------------------------------------------

class UniqueIds:
    """Makes ids unique over a batch, in input order. A record whose own id was already
    another record's own id is reported as ``duplicate_id`` and its extraction dropped,
    never overwriting the first. Any other collision (an id made from a file's name or a
    line number, meeting any earlier id) gives the later article a new id made from its
    path and is extracted. Every id written, the new ones included, is unused before.
    Only a 64-bit digest of each id is kept, so memory grows by tens of bytes per
    article, not by the ids themselves."""

    def __init__(self):
        self.seen: set[int] = set()
        self.own: set[int] = set()

    def add(self, article_id: str, explicit: bool = False) -> None:
        digest = _digest(article_id)
        self.seen.add(digest)
        if explicit:
            self.own.add(digest)

    def __contains__(self, article_id: str) -> bool:
        return _digest(article_id) in self.seen

    def apply(self, result: dict) -> dict:
        article_id, explicit = result["id"], result.get("explicit_id", False)
        if article_id in self:
            if explicit and _digest(article_id) in self.own and result["status"] == "ok":
                result.update(status="duplicate_id", record=None,
                              error={"exception": "", "message": "id already used earlier in this batch"})
            base = (Path(result["path"]).with_suffix("").as_posix() if result["line"] is None
                    else f"{article_id}#{result['path']}:{result['line']}")
            article_id, n = base, 1
            while article_id in self:
                n += 1
                article_id = f"{base}#{n}"
            result["id"] = article_id
            if result["record"] is not None:
                result["record"]["id"] = article_id
            explicit = False
        self.add(article_id, explicit)
        return result


def _digest(text: str) -> int:
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=8).digest(), "big")


# --- writing -------------------------------------------------------------------------------

def write_results(results: Iterable[dict], handles: dict) -> None:
    """Append results to open output files (``articles.jsonl`` and the CSV tables)."""
    writers = {name: csv.writer(handles[f"{name}.csv"]) for name in TABLES}
    for result in results:
        if result.get("record"):
            handles["articles.jsonl"].write(json.dumps(result["record"], ensure_ascii=False) + "\n")
        for name, rows in table_rows(result).items():
            writers[name].writerows(rows)


# --- fingerprints --------------------------------------------------------------------------

def run_fingerprint(options: dict) -> str:
    """What a resumed run must share with the run it continues: the program version, the
    rules, the extraction options and, when it runs, the name recogniser's model."""
    from . import __version__, rules
    digest = hashlib.blake2b(json.dumps([__version__, options], sort_keys=True).encode(), digest_size=16)
    rules_dir = rules.rules_dir()
    for path in sorted(rules_dir.rglob("*.yaml")):
        digest.update(path.relative_to(rules_dir).as_posix().encode())
        digest.update(path.read_bytes())
    if options.get("ner"):
        from . import ner
        for path in ner.files():
            digest.update(path.relative_to(ner.MODEL_DIR).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def chunk_fingerprint(previous: str, chunk: list[Item]) -> str:
    """The fingerprint of a chunk: that of the chunk before it and every item of this one."""
    digest = hashlib.blake2b(previous.encode(), digest_size=16)
    for item in chunk:
        digest.update(json.dumps([item.id, item.explicit_id, item.path, item.line, item.status, item.encoding,
                                  item.error, item.article], ensure_ascii=False, sort_keys=True)
                      .encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


# --- the batch -------------------------------------------------------------------------

def chunks(items: Iterable[Item], size: int) -> Iterator[tuple[int, list[Item]]]:
    iterator = iter(items)
    for index in itertools.count():
        chunk = list(itertools.islice(iterator, size))
        if not chunk:
            return
        yield index, chunk


#: Articles per chunk of work. Small enough that the bundled corpus (243 articles) makes a
#: dozen chunks, so that two workers finish together; large enough that the cost of a chunk
#: (its part files, its fingerprint, sending it to a worker) stays small. The output does
#: not depend on it.
CHUNK_SIZE = 20


def run(inputs: list[str], out: str | Path, workers: int = 1, resume: bool = False, chunk_size: int = CHUNK_SIZE,
        progress: bool = False, nlp_options: dict | None = None, table_format: str = "csv") -> Summary:
    """Extract every article of ``inputs`` into the tables in ``out``."""
    if workers < 1 or chunk_size < 1:
        raise ValueError("workers and chunk_size must be at least 1")
    out = Path(out)
    check_inputs(inputs)  # before --out is touched
    with output_lock(out) as stale:
        options = {k: v for k, v in (nlp_options or {}).items() if v}  # the defaults are all off
        summary = _run(inputs, out, workers, resume, chunk_size, progress, options, table_format)
        summary.stale_lock = stale
    return summary


def _run(inputs, out: Path, workers: int, resume: bool, chunk_size: int, progress: bool, options: dict,
         table_format: str) -> Summary:
    started = time.perf_counter()
    parts = out / PARTS
    if parts.exists() and not resume:
        shutil.rmtree(parts)
    parts.mkdir(parents=True, exist_ok=True)
    summary, ids, tally = Summary(), UniqueIds(), Tally()
    bar = progress_bar(progress)
    done: list[int] = []

    def finish(index: int, fingerprint: str, results: list[dict]) -> None:
        for result in results:
            summary.add(ids.apply(result))
        with timings.stage("write", summary.stages):
            _write_chunk(parts, index, fingerprint, results)
        done.append(index)
        if bar is not None:
            bar.update(len(results))

    def resumed(index: int, results: list[dict]) -> None:
        for result in results:
            ids.add(result["id"], result.get("explicit_id", False))
            summary.add(result)
        summary.resumed_chunks += 1
        done.append(index)

    def take(index: int, fingerprint: str, kept: list[dict] | None, job) -> None:
        """The next chunk in input order: kept from an earlier run, or extracted now."""
        if kept is not None:
            resumed(index, kept)
        else:
            finish(index, fingerprint, job if isinstance(job, list) else job.result())

    pool = ProcessPoolExecutor(workers, initializer=init_worker) if workers > 1 else None
    in_flight = 2 * workers if pool else 0  # bounded: memory stays flat
    fingerprint = run_fingerprint(options)
    try:
        pending: deque = deque()
        for index, chunk in chunks(timings.timed(read_items(inputs, tally, exclude=[out]), "read", summary.stages),
                                   chunk_size):
            fingerprint = chunk_fingerprint(fingerprint, chunk)
            kept = _done_chunk(parts, index, fingerprint, summary)  # read once: a chunk a resumed run already has
            job: list[dict] | Future | None
            if kept is not None:
                job = None
            elif pool is None:
                job = extract_items(chunk, options)
            else:
                job = pool.submit(extract_items, chunk, options)
            pending.append((index, fingerprint, kept, job))
            while len(pending) > in_flight:
                take(*pending.popleft())
        while pending:
            take(*pending.popleft())
    except BaseException:
        if pool is not None:
            stop_workers(pool)
        raise
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
        if bar is not None:
            bar.close()
    summary.count(tally)
    with timings.stage("write", summary.stages):
        _join_parts(parts, out, done, {"inputs": [str(i) for i in inputs], "options": options,
                                       "chunk_size": chunk_size, "articles": summary.articles,
                                       "extracted": summary.ok}, table_format)
    shutil.rmtree(parts)
    summary.seconds = time.perf_counter() - started
    return summary


def _write_chunk(parts: Path, index: int, fingerprint: str, results: list[dict]) -> None:
    """The chunk's part files, then its marker (fingerprint, ids and counts, for a resumed run)."""
    files = {name: AtomicFile(parts / f"{index:06d}.{name}") for name in OUTPUT_FILES}
    write_results(results, {name: f.handle for name, f in files.items()})
    for f in files.values():
        f.commit()
    marker = AtomicFile(parts / f"{index:06d}.done")
    json.dump({"fingerprint": fingerprint, "results": [
        {"id": r["id"], "explicit_id": r.get("explicit_id", False), "status": r["status"],
         "record": {f: [None] * len(r["record"][f]) for f in FIELDS} if r["record"] else None} for r in results]},
        marker.handle)
    marker.commit()


def _done_chunk(parts: Path, index: int, fingerprint: str, summary: Summary) -> list[dict] | None:
    """The results a resumed run keeps for chunk ``index``: only those of a chunk done
    with the same fingerprint."""
    marker = parts / f"{index:06d}.done"
    if not marker.exists():
        return None
    try:
        done = json.loads(marker.read_text(encoding="utf-8"))
    except ValueError:
        done = None
    if isinstance(done, dict) and done.get("fingerprint") == fingerprint:
        return done["results"]
    marker.unlink()
    summary.redone_chunks += 1
    return None


def _join_parts(parts: Path, out: Path, indices: list[int], manifest: dict, table_format: str) -> None:
    """The part files joined in input order into a new set of tables, published at once."""
    tables = TableSet(out)
    try:
        for name in OUTPUT_FILES:
            for index in sorted(indices):
                tables.append(name, parts / f"{index:06d}.{name}")
        tables.publish(manifest, table_format)
    except BaseException:
        tables.discard()
        raise


def progress_bar(enabled: bool):
    if not enabled:
        return None
    from tqdm import tqdm
    return tqdm(unit=" articles", desc="extract", smoothing=0.1)
