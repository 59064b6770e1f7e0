"""The same batch on a Dask cluster (``--engine dask``).

The inputs are planned into partitions (``readers.plan_partitions``: byte ranges of a
``.jsonl``, groups of files); each Dask worker reads its partitions and extracts them with
the pipeline it loaded once; the results come back in input order and are written here
exactly as the local engine writes them, so both engines give the same files. Paths are
sent absolute, so workers started in another folder read the same files. A worker that
dies has its partitions computed again by Dask; failures inside an article are that
article's error row, as in the local engine, and a partition whose task fails as a whole
gives one ``worker_failed`` row per article it holds.
"""
from __future__ import annotations

import itertools
import os
import sys
import time
from collections import deque
from pathlib import Path

from .batch import CHUNK_SIZE, Summary, UniqueIds, extract_items, progress_bar
from .readers import Tally, check_inputs, partition_items, plan_partitions, read_partition
from .writers import TableSet, output_lock


def process_partition(partition: dict, options: dict | None = None) -> tuple[list[dict], int]:
    """What a worker does with one partition: read it and extract every article. Returns
    the results and the number of blank lines passed over."""
    tally = Tally()
    return extract_items(list(read_partition(partition, tally)), options), tally.blank_lines


def failed_partition(partition: dict, exc: BaseException) -> list[dict]:
    """One ``worker_failed`` row per article of a partition whose task failed as a whole
    (a worker that cannot import the pipeline, a partition Dask gave up on)."""
    error = {"exception": type(exc).__name__, "message": str(exc)[:500]}
    return [{"id": item.id, "status": "worker_failed", "path": item.path, "line": item.line, "encoding": None,
             "error": error, "record": None, "explicit_id": False} for item in partition_items(partition)]


def _client(scheduler: str | None, workers: int | None):
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError as exc:  # the cluster extra is not installed
        raise SystemExit("error: --engine dask needs dask.distributed: pip install 'vn-press-extract[cluster]'") from exc
    if scheduler:
        return Client(scheduler), None
    cluster = LocalCluster(n_workers=workers or os.cpu_count() or 1, threads_per_worker=1, processes=True)
    client = Client(cluster)
    print(f"Dask dashboard: {client.dashboard_link}", file=sys.stderr)
    return client, cluster


def run(inputs: list[str], out: str | Path, scheduler: str | None = None, workers: int | None = None,
        chunk_size: int = CHUNK_SIZE, progress: bool = False, nlp_options: dict | None = None,
        table_format: str = "csv") -> Summary:
    """Extract every article of ``inputs`` into the tables in ``out`` on a Dask cluster:
    the one at ``scheduler``, or a local one with ``workers`` processes."""
    out = Path(out)
    check_inputs(inputs)  # before --out is touched
    with output_lock(out) as stale:
        summary = _run(inputs, out, scheduler, workers, chunk_size, progress, nlp_options or {}, table_format)
        summary.stale_lock = stale
    return summary


def _run(inputs, out: Path, scheduler, workers, chunk_size: int, progress: bool, options: dict,
         table_format: str) -> Summary:
    started = time.perf_counter()
    tally = Tally()
    partitions = plan_partitions(inputs, chunk_size, tally, exclude=[out])
    first = next(partitions, None)  # a missing input fails here, before a cluster starts
    client, cluster = _client(scheduler, workers)
    summary, ids, bar = Summary(), UniqueIds(), progress_bar(progress)
    window = 2 * max(1, len(client.scheduler_info()["workers"]))
    tables = TableSet(out)
    try:
        pending: deque = deque()

        def collect() -> None:
            partition, future = pending.popleft()
            try:
                results, blank_lines = future.result()
            except Exception as exc:  # the task failed as a whole: every article of it says so
                results, blank_lines = failed_partition(partition, exc), 0
            tally.blank_lines += blank_lines
            for result in results:
                summary.add(ids.apply(result))
            tables.write(results)
            if bar is not None:
                bar.update(len(results))

        for partition in itertools.chain([first] if first else [], partitions):
            pending.append((partition, client.submit(process_partition, partition, options, pure=False)))
            while len(pending) >= window:  # bounded: memory stays flat
                collect()
        while pending:
            collect()
        summary.count(tally)
        tables.publish({"inputs": [str(i) for i in inputs], "options": options, "chunk_size": chunk_size,
                        "articles": summary.articles, "extracted": summary.ok, "engine": "dask"}, table_format)
    except BaseException:
        tables.discard()
        raise
    finally:
        if bar is not None:
            bar.close()
        client.close()
        if cluster is not None:
            cluster.close()
    summary.seconds = time.perf_counter() - started
    return summary
