"""people.csv: one row per person across a batch, and the identity rule with real phrasing."""
import json

import pandas as pd
import pytest

from pipeline import batch, people

ARTICLES = [
    # the same full name with a post in Nghệ An, and again without a province: one person
    {"id": "a1", "published": "2021-03-02", "title": None,
     "text": "Đại tá Nguyễn Văn An, Giám đốc Công an tỉnh Nghệ An, cho biết vụ việc đang được điều tra."},
    {"id": "a2", "published": "2023-05-10", "title": None,
     "text": "Thiếu tướng Nguyễn Văn An, Giám đốc Công an tỉnh, đã chủ trì hội nghị. Ông An nhấn mạnh yêu cầu giữ an ninh."},
    # namesakes: the same full name with posts in two provinces
    {"id": "a3", "published": "2022-01-15", "title": None,
     "text": "Ông Trần Văn Bình, Chủ tịch UBND tỉnh Cà Mau, đã ký quyết định khen thưởng."},
    {"id": "a7", "published": "2022-03-15", "title": None,
     "text": "Ông Trần Văn Bình, Phó Chủ tịch UBND tỉnh Sóc Trăng, đã kiểm tra công trình."},
    # a namesake in business in the same province as the first
    {"id": "a4", "published": "2022-02-01", "title": None,
     "text": "Ông Nguyễn Văn An, Giám đốc Công ty cổ phần Thủy sản Nghệ An, cho biết giá cá tăng."},
    # a short name alone: a person of its own article only, in both articles
    {"id": "a5", "published": "2020-07-01", "title": None,
     "text": "Anh Toản, Trưởng phòng Tổ chức, cho biết đơn vị đã hoàn thành kế hoạch."},
    {"id": "a6", "published": "2020-08-01", "title": None,
     "text": "Anh Toản, Trưởng phòng Kế hoạch, cho biết công trình sẽ xong vào cuối năm."},
]


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    folder = tmp_path_factory.mktemp("people")
    source = folder / "articles.in.jsonl"
    source.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in ARTICLES), encoding="utf-8")
    out = folder / "out"
    batch.run([str(source)], out, workers=1)
    return out


def read(run, name):
    return pd.read_csv(run / name, dtype=str, keep_default_na=False, encoding="utf-8-sig")


def test_one_row_per_person_with_the_identity_rule(run):
    table = read(run, "people.csv")
    assert list(table.columns) == list(people.PEOPLE_COLUMNS)
    an = table[table["name"] == "Nguyễn Văn An"]
    # the police officer of Nghệ An (the second article names no province: his only one),
    # and the business namesake in the same province
    assert len(an) == 2
    police = an[an["articles"] == "2"].iloc[0]
    assert police["ranks"] == "Đại tá; Thiếu tướng"          # earliest first
    assert (police["first_seen"], police["last_seen"]) == ("2021-03-02", "2023-05-10")
    assert police["provinces"] == "Nghệ An"
    business = an[an["articles"] == "1"].iloc[0]
    assert "Công ty" in business["titles"] and business["person_id"] != police["person_id"]
    binh = table[table["name"] == "Trần Văn Bình"]
    assert sorted(binh["provinces"]) == ["Cà Mau", "Cần Thơ"]  # Sóc Trăng is in Cần Thơ since 2025
    toan = table[table["name"] == "Toản"]
    assert len(toan) == 2 and set(toan["articles"]) == {"1"}


def test_officials_carry_their_person_id(run):
    officials = read(run, "officials.csv")
    table = read(run, "people.csv")
    assert list(officials.columns[:2]) == ["id", "person_id"]
    assert set(officials["person_id"]) == set(table["person_id"])
    same = officials[officials["id"].isin(["a1", "a2"]) & (officials["name"] == "Nguyễn Văn An")]
    assert same["person_id"].nunique() == 1


@pytest.mark.parametrize("name, full", [
    ("Nguyễn Văn An", True), ("Trần Thanh Mẫn", True), ("Ksor Phước", True),
    ("Hoàng Trung Hải", True), ("Donald Trump", True),
    ("Toản", False), ("An", False), ("Thanh Hải", False), ("Minh Tuấn", False),
])
def test_full_names(name, full):
    assert people.is_full_name(name) is full


def test_person_id_is_stable(tmp_path, run):
    first = (run / "people.csv").read_bytes()
    again = tmp_path / "again"
    source = run.parent / "articles.in.jsonl"
    batch.run([str(source)], again, workers=2, chunk_size=2)
    assert (again / "people.csv").read_bytes() == first
    assert (again / "officials.csv").read_bytes() == (run / "officials.csv").read_bytes()
