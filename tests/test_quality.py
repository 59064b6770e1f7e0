"""Regression guard: the scores on the bundled gold set never fall below the floors in
``tests/floors.json``."""
import json
from pathlib import Path

import pytest

from conftest import GOLD
from pipeline import batch, evaluate

FLOORS = json.loads((Path(__file__).with_name("floors.json")).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def scores(tmp_path_factory):
    out = tmp_path_factory.mktemp("eval")
    batch.run([str(GOLD)], out, workers=1)
    return evaluate.evaluate(GOLD, out / "articles.jsonl").as_dict()


@pytest.mark.parametrize("field", sorted(FLOORS["f1"]))
def test_field_f1_floor(scores, field):
    assert scores["fields"][field]["f1"] >= FLOORS["f1"][field], scores["fields"][field]


def test_rank_accuracy_floor(scores):
    assert scores["officials_rank_accuracy"] >= FLOORS["officials_rank_accuracy"]


def test_title_overlap_floor(scores):
    assert scores["officials_title_overlap"] >= FLOORS["officials_title_overlap"]


def test_every_gold_article_is_scored(scores):
    counted = sum(scores["fields"]["provinces"][k] for k in ("tp", "fn"))
    gold_provinces = sum(len(evaluate.keys("provinces", g["provinces"], None)) for g in evaluate.load_gold(GOLD).values())
    assert counted == gold_provinces


# The scorer itself, on hand-made records.
def test_scorer_keys_and_counts():
    gold = {"id": "a", "published": None,
            "dates": [{"text": "Sáng 22-6", "value": "2017-06-22", "kind": "date"}, {"text": "năm 2017", "value": "2017", "kind": "year"}],
            "officials": [{"name": "Nguyễn Văn A", "rank": "Đại tá", "titles": ["Giám đốc Công an tỉnh"]}],
            "provinces": [{"name": "Thừa Thiên Huế"}],
            "awards": [{"count": 5, "recipient": "collective", "qualifier": "exact"}],
            "amounts": [{"value": 10, "currency": "VND", "qualifier": "exact"}]}
    pred = {"id": "a",
            "dates": [{"text": "sáng 22-6", "value": "XXXX-06-22", "kind": "date"}, {"text": "SN 1990", "value": "1990", "kind": "birth"},
                      {"text": "năm 2018", "value": "2018", "kind": "year"}],
            "officials": [{"name": "nguyễn văn a", "rank": "Thượng tá", "titles": ["Giám đốc Công an"]}],
            "provinces": [{"name": "Huế"}],
            "awards": [{"count": 5, "recipient": "collective", "qualifier": "exact"}, {"count": 10, "recipient": "individual", "qualifier": "vague"}],
            "amounts": [{"value": 10, "currency": "USD", "qualifier": "exact"}]}
    scores = evaluate.Scores()
    evaluate.score_article(scores, gold, pred, None)
    result = scores.as_dict()
    assert result["fields"]["dates"] == {"precision": 0.5, "recall": 0.5, "f1": 0.5, "tp": 1, "fp": 1, "fn": 1}
    assert result["fields"]["officials"]["tp"] == 1
    assert result["officials_rank_accuracy"] == 0.0
    assert result["officials_title_overlap"] == pytest.approx(2 * 1.0 * 0.8 / 1.8, abs=1e-4)  # 4 of 5 syllables
    assert result["fields"]["provinces"]["tp"] == 1
    assert result["fields"]["awards"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0, "tp": 1, "fp": 0, "fn": 0}
    assert result["fields"]["amounts"]["tp"] == 0
