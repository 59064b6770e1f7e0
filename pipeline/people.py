"""People across a batch: one row per person, from the officials of every article.

The identity rule (``docs/people.md`` says it for analysts):

1. A **full name** (two words or more, the first a family name in ``rules/names.yaml``
   or no Vietnamese middle name, as in foreign names) is a person across articles, split into namesakes by the **province** of their posts
   (the current province of any province named in their titles) and by **sector** (a post
   in a business — company, bank, club, ``rules/people.yaml`` — or a public one). An
   article's mention with no province in its titles joins the name's one province of the
   same sector when there is exactly one; with none or several it joins the name's
   province-less person.
2. A **short name** (``ông Toàn``, ``anh Toản``, ``Thanh Hải``: a given name alone, or with
   its middle name) is a person
   of its own article only: within an article the extractor has already joined it to a full
   name when one was written.

``person_id`` is a digest of the identity (name folded, province, sector; the article's id
for a short name), so it is the same from run to run and for any number of workers or
either engine. Two passes over ``articles.jsonl`` (which both engines write the same):
the first collects each full name's provinces per sector, the second assigns ids and folds
the people together. Memory holds the people, never the articles.
"""
from __future__ import annotations

import csv
import functools
import hashlib
import json
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import regex

from . import rules
from .fields import CSV_ENCODING, LIST_JOINER
from .article import ArticleText
from .extractors import provinces
from .normalize import normalize

PEOPLE_COLUMNS = ("person_id", "name", "ranks", "titles", "articles", "first_seen", "last_seen", "provinces")
LIST_COLUMNS = ("ranks", "titles", "provinces")
ISO_DAY = regex.compile(r"^\d{4}-\d\d-\d\d$")
ISO_MONTH = regex.compile(r"^\d{4}-\d\d$")


def fold(name: str) -> str:
    return " ".join(normalize(unicodedata.normalize("NFC", name or "")).lower().split())


@functools.cache
def _name_words(kind: str) -> frozenset[str]:
    return frozenset(fold(s) for s in rules.load("names")[kind])


@functools.cache
def _business_pattern() -> regex.Pattern:
    words = sorted(rules.load("people")["business_words"], key=len, reverse=True)
    return regex.compile(r"(?<![\p{L}\p{M}])(?i:" + "|".join(regex.escape(normalize(w)) for w in words) + r")(?![\p{L}\p{M}])")


def is_full_name(name: str) -> bool:
    words = fold(name).split()
    if len(words) < 2:
        return False
    return words[0] in _name_words("surnames") or " ".join(words[:2]) in _name_words("surnames") \
        or words[0] not in _name_words("middle_names")


def title_provinces(titles: list[str] | None) -> list[str]:
    """The current provinces named in the titles, in order of first mention."""
    found: list[str] = []
    for title in titles or []:
        text = normalize(title)
        for mention in provinces.extract(ArticleText(text, [(0, len(text))])):
            if mention["current"] not in found:
                found.append(mention["current"])
    return found


def sector(titles: list[str] | None) -> str:
    return "business" if any(_business_pattern().search(normalize(t)) for t in titles or []) else "public"


def article_date(record: dict) -> str | None:
    """``published`` (its day), or else the latest full date the article gives, or else its
    latest month with a known year."""
    published = record.get("published")
    if isinstance(published, str) and ISO_DAY.match(published[:10]):
        return published[:10]
    values = [d.get("value") or "" for d in record.get("dates") or [] if d.get("kind") in ("date", "month")]
    days = [v for v in values if ISO_DAY.match(v)]
    months = [v for v in values if ISO_MONTH.match(v)]
    return max(days) if days else (max(months) if months else None)


def _digest(*parts: str) -> str:
    return "p" + hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:12]


@dataclass
class Person:
    person_id: str
    name: str
    ranks: list = field(default_factory=list)          # (date or "", rank), every one seen
    titles: list = field(default_factory=list)         # distinct, first seen first
    articles: set = field(default_factory=set)
    dates: list = field(default_factory=list)
    provinces: list = field(default_factory=list)

    def add(self, article_id: str, date: str | None, official: dict, found_provinces: list[str]) -> None:
        self.articles.add(article_id)
        if date:
            self.dates.append(date)
        if official.get("rank"):
            self.ranks.append((date or "9999", official["rank"]))
        seen = {fold(t) for t in self.titles}
        for title in official.get("titles") or []:
            if fold(title) not in seen:
                seen.add(fold(title))
                self.titles.append(title)
        for province in found_provinces:
            if province not in self.provinces:
                self.provinces.append(province)

    def row(self) -> list:
        ranks: list[str] = []
        for _, rank in sorted(self.ranks, key=lambda pair: pair[0]):
            if rank not in ranks:
                ranks.append(rank)
        return [self.person_id, self.name, LIST_JOINER.join(ranks), LIST_JOINER.join(self.titles), len(self.articles),
                min(self.dates) if self.dates else "", max(self.dates) if self.dates else "",
                LIST_JOINER.join(sorted(self.provinces))]


def _records(path: Path) -> Iterator[dict]:
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


class Identities:
    """Pass one: each full name's provinces per sector. Then the identity of a mention."""

    def __init__(self) -> None:
        self.provinces: dict[tuple[str, str], set[str]] = {}

    def collect(self, official: dict) -> None:
        if is_full_name(official["name"]):
            key = (fold(official["name"]), sector(official.get("titles")))
            self.provinces.setdefault(key, set()).update(title_provinces(official.get("titles")))

    def person_id(self, article_id: str, official: dict, found_provinces: list[str]) -> str:
        name = fold(official["name"])
        if not is_full_name(official["name"]):
            return _digest(name, "@" + article_id)
        kind = sector(official.get("titles"))
        if found_provinces:
            province = found_provinces[0]
        else:
            known = self.provinces.get((name, kind), set())
            province = next(iter(known)) if len(known) == 1 else ""
        return _digest(name, province, kind)


def build(articles_jsonl: str | Path) -> tuple[list[list], list[list[str]]]:
    """The people table's rows (sorted by person_id) and, per article in order, the
    person_id of each of its officials."""
    path = Path(articles_jsonl)
    identities = Identities()
    for record in _records(path):
        for official in record.get("officials") or []:
            identities.collect(official)
    people: dict[str, Person] = {}
    ids_per_article: list[list[str]] = []
    for record in _records(path):
        date = article_date(record)
        ids = []
        for official in record.get("officials") or []:
            found = title_provinces(official.get("titles"))
            person_id = identities.person_id(record["id"], official, found)
            person = people.setdefault(person_id, Person(person_id, official["name"]))
            person.add(record["id"], date, official, found)
            ids.append(person_id)
        ids_per_article.append(ids)
    return [people[k].row() for k in sorted(people)], ids_per_article


def write_people(folder: str | Path, encoding: str = CSV_ENCODING) -> int:
    """Writes ``people.csv`` into a batch's output folder and fills the ``person_id``
    column of its ``officials.csv``. Gives the number of people."""
    folder = Path(folder)
    rows, ids_per_article = build(folder / "articles.jsonl")
    with open(folder / "people.csv", "w", encoding=encoding, newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(PEOPLE_COLUMNS)
        writer.writerows(rows)
    person_ids = iter(pid for ids in ids_per_article for pid in ids)
    officials, updated = folder / "officials.csv", folder / "officials.csv.people"
    with open(officials, encoding=encoding, newline="") as source, \
            open(updated, "w", encoding=encoding, newline="") as target:
        reader, writer = csv.reader(source), csv.writer(target)
        header = next(reader)
        column = header.index("person_id")
        writer.writerow(header)
        for row in reader:
            row[column] = next(person_ids)
            writer.writerow(row)
    if next(person_ids, None) is not None:
        raise ValueError("officials.csv holds fewer rows than articles.jsonl has officials")
    updated.replace(officials)
    return len(rows)


def people_to_parquet(folder: str | Path, remove_csv: bool = True) -> None:
    """``people.csv`` as the Parquet dataset ``people.parquet/``, its list columns as lists."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    folder = Path(folder)
    source = folder / "people.csv"
    with open(source, encoding=CSV_ENCODING, newline="") as handle:
        rows = list(csv.DictReader(handle))
    columns = {c: [r[c] for r in rows] for c in PEOPLE_COLUMNS}
    for c in LIST_COLUMNS:
        columns[c] = [v.split(LIST_JOINER) if v else [] for v in columns[c]]
    columns["articles"] = [int(v) for v in columns["articles"]]
    for c in ("first_seen", "last_seen"):
        columns[c] = [v or None for v in columns[c]]
    schema = pa.schema([(c, pa.list_(pa.string()) if c in LIST_COLUMNS else pa.int64() if c == "articles" else pa.string())
                        for c in PEOPLE_COLUMNS])
    dataset = folder / "people.parquet"
    dataset.mkdir(exist_ok=True)
    pq.write_table(pa.table(columns, schema=schema), dataset / "part-00000.parquet")
    if remove_csv:
        source.unlink()
