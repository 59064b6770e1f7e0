"""The HTML review and the archive report, read as HTML (the browser test renders them)."""
import html as html_lib
import json
from html.parser import HTMLParser

import pytest

from conftest import GOLD, SEED
from pipeline import evaluate
from pipeline.report import report
from pipeline.review import Mention, highlight, page_name, review


class Elements(HTMLParser):
    """Start tags with their attributes, and the text inside each <mark>."""

    def __init__(self):
        super().__init__()
        self.tags, self.open_marks, self.text = [], [], []

    def handle_starttag(self, tag, attrs):
        element = {"tag": tag, **dict(attrs), "inner": ""}
        self.tags.append(element)
        if tag == "mark":
            self.open_marks.append(element)

    def handle_endtag(self, tag):
        if tag == "mark":
            self.open_marks.pop()

    def handle_data(self, data):
        self.text.append(data)
        for mark in self.open_marks:
            mark["inner"] += data


def parse(path):
    parser = Elements()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


TEXT = "Trung tướng Nguyễn Văn A ở Hà Nội ngày 3/4 <b>"


@pytest.mark.parametrize("spans, expected", [
    # nested: a province inside a longer mention
    ([("officials", 12, 33)], [("officials", "Nguyễn Văn A ở Hà Nội")]),
    ([("officials", 12, 33), ("provinces", 27, 33)], [("officials", "Nguyễn Văn A ở Hà Nội"), ("provinces", "Hà Nội")]),
    # crossing: the second mention is cut where the first ends and goes on in a second element
    ([("officials", 12, 24), ("dates", 20, 29)], [("officials", "Nguyễn Văn A"), ("dates", "ăn A"), ("dates", " ở Hà")]),
    # touching, and an empty span that is left out
    ([("provinces", 27, 33), ("dates", 34, 42), ("amounts", 5, 5)], [("provinces", "Hà Nội"), ("dates", "ngày 3/4")]),
])
def test_highlight_keeps_the_text_and_marks_each_mention(spans, expected):
    mentions = [Mention(f, s, e, {"text": TEXT[s:e], "value": "v", "rule": "r"}) for f, s, e in spans]
    parser = Elements()
    parser.feed(highlight(TEXT, mentions))
    assert "".join(parser.text) == TEXT
    marks = [(t["data-field"], t["inner"]) for t in parser.tags if t["tag"] == "mark"]
    assert marks == expected


@pytest.fixture(scope="module")
def reviewed(gold_run, tmp_path_factory):
    folder = tmp_path_factory.mktemp("review")
    done = review(gold_run, folder, GOLD)
    return folder, done


def test_every_article_has_a_page_and_an_index_row(reviewed):
    folder, done = reviewed
    assert done["pages"] == 43 and done["without_text"] == []
    index = parse(folder / "index.html")
    links = [t["href"] for t in index.tags if t["tag"] == "a"]
    assert len(links) == 43
    assert all((folder / link).is_file() for link in links)


def test_seed_page_highlights_every_gold_mention_with_its_field(reviewed):
    folder, _ = reviewed
    page = parse(folder / "articles" / page_name(SEED.stem))
    marks = [(t["data-field"], evaluate.fold(t["inner"])) for t in page.tags if t["tag"] == "mark" and "data-values" in t]
    gold = json.loads((GOLD / f"{SEED.stem}.json").read_text(encoding="utf-8"))
    for field in evaluate.FIELDS:
        for item in gold[field]:
            words = evaluate.fold(item.get("text") or item["name"])
            assert any(f == field and words in inner for f, inner in marks), (field, words)
    for mark in (t for t in page.tags if t["tag"] == "mark" and "data-values" in t):
        values = json.loads(html_lib.unescape(mark["data-values"]))
        assert mark["title"].startswith(mark["data-field"])
        for value in values.values():
            if value not in (None, []):
                shown = "; ".join(map(str, value)) if isinstance(value, list) else str(value)
                assert shown in mark["title"]


def test_review_marks_exactly_the_errors_evaluate_lists(reviewed, gold_run):
    folder, _ = reviewed
    expected = {(e["id"], e["field"], e["error"], e["key"])
                for e in evaluate.evaluate(GOLD, gold_run / "articles.jsonl").errors}
    shown = set()
    for page in (folder / "articles").glob("*.html"):
        parsed = parse(page)
        article_id = next(t for t in parsed.tags if t["tag"] == "p" and "data-id" in t)["data-id"]
        shown |= {(article_id, t["data-field"], t["data-error"], t["data-key"])
                  for t in parsed.tags if t["tag"] == "li" and "data-error" in t}
        spurious_keys = {(t["data-field"], t["data-key"]) for t in parsed.tags if t["tag"] == "li" and t["data-error"] == "spurious"}
        spurious_marks = {(t["data-field"], t["data-key"]) for t in parsed.tags if t["tag"] == "mark" and t.get("data-error") == "spurious"}
        assert spurious_marks == spurious_keys, page.name
    assert shown == expected
    assert expected, "the gold run is expected to have some errors to show"


@pytest.fixture(scope="module")
def reported(gold_run, tmp_path_factory):
    return report(gold_run, tmp_path_factory.mktemp("report"))


def test_report_draws_every_chart(reported):
    page = parse(reported)
    sections = [t["id"] for t in page.tags if t["tag"] == "section"]
    assert sections == ["provinces", "dates", "people", "awards", "amounts"]
    text = reported.read_text(encoding="utf-8")
    for section in sections:
        body = text.split(f'id="{section}"', 1)[1].split("</section>", 1)[0]
        assert "<svg" in body and "<path" in body, section
    for reference in ('src="http', "src='http", 'href="http', "url(http", "@import"):
        assert reference not in text  # nothing loaded from the network


def test_every_mention_names_its_rule(gold_run):
    """Provenance: each mention of every field carries the id of the rule that produced it,
    in the JSON records and in the field's table."""
    import pandas as pd
    records = [json.loads(line) for line in open(gold_run / "articles.jsonl", encoding="utf-8")]
    for field in evaluate.FIELDS:
        mentions = [m for r in records for m in r[field]]
        assert mentions and all(isinstance(m.get("rule"), str) and m["rule"].strip() for m in mentions), field
        table = pd.read_csv(gold_run / f"{field}.csv", dtype=str, keep_default_na=False)
        assert (table["rule"] != "").all(), field
