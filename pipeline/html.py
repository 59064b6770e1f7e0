"""An article from a saved web page: title, publication time and body.

trafilatura finds the body, in its precision mode, so that a page of menus, link lists
and footers has none (``no_article_body``) rather than one made of its links. Before
it looks, the page loses the controls of widgets (buttons, audio and video players and
the option lists their buttons open: an audio player's voice menu is no part of the
article), and a page that carries its article as HTML source inside a ``<textarea>``
(a CMS preview or editor page) gives that article. ``published`` comes only from the
page's metadata (meta tags, JSON-LD, ``<time>`` markup), never from a year in the
headline or a date in an image's file name. The headline is not repeated as the body's first line.
"""
from __future__ import annotations

import json
import re

#: A body needs one line with at least this many words: a sentence, not a link or a label.
MIN_SENTENCE_WORDS = 10
_CONTROLS = "//button | //audio | //video | //*[@role='menu' or @role='listbox' or @role='toolbar']"
_META_DATES = {"article:published_time", "og:published_time", "datepublished", "pubdate", "publishdate",
               "publish-date", "dc.date.issued", "dcterms.issued", "dcterms.created", "date", "dc.date",
               "parsely-pub-date", "sailthru.date"}
_ISO_DAY = re.compile(r"\d{4}-\d\d-\d\d(?!\d)")
_BUTTON_MENUS = "//button/following-sibling::*[self::ul or self::ol or self::menu]"


def page_article(html: str) -> dict | None:
    """The page's article as the spec's input fields, or None when the page has no
    article body."""
    import lxml.html
    from lxml.etree import ParserError

    try:
        page = lxml.html.document_fromstring(html)
    except ParserError:  # no element at all
        return None
    meta = _extract(page, metadata=True)
    embedded = _embedded_page(page)
    doc = _extract(embedded, metadata=False) if embedded is not None else meta
    if not doc or not _has_sentence(doc.get("text") or ""):
        return None
    title = (meta or {}).get("title")
    headlines = {_plain(title)} | {_plain(h.text_content()) for h in page.iter("h1")} - {""}
    lines = doc["text"].split("\n")
    while lines and _plain(lines[0]) in headlines:
        lines.pop(0)
    text = "\n".join(lines).strip()
    if not _has_sentence(text):
        return None
    meta = meta or {}
    return {"source": meta.get("sitename") or meta.get("hostname"), "url": meta.get("url"),
            "title": title, "published": published(page), "text": text}


def published(page) -> str | None:
    """The publication date (``YYYY-MM-DD``) the page's metadata states: a meta tag, a
    JSON-LD ``datePublished`` or a ``<time>`` marked as the publication time; else None."""
    values = [m.get("content") for m in page.iter("meta")
              if (m.get("property") or m.get("name") or m.get("itemprop") or "").lower() in _META_DATES]
    for script in page.xpath("//script[@type='application/ld+json']"):
        try:
            values.extend(_json_dates(json.loads(script.text or "")))
        except (ValueError, RecursionError):
            continue
    values += [t.get("datetime") for t in page.xpath("//time[@pubdate or @itemprop='datePublished']")]
    for value in values:
        match = _ISO_DAY.match((value or "").strip())
        if match:
            return match.group(0)
    return None


def _json_dates(data) -> list[str]:
    if isinstance(data, list):
        return [d for item in data for d in _json_dates(item)]
    if isinstance(data, dict):
        found = [data["datePublished"]] if isinstance(data.get("datePublished"), str) else []
        return found + [d for value in data.values() if isinstance(value, (list, dict)) for d in _json_dates(value)]
    return []


def _extract(tree, metadata: bool) -> dict | None:
    import trafilatura

    tree = _without_controls(tree)
    page = trafilatura.bare_extraction(tree, with_metadata=metadata, include_comments=False, include_tables=False,
                                       favor_precision=True,
                                       date_extraction_params={"extensive_search": False, "original_date": True})
    return page if page is None or isinstance(page, dict) else page.as_dict()


def _without_controls(tree):
    import copy
    tree = copy.deepcopy(tree)
    for element in tree.xpath(f"{_CONTROLS} | {_BUTTON_MENUS}"):
        if element.getparent() is not None:
            element.drop_tree()
    return tree


def _embedded_page(page):
    """The document inside a ``<textarea>`` holding HTML markup, when there is one."""
    import lxml.html

    for area in page.iter("textarea"):
        source = area.text or ""
        if re.search(r"<(p|div|article)\b", source):
            return lxml.html.document_fromstring(source)
    return None


def _plain(text: str | None) -> str:
    return " ".join((text or "").split()).casefold()


def _has_sentence(text: str) -> bool:
    return any(len(line.split()) >= MIN_SENTENCE_WORDS for line in text.split("\n"))
