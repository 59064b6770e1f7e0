"""A static HTML review of a batch: each article with its mentions highlighted.

``python -m pipeline review OUT_DIR [--gold GOLD_DIR] --html DIR`` reads a batch's
``articles.jsonl`` and ``articles.csv``, reads each article's text again from the input it
came from (the ``path`` and ``line`` columns), and writes ``DIR/index.html`` and one page
per article under ``DIR/articles/``. The pages need no server and load nothing from the
network.

On a page every mention is a ``<mark>`` with ``data-field`` (the field), ``data-rule``
(the rule that produced it) and a ``title`` holding its values, shown on hover. With
``--gold`` the page lists the errors that ``python -m pipeline evaluate --errors`` gives
for the article, each an element with ``data-error`` (``missed``, ``spurious`` or
``wrong_<value>``); spurious mentions are marked in the text, and missed ones where the
gold's words can be found in it.
"""
from __future__ import annotations

import csv
import heapq
import html
import json
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import quote

from . import evaluate
from .normalize import normalize
from .readers import read_items
from .record import article_text

FIELDS = evaluate.FIELDS
NOT_VALUES = {"text", "start", "end"}

STYLE = """
body{font:15px/1.55 system-ui,sans-serif;margin:0 auto;max-width:60rem;padding:1rem 1.5rem;color:#222}
h1{font-size:1.3rem} table{border-collapse:collapse;font-size:13px} td,th{border-bottom:1px solid #ddd;padding:2px 6px;text-align:left}
th{cursor:pointer;background:#f4f4f4;position:sticky;top:0} .num{text-align:right}
body.index{max-width:none} .index td:nth-child(2){min-width:24rem}
.text{white-space:pre-wrap;border:1px solid #ddd;padding:1rem;border-radius:4px}
mark{border-radius:3px;padding:0 1px;cursor:help}
mark[data-field=dates]{background:#cfe3ff} mark[data-field=officials]{background:#ffd9a8}
mark[data-field=provinces]{background:#c8efc8} mark[data-field=awards]{background:#f3c6f0}
mark[data-field=amounts]{background:#fff0a0}
mark.spurious{outline:2px solid #d00;text-decoration:line-through wavy #d00}
mark.missed{background:none;outline:2px dashed #d00}
.legend mark{margin-right:.4rem} .errors li[data-error=missed]{color:#a00} .errors li[data-error=spurious]{color:#700}
.filters{margin:.5rem 0} .filters select,.filters input{margin-right:.6rem}
"""

INDEX_SCRIPT = """
const rows=[...document.querySelectorAll('#articles tbody tr')];
const field=document.getElementById('field'),error=document.getElementById('error'),search=document.getElementById('search');
function apply(){const f=field.value,e=error.value,q=search.value.toLowerCase();let shown=0;
 for(const r of rows){const ok=(!f||+r.dataset['n_'+f]>0||+r.dataset['e_'+f]>0)&&(!e||(r.dataset.errors||'').split(' ').includes(e))
  &&(!q||r.dataset.search.includes(q));r.hidden=!ok;shown+=ok}
 document.getElementById('shown').textContent=shown}
[field,error,search].forEach(x=>x.addEventListener('input',apply));
document.querySelectorAll('#articles th').forEach((th,i)=>th.addEventListener('click',()=>{
 const num=th.classList.contains('num'),dir=th.dataset.dir==='asc'?-1:1;th.dataset.dir=dir>0?'asc':'desc';
 const body=th.closest('table').tBodies[0];const key=r=>r.cells[i].textContent;
 rows.sort((a,b)=>dir*(num?(+key(a)-+key(b)):key(a).localeCompare(key(b),'vi')));rows.forEach(r=>body.appendChild(r))}));
apply();
"""


@dataclass
class Mention:
    field: str
    start: int
    end: int
    item: dict
    css: str = ""           # "spurious" or "missed"
    error: str = ""         # the error kind shown on the element, if any
    key: str = ""           # the scorer's key, with an error

    def attributes(self) -> str:
        values = {k: v for k, v in self.item.items() if k not in NOT_VALUES}
        tip = "\n".join(f"{k}: {'; '.join(map(str, v)) if isinstance(v, list) else v}" for k, v in values.items())
        attrs = {"data-field": self.field, "data-rule": self.item.get("rule") or "", "title": f"{self.field}\n{tip}",
                 "data-values": json.dumps(values, ensure_ascii=False)}
        if self.css:
            attrs["class"] = self.css
        if self.error:
            attrs["data-error"], attrs["data-key"] = self.error, self.key
        return " ".join(f'{k}="{html.escape(str(v))}"' for k, v in attrs.items())


def highlight(text: str, mentions: list[Mention]) -> str:
    """The text as HTML with each mention a ``<mark>``. Mentions nest; one that crosses
    the end of an enclosing one is cut there and goes on in a second element."""
    pending = [(m.start, -m.end, i, m) for i, m in enumerate(mentions) if m.end > m.start]
    heapq.heapify(pending)
    out: list[str] = []
    stack: list[Mention] = []
    pos, serial = 0, len(pending)

    def emit_until(limit: int) -> None:
        nonlocal pos
        while stack and stack[-1].end <= limit:
            top = stack.pop()
            out.append(html.escape(text[pos:top.end]) + "</mark>")
            pos = top.end

    while pending:
        _, _, _, m = heapq.heappop(pending)
        emit_until(m.start)
        if stack and stack[-1].end < m.end:          # crosses the enclosing mention's end
            rest = replace(m, start=stack[-1].end)
            heapq.heappush(pending, (rest.start, -rest.end, serial, rest))
            serial += 1
            m = replace(m, end=stack[-1].end)
        out.append(html.escape(text[pos:m.start]) + f"<mark {m.attributes()}>")
        pos = m.start
        stack.append(m)
    emit_until(len(text))
    out.append(html.escape(text[pos:]))
    return "".join(out)


def _key(field: str, item: dict, published):
    found = evaluate.keys(field, [item], published)
    return next(iter(found), None)


def article_page(record: dict, text: str, gold: dict | None) -> tuple[str, Counter, list[dict]]:
    """The page of one article, its mention counts per field, and its errors."""
    published = record.get("published")
    errors: list[dict] = []
    if gold is not None:
        scores = evaluate.Scores()
        evaluate.score_article(scores, gold, record, text)
        errors = scores.errors
        published = gold.get("published") or published
    spurious = {(e["field"], e["key"]) for e in errors if e["error"] == "spurious"}
    mentions: list = []
    counts: Counter = Counter()
    for field in FIELDS:
        for item in record.get(field) or []:
            counts[field] += 1
            mention = Mention(field, item["start"], item["end"], item)
            if spurious:
                key = evaluate.key_text(_key(field, item, published))
                if (field, key) in spurious:
                    mention.css, mention.error, mention.key = "spurious", "spurious", key
            mentions.append(mention)
    for error in errors:
        if error["error"] == "missed":
            found = text.find(normalize(error["mention"] or ""))
            if error["mention"] and found >= 0:
                missed = {"text": error["mention"]}
                end = found + len(normalize(error["mention"]))
                mentions.append(Mention(error["field"], found, end, missed, "missed", "missed", error["key"]))
    title = record.get("title") or record["id"]
    meta = " · ".join(html.escape(str(record.get(k))) for k in ("id", "source", "published") if record.get(k))
    legend = "".join(f'<mark data-field="{f}">{f} {counts[f]}</mark>' for f in FIELDS)
    error_list = ""
    if gold is not None:
        items = "".join(
            f'<li data-field="{html.escape(e["field"])}" data-error="{html.escape(e["error"])}" data-key="{html.escape(e["key"])}">'
            f'{html.escape(e["field"])} · {html.escape(e["error"])} · <b>{html.escape(str(e["mention"]))}</b>'
            + (f' (gold {html.escape(e["gold"])}, predicted {html.escape(e["predicted"])})' if e.get("gold") is not None else "")
            + "</li>" for e in errors)
        error_list = f'<h2>Errors against the gold: {len(errors)}</h2><ul class="errors">{items}</ul>'
    url = record.get("url")
    link = f' · <a href="{html.escape(url)}">source</a>' if url else ""
    page = (f'<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
            f'<style>{STYLE}</style></head><body><p><a href="../index.html">← all articles</a></p>'
            f'<h1>{html.escape(title)}</h1><p class="meta" data-id="{html.escape(record["id"])}">{meta}{link}</p><p class="legend">{legend}</p>{error_list}'
            f'<div class="text" id="text">{highlight(text, mentions)}</div></body></html>')
    return page, counts, errors


def page_name(article_id: str) -> str:
    return quote(article_id, safe="").replace("%", "_") + ".html"


def _texts(rows: list[dict], base: Path) -> dict[tuple[str, str], str]:
    """(path, line) → the article's text as the batch saw it, read again from its input."""
    wanted: dict[str, set[str]] = {}
    for row in rows:
        wanted.setdefault(row["path"], set()).add(row["line"])
    texts = {}
    for path in wanted:
        source = Path(path)
        if not source.exists() and (base / path).exists():
            source = base / path
        if not source.exists():
            continue
        for item in read_items([source]):
            line = "" if item.line is None else str(item.line)
            if item.ok and item.article is not None and line in wanted[path]:
                texts[(path, line)] = normalize(article_text(item.article))
    return texts


def review(out_dir: str | Path, html_dir: str | Path, gold_dir: str | Path | None = None) -> dict:
    """Writes the review; gives counts of what it wrote."""
    out_dir, html_dir = Path(out_dir), Path(html_dir)
    with open(out_dir / "articles.csv", encoding="utf-8-sig", newline="") as handle:
        rows = [r for r in csv.DictReader(handle) if r["status"] == "ok"]
    row_of = {r["id"]: r for r in rows}
    texts = _texts(rows, out_dir.parent)
    gold = evaluate.load_gold(gold_dir) if gold_dir else {}
    (html_dir / "articles").mkdir(parents=True, exist_ok=True)
    index_rows, written, missing_text = [], 0, []
    error_kinds: set[str] = set()
    with open(out_dir / "articles.jsonl", encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            row = row_of.get(record["id"])
            text = texts.get((row["path"], row["line"])) if row else None
            if text is None:
                missing_text.append(record["id"])
                continue
            page, counts, errors = article_page(record, text, gold.get(record["id"]) if gold_dir else None)
            name = page_name(record["id"])
            (html_dir / "articles" / name).write_text(page, encoding="utf-8")
            written += 1
            error_counts = Counter(e["field"] for e in errors)
            kinds = sorted({e["error"] for e in errors})
            error_kinds.update(kinds)
            index_rows.append((record, name, counts, error_counts, kinds))
    (html_dir / "index.html").write_text(index_page(index_rows, bool(gold_dir), sorted(error_kinds)), encoding="utf-8")
    return {"pages": written, "without_text": missing_text}


def index_page(rows: list, with_gold: bool, error_kinds: list[str]) -> str:
    head = "<th>id</th><th>title</th>" + "".join(f'<th class="num">{f}</th>' for f in FIELDS)
    if with_gold:
        head += '<th class="num">errors</th>' + "".join(f'<th class="num">err {f}</th>' for f in FIELDS)
    body = []
    for record, name, counts, error_counts, kinds in rows:
        title = record.get("title") or ""
        data = " ".join(f'data-n_{f}="{counts[f]}" data-e_{f}="{error_counts[f]}"' for f in FIELDS)
        search = html.escape(f"{record['id']} {title}".lower())
        cells = (f'<td><a href="articles/{html.escape(name)}">{html.escape(record["id"])}</a></td><td>{html.escape(title)}</td>'
                 + "".join(f'<td class="num">{counts[f]}</td>' for f in FIELDS))
        if with_gold:
            cells += f'<td class="num">{sum(error_counts.values())}</td>' + "".join(f'<td class="num">{error_counts[f]}</td>' for f in FIELDS)
        body.append(f'<tr {data} data-errors="{" ".join(kinds)}" data-search="{search}">{cells}</tr>')
    field_options = "".join(f'<option value="{f}">{f}</option>' for f in FIELDS)
    error_options = "".join(f'<option value="{k}">{k}</option>' for k in error_kinds)
    error_filter = f'<label>error <select id="error"><option value="">any</option>{error_options}</select></label>' if with_gold \
        else '<select id="error" hidden><option value=""></option></select>'
    return (f'<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Review: {len(rows)} articles</title>'
            f'<style>{STYLE}</style></head><body class="index"><h1>Review: {len(rows)} articles</h1>'
            f'<div class="filters"><label>field <select id="field"><option value="">any</option>{field_options}</select></label>'
            f'{error_filter}<input id="search" type="search" placeholder="id or title"> <span id="shown"></span> shown</div>'
            f'<table id="articles"><thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table>'
            f'<script>{INDEX_SCRIPT}</script></body></html>')
