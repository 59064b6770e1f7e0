"""Scoring a run against annotated articles, as the spec's scoring table defines it.

For each article and field the gold items and the predicted items are compared as sets
of keys; true positives, false positives and false negatives are summed over articles
(micro-average). For officials matched by name, rank accuracy and the overlap of the
title syllables are reported too.

Values are scored apart from the mentions, each over the matched items that the value
applies to (``Scores.values``):

- ``context_year``: dates in articles without ``published`` whose text writes no year; the
  year given must be the gold's, and ``XXXX`` (no year) is right only where the gold has
  none either. ``context_year_wrong`` counts the items given a year the gold does not have
  (a wrong year is worse than none).
- ``title_exact``: matched officials whose titles hold exactly the gold's syllables
  (how the titles are split into phrases does not matter, as for the overlap).
- ``award_type``: matched awards where gold or prediction names the form of award.
- ``award_qualifier`` and ``amount_qualifier``: matched awards and amounts.
- ``award_conferrer``, ``award_date``, ``award_province``: the award event, over the matched
  awards whose gold item is annotated for it (``corpus/gold-awards``) and where gold or
  prediction gives a value. The conferrer is compared folded (case, spacing, surrounding
  punctuation), the province as its canonical name, the date as written (``XXXX-07-05`` is
  not ``2019-07-05``).
"""
from __future__ import annotations

import csv
import json
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import regex

from .extractors.provinces import gazetteer
from .fields import CSV_ENCODING
from .fields import NAMES as FIELDS
from .fields import get as get_field
from .normalize import normalize
from .readers import read_items
from .record import article_text
from .segment import sentences

YEAR = regex.compile(r"(?<!\d)(?:1[89]\d\d|20\d\d)(?!\d)")


def fold(text: str) -> str:
    """Normalised, lower-case, without surrounding punctuation, single-spaced."""
    text = normalize(unicodedata.normalize("NFC", text or "")).lower()
    return " ".join(text.split()).strip(" .,;:!?\"'“”()[]-–")


def province_key(name: str) -> str:
    """Canonical name with aliases folded (Huế and Thừa Thiên Huế are one)."""
    entry = gazetteer().get(normalize(name)) or gazetteer().get(name)
    canonical = entry[0] if entry else name
    return fold(canonical)


def date_key(item: dict, published) -> str:
    value = item["value"]
    if not published and not YEAR.search(item.get("text") or ""):
        value = regex.sub(r"(?:\d{4}|XXXX)(?=-\d\d)", "XXXX", value)
    return value


def keys(field: str, items: list[dict], published) -> dict:
    """key → the first item with it (the field's ``score_key`` in ``pipeline/fields.py``,
    each value folded as its ``score_fold`` says; unscored items left out)."""
    spec = get_field(field)
    folds = {"text": fold, "province": province_key}
    out: dict = {}
    for item in items:
        if any(item.get(name) in values for name, values in spec.unscored.items()):
            continue
        parts = []
        for name in spec.score_key:
            how = spec.score_fold.get(name)
            parts.append(date_key(item, published) if how == "date" else folds[how](item[name]) if how else item[name])
        key = parts[0] if len(parts) == 1 else tuple(parts)
        out.setdefault(key, item)
    if "date" in spec.score_fold.values():
        # Where only month and day are scored, "8/1" next to "8/1/2019" is the same date.
        dated = {regex.sub(r"^\d{4}", "XXXX", k) for k in out if not k.startswith("XXXX")}
        out = {k: v for k, v in out.items() if not (k.startswith("XXXX") and k in dated)}
    return out


def match(gold: dict, pred: dict) -> dict:
    """Gold key → the predicted key it matches: equal keys, then (dates) a key whose year
    is unscored (``XXXX``) with one of the same month and day."""
    matched = {k: k for k in gold.keys() & pred.keys()}
    free_pred = [k for k in pred if k not in matched.values()]
    for g in [k for k in gold if k not in matched]:
        for p in free_pred:
            if isinstance(g, str) and isinstance(p, str) and ("XXXX" in g or "XXXX" in p) \
                    and regex.sub(r"\d{4}|XXXX", "XXXX", g) == regex.sub(r"\d{4}|XXXX", "XXXX", p):
                matched[g] = p
                free_pred.remove(p)
                break
    return matched


def syllables(titles: list[str]) -> Counter:
    return Counter(regex.findall(r"[\p{L}\p{M}\p{N}]+", fold(" ".join(titles or []))))


def bag_f1(gold: Counter, pred: Counter) -> float:
    if not gold and not pred:
        return 1.0
    common = sum((gold & pred).values())
    if not common:
        return 0.0
    p, r = common / sum(pred.values()), common / sum(gold.values())
    return 2 * p * r / (p + r)


VALUE_SCORES = ("context_year", "title_exact", "award_type", "award_qualifier", "award_conferrer", "award_date",
                "award_province", "amount_qualifier")


@dataclass
class Scores:
    counts: dict = field(default_factory=lambda: {f: Counter() for f in FIELDS})
    values: dict = field(default_factory=lambda: {name: Counter() for name in VALUE_SCORES})
    context_year_wrong: int = 0
    missing_predictions: list = field(default_factory=list)
    rank_total: int = 0
    rank_correct: int = 0
    title_f1s: list = field(default_factory=list)
    errors: list = field(default_factory=list)

    def field_scores(self, f: str) -> dict:
        c = self.counts[f]
        p = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 1.0
        r = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 1.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f1, 4),
                "tp": c["tp"], "fp": c["fp"], "fn": c["fn"]}

    def as_dict(self) -> dict:
        return {
            "fields": {f: self.field_scores(f) for f in FIELDS},
            "officials_rank_accuracy": round(self.rank_correct / self.rank_total, 4) if self.rank_total else 1.0,
            "officials_rank_compared": self.rank_total,
            "officials_title_overlap": round(sum(self.title_f1s) / len(self.title_f1s), 4) if self.title_f1s else 1.0,
            "officials_matched": len(self.title_f1s),
            "values": {name: {"accuracy": round(c["right"] / c["total"], 4) if c["total"] else 1.0,
                              "right": c["right"], "total": c["total"]}
                       for name, c in self.values.items()},
            "context_year_wrong": self.context_year_wrong,
            "missing_predictions": len(self.missing_predictions),
        }

    def value(self, name: str, right: bool) -> list[str]:
        """Counts one scored value; gives ``[name]`` when it is wrong, else ``[]``."""
        self.values[name]["total"] += 1
        self.values[name]["right"] += int(right)
        return [] if right else [name]


def score_article(scores: Scores, gold: dict, pred: dict, text: str | None) -> None:
    """Scores one article; a gold file that lists ``fields`` (a set annotated for some
    fields only, such as ``corpus/gold-awards``) is scored on those alone."""
    published = gold.get("published") or pred.get("published")
    for f in gold.get("fields") or FIELDS:
        g, p = keys(f, gold.get(f) or [], published), keys(f, pred.get(f) or [], published)
        matched = match(g, p)
        c = scores.counts[f]
        c["tp"] += len(matched)
        c["fp"] += len(p) - len(matched)
        c["fn"] += len(g) - len(matched)
        for key in g.keys() - set(matched):
            scores.errors.append(_error(gold["id"], f, "missed", key, g[key], text))
        for key in p.keys() - set(matched.values()):
            scores.errors.append(_error(gold["id"], f, "spurious", key, p[key], text))
        for gold_key, pred_key in matched.items():
            for wrong in score_values(scores, f, g[gold_key], p[pred_key], published):
                error = _error(gold["id"], f, f"wrong_{wrong}", gold_key, p[pred_key], text)
                error["gold"], error["predicted"] = _value_text(wrong, g[gold_key]), _value_text(wrong, p[pred_key])
                scores.errors.append(error)


VALUE_OF = {"context_year": "value", "title_exact": "titles", "award_type": "award",
            "award_qualifier": "qualifier", "award_conferrer": "conferrer", "award_date": "date",
            "award_province": "province", "amount_qualifier": "qualifier"}
#: how each value of the award event is compared
EVENT_SCORES = {"award_conferrer": lambda g, p: fold(g) == fold(p),
                "award_date": lambda g, p: g == p,
                "award_province": lambda g, p: province_key(g) == province_key(p)}


def _value_text(score: str, item: dict) -> str:
    value = item.get(VALUE_OF[score])
    return "; ".join(value) if isinstance(value, list) else str(value)


def score_values(scores: Scores, f: str, gold: dict, pred: dict, published) -> list[str]:
    """Scores the values of one matched pair of items (see the module's docstring) and
    gives the names of those that are wrong."""
    wrong = []

    if f == "dates":
        if not published and not YEAR.search(gold.get("text") or "") and gold.get("kind") in ("date", "month"):
            gold_year, pred_year = gold["value"][:4], pred["value"][:4]
            wrong += scores.value("context_year", gold_year == pred_year)
            scores.context_year_wrong += int(pred_year != "XXXX" and pred_year != gold_year)
    elif f == "officials":
        gr, pr = gold.get("rank"), pred.get("rank")
        if gr or pr:
            scores.rank_total += 1
            scores.rank_correct += int(gr == pr)
        gold_titles, pred_titles = syllables(gold.get("titles") or []), syllables(pred.get("titles") or [])
        scores.title_f1s.append(bag_f1(gold_titles, pred_titles))
        wrong += scores.value("title_exact", gold_titles == pred_titles)
    elif f == "awards":
        if gold.get("award") or pred.get("award"):
            wrong += scores.value("award_type", fold(gold.get("award") or "") == fold(pred.get("award") or ""))
        wrong += scores.value("award_qualifier", gold.get("qualifier") == pred.get("qualifier"))
        for name, same in EVENT_SCORES.items():
            value = VALUE_OF[name]
            if value in gold and (gold[value] or pred.get(value)):
                wrong += scores.value(name, bool(gold[value]) and bool(pred.get(value)) and same(gold[value], pred[value]))
    elif f == "amounts":
        wrong += scores.value("amount_qualifier", gold.get("qualifier") == pred.get("qualifier"))
    return wrong


def key_text(key) -> str:
    """A scorer's key as the error report writes it: a string as it is, a tuple as JSON."""
    return key if isinstance(key, str) else json.dumps(key, ensure_ascii=False)


def _error(article_id: str, f: str, kind: str, key, item: dict, text: str | None) -> dict:
    return {"id": article_id, "field": f, "error": kind, "key": key_text(key),
            "mention": item.get("text") or item.get("name"), "sentence": _sentence(text, item)}


def _sentence(text: str | None, item: dict) -> str:
    if not text:
        return ""
    start = item.get("start")
    if start is None:
        found = text.find(normalize(item.get("text") or item.get("name") or ""))
        start = found if found >= 0 else None
    if start is None:
        return ""
    for s, e in sentences(text):
        if s <= start < e:
            return text[s:e]
    return ""


def load_gold(folder: str | Path) -> dict[str, dict]:
    return {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted(Path(folder).glob("*.json"))}


def load_predictions(path: str | Path) -> dict[str, dict]:
    with open(path, encoding="utf-8") as handle:
        return {r["id"]: r for r in map(json.loads, handle) if r}


def article_texts(folder: str | Path, ids) -> dict[str, str]:
    wanted = set(ids)
    return {item.id: normalize(article_text(item.article)) for item in read_items([folder])
            if item.ok and item.article is not None and item.id in wanted}


def evaluate(gold_dir: str | Path, predictions: str | Path, articles: str | Path | None = None) -> Scores:
    gold = load_gold(gold_dir)
    pred = load_predictions(predictions)
    texts = article_texts(articles or gold_dir, gold)
    scores = Scores()
    for article_id, g in gold.items():
        if article_id not in pred:
            scores.missing_predictions.append(article_id)
        score_article(scores, g, pred.get(article_id, {"id": article_id}), texts.get(article_id))
    return scores


def table(result: dict) -> str:
    lines = [f"{'field':<10} {'P':>6} {'R':>6} {'F1':>6} {'TP':>5} {'FP':>5} {'FN':>5}"]
    for f, s in result["fields"].items():
        lines.append(f"{f:<10} {s['precision']:>6.3f} {s['recall']:>6.3f} {s['f1']:>6.3f} {s['tp']:>5} {s['fp']:>5} {s['fn']:>5}")
    lines.append(f"officials: rank accuracy {result['officials_rank_accuracy']:.3f} "
                 f"(over {result['officials_rank_compared']}), title overlap {result['officials_title_overlap']:.3f} "
                 f"(over {result['officials_matched']} matched)")
    values = ", ".join(f"{name} {v['accuracy']:.3f} ({v['right']}/{v['total']})" for name, v in result["values"].items())
    lines.append(f"values: {values}; context years wrong: {result['context_year_wrong']}")
    return "\n".join(lines)


def write_errors(scores: Scores, path: str | Path) -> None:
    with open(path, "w", encoding=CSV_ENCODING, newline="") as handle:
        writer = csv.DictWriter(handle, ["id", "field", "error", "key", "mention", "gold", "predicted", "sentence"])
        writer.writeheader()
        writer.writerows(scores.errors)
