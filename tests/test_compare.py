"""``python -m pipeline compare``: every value of every mention is compared, the diff is
readable, and ``--fail-on-change`` makes it a regression check. Each row of the tables
is one record of the old run, the same record in the new run, and the lines the report
must hold."""
import json

import pytest

from pipeline.cli import main
from pipeline.compare import changed, compare, report

DATE = {"text": "ngày 26/4", "value": "2021-04-26", "kind": "date", "granularity": "day", "start": 10, "end": 19}
OFFICIAL = {"text": "Nguyễn Văn A", "name": "Nguyễn Văn A", "rank": "Đại tá", "titles": ["Giám đốc Công an tỉnh"],
            "start": 30, "end": 42}
PROVINCE = {"text": "Hòa Bình", "name": "Hòa Bình", "current": "Phú Thọ", "start": 50, "end": 58}
AWARD = {"text": "12 tập thể", "count": 12, "qualifier": "exact", "recipient": "collective", "award": "Bằng khen",
         "start": 60, "end": 70}
AMOUNT = {"text": "50 triệu đồng", "value": 50000000, "currency": "VND", "qualifier": "exact", "start": 80, "end": 93}


def record(**fields):
    base = {"id": "a1", "source": None, "url": None, "title": "T", "published": None,
            "dates": [], "officials": [], "provinces": [], "awards": [], "amounts": [], "encoding": "utf-8"}
    return {**base, **fields}


def changed_to(mention, **values):
    return {**mention, **values}


CHANGES = [
    # (field, old mention, new mention, a line the report holds)
    ("dates", DATE, changed_to(DATE, value="2020-04-26"), '~ a1 "ngày 26/4": value: "2021-04-26" → "2020-04-26"'),
    ("dates", DATE, changed_to(DATE, kind="month"), 'kind: "date" → "month"'),
    ("officials", OFFICIAL, changed_to(OFFICIAL, titles=["Giám đốc Công an tỉnh Hòa Bình"]),
     "titles: [Giám đốc Công an tỉnh] → [Giám đốc Công an tỉnh Hòa Bình]"),
    ("officials", OFFICIAL, changed_to(OFFICIAL, rank=None), 'rank: "Đại tá" → None'),
    ("officials", OFFICIAL, changed_to(OFFICIAL, start=31, end=43), "start: 30 → 31; end: 42 → 43"),
    ("provinces", PROVINCE, changed_to(PROVINCE, current="Hòa Bình"), 'current: "Phú Thọ" → "Hòa Bình"'),
    ("awards", AWARD, changed_to(AWARD, qualifier="approx"), 'qualifier: "exact" → "approx"'),
    ("awards", AWARD, changed_to(AWARD, award=None), 'award: "Bằng khen" → None'),
    ("amounts", AMOUNT, changed_to(AMOUNT, end=95, text="50 triệu đồng/"), 'text: "50 triệu đồng" → "50 triệu đồng/"'),
    ("amounts", AMOUNT, changed_to(AMOUNT, rule="amount number unit"), 'rule: None → "amount number unit"'),
    ("provinces", PROVINCE, {k: v for k, v in PROVINCE.items() if k != "current"}, 'current: "Phú Thọ" → None'),
]

ADDED_REMOVED = [
    # (field, old mentions, new mentions, lines the report holds)
    ("dates", [DATE], [], ['dates: 1 → 0 (+0 −1 ~0)', '- a1 "ngày 26/4" value="2021-04-26"']),
    ("provinces", [], [PROVINCE], ['provinces: 0 → 1 (+1 −0 ~0)', '+ a1 "Hòa Bình" name="Hòa Bình" current="Phú Thọ"']),
    ("dates", [DATE], [changed_to(DATE, start=11)], ["dates: 1 → 1 (+1 −1 ~0)"]),  # paired by where it starts
    ("officials", [OFFICIAL], [changed_to(OFFICIAL, start=90, end=102)], ["officials: 1 → 1 (+0 −0 ~1)"]),  # by name
    ("amounts", [AMOUNT], [AMOUNT, changed_to(AMOUNT, start=100)], ["amounts: 1 → 2 (+1 −0 ~0)"]),
]


def write(folder, records):
    folder.mkdir()
    with open(folder / "articles.jsonl", "w", encoding="utf-8") as handle:
        for r in records:
            handle.write(json.dumps(r, ensure_ascii=False) + "\n")
    return folder


@pytest.mark.parametrize("field,old,new,line", CHANGES, ids=[c[3][:40] for c in CHANGES])
def test_a_changed_value_is_shown_old_to_new(tmp_path, field, old, new, line):
    a = write(tmp_path / "old", [record(**{field: [old]})])
    b = write(tmp_path / "new", [record(**{field: [new]})])
    result = compare(a, b)
    assert changed(result)
    assert len(result[field].changed) == 1 and not result[field].added and not result[field].removed
    assert line in report(result)


@pytest.mark.parametrize("field,old,new,lines", ADDED_REMOVED, ids=[c[3][0] for c in ADDED_REMOVED])
def test_mentions_only_one_run_has(tmp_path, field, old, new, lines):
    a = write(tmp_path / "old", [record(**{field: old})])
    b = write(tmp_path / "new", [record(**{field: new})])
    text = report(compare(a, b))
    for line in lines:
        assert line in text


def test_record_values_and_articles_are_compared(tmp_path):
    a = write(tmp_path / "old", [record(), record(id="gone")])
    b = write(tmp_path / "new", [record(title="T2"), record(id="came")])
    text = report(compare(a, b))
    assert 'articles: 2 → 2 (+1 −1 ~1)' in text
    assert '~ a1: title: "T" → "T2"' in text
    assert "+ came" in text and "- gone" in text


@pytest.mark.parametrize("same,status", [(True, 0), (False, 1)])
def test_fail_on_change_exit_status(tmp_path, capsys, same, status):
    a = write(tmp_path / "old", [record(dates=[DATE])])
    b = write(tmp_path / "new", [record(dates=[DATE if same else changed_to(DATE, value="2020-04-26")])])
    assert main(["compare", str(a), str(b), "--fail-on-change"]) == status
    assert main(["compare", str(a), str(b)]) == 0
    assert "dates: 1 → 1" in capsys.readouterr().out
