"""What changed between two runs over the same articles: per field, the mentions only
one of them has (``python -m pipeline compare OLD_DIR NEW_DIR``)."""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

FIELDS = ("dates", "officials", "provinces", "awards", "amounts")
VALUE_KEYS = {"dates": ("value",), "officials": ("name", "rank"), "provinces": ("name",),
              "awards": ("count", "recipient"), "amounts": ("value", "currency")}


def _mentions(folder: Path) -> dict[str, Counter]:
    found = {f: Counter() for f in FIELDS}
    with open(folder / "articles.jsonl", encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            for f in FIELDS:
                for m in record[f]:
                    found[f][(record["id"], m.get("text") or m.get("name"), *[str(m.get(k)) for k in VALUE_KEYS[f]])] += 1
    return found


def compare(old: str | Path, new: str | Path) -> dict[str, dict]:
    before, after = _mentions(Path(old)), _mentions(Path(new))
    return {f: {"old": sum(before[f].values()), "new": sum(after[f].values()),
                "added": sorted((after[f] - before[f]).elements()),
                "removed": sorted((before[f] - after[f]).elements())} for f in FIELDS}


def report(changes: dict[str, dict], show: int = 15) -> str:
    lines = []
    for f, c in changes.items():
        lines.append(f"{f}: {c['old']} → {c['new']} (+{len(c['added'])} −{len(c['removed'])})")
        for sign, items in (("+", c["added"]), ("-", c["removed"])):
            for item in items[:show]:
                lines.append(f"  {sign} {' | '.join(item)}")
    return "\n".join(lines)
