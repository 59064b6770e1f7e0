"""An article from a saved web page: title, publication time and body."""
from __future__ import annotations


def page_article(html: str) -> dict | None:
    """The page's article as the spec's input fields, or None when the page has no
    article body."""
    import trafilatura

    page = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, include_tables=False)
    doc = page.as_dict() if page is not None else None
    if not doc or not (doc.get("text") or "").strip():
        return None
    return {"source": doc.get("sitename") or doc.get("hostname"), "url": doc.get("url"),
            "title": doc.get("title"), "published": doc.get("date"), "text": doc["text"]}
