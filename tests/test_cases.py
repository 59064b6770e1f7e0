"""Table tests per extractor (``tests/cases/<field>.yaml``): phrases from real articles
and the values the spec gives them, and phrases that must give nothing.

A case marked ``known_gap`` is a form the extractor does not handle yet: it is expected
to fail, and the test suite fails when it starts to pass (then drop the mark).

A positive case passes when the extractor finds exactly the listed items in the phrase
(compared on the spec's values, not on offsets); for officials the titles must share at
least 80 % of their syllables with the listed ones (F1), as the spec scores them."""
from pathlib import Path

import pytest
import yaml

from pipeline import extract
from pipeline.evaluate import bag_f1, fold, province_key, syllables
from pipeline.fields import FIELDS as REGISTRY

CASES = Path(__file__).with_name("cases")
FIELDS = tuple(f.name for f in REGISTRY)
KEYS = {f.name: f.case_key for f in REGISTRY}
UNSCORED = {f.name: f.unscored for f in REGISTRY}


def load(field):
    data = yaml.safe_load((CASES / f"{field}.yaml").read_text(encoding="utf-8"))
    positives = [pytest.param(field, case, id=f"{field}:{case['source']}:{case['text'][:50]}",
                              marks=[pytest.mark.xfail(reason=case["known_gap"], strict=True)] if case.get("known_gap") else [])
                 for case in data["cases"]]
    negatives = [pytest.param(field, case, id=f"{field}:{case['source']}:{case['text'][:50]}") for case in data.get("negatives", [])]
    return positives, negatives


POSITIVE, NEGATIVE = [], []
for _field in FIELDS:
    _pos, _neg = load(_field)
    POSITIVE += _pos
    NEGATIVE += _neg


def key(field, item):
    if field == "provinces":  # Huế and Thừa Thiên Huế are one unit when scored
        return province_key(item["name"]), item.get("current")
    return tuple(item.get(k) for k in KEYS[field])


def scored(field, item):
    return not any(item.get(k) in values for k, values in UNSCORED.get(field, {}).items())


@pytest.mark.parametrize("field,case", POSITIVE)
def test_phrase(field, case):
    record = extract(case["text"], published=case.get("published"))
    got = sorted(key(field, m) for m in record[field] if scored(field, m) or any(
        key(field, m) == key(field, e) for e in case["expect"]))
    want = sorted(key(field, e) for e in case["expect"])
    assert got == want
    if field == "awards":  # the form of award, where a case lists it, compared as the spec does
        for item in case["expect"]:
            if "award" in item:
                assert any(key(field, m) == key(field, item) and fold(m.get("award") or "") == fold(item["award"] or "")
                           for m in record["awards"]), (item, [m.get("award") for m in record["awards"]])
    if field == "awards":  # the award event, where a case lists it (null: none may be given)
        for item in case["expect"]:
            for value in ("conferrer", "date", "province"):
                if value in item:
                    same = [m.get(value) for m in record["awards"] if key(field, m) == key(field, item)]
                    want = fold(item[value]) if value == "conferrer" and item[value] else item[value]
                    assert [fold(v) if value == "conferrer" and v else v for v in same] == [want] * len(same), (value, item, same)
    if field == "officials":
        found = {m["name"]: m for m in record["officials"]}
        for person in case["expect"]:
            overlap = bag_f1(syllables(person.get("titles") or []), syllables(found[person["name"]]["titles"]))
            assert overlap >= 0.8, (person["titles"], found[person["name"]]["titles"])


@pytest.mark.parametrize("field,case", NEGATIVE)
def test_negative_phrase(field, case):
    record = extract(case["text"], published=case.get("published"))
    assert [m["text"] for m in record[field] if scored(field, m)] == []
