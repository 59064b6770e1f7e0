"""The name recogniser's answers (``pipeline/ner.py``) in the officials reader.

When the pipeline runs with the recogniser (``load(ner=True)``, ``--ner``), the people the
rules read in a sentence are revised with the entities the model finds there:

- **veto**: a candidate inside an organisation the model names, after a company, club or
  brand word (``Giám đốc Công ty TNHH`` **Hoàng Gia Phát**), and not read as a person, is
  dropped;
- **widen**: a candidate that opens a longer person's name the model reads (the rules stop
  at ``Khalid``, the model reads ``Khalid bin Mohammed Al-Attiyah``) takes the longer name,
  unless the words added are a post, a rank, an acronym or a sentence word glued to the
  name (``Donald Trump Ngày``); never to the left, where the model mostly takes a place or
  a company in (``An Giang Trịnh Văn Hậu``, ``Vietcombank Nghiêm Xuân Thành``);
- **add**: a person the model reads whom the rules did not find, of two words or more, is
  added only where a post or a rank supports it: a rank right before the name, a title
  running into it (``Phó Thủ tướng Cộng hòa Slovakia`` **Robert Kalinak**), or a title
  right after it in the next segment that names no one else (**X**, ``Giám đốc ...``).

Each guard stands for an error the model made over the 3,148-article corpus (README,
*Name recogniser*).
"""
from __future__ import annotations

import functools
import unicodedata
from typing import Iterable

import regex

from ...encoding import is_syllable
from ...ner import Entity
from .clauses import Segment, split
from .model import Person, skip_space, skip_space_back, trim
from .names import names_organisation, organisation_at, trim_run
from .patterns import brand_opener, canonical_rank, patterns, word_set
from .suspects import excluded
from .titles import is_bare_head, title_end, title_holder, title_span
from .names import Standing, Words

# The ids of the mentions the recogniser changes or adds (the mention's ``rule``).
WIDENED = "rule name, extent read by NER"          # trung tá Khăm Sinh Phan Tha Vông
NER_RANK_NAME = "rank, NER person"                 # Thiếu tướng TRẦN THẾ QUÂN
NER_TITLE_NAME = "title, NER person"               # Tham mưu trưởng IDF Aviv Kochavi
NER_NAME_TITLE = "NER person, title"               # Aviv Kochavi, Tham mưu trưởng IDF

WORD = regex.compile(r"\S+")
#: whitespace that no name holds: a line break or a run of spaces
BREAK = regex.compile(r"\n|\s{2,}")
#: a word with a capital after a small letter ("OceanBank", "KimTuyến")
CAMEL = regex.compile(r"\p{Ll}\p{Lu}")
#: a capitalised word ending the text before a name
WORD_BEFORE = regex.compile(r"(?<![\p{L}\p{M}])(\p{Lu}[\p{L}\p{M}'’-]*)\s+$")
#: a word of the title, just before the name, that a title may end in ("Mỹ", "IDF", "Bộ Công an")
CAPITALISED_BEFORE = regex.compile(r"(?:\p{Lu}|\p{N})[\p{L}\p{M}\p{N}&.'’-]*\s*$")


def revise(text: str, start: int, end: int, people: list[Person], entities: Iterable[Entity]) -> list[Person]:
    """The people of the sentence ``text[start:end]`` after the veto, the widening and the
    additions (see the module's doc)."""
    inside = [e for e in entities if start <= e.start and e.end <= end]
    if not inside:
        return people
    persons = [e for e in inside if e.label == "PER"]
    kept = [p for p in people if not _vetoed(text, p, inside, persons)]
    for person in kept:
        _widen(text, person, persons, kept)
    segments = None
    for entity in persons:
        entity = _trimmed(text, _foreign_start(text, entity, inside))
        if any(p.start < entity.end and entity.start < p.end for p in kept):
            continue
        if segments is None:
            segments = split(text, start, end)
        added = _supported(text, entity, segments)
        if added is not None:
            kept.append(added)
    return sorted(kept, key=lambda p: p.start)


def _vetoed(text: str, person: Person, entities: list[Entity], persons: list[Entity]) -> bool:
    """Inside an organisation the model reads, with a company, club or brand word before
    the name in it or right before it, and not read as a person."""
    for e in entities:
        if e.label == "ORG" and e.start <= person.start and person.end <= e.end \
                and brand_opener().search(text, max(0, e.start - 30), person.start):
            return not any(p.start < person.end and person.start < p.end for p in persons)
    return False


def _trimmed(text: str, entity: Entity) -> Entity:
    """The name alone: up to a line break or a run of spaces (the model reads on across a
    lost full stop), without punctuation at its end, nor the sentence words glued to it
    (``Donald Trump Ngày``)."""
    cut = BREAK.search(text, entity.start, entity.end)
    end = cut.start() if cut else entity.end
    while end > entity.start and not (text[end - 1].isalnum() or unicodedata.category(text[end - 1]).startswith("M")):
        end -= 1
    return entity._replace(end=max(entity.start, trim_run(text, entity.start, end)))


def _widen(text: str, person: Person, persons: list[Entity], people: list[Person]) -> None:
    p = patterns()
    for entity in persons:
        entity = _trimmed(text, entity)
        if entity.start != person.start or entity.end <= person.end:
            continue
        added = text[person.end:entity.end]
        if p.head.search(added) or p.rank.search(added) or not _well_formed(added.split()):
            return  # the model ran the name into a post, a rank or an acronym
        if any(o is not person and o.start < entity.end and entity.start < o.end for o in people):
            return
        person.start, person.end = entity.start, entity.end
        person.name = text[entity.start:entity.end]
        person.rule = WIDENED
        return


def _foreign_start(text: str, entity: Entity, entities: list[Entity]) -> Entity:
    """The entity with the foreign word the model left out before it (``Robert`` of
    ``Robert Kalinak``): a capitalised word that is no Vietnamese syllable, no acronym, no
    country and in no other entity."""
    m = WORD_BEFORE.search(text, max(0, entity.start - 30), entity.start)
    if m is None or m[1].isupper() or is_syllable(m[1].lower()) or patterns().country.fullmatch(m[1]) \
            or any(e.start < m.end(1) and m.start(1) < e.end for e in entities):
        return entity
    return entity._replace(start=m.start(1))


def _well_formed(words: list[str]) -> bool:
    """Words a name is written in: each capitalised, none with a capital inside
    (``OceanBank``), no digit, and all in capitals or none (``LÊ TẤN TẢO``, not ``MACC Azam``)."""
    if not words or any(not w[:1].isupper() or CAMEL.search(w) or any(c.isdigit() for c in w) for w in words):
        return False
    shouted = [len(w) > 1 and w.isupper() for w in words]
    return all(shouted) or not any(shouted)


def _may_be_person(text: str, entity: Entity) -> bool:
    """Two well-formed words or more; not a post, a rank, an organisation (``Vụ II``,
    ``Thăng Long Group``), nor opening or ending with a country or a province (``Nielsen
    Việt Nam``), nor a place named after a person (``phường Nguyễn Cư Trinh``)."""
    p = patterns()
    name = text[entity.start:entity.end]
    words = name.split()
    if len(words) < 2 or not _well_formed(words):
        return False
    if words[-1] in word_set("officials", "organisation_tails"):
        return False
    if p.head.match(text, entity.start) or p.rank.match(text, entity.start):
        return False
    if organisation_at(text, entity.start) or names_organisation(text, entity.start):
        return False
    if p.country.match(text, entity.start) or p.province.match(text, entity.start):
        return False
    for word in WORD.finditer(text, entity.start, entity.end):  # a place of two words or more at the end
        place = p.country.match(text, word.start(), entity.end) or p.province.match(text, word.start(), entity.end)
        if place and place.end() == entity.end and " " in place[0] and word.start() > entity.start:
            return False
    return True


def _title_runs_into(text: str, seg_start: int, name_start: int) -> regex.Match | None:
    """The head of a title that runs, with no stop word, no ``và`` and no form of address,
    into the name at ``name_start`` and ends in a capitalised word or right at its head."""
    p = patterns()
    before_end = skip_space_back(text, name_start)
    for head in p.head_at_start.finditer(text, seg_start, before_end):
        if title_end(text, head.end("title"), before_end) != before_end or is_bare_head(text, head, before_end):
            continue
        between = text[head.end("title"):before_end]
        if p.honorific.search(between) or p.conjunction.search(between + " "):
            continue
        if between.strip() and not CAPITALISED_BEFORE.search(between):
            continue
        return head
    return None


def _supported(text: str, entity: Entity, segments: list[Segment]) -> Person | None:
    """The person ``entity`` names, when a rank or a post stands by it in its segment."""
    p = patterns()
    index = next((i for i, s in enumerate(segments) if s.start <= entity.start and entity.end <= s.end), None)
    if index is None:
        return None
    seg = segments[index]
    if not _may_be_person(text, entity) or excluded(text, entity.start, seg.start, entity.end):
        return None
    name = text[entity.start:entity.end]
    before_end = skip_space_back(text, entity.start)
    rank = p.rank_at_end.search(text[seg.start:before_end])
    if rank is not None:
        person = Person(name, entity.start, entity.end, NER_RANK_NAME, confirmed=True)
        person.rank = canonical_rank(rank[0])
        return person
    head = _title_runs_into(text, seg.start, entity.start)
    if head is not None:
        title = trim(text, head.start("title"), before_end)
        person = Person(name, entity.start, entity.end, NER_TITLE_NAME, confirmed=True)
        person.titles.append(text[title.start:title.end])
        return person
    if skip_space_back(text, seg.end) == entity.end and skip_space(text, seg.start) == entity.start \
            and index + 1 < len(segments):
        nxt = segments[index + 1]
        head = p.head_at_start.match(text, nxt.start, nxt.end)
        if head is not None and not is_bare_head(text, head, nxt.end) \
                and title_holder(text, head, nxt.end, Words([]), Standing.AFTER_NAME).name is None:
            title = title_span(text, head, nxt.end)
            person = Person(name, entity.start, entity.end, NER_NAME_TITLE, confirmed=True)
            person.titles.append(text[title.start:title.end])
            return person
    return None
