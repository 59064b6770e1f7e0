"""Ablation of the name recogniser: rules only against rules with each recogniser.

    python bench/ner_models.py [--set corpus/gold --set corpus/heldout] [--speed corpus/articles/sample.jsonl]
                               [--variants rules,model,crf] [--errors DIR]

For each variant (``rules``: no recogniser; ``model``: the trained spaCy model shipped in
``pipeline/ner_model``; ``crf``: underthesea's CRF recogniser on the same sentences) it
extracts every annotated set, scores it as ``pipeline evaluate`` does (officials P/R/F1 and
F1 of every field) and times the extraction of ``--speed`` articles in this one process
(the pipeline loaded and warmed up first, so the figure is articles per second of the
extraction itself), as articles per CPU second of this process (steady on a machine shared
with other work) and per wall-clock second. Prints a Markdown table; with ``--errors DIR`` also writes each run's
records and errors there.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline import evaluate, nlp as nlp_module  # noqa: E402
from pipeline.fields import NAMES as FIELDS  # noqa: E402
from pipeline.readers import read_items  # noqa: E402
from pipeline.record import extract_article  # noqa: E402


def build(variant: str):
    if variant == "rules":
        return nlp_module.load()
    nlp = nlp_module.load(ner=True)
    if variant == "crf":
        nlp.replace_pipe("vn_ner", "vn_ner", config={"backend": "crf"})
    return nlp


def articles(path: str) -> list[dict]:
    return [item.article for item in read_items([path]) if item.ok and item.article]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--set", action="append", dest="sets", help="an annotated folder (default: gold and heldout)")
    parser.add_argument("--speed", default="corpus/articles/sample.jsonl", help="articles to time")
    parser.add_argument("--variants", default="rules,model,crf")
    parser.add_argument("--errors", type=Path, help="write each run's records and errors into this folder")
    args = parser.parse_args()
    sets = args.sets or ["corpus/gold", "corpus/heldout"]
    speed_articles = articles(args.speed)
    rows = []
    for variant in args.variants.split(","):
        nlp = build(variant)
        extract_article(nlp, speed_articles[0])  # load the models before timing
        row = {"variant": variant}
        for folder in sets:
            records = [extract_article(nlp, a) for a in articles(folder)]
            with tempfile.TemporaryDirectory() as tmp:
                out = Path(tmp) / "articles.jsonl"
                if args.errors:
                    args.errors.mkdir(parents=True, exist_ok=True)
                    out = args.errors / f"{variant}-{Path(folder).name}.jsonl"
                out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
                scores = evaluate.evaluate(folder, out)
                if args.errors:
                    evaluate.write_errors(scores, args.errors / f"{variant}-{Path(folder).name}-errors.csv")
            result = scores.as_dict()["fields"]
            row[folder] = {f: result[f] for f in FIELDS}
        began, cpu = time.perf_counter(), time.process_time()
        for article in speed_articles:
            extract_article(nlp, article)
        row["seconds"], row["cpu_seconds"] = time.perf_counter() - began, time.process_time() - cpu
        row["per_second"] = len(speed_articles) / row["seconds"]
        row["per_cpu_second"] = len(speed_articles) / row["cpu_seconds"]
        rows.append(row)
        print(json.dumps(row, ensure_ascii=False), file=sys.stderr)
    print(f"| variant | set | officials P | R | F1 | other fields' F1 | articles per CPU second (wall) |")
    print("|---|---|---|---|---|---|---|")
    for row in rows:
        for folder in sets:
            o = row[folder]["officials"]
            others = ", ".join(f"{f} {row[folder][f]['f1']:.3f}" for f in FIELDS if f != "officials")
            print(f"| {row['variant']} | {folder} | {o['precision']:.3f} | {o['recall']:.3f} | {o['f1']:.3f} | {others} "
                  f"| {row['per_cpu_second']:.1f} ({row['per_second']:.1f}) |")


if __name__ == "__main__":
    main()
