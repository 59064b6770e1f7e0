"""The output tables: every file written, loadable by pandas as they are, consistent with
the JSON records; the spaCy view of the same extraction."""
import json
import re

import pandas as pd
import pytest

from conftest import CORPUS
from pipeline import batch
from pipeline.fields import FIELDS
from pipeline.writers import OUTPUT_FILES, TABLES


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    out = tmp_path_factory.mktemp("gold-run")
    summary = batch.run([str(CORPUS / "gold")], out, workers=1, chunk_size=10)
    return out, summary


def test_every_file_is_written(run):
    out, summary = run
    for name in OUTPUT_FILES:
        assert (out / name).is_file(), name
    assert not (out / batch.PARTS).exists()
    assert summary.articles == 43 and summary.ok == 43


def test_csv_tables_load_with_pandas_and_match_the_json(run):
    out, _ = run
    records = [json.loads(line) for line in open(out / "articles.jsonl", encoding="utf-8")]
    articles = pd.read_csv(out / "articles.csv")
    assert list(articles.columns[:2]) == ["id", "status"]
    assert len(articles) == len(records) and set(articles["status"]) == {"ok"}
    for field in (f.name for f in FIELDS):
        table = pd.read_csv(out / f"{field}.csv")
        assert list(table.columns) == TABLES[field] and TABLES[field][0] == "id"
        assert len(table) == sum(len(r[field]) for r in records)
        assert (articles.set_index("id")[f"n_{field}"].sum()) == len(table)
    amounts = pd.read_csv(out / "amounts.csv")
    assert amounts["value"].dtype.kind == "i"
    from_json = sorted(a["value"] for r in records for a in r["amounts"])
    assert sorted(amounts["value"].tolist()) == from_json


def test_list_fields_are_joined(run):
    out, _ = run
    officials = pd.read_csv(out / "officials.csv")
    seed = officials[officials["id"] == "000_b7ebf30e4d42f5af"].set_index("name")
    assert seed.loc["Nguyễn Thanh Hải", "titles"] == "Ủy viên Trung ương Đảng; Bí thư Tỉnh ủy; Trưởng đoàn ĐBQH tỉnh Thái Nguyên"


CSV_TABLES = [*TABLES, "people"]


@pytest.fixture(scope="module")
def numbered_run(tmp_path_factory):
    """A batch whose ids look like numbers ("0012"), one article failing: every table has rows."""
    source = tmp_path_factory.mktemp("numbered") / "articles.jsonl"
    seed = (CORPUS / "gold" / "000_b7ebf30e4d42f5af.txt").read_text(encoding="utf-8").split("\n", 1)
    lines = [{"id": "0012", "title": seed[0], "text": seed[1], "published": "2022-11-30"},
             {"id": "0013", "title": "Trống", "text": ""}]
    source.write_text("".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines), encoding="utf-8")
    out = source.parent / "out"
    batch.run([str(source)], out, workers=1)
    return out


@pytest.mark.parametrize("table", CSV_TABLES)
def test_csv_opens_in_excel_and_reads_unchanged(numbered_run, table):
    """UTF-8 with a byte-order mark (Excel then shows the Vietnamese); pandas, the csv
    module (utf-8-sig) and DuckDB read the same rows, and the first column is ``id``."""
    import csv

    import duckdb

    path = numbered_run / f"{table}.csv"
    assert path.read_bytes().startswith(b"\xef\xbb\xbf") and not path.read_bytes()[3:].startswith(b"\xef\xbb\xbf")
    with open(path, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    header, body = rows[0], rows[1:]
    assert header[0] == ("person_id" if table == "people" else "id") and body
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    assert list(frame.columns) == header and frame.values.tolist() == body
    duck = duckdb.read_csv(str(path), header=True, all_varchar=True)
    assert duck.columns == header
    assert [["" if v is None else v for v in row] for row in duck.fetchall()] == body
    if table != "people":
        assert set(pd.read_csv(path, dtype={"id": str})["id"]) <= {"0012", "0013"}
        assert ("0013" if table == "errors" else "0012") in set(frame["id"])


def test_vietnamese_survives_the_round_trip(numbered_run):
    officials = pd.read_csv(numbered_run / "officials.csv", dtype={"id": str})
    assert "Nguyễn Thanh Hải" in set(officials["name"]) and set(officials["id"]) == {"0012"}
    awards = pd.read_csv(numbered_run / "awards.csv", dtype={"id": str})
    assert awards["conferrer"].str.contains("Thủ tướng Chính phủ").all() and (awards["date"].astype(str) == "2022").all()


def test_json_round_trip(run):
    out, _ = run
    records = pd.read_json(out / "articles.jsonl", lines=True)
    assert {"id", "source", "url", "title", "published", *(f.name for f in FIELDS)} <= set(records.columns)
    assert len(records) == 43


def test_spacy_view(nlp):
    from spacy import displacy
    from pipeline.record import process
    doc = process(nlp, {"title": None, "published": "2021-04-26",
                        "text": "Sáng 26/4, Đại tá Nguyễn Văn A, Giám đốc Công an tỉnh Hòa Bình, trao thưởng 50 triệu đồng."})
    assert [(s.text, s._.vnx_value) for s in doc.spans["dates"]] == [("Sáng 26/4", "2021-04-26")]
    assert [(s._.vnx_name, s._.vnx_rank) for s in doc.spans["officials"]] == [("Nguyễn Văn A", "Đại tá")]
    assert [(s.text, s._.vnx_current) for s in doc.spans["provinces"]] == [("Hòa Bình", "Phú Thọ")]
    assert [s._.vnx_value for s in doc.spans["amounts"]] == [50_000_000]
    html = displacy.render(doc, style="span", options={"spans_key": "officials"})
    marked = re.findall(r'position: relative; height: 60px;">\s*(\S+)', html)  # the tokens under the span
    assert " ".join(marked) == "Nguyễn Văn A" and "officials" in html
