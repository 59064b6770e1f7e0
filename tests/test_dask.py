"""The Dask engine on a real local cluster: the same files as the local engine, Parquet
tables that pandas reads with their types, and no article lost when a worker dies."""
import os
import signal
import threading
import time

import numpy as np
import pandas as pd
import pytest

from conftest import CORPUS
from pipeline import batch, dask_engine
from pipeline.writers import OUTPUT_FILES, TABLES, csv_tables_to_parquet

distributed = pytest.importorskip("dask.distributed")


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as c:
        yield c


@pytest.fixture(scope="module")
def local_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("local")
    summary = batch.run([str(CORPUS)], out, workers=1)
    return out, summary


def articles_in_corpus() -> int:
    """Counted from the files themselves: a line of a .jsonl, or a .txt file, is an article."""
    lines = sum(1 for f in CORPUS.rglob("*.jsonl") for line in open(f, encoding="utf-8") if line.strip())
    return lines + sum(1 for _ in CORPUS.rglob("*.txt"))


def test_dask_engine_writes_what_the_local_engine_writes(cluster, local_run, tmp_path):
    local_out, local_summary = local_run
    summary = dask_engine.run([str(CORPUS)], tmp_path, scheduler=cluster.scheduler_address, chunk_size=20)
    assert summary.articles == local_summary.articles == articles_in_corpus()
    for name in [*OUTPUT_FILES, "people.csv"]:  # person_id too, in officials.csv and people.csv
        assert (tmp_path / name).read_bytes() == (local_out / name).read_bytes(), name


def test_parquet_tables_have_types_and_every_row(local_run, tmp_path):
    local_out, _ = local_run
    for name in [*OUTPUT_FILES, "people.csv"]:
        (tmp_path / name).write_bytes((local_out / name).read_bytes())
    csv_rows = {t: len(pd.read_csv(tmp_path / f"{t}.csv")) for t in [*TABLES, "people"]}
    officials_csv = pd.read_csv(tmp_path / "officials.csv", dtype=str, keep_default_na=False)
    csv_tables_to_parquet(tmp_path)
    # every list field is a real list column in every table (pyarrow's own types)
    import pyarrow as pa
    import pyarrow.parquet as pq
    from pipeline.fields import LIST
    from pipeline.people import LIST_COLUMNS
    from pipeline.writers import TABLE_COLUMNS
    lists = {t: [c.name for c in columns if c.type == LIST] for t, columns in TABLE_COLUMNS.items()}
    assert lists["officials"] == ["titles"]
    for table, names in [*lists.items(), ("people", list(LIST_COLUMNS))]:
        schema = pq.read_schema(next((tmp_path / f"{table}.parquet").glob("*.parquet")))
        for name in names:
            assert schema.field(name).type == pa.list_(pa.string()), (table, name)
    titles = pq.read_table(tmp_path / "officials.parquet").column("titles").to_pylist()
    assert titles == [t.split("; ") if t else [] for t in officials_csv["titles"]]
    assert any(len(t) > 1 for t in titles)
    people = pd.read_parquet(tmp_path / "people.parquet")
    assert len(people) == csv_rows["people"] and str(people["articles"].dtype) == "int64"
    assert all(isinstance(titles, (list, np.ndarray)) for titles in people["titles"])  # real lists
    for table in TABLES:
        assert not (tmp_path / f"{table}.csv").exists()
        frame = pd.read_parquet(tmp_path / f"{table}.parquet")
        assert list(frame.columns) == TABLES[table] and len(frame) == csv_rows[table], table
    amounts = pd.read_parquet(tmp_path / "amounts.parquet")
    assert str(amounts["value"].dtype) == "float64" and str(amounts["start"].dtype) == "int64"
    assert (amounts["value"] > 0).all()
    awards = pd.read_parquet(tmp_path / "awards.parquet")
    assert str(awards["count"].dtype) == "int64"
    dates = pd.read_parquet(tmp_path / "dates.parquet")
    assert set(dates["granularity"]) <= {"day", "month", "year"}
    assert dates["value"].str.match(r"^(\d{4}|XXXX)(-\d\d){0,2}(/(\d{4}|XXXX)(-\d\d){0,2})?$").all()
    import dask.dataframe as dd
    assert len(dd.read_parquet(str(tmp_path / "provinces.parquet"))) == csv_rows["provinces"]


def test_a_killed_worker_loses_no_article(local_run, tmp_path):
    local_out, local_summary = local_run
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as c, \
            distributed.Client(c) as client:
        pids = list(client.run(os.getpid).values())
        outcome = {}
        run = threading.Thread(target=lambda: outcome.update(summary=dask_engine.run(
            [str(CORPUS)], tmp_path, scheduler=c.scheduler_address, chunk_size=5)))
        run.start()
        deadline = time.time() + 60
        while time.time() < deadline and not any(ts.state == "memory" for ts in c.scheduler.tasks.values()):
            time.sleep(0.05)  # wait until the first partition is done, then kill a worker mid-run
        os.kill(pids[0], signal.SIGKILL)
        run.join(timeout=300)
    assert not run.is_alive()
    assert outcome["summary"].articles == local_summary.articles
    articles = pd.read_csv(tmp_path / "articles.csv")
    assert articles["id"].is_unique and len(articles) == local_summary.articles
    assert (tmp_path / "articles.jsonl").read_bytes() == (local_out / "articles.jsonl").read_bytes()


def test_relative_inputs_reach_workers_started_elsewhere(cluster, local_run, tmp_path, monkeypatch):
    """Workers whose working folder is not ours read the inputs named relative to ours."""
    local_out, local_summary = local_run
    monkeypatch.chdir(CORPUS.parent)
    with distributed.Client(cluster) as client:
        client.run(os.chdir, "/")
        summary = dask_engine.run(["corpus"], tmp_path, scheduler=cluster.scheduler_address, chunk_size=40)
    assert summary.ok == local_summary.ok and summary.articles == local_summary.articles
    assert pd.read_csv(tmp_path / "articles.csv")["path"].str.startswith("corpus/").all()  # as given, like local


def test_a_failed_partition_is_one_row_per_article(tmp_path):
    """A partition whose task fails as a whole reports each article it held."""
    from pipeline.readers import plan_partitions
    lines = tmp_path / "a.jsonl"
    lines.write_text("".join(f'{{"id": "{i}", "text": "x"}}\n' for i in range(8)), encoding="utf-8")
    partitions = list(plan_partitions([str(lines)], 3))
    rows = [r for p in partitions for r in dask_engine.failed_partition(p, RuntimeError("worker lost"))]
    assert [(r["line"], r["status"]) for r in rows] == [(n, "worker_failed") for n in range(1, 9)]
    assert all(os.path.isabs(p["jsonl"]) for p in partitions)
