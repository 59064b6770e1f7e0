"""Provenance of officials: every mention names the reading that found it
(``rule``, one of the ids written next to the readings in ``clauses``)."""
from pathlib import Path

import pytest
import yaml

from pipeline import extract
from pipeline.extractors.officials import clauses

RULES = {value for name, value in vars(clauses).items() if name.isupper() and isinstance(value, str)
         and name not in {"LOWER_NEXT"}}
CASES = yaml.safe_load((Path(__file__).with_name("cases") / "officials.yaml").read_text(encoding="utf-8"))["cases"]

# phrase, person, the rule that finds them
SHAPES = [
    ("Trung tướng Nguyễn Ngọc Toàn phát biểu.", "Nguyễn Ngọc Toàn", "rank name"),
    ("Bí thư Tỉnh ủy Bắc Ninh Nguyễn Nhân Chiến dự lễ.", "Nguyễn Nhân Chiến", "title name"),
    ("Bí thư Tỉnh ủy Nghệ An, Nguyễn Đắc Vinh đã kiểm tra.", "Nguyễn Đắc Vinh", "title, name"),
    ("Đồng chí Nguyễn Thanh Hải phát biểu.", "Nguyễn Thanh Hải", "institutional honorific name"),
    ("Ông Nguyễn Văn Tám, Chủ tịch UBND xã Tân Phú, cho hay.", "Nguyễn Văn Tám", "honorific name, title"),
    ("Dự có các đồng chí: Trần Tuấn Dung, Hà Văn Thiệu và Trần Quỳnh.", "Trần Quỳnh", "names listed after a plural"),
    ("Các Phó Chủ tịch UBND tỉnh Nguyễn Văn An, Trần Văn Bình cùng dự.", "Trần Văn Bình", "names listed after a plural"),
]


@pytest.mark.parametrize("text,name,rule", SHAPES)
def test_rule_names_the_reading(text, name, rule):
    found = {m["name"]: m for m in extract(text)["officials"]}
    assert found[name]["rule"] == rule


@pytest.mark.parametrize("case", CASES, ids=[c["text"][:40] for c in CASES])
def test_every_official_has_a_known_rule(case):
    for mention in extract(case["text"], published=case.get("published"))["officials"]:
        assert mention["rule"] in RULES, mention
