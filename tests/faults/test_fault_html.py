"""HTML pages, on real saved pages (copies in pages/, see its README) and on pages made
to fault: a page without an article body is ``no_article_body``; ``published`` comes
only from metadata; the headline is not doubled; widget labels are not body."""
import json
import shutil
from pathlib import Path

import pytest

from faultkit import rows
from pipeline import batch

PAGES = Path(__file__).parent / "pages"
DANTRI = "dantri_bo-hoc-sinh-gioi_20250430222310486"
PROVINCES = ["Hà Nội", "Hải Phòng", "Thái Nguyên", "Bắc Kạn", "Nghệ An", "Hà Tĩnh", "Quảng Bình", "Đà Nẵng"] * 8
LINKS = "".join(f'<li><a href="/t/{i}">Tin {p}</a></li>' for i, p in enumerate(PROVINCES))
MENUS = f"""<html><head><title>Trang chủ</title></head><body><header><nav><ul>{LINKS}</ul></nav></header>
<aside class="sidebar"><h3>Đọc nhiều</h3><ul>{LINKS}</ul></aside><div class="main"><ul>{LINKS}</ul></div>
<footer><ul>{LINKS}</ul></footer></body></html>"""
HEADLINE_YEAR = """<html><head><title>Tổng kết công tác năm 2025 của Công an tỉnh</title></head><body><article>
<h1>Tổng kết công tác năm 2025 của Công an tỉnh</h1>
<p>Sáng 26/4, Đại tá Nguyễn Văn An, Giám đốc Công an tỉnh Nghệ An, chủ trì hội nghị tổng kết công tác của lực lượng.</p>
<p>Dịp này, Chủ tịch UBND tỉnh đã tặng Bằng khen cho 12 tập thể và 25 cá nhân có thành tích xuất sắc trong năm.</p>
</article></body></html>"""


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    folder = tmp_path_factory.mktemp("pages")
    for page in PAGES.glob("*.html"):
        shutil.copy(page, folder / page.name)
    (folder / "menus.html").write_text(MENUS, encoding="utf-8")
    (folder / "headline-year.html").write_text(HEADLINE_YEAR, encoding="utf-8")
    out = tmp_path_factory.mktemp("out")
    batch.run([str(folder)], out, workers=1)
    records = {r["id"]: r for r in map(json.loads, open(out / "articles.jsonl", encoding="utf-8"))}
    return {r["id"]: r["status"] for r in rows(out)}, records


def test_a_page_of_menus_has_no_article_body(pages):
    """Menus, sidebar and footer full of province names: no_article_body, no mention."""
    status, records = pages
    assert status["menus"] == "no_article_body" and "menus" not in records


def test_published_only_from_metadata(pages):
    """The dantri page's JSON-LD date is read; a page without date metadata has no
    published date, though its headline holds a year and an image name holds a date."""
    status, records = pages
    assert all(status[p] == "ok" for p in (DANTRI, "preview_article_84", "preview_article_93", "headline-year"))
    assert records[DANTRI]["published"] == "2025-05-03"
    for page in ("preview_article_84", "preview_article_93", "headline-year"):
        assert records[page]["published"] is None, page


def test_headline_not_doubled(pages):
    """The <h1> repeating the title is not the body's first line: a headline mention
    counts once."""
    _, records = pages
    dantri = records[DANTRI]
    assert dantri["title"] == "Bỏ học sinh giỏi tiểu học, học sinh tiên tiến THCS năm học 2024-2025"
    years = [d for d in dantri["dates"] if d["text"] == "năm học 2024-2025"]
    assert [d["start"] for d in years][:1] == [dantri["title"].index("năm học")]
    assert all(d["start"] > len(dantri["title"]) for d in years[1:])
    assert sum(d["start"] < len(dantri["title"]) + 30 for d in years) == 1
    headline = records["headline-year"]
    assert len([o for o in headline["officials"] if o["name"] == "Nguyễn Văn An"]) == 1


def test_no_widget_labels_or_markup_in_the_body(tmp_path):
    """The audio player's voice menu is not body text; a preview page gives the article
    inside its <textarea>, as text, not as markup."""
    from pipeline.readers import Tally, read_items
    items = {i.id: i for i in read_items([str(PAGES)], Tally())}
    dantri = items[DANTRI].article["text"]
    assert "Giọng Nam miền Bắc" not in dantri and dantri.startswith("(Dân trí) - Năm học 2024-2025")
    for page in ("preview_article_84", "preview_article_93"):
        text = items[page].article["text"]
        assert "<p>" not in text and "<figure" not in text and not text.startswith(items[page].article["title"])
    assert items["preview_article_84"].article["text"].startswith("Dữ liệu từ nền tảng bất động sản Realtor")
