"""Off-the-shelf baselines against the pipeline, on the bundled annotated articles.

Run from the repository root:

    .venv/bin/python bench/baselines.py
    .venv/bin/python bench/baselines.py --json outputs/baselines.json

Systems, each scored with the project's own scorer (``pipeline.evaluate.score_article``)
on ``corpus/gold/`` exactly as ``python -m pipeline evaluate`` scores the pipeline:

* ``pipeline``: ``pipeline.extract()`` on every article (all fields);
* ``underthesea.ner``: ``underthesea.ner()`` sentence by sentence over the normalised
  text; PER entities as officials (rank null, no titles), LOC entities as provinces
  (a leading "tỉnh"/"thành phố"/"TP" stripped and the gazetteer's canonical name used
  when the rest is an alias; any other LOC keeps its text and so counts as spurious);
* ``dateparser``: ``dateparser.search.search_dates(sentence, languages=["vi"])`` sentence
  by sentence, missing parts filled from ``published`` (else 2017-06-01, so the figures
  do not change with the day of the run); every hit is a full date (kind "date", value
  ``datetime.date()``).
  dateparser is not a dependency of the project: ``.venv/bin/pip install dateparser``.

Only the fields a tool covers are shown for it. Seconds are the wall time over the
articles after one warm-up call (the warm-up, which loads models, is reported apart).
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import regex  # noqa: E402

import pipeline  # noqa: E402
from pipeline.evaluate import Scores, article_texts, load_gold, score_article  # noqa: E402
from pipeline.extractors.provinces import gazetteer  # noqa: E402
from pipeline.normalize import normalize  # noqa: E402
from pipeline.readers import read_items  # noqa: E402
from pipeline.segment import sentences  # noqa: E402

SHOWN = ("dates", "officials", "provinces")
COVERS = {"pipeline": SHOWN, "underthesea.ner": ("officials", "provinces"), "dateparser": ("dates",)}
PROVINCE_PREFIX = regex.compile(r"^(?:tỉnh|thành\s+phố|t\.?p)(?:\.\s*|\s+)", regex.IGNORECASE)
#: What ner leaves around an entity at times (", Bắc Kạn", "TP.HCM.").
EDGE_PUNCTUATION = " .,;:!?\"'“”()[]-–"


def empty_record(article: dict) -> dict:
    return {"id": article["id"], "published": article.get("published"), "dates": [],
            "officials": [], "provinces": [], "awards": [], "amounts": []}


# --- underthesea.ner -------------------------------------------------------------------

def entities(tagged: list) -> list[tuple[str, str]]:
    """(type, text) from ner's (word, pos, chunk, tag) rows, B-/I- merged. An I- tag that
    does not continue an entity of its type starts one."""
    out: list[list] = []
    current = None
    for row in tagged:
        word, tag = row[0], row[-1]
        if tag == "O" or "-" not in tag:
            current = None
            continue
        prefix, kind = tag.split("-", 1)
        if prefix == "I" and current is not None and current[0] == kind:
            current[1].append(word)
        else:
            current = [kind, [word]]
            out.append(current)
    return [(kind, " ".join(words)) for kind, words in out]


def province_item(text: str) -> dict:
    table = gazetteer()
    trimmed = text.strip(EDGE_PUNCTUATION)
    stripped = PROVINCE_PREFIX.sub("", trimmed).strip(EDGE_PUNCTUATION)
    for candidate in (normalize(text), normalize(trimmed), normalize(stripped)):
        entry = table.get(candidate)
        if entry:
            return {"text": text, "name": entry[0], "current": entry[1]}
    return {"text": text, "name": text, "current": None}


def run_ner(article: dict, text: str, stats: Counter, examples: dict) -> dict:
    from underthesea import ner

    record = empty_record(article)
    for start, end in sentences(text):
        sentence = text[start:end]
        try:
            tagged = ner(sentence)
        except Exception:  # noqa: BLE001 - counted and reported
            stats["sentence_errors"] += 1
            continue
        stats["sentences"] += 1
        for kind, name in entities(tagged):
            stats[f"entities_{kind}"] += 1
            examples.setdefault(kind, []).append((article["id"], name))
            if kind == "PER":
                record["officials"].append({"text": name, "name": name, "rank": None, "titles": []})
            elif kind == "LOC":
                item = province_item(name)
                stats["loc_in_gazetteer" if item["current"] else "loc_not_in_gazetteer"] += 1
                record["provinces"].append(item)
    return record


# --- dateparser ------------------------------------------------------------------------

FIXED_BASE = datetime(2017, 6, 1)

def run_dateparser(article: dict, text: str, stats: Counter, examples: dict) -> dict:
    from dateparser.search import search_dates

    record = empty_record(article)
    # Missing parts of a date are taken from the article's publication time (a fixed day
    # when it has none), not from the day the benchmark runs, so the figures repeat.
    base = datetime.fromisoformat(str(article["published"])[:10]) if article.get("published") else FIXED_BASE
    for start, end in sentences(text):
        sentence = text[start:end]
        try:
            found = search_dates(sentence, languages=["vi"], settings={"RELATIVE_BASE": base}) or []
        except Exception as exc:  # noqa: BLE001 - counted and reported
            stats["sentence_errors"] += 1
            examples.setdefault("errors", []).append((article["id"], type(exc).__name__, sentence[:80]))
            continue
        stats["sentences"] += 1
        for found_text, when in found:
            stats["dates"] += 1
            examples.setdefault("dates", []).append((article["id"], found_text, when.date().isoformat()))
            record["dates"].append({"text": found_text, "value": when.date().isoformat(), "kind": "date"})
    return record


# --- the pipeline ----------------------------------------------------------------------

def run_pipeline(article: dict, text: str, stats: Counter, examples: dict) -> dict:
    record = pipeline.extract(article)
    for f in SHOWN:
        stats[f] += len(record.get(f) or [])
    return record


def warm_up(system: str) -> None:
    sample = "Sáng 26/4, Đại tá Nguyễn Văn A, Giám đốc Công an tỉnh Hòa Bình, làm việc tại Hà Nội."
    if system == "pipeline":
        pipeline.extract({"id": "warm-up", "title": None, "text": sample, "published": None})
    elif system == "underthesea.ner":
        from underthesea import ner
        ner(sample)
    else:
        from dateparser.search import search_dates
        search_dates(sample, languages=["vi"])


RUNNERS = {"pipeline": run_pipeline, "underthesea.ner": run_ner, "dateparser": run_dateparser}


def bench(system: str, gold: dict, articles: dict, texts: dict) -> dict:
    t0 = time.perf_counter()
    warm_up(system)
    load_seconds = time.perf_counter() - t0
    stats: Counter = Counter()
    examples: dict = {}
    scores = Scores()
    t0 = time.perf_counter()
    for article_id, g in gold.items():
        article = articles.get(article_id)
        if article is None:
            pred = {"id": article_id}
            stats["articles_missing"] += 1
        else:
            pred = RUNNERS[system](article, texts[article_id], stats, examples)
        score_article(scores, g, pred, texts.get(article_id))
    seconds = time.perf_counter() - t0
    result = scores.as_dict()
    return {"system": system, "covers": list(COVERS[system]), "seconds": round(seconds, 2),
            "load_seconds": round(load_seconds, 2), "articles": len(gold), "stats": dict(stats),
            "fields": {f: result["fields"][f] for f in COVERS[system]},
            "errors": [e for e in scores.errors if e["field"] in COVERS[system]],
            "examples": examples}


def table(results: list[dict]) -> str:
    head = f"{'system':<16}" + "".join(f" | {f:^20}" for f in SHOWN) + f" | {'s':>7} {'load s':>7}"
    sub = f"{'':<16}" + "".join(f" | {'P':>6} {'R':>6} {'F1':>6}" for _ in SHOWN) + f" | {'':>7} {'':>7}"
    lines = [head, sub, "-" * len(sub)]
    for r in results:
        row = f"{r['system']:<16}"
        for f in SHOWN:
            s = r["fields"].get(f)
            row += f" | {s['precision']:>6.3f} {s['recall']:>6.3f} {s['f1']:>6.3f}" if s else f" | {'–':>6} {'–':>6} {'–':>6}"
        row += f" | {r['seconds']:>7.1f} {r['load_seconds']:>7.1f}"
        lines.append(row)
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Score underthesea.ner and dateparser against the pipeline on corpus/gold.")
    ap.add_argument("--gold", default=str(ROOT / "corpus" / "gold"), help="folder of <id>.json gold files and the articles")
    ap.add_argument("--json", metavar="FILE", help="also write the figures (and every missed/spurious item) as JSON")
    ap.add_argument("--systems", nargs="+", choices=list(RUNNERS), default=list(RUNNERS), help="systems to run (default: all)")
    ap.add_argument("--limit", type=int, help="only the first N gold articles (for a quick try)")
    args = ap.parse_args(argv)

    if "dateparser" in args.systems:
        try:
            import dateparser.search  # noqa: F401
        except ImportError:
            print("error: dateparser is not installed (it is not a dependency of the project); "
                  "install it with:  .venv/bin/pip install dateparser", file=sys.stderr)
            return 2

    gold = load_gold(args.gold)
    if args.limit:
        gold = dict(list(gold.items())[: args.limit])
    if not gold:
        print(f"error: no gold files in {args.gold}", file=sys.stderr)
        return 1
    articles = {item.id: item.article for item in read_items([args.gold]) if item.ok and item.id in gold}
    texts = article_texts(args.gold, gold)  # normalize(title + "\n" + text), as the pipeline and scorer see it
    missing = sorted(set(gold) - set(articles))
    if missing:
        print(f"warning: no article text for {len(missing)} gold files: {', '.join(missing)}", file=sys.stderr)

    results = []
    for system in args.systems:
        print(f"running {system} on {len(gold)} articles ...", file=sys.stderr, flush=True)
        results.append(bench(system, gold, articles, texts))

    print(f"{len(gold)} annotated articles in {args.gold}; P/R/F1 micro-averaged with pipeline.evaluate's keys")
    print(table(results))
    for r in results:
        errors = r["stats"].get("sentence_errors", 0)
        if errors:
            print(f"{r['system']}: {errors} sentences skipped after an error")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as handle:
            json.dump({"gold": args.gold, "articles": len(gold), "systems": results}, handle, indent=2, ensure_ascii=False)
        print(f"figures written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
