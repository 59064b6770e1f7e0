"""The output tables: every file written, loadable by pandas as they are, consistent with
the JSON records; the spaCy view of the same extraction."""
import json

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
    assert "Nguyễn Văn A" in html
