"""Output tables: ``articles.jsonl`` and one CSV per field, written as streams.

Every file is written under a temporary name in its folder and moved into place only
when complete, so a crash never leaves a truncated table that looks whole.
"""
from __future__ import annotations

import csv
import json
import os
import shutil
from pathlib import Path

FIELD_COLUMNS = {
    "dates": ["text", "value", "kind", "granularity", "start", "end"],
    "officials": ["name", "rank", "titles", "text", "start", "end"],
    "provinces": ["text", "name", "current", "start", "end"],
    "awards": ["text", "count", "qualifier", "recipient", "award", "start", "end"],
    "amounts": ["text", "value", "currency", "qualifier", "start", "end"],
}
ARTICLE_COLUMNS = ["id", "status", "encoding", "path", "line", "source", "url", "title", "published",
                   *[f"n_{f}" for f in FIELD_COLUMNS]]
ERROR_COLUMNS = ["id", "status", "path", "line", "exception", "message"]
TABLES = {"articles": ARTICLE_COLUMNS, **{f: ["id", *cols] for f, cols in FIELD_COLUMNS.items()}, "errors": ERROR_COLUMNS}
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


def _cell(value):
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return value


def table_rows(result: dict) -> dict[str, list[list]]:
    """The rows one article result adds to each table. ``result`` has ``item``
    fields (id, status, path, line, encoding, error) and ``record`` (or None)."""
    record = result.get("record")
    counts = {f: len(record[f]) if record else "" for f in FIELD_COLUMNS}
    article = record or {}
    rows: dict[str, list[list]] = {name: [] for name in TABLES}
    rows["articles"].append([result["id"], result["status"], result.get("encoding"), result["path"], result.get("line"),
                             article.get("source"), article.get("url"), article.get("title"), article.get("published"),
                             *counts.values()])
    if result["status"] != "ok":
        error = result.get("error") or {}
        rows["errors"].append([result["id"], result["status"], result["path"], result.get("line"),
                               error.get("exception"), error.get("message")])
    if record:
        for field, columns in FIELD_COLUMNS.items():
            for mention in record[field]:
                rows[field].append([result["id"], *[_cell(mention.get(c)) for c in columns]])
    return rows


class OutputWriter:
    """Writes results to ``articles.jsonl`` and the CSV tables in ``folder``."""

    def __init__(self, folder: Path):
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        self.files = {name: AtomicFile(folder / name) for name in OUTPUT_FILES}
        self.csv = {name: csv.writer(self.files[f"{name}.csv"].handle) for name in TABLES}
        for name, columns in TABLES.items():
            self.csv[name].writerow(columns)

    def write(self, result: dict) -> None:
        if result.get("record"):
            self.files["articles.jsonl"].handle.write(json.dumps(result["record"], ensure_ascii=False) + "\n")
        for name, rows in table_rows(result).items():
            self.csv[name].writerows(rows)

    def commit(self) -> None:
        for f in self.files.values():
            f.commit()

    def abort(self) -> None:
        for f in self.files.values():
            f.abort()


# --- Parquet -----------------------------------------------------------------------------

INT_COLUMNS = {"start", "end", "line", "count", *(f"n_{f}" for f in FIELD_COLUMNS)}
# An amount may have decimals (72,46 USD); float64 holds every whole amount exactly up to 9·10^15.
FLOAT_COLUMNS_BY_TABLE = {"amounts": {"value"}}


def parquet_schema(table: str):
    import pyarrow as pa

    def kind(column: str):
        if column in INT_COLUMNS:
            return pa.int64()
        if column in FLOAT_COLUMNS_BY_TABLE.get(table, set()):
            return pa.float64()
        return pa.string()

    return pa.schema([(c, kind(c)) for c in TABLES[table]])


def csv_tables_to_parquet(folder: str | Path, remove_csv: bool = True) -> None:
    """Each CSV table of ``folder`` as a Parquet dataset ``<table>.parquet/`` with typed
    columns (integers for offsets and counts, numbers for amounts; ISO dates as strings
    beside their granularity), converted as a stream."""
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
        reader = pacsv.open_csv(source, convert_options=pacsv.ConvertOptions(
            column_types=schema, strings_can_be_null=True, quoted_strings_can_be_null=False))
        with pq.ParquetWriter(tmp / "part-00000.parquet", schema) as writer:
            for batch in reader:
                writer.write_batch(batch)
        shutil.rmtree(dataset, ignore_errors=True)
        os.replace(tmp, dataset)
        if remove_csv:
            source.unlink()
