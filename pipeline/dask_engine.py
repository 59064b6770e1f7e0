"""The same batch on a Dask cluster (``--engine dask``).

The inputs are planned into partitions (``readers.plan_partitions``: byte ranges of a
``.jsonl``, groups of files); each Dask worker reads its partitions and extracts them with
the pipeline it loaded once; the results come back in input order and are written here
exactly as the local engine writes them, so both engines give the same files. A worker
that dies has its partitions computed again by Dask; failures inside an article are that
article's error row, as in the local engine.
"""
from __future__ import annotations

import itertools
import os
import sys
import time
from collections import deque
from pathlib import Path

from .batch import Summary, UniqueIds, extract_items, progress_bar, write_headers, write_results
from .readers import plan_partitions, read_partition
from .writers import OUTPUT_FILES, AtomicFile


def process_partition(partition: dict, options: dict | None = None) -> list[dict]:
    """What a worker does with one partition: read it and extract every article."""
    return extract_items(list(read_partition(partition)), options)


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
        chunk_size: int = 100, progress: bool = False, nlp_options: dict | None = None) -> Summary:
    """Extract every article of ``inputs`` into the tables in ``out`` on a Dask cluster:
    the one at ``scheduler``, or a local one with ``workers`` processes."""
    started = time.perf_counter()
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    skipped: list[str] = []
    partitions = plan_partitions(inputs, chunk_size, skipped)
    first = next(partitions, None)  # a missing input fails here, before a cluster starts
    client, cluster = _client(scheduler, workers)
    files = {name: AtomicFile(out / name) for name in OUTPUT_FILES}
    handles = {name: f.handle for name, f in files.items()}
    summary, ids, bar = Summary(), UniqueIds(), progress_bar(progress)
    window = 2 * max(1, len(client.scheduler_info()["workers"]))
    try:
        write_headers(handles)
        pending: deque = deque()

        def collect() -> None:
            results = pending.popleft().result()
            for result in results:
                summary.add(ids.apply(result))
            write_results(results, handles)
            if bar is not None:
                bar.update(len(results))

        for partition in itertools.chain([first] if first else [], partitions):
            pending.append(client.submit(process_partition, partition, nlp_options or {}, pure=False))
            while len(pending) >= window:  # bounded: memory stays flat
                collect()
        while pending:
            collect()
        for f in files.values():
            f.commit()
    except BaseException:
        for f in files.values():
            f.abort()
        raise
    finally:
        if bar is not None:
            bar.close()
        client.close()
        if cluster is not None:
            cluster.close()
    summary.skipped_files = len(skipped)
    summary.seconds = time.perf_counter() - started
    return summary
