"""The seed press release, end to end through the batch runner, against its gold file."""
import json

import pytest

from conftest import GOLD, SEED
from pipeline import batch
from pipeline.fields import NAMES as FIELDS


@pytest.fixture(scope="module")
def record(tmp_path_factory):
    out = tmp_path_factory.mktemp("seed")
    summary = batch.run([str(SEED)], out, workers=1)
    assert summary.ok == 1
    records = [json.loads(line) for line in open(out / "articles.jsonl", encoding="utf-8")]
    assert len(records) == 1
    return records[0]


@pytest.fixture(scope="module")
def gold():
    return json.loads((GOLD / "000_b7ebf30e4d42f5af.json").read_text(encoding="utf-8"))


def test_id_and_title(record):
    assert record["id"] == "000_b7ebf30e4d42f5af"
    assert record["title"].startswith("Cụm thi đua số 3")


def test_dates(record, gold):
    assert {d["value"] for d in record["dates"]} == {d["value"] for d in gold["dates"]}
    assert {(d["value"], d["kind"]) for d in record["dates"]} == {(d["value"], d["kind"]) for d in gold["dates"]}


def test_officials(record, gold):
    got = {o["name"]: o for o in record["officials"]}
    assert set(got) == {o["name"] for o in gold["officials"]}
    for person in gold["officials"]:
        assert got[person["name"]]["rank"] == person["rank"]
        assert got[person["name"]]["titles"] == person["titles"]


def test_provinces(record, gold):
    assert {(p["name"], p["current"]) for p in record["provinces"]} == {(p["name"], p["current"]) for p in gold["provinces"]}


def test_awards(record, gold):
    keys = lambda items: {(a["count"], a["recipient"], a["qualifier"]) for a in items}
    assert keys(record["awards"]) == keys(gold["awards"])


def test_award_events(record):
    """Both counts were conferred by the Chủ tịch nước and the Thủ tướng Chính phủ (among
    others) in the year under review; the recipients are of eight provinces: none is theirs."""
    assert len(record["awards"]) == 2
    for award in record["awards"]:
        assert "Chủ tịch nước" in award["conferrer"] and "Thủ tướng Chính phủ" in award["conferrer"]
        assert award["date"][:4] == "2022"
        assert award["province"] is None


def test_amounts(record, gold):
    keys = lambda items: {(a["value"], a["currency"], a["qualifier"]) for a in items}
    assert keys(record["amounts"]) == keys(gold["amounts"])


def test_offsets_point_into_the_normalised_text(record):
    from pipeline.normalize import normalize
    title, body = SEED.read_text(encoding="utf-8").split("\n", 1)
    text = normalize(f"{title}\n{body.strip()}")
    for field in FIELDS:
        for mention in record[field]:
            assert text[mention["start"]:mention["end"]] == mention["text"]
    # "Hoà Bình" is written with the reformed tone placement and read as "Hòa Bình".
    assert any(p["text"] == "Hòa Bình" for p in record["provinces"])
