"""Draw the extra training articles of the name recogniser (``corpus/ner/articles.jsonl``).

    python ner/draw_articles.py /work/shared/corpus/articles.jsonl   # writes corpus/ner/articles.jsonl

300 articles drawn with ``random.Random(20261205)`` from the 3,118-article corpus
(``corpus/SOURCES-upstream.md``), among those in no bundled set: not in
``corpus/articles``, ``corpus/gold``, ``corpus/gold-awards`` and never in the held-out set
``corpus/heldout``. Lines are copied as they are, in the corpus's order. Run once; the file is
kept in the repository so that ``make train-ner`` needs nothing outside it.
"""
from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED, COUNT = 20261205, 300


def bundled_ids() -> set[str]:
    ids = {p.stem for folder in ("gold", "gold-awards", "heldout") for p in (ROOT / "corpus" / folder).glob("*.json")}
    for path in (ROOT / "corpus").rglob("*.jsonl"):
        if path.parent.name != "ner":
            ids |= {json.loads(line)["id"] for line in path.open(encoding="utf-8") if line.strip()}
    return ids


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path)
    args = parser.parse_args()
    taken = bundled_ids()
    lines = [line for line in args.corpus.open(encoding="utf-8") if line.strip() and json.loads(line)["id"] not in taken]
    chosen = set(random.Random(SEED).sample(range(len(lines)), COUNT))
    out = ROOT / "corpus/ner/articles.jsonl"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("".join(line for i, line in enumerate(lines) if i in chosen), encoding="utf-8")
    print(f"{COUNT} of {len(lines)} articles outside the bundled sets written to {out}")


if __name__ == "__main__":
    main()
