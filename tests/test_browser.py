"""The review pages and the report rendered in a real browser: Debian's Chromium, headless,
driven by Playwright. Skipped, with the reason, where no Chromium is installed
(`.ci/run` installs it)."""
import os
import shutil
from pathlib import Path

import pytest

from conftest import CORPUS, GOLD, ROOT, SEED
from pipeline import batch
from pipeline.report import report
from pipeline.review import page_name, review

CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
playwright = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install -e '.[dev]')")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no Chromium browser installed (Debian: apt-get install chromium)")
SCREENSHOTS = ROOT / "outputs" / "screenshots"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def browser():
    with playwright.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    """A page that records console errors and uncaught exceptions; none may occur."""
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    problems = []
    page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("requestfailed", lambda request: problems.append(f"failed request {request.url}"))
    yield page
    page.close()
    assert problems == []


def screenshot(page, name):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / name, full_page=True)
    assert (SCREENSHOTS / name).stat().st_size > 10_000


@pytest.fixture(scope="module")
def reviewed(gold_run, tmp_path_factory):
    folder = tmp_path_factory.mktemp("review-browser")
    review(gold_run, folder, GOLD)
    return folder


def test_review_index_sorts_and_filters(page, reviewed):
    page.goto((reviewed / "index.html").as_uri())
    rows = page.locator("#articles tbody tr")
    assert rows.count() == 43
    with_awards = page.locator("#articles tbody tr:not([data-n_awards='0'])").count()
    page.select_option("#field", "awards")
    assert page.locator("#articles tbody tr:not([hidden])").count() == with_awards < 43
    assert page.text_content("#shown") == str(with_awards)
    page.select_option("#field", "")
    page.select_option("#error", "spurious")
    spurious = page.locator("#articles tbody tr:not([hidden])")
    assert 0 < spurious.count() < 43
    assert all("spurious" in spurious.nth(i).get_attribute("data-errors").split() for i in range(spurious.count()))
    page.select_option("#error", "")
    page.click("#articles th:nth-child(3)")          # the dates column, ascending then descending
    page.click("#articles th:nth-child(3)")
    counts = [int(c) for c in page.locator("#articles tbody tr td:nth-child(3)").all_text_contents()]
    assert counts == sorted(counts, reverse=True)
    screenshot(page, "review-index.png")


def test_review_article_shows_every_field_and_values_on_hover(page, reviewed):
    page.goto((reviewed / "articles" / page_name(SEED.stem)).as_uri())
    marks = page.locator("#text mark[data-field]")
    fields = set(marks.evaluate_all("ms => ms.map(m => m.dataset.field)"))
    assert fields == {"dates", "officials", "provinces", "awards", "amounts"}
    amount = page.locator("#text mark[data-field=amounts]").first
    amount.hover()
    assert "500000000" in amount.get_attribute("title") and "VND" in amount.get_attribute("title")
    box = amount.bounding_box()
    assert box and box["width"] > 0
    background = amount.evaluate("m => getComputedStyle(m).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")
    screenshot(page, "review-article.png")


@pytest.fixture(scope="module")
def corpus_report(tmp_path_factory):
    out = tmp_path_factory.mktemp("corpus-batch")
    batch.run([str(CORPUS)], out, workers=1)
    return report(out, tmp_path_factory.mktemp("report-browser"))


def test_report_renders_every_chart(page, corpus_report):
    page.goto(corpus_report.as_uri())
    charts = page.locator("section.chart")
    assert charts.count() == 5
    for i in range(5):
        chart = charts.nth(i)
        svg = chart.locator("svg").first
        box = svg.bounding_box()
        assert box and box["width"] > 200 and box["height"] > 100, chart.get_attribute("id")
        assert chart.locator("svg path").count() > 5, chart.get_attribute("id")
    screenshot(page, "report.png")
