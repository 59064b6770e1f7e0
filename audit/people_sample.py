"""Draw a random audit sample of people seen in two articles or more.

    python audit/people_sample.py RUN_DIR [--out audit/people/people.csv] [--seed 1] [--n 50]

RUN_DIR holds a run's ``people.csv`` and ``officials.csv``. Draws ``n`` people with
``random.Random(seed)`` among the rows of ``people.csv`` with ``articles`` >= 2 (in the
file's order), and writes one row per person: person_id, name, articles, titles, provinces,
then for each of their articles (up to 8, in officials.csv order) the article id and the
titles the person has there, and the empty verdict columns ``merged_wrongly`` (the row
joins two or more real people), ``split`` (the same real person is also another row of
people.csv) and ``note``.
"""
from __future__ import annotations

import argparse
import csv
import random
from pathlib import Path

MAX_ARTICLES = 8
VERDICTS = ("merged_wrongly", "split", "note")


def header() -> list[str]:
    cols = ["person_id", "name", "articles", "titles", "provinces"]
    for i in range(1, MAX_ARTICLES + 1):
        cols += [f"article_{i}", f"titles_{i}"]
    return cols + list(VERDICTS)


def draw(run_dir: Path, seed: int, n: int) -> list[list]:
    with open(run_dir / "people.csv", encoding="utf-8-sig", newline="") as handle:
        people = [p for p in csv.DictReader(handle) if int(p["articles"]) >= 2]
    chosen = random.Random(seed).sample(people, n)
    wanted = {p["person_id"] for p in chosen}
    per_person: dict[str, dict[str, list[str]]] = {pid: {} for pid in wanted}
    with open(run_dir / "officials.csv", encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["person_id"] in wanted:
                titles = per_person[row["person_id"]].setdefault(row["id"], [])
                for title in row["titles"].split("; ") if row["titles"] else []:
                    if title not in titles:
                        titles.append(title)
    rows = []
    for p in chosen:
        row = [p["person_id"], p["name"], p["articles"], p["titles"], p["provinces"]]
        articles = list(per_person[p["person_id"]].items())[:MAX_ARTICLES]
        for article_id, titles in articles:
            row += [article_id, "; ".join(titles)]
        row += ["", ""] * (MAX_ARTICLES - len(articles))
        rows.append(row + ["", "", ""])
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("run_dir", type=Path)
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "people" / "people.csv")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--n", type=int, default=50)
    args = parser.parse_args()
    rows = draw(args.run_dir, args.seed, args.n)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with open(args.out, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header())
        writer.writerows(rows)
    print(f"{len(rows)} people written to {args.out}")


if __name__ == "__main__":
    main()
