"""What changed between two runs over the same articles (``python -m pipeline compare
OLD_DIR NEW_DIR``): every value of every mention, not only its key.

The mentions of an article are paired across the runs by the field's ``compare_key``
(``pipeline/fields.py``: where the mention starts, or an official's name). A mention
only one run has is added or removed; a pair whose values differ in anything (text,
offsets, titles, ``current``, kind, qualifier, award, ``rule`` ...) is changed, and each
differing value is listed with its old and new value. The records' own values (title,
published, encoding ...) are compared the same way, and so is which articles each run has.
"""
from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from .fields import FIELDS

Key = tuple


@dataclass
class Change:
    """One mention (or record) whose values differ between the runs."""
    id: str
    old: dict
    new: dict
    values: list[tuple[str, object, object]]  # (value name, old, new)


@dataclass
class Changes:
    """What differs in one field (or in the records themselves, ``articles``)."""
    old: int = 0
    new: int = 0
    added: list[tuple[str, dict]] = field(default_factory=list)    # (article id, mention)
    removed: list[tuple[str, dict]] = field(default_factory=list)
    changed: list[Change] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.changed)


def _records(folder: Path) -> dict[str, dict]:
    with open(folder / "articles.jsonl", encoding="utf-8") as handle:
        return {record["id"]: record for record in map(json.loads, handle)}


def differences(old: dict, new: dict) -> list[tuple[str, object, object]]:
    """Each value whose old and new differ (a value one side lacks counts as ``None``),
    in the order the values appear."""
    names = dict.fromkeys([*old, *new])
    return [(name, old.get(name), new.get(name)) for name in names if old.get(name) != new.get(name)]


def _pair(article_id: str, old: list[dict], new: list[dict], key: tuple[str, ...], changes: Changes) -> None:
    by_key: dict[Key, list[list[dict]]] = defaultdict(lambda: [[], []])
    for side, mentions in enumerate((old, new)):
        for mention in mentions:
            by_key[tuple(str(mention.get(k)) for k in key)][side].append(mention)
    for before, after in by_key.values():
        for o, n in zip(before, after):
            diff = differences(o, n)
            if diff:
                changes.changed.append(Change(article_id, o, n, diff))
        changes.removed += [(article_id, m) for m in before[len(after):]]
        changes.added += [(article_id, m) for m in after[len(before):]]


def compare(old: str | Path, new: str | Path) -> dict[str, Changes]:
    """``articles`` (the records' own values, and the articles only one run has) and one
    entry per field."""
    before, after = _records(Path(old)), _records(Path(new))
    names = [f.name for f in FIELDS]
    result = {"articles": Changes(old=len(before), new=len(after))}
    for f in FIELDS:
        result[f.name] = Changes(old=sum(len(r.get(f.name) or []) for r in before.values()),
                                 new=sum(len(r.get(f.name) or []) for r in after.values()))
    articles = result["articles"]
    for article_id, o in before.items():
        n = after.get(article_id)
        if n is None:
            articles.removed.append((article_id, {"id": article_id}))
            continue
        diff = differences({k: v for k, v in o.items() if k not in names}, {k: v for k, v in n.items() if k not in names})
        if diff:
            articles.changed.append(Change(article_id, o, n, diff))
        for f in FIELDS:
            _pair(article_id, o.get(f.name) or [], n.get(f.name) or [], f.compare_key, result[f.name])
    articles.added += [(article_id, {"id": article_id}) for article_id in after if article_id not in before]
    return result


def changed(result: dict[str, Changes]) -> bool:
    return any(result.values())


def _value(value) -> str:
    if isinstance(value, list):
        return "[" + "; ".join(map(str, value)) + "]"
    return json.dumps(value, ensure_ascii=False) if isinstance(value, str) else str(value)


def _mention(mention: dict) -> str:
    if set(mention) == {"id"}:
        return ""
    shown = " ".join(f"{k}={_value(v)}" for k, v in mention.items() if k != "text")
    return f'"{mention.get("text")}" {shown}' if "text" in mention else shown


def report(result: dict[str, Changes], show: int = 15) -> str:
    """The diff as text: per field a count line, then up to ``show`` lines of each kind:
    ``+`` added, ``-`` removed, ``~`` changed (each value ``old → new``)."""
    lines = []
    for name, c in result.items():
        lines.append(f"{name}: {c.old} → {c.new} (+{len(c.added)} −{len(c.removed)} ~{len(c.changed)})")
        for sign, items in (("+", c.added), ("-", c.removed)):
            for article_id, mention in sorted(items, key=_order)[:show]:
                lines.append(f"  {sign} {article_id} {_mention(mention)}".rstrip())
        for change in sorted(c.changed, key=lambda ch: _order((ch.id, ch.old)))[:show]:
            where = f' "{change.old["text"]}"' if "text" in change.old else ""
            values = "; ".join(f"{k}: {_value(o)} → {_value(n)}" for k, o, n in change.values)
            lines.append(f"  ~ {change.id}{where}: {values}")
    return "\n".join(lines)


def _order(item: tuple[str, dict]) -> tuple:
    article_id, mention = item
    return article_id, mention.get("start") if isinstance(mention.get("start"), int) else -1
