"""Regression guard: the scores on the bundled gold set never fall below the floors in
``tests/floors.json``."""
import json
from pathlib import Path

import pytest

from conftest import CORPUS, GOLD, SEED
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


@pytest.mark.parametrize("name", sorted(FLOORS["values"]))
def test_value_accuracy_floor(scores, name):
    assert scores["values"][name]["accuracy"] >= FLOORS["values"][name], scores["values"][name]


@pytest.fixture(scope="module")
def award_event_scores(tmp_path_factory):
    """corpus/gold-awards (awards with their events annotated) and the seed, whose text is in gold/."""
    out = tmp_path_factory.mktemp("eval-awards")
    batch.run([str(CORPUS / "gold-awards"), str(SEED)], out, workers=1)
    return evaluate.evaluate(CORPUS / "gold-awards", out / "articles.jsonl").as_dict()


@pytest.mark.parametrize("name", sorted(k for k in FLOORS["award_events"] if not k.startswith("_")))
def test_award_event_accuracy_floor(award_event_scores, name):
    assert award_event_scores["values"][name]["accuracy"] >= FLOORS["award_events"][name], award_event_scores["values"][name]
    assert award_event_scores["missing_predictions"] == 0


def test_wrong_context_years_ceiling(scores):
    assert scores["context_year_wrong"] <= FLOORS["context_year_wrong_at_most"]


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


def test_value_scores():
    gold = {"id": "v", "published": None,
            "dates": [{"text": "ngày 3/2", "value": "2019-02-03", "kind": "date"},
                      {"text": "ngày 4/2", "value": "XXXX-02-04", "kind": "date"},
                      {"text": "ngày 5/2", "value": "2019-02-05", "kind": "date"},
                      {"text": "ngày 6/2/2019", "value": "2019-02-06", "kind": "date"}],
            "officials": [{"name": "Lê Văn B", "rank": None, "titles": ["Chủ tịch UBND tỉnh", "Bí thư"]},
                          {"name": "Trần C", "rank": None, "titles": ["Giám đốc Sở Tài chính"]}],
            "awards": [{"count": 3, "recipient": "individual", "qualifier": "exact", "award": "Bằng khen"},
                       {"count": 4, "recipient": "collective", "qualifier": "approx", "award": None}],
            "amounts": [{"value": 5, "currency": "VND", "qualifier": "over"}]}
    pred = {"id": "v",
            "dates": [{"text": "ngày 3/2", "value": "2019-02-03", "kind": "date"},       # right year
                      {"text": "ngày 4/2", "value": "2030-02-04", "kind": "date"},       # a year the gold does not settle
                      {"text": "ngày 5/2", "value": "XXXX-02-05", "kind": "date"},       # no year: not right, not wrong
                      {"text": "ngày 6/2/2019", "value": "2019-02-06", "kind": "date"}],  # written year: not a context year
            "officials": [{"name": "Lê Văn B", "rank": None, "titles": ["Bí thư", "Chủ tịch UBND tỉnh"]},
                          {"name": "Trần C", "rank": None, "titles": ["Giám đốc Sở"]}],
            "awards": [{"count": 3, "recipient": "individual", "qualifier": "exact", "award": "bằng khen."},
                       {"count": 4, "recipient": "collective", "qualifier": "exact", "award": "Giấy khen"}],
            "amounts": [{"value": 5, "currency": "VND", "qualifier": "over"}]}
    scores = evaluate.Scores()
    evaluate.score_article(scores, gold, pred, None)
    values = scores.as_dict()["values"]
    assert values["context_year"] == {"accuracy": 0.3333, "right": 1, "total": 3}
    assert scores.context_year_wrong == 1
    assert values["title_exact"] == {"accuracy": 0.5, "right": 1, "total": 2}
    assert values["award_type"] == {"accuracy": 0.5, "right": 1, "total": 2}
    assert values["award_qualifier"] == {"accuracy": 0.5, "right": 1, "total": 2}
    assert values["amount_qualifier"] == {"accuracy": 1.0, "right": 1, "total": 1}
    assert values["award_conferrer"]["total"] == 0  # gold/ does not annotate the award event
    assert sorted(e["error"] for e in scores.errors) == [
        "wrong_award_qualifier", "wrong_award_type", "wrong_context_year", "wrong_context_year", "wrong_title_exact"]


def test_missing_predictions_are_listed(tmp_path):
    gold_dir = tmp_path / "gold"
    gold_dir.mkdir()
    for name in ("a", "b"):
        (gold_dir / f"{name}.json").write_text(json.dumps({"id": name, "published": None, "provinces": [{"name": "Huế"}]}), encoding="utf-8")
    predictions = tmp_path / "pred.jsonl"
    predictions.write_text(json.dumps({"id": "a", "provinces": [{"name": "Thừa Thiên Huế"}]}) + "\n", encoding="utf-8")
    scores = evaluate.evaluate(gold_dir, predictions)
    assert scores.missing_predictions == ["b"]
    assert scores.as_dict()["fields"]["provinces"]["fn"] == 1


def test_a_gold_file_annotated_for_some_fields_is_scored_on_those_only():
    gold = {"id": "g", "published": None, "fields": ["awards"],
            "awards": [{"count": 3, "recipient": "individual", "qualifier": "exact", "award": "Giấy khen"}]}
    pred = {"id": "g", "dates": [{"text": "năm 2020", "value": "2020", "kind": "year"}],
            "awards": [{"count": 3, "recipient": "individual", "qualifier": "exact", "award": "giấy khen"}]}
    scores = evaluate.Scores()
    evaluate.score_article(scores, gold, pred, None)
    result = scores.as_dict()
    assert result["fields"]["dates"]["fp"] == 0
    assert result["fields"]["awards"]["tp"] == 1 and result["values"]["award_type"]["right"] == 1


def test_award_event_values_are_scored_where_gold_annotates_them():
    gold = {"id": "e", "published": None, "fields": ["awards"], "awards": [
        {"count": 3, "recipient": "individual", "qualifier": "exact", "conferrer": "UBND tỉnh Khánh Hòa",
         "date": "2017-06-13", "province": "Khánh Hòa"},
        {"count": 4, "recipient": "collective", "qualifier": "exact", "conferrer": None, "date": None, "province": None},
        {"count": 5, "recipient": "collective", "qualifier": "exact", "conferrer": "Thủ tướng", "date": "2019", "province": None}]}
    pred = {"id": "e", "awards": [
        {"count": 3, "recipient": "individual", "qualifier": "exact", "conferrer": "ubnd tỉnh  Khánh Hòa,",
         "date": "XXXX-06-13", "province": "Khánh Hoà"},                                  # right, wrong (no year), right
        {"count": 4, "recipient": "collective", "qualifier": "exact", "conferrer": None, "date": None, "province": None},  # nothing to score
        {"count": 5, "recipient": "collective", "qualifier": "exact", "conferrer": None, "date": "2019", "province": "Hà Nội"}]}  # missed, right, guessed
    scores = evaluate.Scores()
    evaluate.score_article(scores, gold, pred, None)
    values = scores.as_dict()["values"]
    assert values["award_conferrer"] == {"accuracy": 0.5, "right": 1, "total": 2}
    assert values["award_date"] == {"accuracy": 0.5, "right": 1, "total": 2}
    assert values["award_province"] == {"accuracy": 0.5, "right": 1, "total": 2}
