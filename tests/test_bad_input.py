"""Dirty archives: every input article is accounted for exactly once, bad ones with the
reason, and the good ones extract exactly as when run alone."""
import gzip
import json
import shutil
import subprocess
import sys

import pandas as pd
import pytest

from conftest import CORPUS, ROOT, SEED
from pipeline import batch
from pipeline.fields import NAMES as FIELDS
from pipeline.readers import MAX_TEXT_CHARS

GOLD_LINES = [json.loads(line) for line in open(CORPUS / "gold" / "articles.jsonl", encoding="utf-8")]
GOOD_LINES, GZIP_LINES = GOLD_LINES[:3], GOLD_LINES[3:6]
HTML_PAGE = """<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">
<title>Công an tỉnh Bắc Kạn tổng kết năm 2022</title>
<meta property="article:published_time" content="2022-12-01T08:00:00+07:00"></head>
<body><nav><a href="/">Trang chủ</a> | <a href="/xa-hoi">Xã hội</a></nav>
<article><h1>Công an tỉnh Bắc Kạn tổng kết năm 2022</h1>
<p>Ngày 29/11, Đại tá Nguyễn Văn An, Giám đốc Công an tỉnh Bắc Kạn, chủ trì hội nghị tổng kết công tác năm 2022 của lực lượng Công an tỉnh.</p>
<p>Dịp này, Chủ tịch UBND tỉnh đã tặng Bằng khen cho 12 tập thể và 25 cá nhân có thành tích xuất sắc, kèm theo tiền thưởng trên 200 triệu đồng.</p>
<p>Hội nghị cũng đề ra phương hướng nhiệm vụ giai đoạn 2023 – 2025 nhằm giữ vững an ninh chính trị trên địa bàn tỉnh.</p>
</article><footer>Bản quyền thuộc về báo điện tử</footer></body></html>"""


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    folder = tmp_path_factory.mktemp("archive")
    shutil.copy(SEED, folder / "seed.txt")
    for legacy in sorted((ROOT / "tests" / "data" / "legacy").glob("*.txt")):
        shutil.copy(legacy, folder / legacy.name)
    (folder / "utf16.txt").write_bytes(SEED.read_text(encoding="utf-8").encode("utf-16"))
    lines = [json.dumps(a, ensure_ascii=False) for a in GOOD_LINES]
    lines.insert(1, '{"id": "broken", "text": "Ngày 6/1/2022 ...')              # invalid JSON
    lines.append(json.dumps({"id": "no-text", "title": "Chỉ có tiêu đề"}))      # no text
    lines.append(json.dumps(GOOD_LINES[0], ensure_ascii=False))                  # duplicate id
    lines.append("[1, 2, 3]")                                                    # not an object
    (folder / "batch.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    whole = gzip.compress(("\n".join(json.dumps(a, ensure_ascii=False) for a in GZIP_LINES) + "\n").encode())
    (folder / "cut.jsonl.gz").write_bytes(whole[: len(whole) * 2 // 3])        # truncated mid-write
    (folder / "junk.txt").write_bytes(bytes(range(256)) * 40)                    # binary
    (folder / "empty.txt").write_bytes(b"")
    (folder / "nobody.html").write_text("<html><head><title>x</title></head><body></body></html>", encoding="utf-8")
    (folder / "page.html").write_text(HTML_PAGE, encoding="utf-8")
    (folder / "huge.txt").write_text("Tiêu đề\n" + "a " * (MAX_TEXT_CHARS // 2 + 10), encoding="utf-8")
    (folder / "notes.md").write_text("not an article", encoding="utf-8")
    sub = folder / "sub"
    sub.mkdir()
    shutil.copy(SEED, sub / "seed.txt")                                          # same stem, other folder
    return folder


@pytest.fixture(scope="module")
def run(archive, tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    summary = batch.run([str(archive)], out, workers=1, chunk_size=4)
    return out, summary, pd.read_csv(out / "articles.csv"), pd.read_csv(out / "errors.csv")


EXPECTED_STATUS = {
    "seed": "ok", "000_b7ebf30e4d42f5af.tcvn3": "ok", "000_b7ebf30e4d42f5af.vni": "ok",
    "000_b7ebf30e4d42f5af.cp1258": "ok", "utf16": "ok", "page": "ok",
    "batch:2": "invalid_json", "no-text": "empty", "batch:7": "invalid_json",
    "junk": "undecodable", "empty": "empty", "nobody": "no_article_body", "huge": "too_large",
}


def test_every_article_appears_exactly_once(run):
    _, summary, articles, _ = run
    assert articles["id"].is_unique
    # 13 named above, 3 good lines, a duplicate, 2 lines of the cut gzip at most, its failure, sub/seed
    for article_id, status in EXPECTED_STATUS.items():
        assert articles.set_index("id").loc[article_id, "status"] == status, article_id
    for good in GOOD_LINES:
        assert articles.set_index("id").loc[good["id"], "status"] == "ok"
    assert summary.articles == len(articles)
    assert summary.skipped_files == 1  # notes.md


def test_duplicates_are_reported_not_overwritten(run):
    _, _, articles, errors = run
    duplicate = articles[articles["status"] == "duplicate_id"]
    assert len(duplicate) == 1 and duplicate.iloc[0]["id"].startswith(GOOD_LINES[0]["id"] + "#")
    assert "already used" in errors.set_index("status").loc["duplicate_id", "message"]
    # a file whose name was seen gets a path-based id and is extracted
    sub = articles[articles["id"].str.endswith("sub/seed")]
    assert len(sub) == 1 and sub.iloc[0]["status"] == "ok"


def test_truncated_gzip_keeps_what_was_readable(run):
    _, _, articles, errors = run
    cut = articles[articles["path"].str.endswith("cut.jsonl.gz")]
    assert "unreadable" in set(cut["status"])
    detail = errors[errors["path"].str.endswith("cut.jsonl.gz")].iloc[0]
    assert detail["exception"] in {"EOFError", "BadGzipFile", "error"} and detail["line"] >= 1


def test_errors_table_has_the_detail(run):
    _, _, articles, errors = run
    assert set(errors["id"]) == set(articles.loc[articles["status"] != "ok", "id"])
    junk = errors.set_index("id").loc["junk"]
    assert junk["exception"] == "DecodeError" and junk["path"].endswith("junk.txt")
    broken = errors.set_index("id").loc["batch:2"]
    assert broken["exception"] == "JSONDecodeError" and broken["line"] == 2


def test_encodings_are_recorded(run):
    out, _, articles, _ = run
    encodings = articles.set_index("id")["encoding"]
    assert encodings["000_b7ebf30e4d42f5af.tcvn3"] == "tcvn3"
    assert encodings["000_b7ebf30e4d42f5af.vni"] == "vni"
    assert encodings["000_b7ebf30e4d42f5af.cp1258"] == "cp1258"
    assert encodings["utf16"] == "utf-16"
    records = {r["id"]: r for r in map(json.loads, open(out / "articles.jsonl", encoding="utf-8"))}
    assert records["seed"]["encoding"] == "utf-8"


def _keys(record):
    return {f: sorted(json.dumps({k: v for k, v in m.items() if k not in ("start", "end", "text")}, ensure_ascii=False, sort_keys=True)
                      for m in record[f]) for f in FIELDS}


def test_good_articles_extract_as_when_run_alone(run, tmp_path):
    out, _, _, _ = run
    records = {r["id"]: r for r in map(json.loads, open(out / "articles.jsonl", encoding="utf-8"))}
    alone = tmp_path / "alone"
    batch.run([str(SEED)], alone, workers=1)
    seed_alone = json.loads((alone / "articles.jsonl").read_text(encoding="utf-8"))
    assert records["seed"]["dates"] == seed_alone["dates"]
    assert _keys(records["seed"]) == _keys(seed_alone)
    # the legacy encodings extract what the UTF-8 original does (their quotes and dashes are ASCII)
    for legacy in ("000_b7ebf30e4d42f5af.tcvn3", "000_b7ebf30e4d42f5af.vni", "000_b7ebf30e4d42f5af.cp1258", "utf16"):
        assert _keys(records[legacy]) == _keys(seed_alone), legacy


def test_html_page_body_and_metadata(run):
    out, _, _, _ = run
    page = next(r for r in map(json.loads, open(out / "articles.jsonl", encoding="utf-8")) if r["id"] == "page")
    assert page["title"] == "Công an tỉnh Bắc Kạn tổng kết năm 2022"
    assert page["published"].startswith("2022-12-01")
    assert [o["name"] for o in page["officials"]] == ["Nguyễn Văn An"]
    assert {(a["count"], a["recipient"]) for a in page["awards"]} == {(12, "collective"), (25, "individual")}
    assert {p["current"] for p in page["provinces"]} == {"Thái Nguyên"}
    assert "Trang chủ" not in json.dumps(page, ensure_ascii=False)


def _cli(*args):
    return subprocess.run([sys.executable, "-m", "pipeline", *args], cwd=ROOT, capture_output=True, text=True)


def test_exit_code_zero_when_some_article_was_processed(archive, tmp_path):
    result = _cli("extract", str(archive / "junk.txt"), str(archive / "seed.txt"), "--out", str(tmp_path), "--workers", "1")
    assert result.returncode == 0, result.stderr
    assert "2 articles: 1 extracted, 1 errors" in result.stdout


def test_missing_input_is_a_clear_error(tmp_path):
    result = _cli("extract", str(tmp_path / "nowhere"), "--out", str(tmp_path / "out"))
    assert result.returncode != 0
    assert "does not exist" in result.stderr


def test_nothing_readable_is_an_error(archive, tmp_path):
    result = _cli("extract", str(archive / "junk.txt"), "--out", str(tmp_path), "--workers", "1")
    assert result.returncode != 0
    assert "no article could be extracted" in result.stderr
