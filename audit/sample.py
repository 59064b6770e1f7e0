"""Draw a random audit sample of extracted mentions, one verdict file per field.

    python audit/sample.py OUTPUT_DIR INPUT [INPUT ...] --round NAME --seed N [--per-field 50]

OUTPUT_DIR holds the ``articles.jsonl`` of a run; the INPUTs are the files that run read
(the article texts are taken from them to show each mention in its sentence). The sample is
drawn with ``random.Random(seed)`` from every mention of a field that the spec scores:
dates of kind ``relative`` and ``birth`` and ``vague`` awards and amounts are left out, as
the spec's scoring leaves them out. Writes ``audit/NAME/<field>.csv`` (UTF-8 with a BOM, for Excel), one row per
mention, with empty ``wanted``, ``values_right`` and ``note`` columns for the judge.
"""
from __future__ import annotations

import argparse
import csv
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.normalize import normalize  # noqa: E402
from pipeline.readers import read_items  # noqa: E402
from pipeline.record import article_text  # noqa: E402
from pipeline.segment import sentences  # noqa: E402

FIELDS = ("dates", "officials", "provinces", "awards", "amounts")
#: The values shown for each field, in the output record's names.
VALUES = {"dates": ("value", "kind"),
          "officials": ("name", "rank", "titles"),
          "provinces": ("name", "current"),
          "awards": ("count", "recipient", "qualifier", "award"),
          "amounts": ("value", "currency", "qualifier")}
VERDICTS = ("wanted", "values_right", "note")
#: Context shorter than this many characters is widened by the neighbouring sentences.
MIN_CONTEXT = 160


def scored(field: str, mention: dict) -> bool:
    """Whether the spec's scoring counts this mention (what the audit judges)."""
    if field == "dates":
        return mention.get("kind") not in ("relative", "birth")
    if field in ("awards", "amounts"):
        return mention.get("qualifier") != "vague"
    return True


def population(output_dir: Path) -> dict[str, list[tuple[dict, dict]]]:
    """Every scored mention of each field as (record, mention), in file order."""
    found = {f: [] for f in FIELDS}
    with open(output_dir / "articles.jsonl", encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            for field in FIELDS:
                found[field].extend((record, m) for m in record[field] if scored(field, m))
    return found


def texts(inputs: list[str], wanted: set[str]) -> dict[str, str]:
    """The normalised ``title + "\\n" + text`` of the wanted articles, read as the pipeline reads them."""
    return {item.id: normalize(article_text(item.article)) for item in read_items(inputs)
            if item.ok and item.id in wanted}


def context(text: str, start: int, end: int) -> str:
    """The sentence holding text[start:end], the mention marked ⟦…⟧; neighbours added while short."""
    spans = sentences(text)
    hit = next((i for i, (s, e) in enumerate(spans) if s <= start < e), None)
    if hit is None:
        lo, hi = max(0, start - MIN_CONTEXT), min(len(text), end + MIN_CONTEXT)
    else:
        first = last = hit
        while spans[last][1] - spans[first][0] < MIN_CONTEXT and (first > 0 or last < len(spans) - 1):
            first, last = max(0, first - 1), min(len(spans) - 1, last + 1)
        lo, hi = spans[first][0], max(spans[last][1], end)
    snippet = text[lo:start] + "⟦" + text[start:end] + "⟧" + text[end:hi]
    return " ".join(snippet.split())


def cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return str(value)


def draw(output_dir: Path, inputs: list[str], round_dir: Path, seed: int, per_field: int) -> dict[str, int]:
    rng = random.Random(seed)
    pool = population(output_dir)
    picked = {}
    for field in FIELDS:  # one generator, fields in a fixed order: the draw is reproducible
        indices = sorted(rng.sample(range(len(pool[field])), min(per_field, len(pool[field]))))
        picked[field] = [pool[field][i] for i in indices]
    source = texts(inputs, {r["id"] for rows in picked.values() for r, _ in rows})
    tables = {}
    for field, rows in picked.items():  # every row checked before any file is written
        tables[field] = []
        for record, m in rows:
            text = source.get(record["id"])
            if text is None or text[m["start"]:m["end"]] != (m.get("text") or m.get("name")):
                raise SystemExit(f"{record['id']}: the input text does not match the output's offsets")
            tables[field].append([record["id"], cell(record.get("published")), m["start"], m["end"],
                                  m.get("text") or m.get("name"), *(cell(m.get(k)) for k in VALUES[field]),
                                  context(text, m["start"], m["end"]), "", "", ""])
    round_dir.mkdir(parents=True, exist_ok=True)
    for field, rows in tables.items():
        with open(round_dir / f"{field}.csv", "w", encoding="utf-8-sig", newline="") as handle:
            out = csv.writer(handle)
            out.writerow(["id", "published", "start", "end", "text", *VALUES[field], "sentence", *VERDICTS])
            out.writerows(rows)
    return {field: len(rows) for field, rows in picked.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("output_dir", type=Path, help="folder with the run's articles.jsonl")
    parser.add_argument("inputs", nargs="+", help="the input files the run read")
    parser.add_argument("--round", required=True, help="round name: writes audit/ROUND/<field>.csv")
    parser.add_argument("--seed", type=int, required=True)
    parser.add_argument("--per-field", type=int, default=50)
    parser.add_argument("--audit-dir", type=Path, default=Path(__file__).resolve().parent)
    args = parser.parse_args(argv)
    round_dir = args.audit_dir / args.round
    if any((round_dir / f"{f}.csv").exists() for f in FIELDS):
        parser.error(f"{round_dir} already holds verdict files; choose another round name")
    counts = draw(args.output_dir, args.inputs, round_dir, args.seed, args.per_field)
    print(", ".join(f"{f}: {n}" for f, n in counts.items()), "→", round_dir)
    return 0


if __name__ == "__main__":
    sys.exit(main())
