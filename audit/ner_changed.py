"""Every official the name recogniser changed or added in a run, for judging.

    python audit/ner_changed.py RUN_DIR INPUT [INPUT ...] --round ner-changed

RUN_DIR is a run made with ``--ner``; the rows are its officials whose ``rule`` is one of the
recogniser's (``pipeline/extractors/officials/entities.py``), in the format of
``sample.py`` (``officials.csv`` with empty verdict columns), so that ``precision.py`` reads
them. The officials the recogniser dropped are listed by ``python -m pipeline compare`` of a
run without it against this one.
"""
from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from sample import VALUES, VERDICTS, cell, context, texts  # noqa: E402

from pipeline.extractors.officials import entities  # noqa: E402

RULES = {entities.WIDENED, entities.NER_RANK_NAME, entities.NER_TITLE_NAME, entities.NER_NAME_TITLE}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("output_dir", type=Path)
    parser.add_argument("inputs", nargs="+")
    parser.add_argument("--round", required=True)
    args = parser.parse_args()
    rows = []
    with open(args.output_dir / "articles.jsonl", encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            rows.extend((record, m) for m in record["officials"] if m["rule"] in RULES)
    source = texts(args.inputs, {r["id"] for r, _ in rows})
    out_dir = Path(__file__).resolve().parent / args.round
    out_dir.mkdir(parents=True, exist_ok=True)
    with open(out_dir / "officials.csv", "w", encoding="utf-8-sig", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(["id", "published", "start", "end", "text", *VALUES["officials"], "rule", "sentence", *VERDICTS])
        for record, m in rows:
            text = source[record["id"]]
            out.writerow([record["id"], cell(record.get("published")), m["start"], m["end"], m["text"],
                          *(cell(m.get(k)) for k in VALUES["officials"]), m["rule"],
                          context(text, m["start"], m["end"]), "", "", ""])
    print(f"{len(rows)} officials from the recogniser's rules → {out_dir / 'officials.csv'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
