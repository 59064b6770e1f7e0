"""How right are the years the dates extractor infers for articles without ``published``?

A day or month written without a year ("Sáng 22-6", "tháng 5") takes its year from the
article only where the article settles it (``rules/dates.yaml``, before ``year_asides``),
and is ``XXXX`` otherwise. Two measurements:

* ``--gold DIR PREDICTIONS``: annotated articles with ``published: null``; each gold date
  that writes no year and to which the annotators gave one is compared with the year
  predicted for the same month and day (the spec's score leaves these years out).
* ``--corpus FILE ...``: articles that do have ``published`` are run through the dates
  extractor twice, with it and without it; the year that ``published`` gives (the spec's
  rule) is taken as the truth for every yearless day or month, and the year inferred from
  the text alone is compared with it. A wide check on articles nobody annotated.

Both print: how many years were given, how many right and wrong, how many left ``XXXX``,
and the accuracy where a year is given (the figure to keep high: no year beats a wrong one);
on gold also the share of yearless dates whose year is as annotated (a year, or ``XXXX``).

    python bench/context_years.py --gold corpus/gold outputs/eval/articles.jsonl
    python bench/context_years.py --corpus ../shared/corpus/articles.jsonl
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

import regex

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pipeline import segment  # noqa: E402
from pipeline.article import ArticleText  # noqa: E402
from pipeline.evaluate import load_gold, load_predictions  # noqa: E402
from pipeline.extractors import dates  # noqa: E402
from pipeline.nlp import _as_date  # noqa: E402
from pipeline.normalize import normalize  # noqa: E402
from pipeline.record import article_text  # noqa: E402

WRITTEN_YEAR = regex.compile(r"(?<!\d)(?:1[89]\d\d|20\d\d)(?!\d)")
YEAR = regex.compile(r"^(\d{4}|XXXX)")
IGNORED = {"relative", "birth"}


def _month_day(value: str) -> str:
    return regex.sub(r"(?:\d{4}|XXXX)(?=-\d\d)", "XXXX", value)


def _tally(counts: Counter, truth: str, predicted: set[str]) -> str:
    counts["items"] += 1
    given = predicted - {"XXXX"}
    if not predicted:
        counts["not found"] += 1
        return "not found"
    if not given:
        counts["XXXX"] += 1
        return "XXXX"
    verdict = "right" if given == {truth} else "wrong"
    counts[verdict] += 1
    return verdict


def gold(folder: str, predictions: str, verbose: bool) -> Counter:
    counts: Counter = Counter()
    preds = load_predictions(predictions)
    for article_id, g in load_gold(folder).items():
        if g.get("published"):
            continue
        mine = [m for m in preds.get(article_id, {}).get("dates", [])
                if m.get("kind") not in IGNORED and not WRITTEN_YEAR.search(m["text"])]
        for item in g.get("dates", []):
            if item.get("kind") in IGNORED or WRITTEN_YEAR.search(item.get("text") or ""):
                continue
            truth = YEAR.match(item["value"])[1]
            predicted = {YEAR.match(m["value"])[1] for m in mine if _month_day(m["value"]) == _month_day(item["value"])}
            if truth == "XXXX":   # no year to give: any year given is wrong
                counts["gold XXXX"] += 1
                counts["gold XXXX given a year"] += bool(predicted - {"XXXX"})
                continue
            verdict = _tally(counts, truth, predicted)
            if verbose and verdict != "right":
                print(verdict, article_id, item["text"], item["value"], sorted(predicted))
    return counts


def corpus(files: list[str], verbose: bool) -> Counter:
    counts: Counter = Counter()
    for path in files:
        with open(path, encoding="utf-8") as handle:
            for line in handle:
                article = json.loads(line)
                published = _as_date(article.get("published"))
                if not published:
                    continue
                text = normalize(article_text(article))
                spans = segment.sentences(text)
                truth = {(m["start"], m["end"]): m for m in dates.extract(ArticleText(text, spans, published))}
                for m in dates.extract(ArticleText(text, spans, None)):
                    if m["kind"] not in ("date", "month") or WRITTEN_YEAR.search(m["text"]):
                        continue
                    t = truth.get((m["start"], m["end"]))
                    if t is None:
                        continue
                    verdict = _tally(counts, t["value"][:4], {m["value"][:4]})
                    counts[f"{verdict} ({m.get('year_from') or 'no year'})"] += 1
                    if verbose and verdict == "wrong":
                        print("wrong", article["id"], m["text"], m["value"], "published", article["published"], m.get("year_from"))
    return counts


def report(name: str, counts: Counter) -> None:
    wrong = counts["wrong"] + counts["gold XXXX given a year"]   # a year where the gold has none is wrong too
    given = counts["right"] + wrong
    accuracy = counts["right"] / given if given else 1.0
    print(f"{name}: {counts['items'] + counts['gold XXXX']} days/months written without a year; year given {given} "
          f"(right {counts['right']}, wrong {wrong}), XXXX {counts['XXXX']}, not found {counts['not found']}; "
          f"accuracy where a year is given {accuracy:.3f}")
    if counts["gold XXXX"]:
        agree = counts["right"] + counts["gold XXXX"] - counts["gold XXXX given a year"]
        total = counts["items"] + counts["gold XXXX"]
        print(f"  as annotated (the year, or XXXX where the gold has none): {agree}/{total} = {agree / total:.3f}")
    for key in sorted(k for k in counts if "(" in k or k.startswith("gold")):
        print(f"  {key}: {counts[key]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--gold", nargs=2, metavar=("GOLD_DIR", "PREDICTIONS"))
    parser.add_argument("--corpus", nargs="+", metavar="JSONL")
    parser.add_argument("-v", "--verbose", action="store_true", help="list the years not right")
    args = parser.parse_args()
    if args.gold:
        report("gold", gold(*args.gold, args.verbose))
    if args.corpus:
        report("corpus, published hidden", corpus(args.corpus, args.verbose))


if __name__ == "__main__":
    main()
