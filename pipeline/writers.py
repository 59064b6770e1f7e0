"""Output tables: ``articles.jsonl`` and one CSV per field, written as streams.

A run writes its complete set of tables into a fresh folder ``OUT/.runs/<run>/`` and
then makes it current by replacing one symlink, ``OUT/current``, atomically; the table
names in ``OUT`` are symlinks through ``current``. A reader therefore always finds every
table from one and the same run: a crash, a full disk or a kill at any moment leaves
the previous run's set whole. ``OUT/current/run.json`` names the run and its files. The
output folder is locked for the run (:func:`output_lock`).
"""
from __future__ import annotations

import csv
import errno
import fcntl
import json
import os
import shutil
import socket
import time
from contextlib import contextmanager
from pathlib import Path

from .fields import CSV_ENCODING, FIELDS, FLOAT, INT, LIST, LIST_JOINER, Column
from .people import people_to_parquet, write_people

ARTICLE_COLUMNS: tuple[Column, ...] = (
    Column("id"), Column("status"), Column("encoding"), Column("path"), Column("line", INT), Column("source"),
    Column("url"), Column("title"), Column("published"), *(Column(f"n_{f.name}", INT) for f in FIELDS))
ERROR_COLUMNS: tuple[Column, ...] = (
    Column("id"), Column("status"), Column("path"), Column("line", INT), Column("exception"), Column("message"))
#: every table: name → its columns (with their types)
TABLE_COLUMNS: dict[str, tuple[Column, ...]] = {
    "articles": ARTICLE_COLUMNS, **{f.name: f.table_columns for f in FIELDS}, "errors": ERROR_COLUMNS}
#: every table: name → its column names
TABLES: dict[str, list[str]] = {name: [c.name for c in columns] for name, columns in TABLE_COLUMNS.items()}
OUTPUT_FILES = ["articles.jsonl", *[f"{name}.csv" for name in TABLES]]


class AtomicFile:
    """A text file written under ``.name.tmp`` and renamed to ``name`` on :meth:`commit`."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self.tmp = self.path.with_name(f".{self.path.name}.tmp")
        self.handle = open(self.tmp, "w", encoding="utf-8", newline="")

    def commit(self) -> None:
        self.handle.close()
        os.replace(self.tmp, self.path)

    def abort(self) -> None:
        self.handle.close()
        self.tmp.unlink(missing_ok=True)


RUNS = ".runs"
CURRENT = "current"
LOCK = ".lock"
MANIFEST = "run.json"


class OutputBusy(Exception):
    """Another running process holds the lock of the output folder."""


class OutputFault(Exception):
    """The output folder cannot be created, locked or written (permissions, full disk)."""


@contextmanager
def output_lock(out: Path):
    """Hold ``OUT/.lock`` for the run: an exclusive ``flock`` that the kernel releases
    when the process ends, however it ends. A lock file naming a run that is no longer
    running is a stale lock and is taken over; the previous holder is yielded (or
    None). Raises :class:`OutputBusy` while another process holds it."""
    try:
        out.mkdir(parents=True, exist_ok=True)
        fd = os.open(out / LOCK, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise OutputFault(f"cannot use {out} as the output folder: {exc.strerror or exc}") from exc
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            if exc.errno not in (errno.EAGAIN, errno.EACCES):
                raise OutputFault(f"cannot lock {out}: {exc.strerror or exc}") from exc
            holder = os.pread(fd, 200, 0).decode("utf-8", "replace").strip() or "another process"
            raise OutputBusy(f"{out} is in use by a running extraction ({holder}); wait for it or choose "
                             f"another --out") from None
        stale = os.pread(fd, 200, 0).decode("utf-8", "replace").strip() or None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"pid {os.getpid()} on {socket.gethostname()} since {time.strftime('%Y-%m-%d %H:%M:%S')}\n"
                  .encode(), 0)
        try:
            yield stale
        finally:  # an empty lock file: the last run ended, even by an error or a signal, not by a kill
            os.ftruncate(fd, 0)
    finally:
        os.close(fd)


class TableSet:
    """The complete set of output tables of one run, written into a fresh folder
    ``OUT/.runs/<run>/`` and published together by :meth:`publish`; :meth:`discard`
    removes an unfinished set, leaving the current tables as they were."""

    def __init__(self, out: Path):
        self.out = Path(out)
        runs = self.out / RUNS
        runs.mkdir(parents=True, exist_ok=True)
        self.name = f"{time.strftime('%Y%m%dT%H%M%S')}-{os.getpid()}"
        self.folder = runs / self.name
        shutil.rmtree(self.folder, ignore_errors=True)
        self.folder.mkdir()
        self.published = False
        # the parts a table is assembled from (:meth:`append`) are plain UTF-8: the mark opens the table only
        self.handles = {name: open(self.folder / name, "w", encoding=CSV_ENCODING if name.endswith(".csv") else "utf-8",
                                   newline="") for name in OUTPUT_FILES}
        self.csv = {name: csv.writer(self.handles[f"{name}.csv"]) for name in TABLES}
        for name, columns in TABLES.items():
            self.csv[name].writerow(columns)

    def write(self, results) -> None:
        for result in results:
            if result.get("record"):
                self.handles["articles.jsonl"].write(json.dumps(result["record"], ensure_ascii=False) + "\n")
            for name, rows in table_rows(result).items():
                self.csv[name].writerows(rows)

    def append(self, name: str, path: Path) -> None:
        """Copy a part file to the end of table ``name``."""
        with open(path, encoding="utf-8", newline="") as part:
            shutil.copyfileobj(part, self.handles[name])

    def publish(self, manifest: dict, table_format: str = "csv") -> None:
        for handle in self.handles.values():
            handle.flush()
            os.fsync(handle.fileno())
            handle.close()
        write_people(self.folder)
        if table_format == "parquet":
            csv_tables_to_parquet(self.folder)
        files = sorted(os.listdir(self.folder))
        with open(self.folder / MANIFEST, "w", encoding="utf-8") as handle:
            json.dump({"run": self.name, **manifest, "files": files}, handle, ensure_ascii=False, indent=1)
            handle.flush()
            os.fsync(handle.fileno())
        _fsync(self.folder)
        _replace_symlink(self.out / CURRENT, os.path.join(RUNS, self.name))
        self.published = True  # from here on this set is the current one, whatever happens
        for name in [*files, MANIFEST]:
            target = self.out / name
            if target.is_dir() and not target.is_symlink():  # a table of the layout before runs
                shutil.rmtree(target)
            _replace_symlink(target, os.path.join(CURRENT, name))
        for entry in os.listdir(self.out):  # links to tables this run does not have (another format)
            link = self.out / entry
            if link.is_symlink() and os.readlink(link).startswith(CURRENT + os.sep) and not link.exists():
                link.unlink()
        _fsync(self.out)
        for old in os.listdir(self.out / RUNS):
            if old != self.name:
                shutil.rmtree(self.out / RUNS / old, ignore_errors=True)

    def discard(self) -> None:
        if self.published:
            return
        for handle in self.handles.values():
            try:
                handle.close()
            except OSError:
                pass
        shutil.rmtree(self.folder, ignore_errors=True)


def _replace_symlink(path: Path, target: str) -> None:
    if path.is_symlink() and os.readlink(path) == target:
        return
    tmp = path.with_name(f".{path.name}.link")
    tmp.unlink(missing_ok=True)
    os.symlink(target, tmp)
    os.replace(tmp, path)


def _fsync(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _cell(value):
    if isinstance(value, list):
        return LIST_JOINER.join(str(v) for v in value)
    return value


def table_rows(result: dict) -> dict[str, list[list]]:
    """The rows one article result adds to each table. ``result`` has ``item``
    fields (id, status, path, line, encoding, error) and ``record`` (or None)."""
    record = result.get("record")
    counts = [len(record[f.name]) if record else "" for f in FIELDS]
    article = record or {}
    rows: dict[str, list[list]] = {name: [] for name in TABLES}
    rows["articles"].append([result["id"], result["status"], result.get("encoding"), result["path"], result.get("line"),
                             article.get("source"), article.get("url"), article.get("title"), article.get("published"),
                             *counts])
    if result["status"] != "ok":
        error = result.get("error") or {}
        rows["errors"].append([result["id"], result["status"], result["path"], result.get("line"),
                               error.get("exception"), error.get("message")])
    if record:
        for f in FIELDS:
            columns = TABLES[f.name][1:]
            for mention in record[f.name]:
                rows[f.name].append([result["id"], *[_cell(mention.get(c)) for c in columns]])
    return rows


# --- Parquet -----------------------------------------------------------------------------

def parquet_schema(table: str):
    import pyarrow as pa

    types = {INT: pa.int64(), FLOAT: pa.float64(), LIST: pa.list_(pa.string())}
    return pa.schema([(c.name, types.get(c.type, pa.string())) for c in TABLE_COLUMNS[table]])


def _with_lists(batch, schema):
    """A batch read from CSV with its list columns (read as strings) split into lists; an
    empty cell is an empty list."""
    import pyarrow as pa

    columns = [pa.array([v.split(LIST_JOINER) if v else [] for v in column.to_pylist()], field.type)
               if pa.types.is_list(field.type) else column for column, field in zip(batch.columns, schema)]
    return pa.RecordBatch.from_arrays(columns, schema=schema)


def csv_tables_to_parquet(folder: str | Path, remove_csv: bool = True) -> None:
    """Each CSV table of ``folder`` as a Parquet dataset ``<table>.parquet/`` with typed
    columns (integers for offsets and counts, numbers for amounts; ISO dates as strings
    beside their granularity), converted as a stream."""
    import pyarrow as pa
    import pyarrow.csv as pacsv
    import pyarrow.parquet as pq

    folder = Path(folder)
    for table in TABLES:
        source = folder / f"{table}.csv"
        schema = parquet_schema(table)
        dataset = folder / f"{table}.parquet"
        tmp = folder / f".{table}.parquet.tmp"
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir()
        read_types = [(f.name, pa.string() if pa.types.is_list(f.type) else f.type) for f in schema]
        reader = pacsv.open_csv(source, convert_options=pacsv.ConvertOptions(
            column_types=dict(read_types), strings_can_be_null=True, quoted_strings_can_be_null=False))
        with pq.ParquetWriter(tmp / "part-00000.parquet", schema) as writer:
            for batch in reader:
                writer.write_batch(_with_lists(batch, schema))
        shutil.rmtree(dataset, ignore_errors=True)
        os.replace(tmp, dataset)
        if remove_csv:
            source.unlink()
    people_to_parquet(folder, remove_csv)
