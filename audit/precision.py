"""Precision of an audit round, recomputed from its verdict files.

    python audit/precision.py audit/ROUND

For each ``<field>.csv`` of the round: the rows judged, strict precision (the mention is
one the spec wants and every value is right) and mention precision (the mention is one the
spec wants), each with a 95% Wilson score interval, as a Markdown table. Exits 1, naming
the rows, when a row is unjudged: ``wanted`` empty, or ``wanted`` = y with
``values_right`` empty; and when a verdict is anything but y or n.
"""
from __future__ import annotations

import argparse
import csv
import math
import sys
from pathlib import Path

FIELDS = ("dates", "officials", "provinces", "awards", "amounts")
Z95 = 1.959964


def wilson(successes: int, n: int, z: float = Z95) -> tuple[float, float]:
    """The Wilson score interval of a proportion successes/n."""
    if n == 0:
        return (0.0, 1.0)
    p = successes / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z / (1 + z * z / n) * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return (max(0.0, centre - half), min(1.0, centre + half))


def read_round(round_dir: Path) -> tuple[dict[str, list[dict]], list[str]]:
    """The verdict rows of each field present, and the problems found (unjudged, invalid)."""
    rows, problems = {}, []
    for field in FIELDS:
        path = round_dir / f"{field}.csv"
        if not path.exists():
            continue
        with open(path, encoding="utf-8-sig", newline="") as handle:
            rows[field] = list(csv.DictReader(handle))
        for number, row in enumerate(rows[field], start=2):
            wanted = (row.get("wanted") or "").strip().lower()
            right = (row.get("values_right") or "").strip().lower()
            where = f"{path}:{number} ({row.get('id')})"
            if wanted not in ("y", "n") or right not in ("y", "n", ""):
                problems.append(f"{where}: unjudged or not y/n (wanted={wanted!r}, values_right={right!r})")
            elif wanted == "y" and not right:
                problems.append(f"{where}: wanted but values_right unjudged")
    return rows, problems


def figures(rows: list[dict]) -> dict:
    wanted = [r for r in rows if r["wanted"].strip().lower() == "y"]
    strict = [r for r in wanted if r["values_right"].strip().lower() == "y"]
    n = len(rows)
    return {"n": n, "strict": len(strict), "mention": len(wanted),
            "strict_p": len(strict) / n if n else 0.0, "strict_ci": wilson(len(strict), n),
            "mention_p": len(wanted) / n if n else 0.0, "mention_ci": wilson(len(wanted), n)}


def table(results: dict[str, dict]) -> str:
    lines = ["| field | judged | strict precision (95% CI) | mention precision (95% CI) |",
             "|---|---:|---|---|"]
    for field, f in results.items():
        strict = f"{f['strict_p']:.2f} ({f['strict']}/{f['n']}; {f['strict_ci'][0]:.2f}–{f['strict_ci'][1]:.2f})"
        mention = f"{f['mention_p']:.2f} ({f['mention']}/{f['n']}; {f['mention_ci'][0]:.2f}–{f['mention_ci'][1]:.2f})"
        lines.append(f"| {field} | {f['n']} | {strict} | {mention} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("round_dir", type=Path, help="a round's folder, e.g. audit/baseline")
    args = parser.parse_args(argv)
    rows, problems = read_round(args.round_dir)
    if not rows:
        print(f"no verdict files in {args.round_dir}", file=sys.stderr)
        return 1
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return 1
    print(table({field: figures(r) for field, r in rows.items()}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
