"""Officials: named people with a rank, a post, or introduced as ``đồng chí``.

Only sentences with a rank, a title word or a form of address are read
(``trigger_pattern``). Each is read in four steps, one module each, after the word lists
of ``rules/officials.yaml`` and ``rules/names.yaml`` are compiled (``patterns``):

1. ``clauses``: the sentence is cut into segments at punctuation and spaced dashes, and
   each segment is read for a rank, a title and a name (``names`` finds where a name lies
   in a run of capitals; ``titles`` finds where a title ends and whom it names).
2. ``suspects``: people marked as accused, victims or witnesses, or prosecuted in the
   sentence, are left out as they are read, and in every other sentence of the article.
3. ``attach``: each title goes to the person it belongs to.
4. ``attach.merge``: one entry per person in the article.

When the name recogniser ran (``article.entities``), each sentence's people are revised
with its answers before they are merged (``entities``: veto, widen, add).

The results passed between the steps are named types (``model``).
"""
from __future__ import annotations

import functools

import regex

from ...article import ArticleText
from .attach import attach, merge, name_key
from .clauses import PRONOUN_POST, opening_pronoun, pronoun_post, read_all, split
from .entities import revise
from .model import Person, skip_space
from .names import NAME_RUN, Words, restored_case, trim_run
from .patterns import brand_opener, patterns, word_set
from .suspects import gathering_accused, without_accused_list


NEXT_LOWER_WORD = regex.compile(r" (\p{Ll}[\p{Ll}\p{M}]*)(?![\p{L}\p{M}])")


def trigger_pattern() -> regex.Pattern:
    """Sentences matching this are the ones worth word segmentation for officials."""
    return patterns().trigger


def _as_written(text: str, read: str, start: int, end: int, person: Person) -> Person:
    """A person read from a sentence in capitals, with the name and titles as written."""
    person.name = text[person.start:person.end]
    written = []
    for title in person.titles:
        at = read.find(title, start, end)
        written.append(text[at:at + len(title)] if at >= 0 else title)
    person.titles = written
    return person


def extract(article: ArticleText) -> list[dict]:
    with gathering_accused() as accused:
        people = _read(article)
    organisations = _organisations(article.text) if people else set()   # searched only where someone was read
    people = [_without_organisation(article.text, p, organisations) for p in merge(_with_lower_case_ends(article.text, people))]
    return [
        {"text": article.text[p.start:p.end], "name": p.name, "rank": p.rank, "titles": p.titles, "start": p.start,
         "end": p.end, "rule": p.rule}
        for p in people if not _among(p.name, accused) and p.name not in organisations
    ]


def _without_organisation(text: str, person: Person, organisations: set[str]) -> Person:
    """A name that opens with one of the article's organisations ("Chủ tịch Chelsea Bruce
    Buck" after "đội bóng Chelsea"): the organisation belongs to the title before it."""
    for organisation in organisations:
        if person.name.startswith(organisation + " ") and text.startswith(person.name, person.start):
            before = text[:person.start].rstrip()
            if person.titles and before.endswith(person.titles[-1]):
                person.titles[-1] += " " + organisation
            person.start += len(organisation) + 1
            person.name = person.name[len(organisation) + 1:]
            break
    return person


def _with_lower_case_ends(text: str, people: list[Person]) -> list[Person]:
    """A name whose last syllable the source wrote in lower case, where the article names the
    same person in full elsewhere ("Thủ tướng Phạm Minh chính" and "Thủ tướng Phạm Minh
    Chính"): the whole name. Not a word that a lost full stop left after the name ("Barack
    Obama cũng" beside "Barack Obama Cũng")."""
    for person in people:
        after = NEXT_LOWER_WORD.match(text, person.end)
        if after is None or patterns().small_word.fullmatch(after[1]):
            continue
        full = regex.search(rf"(?<![\p{{L}}\p{{M}}]){regex.escape(person.name)} {after[1].capitalize()}(?![\p{{L}}\p{{M}}])", text)
        if full is not None and trim_run(text, full.start(), full.end()) == full.end():  # not "Hội Đồng chí ..."
            person.name = f"{person.name} {after[1].capitalize()}"
            person.end = after.end()
    return people


def _organisations(text: str) -> set[str]:
    """Names with no Vietnamese family name that a club, company or brand word stands
    before somewhere in the article ("CLB Tottenham", "hãng Apple"): standing alone
    elsewhere ("cựu HLV Tottenham, Mauricio Pochettino") they name the organisation too."""
    surnames = word_set("names", "surnames")
    found = set()
    for opener in brand_opener().finditer(text):
        run = NAME_RUN.match(text, skip_space(text, opener.end()))
        if run is not None and run[0].split()[0] not in surnames:
            found.add(run[0])
    return found


def _among(name: str, accused: set[str]) -> bool:
    """The person is one the article marks as accused somewhere, by the full name or by the
    given name alone ("Ông Phong là Trưởng Ban …" after "ông Lê Duy Phong … bị bắt")."""
    key = name_key(name)
    return any(other == key or other.endswith(" " + key) for other in map(name_key, accused))


def _read(article: ArticleText) -> list[Person]:
    text = article.text
    people: list[Person] = []
    # Whom "Ông"/"Bà" alone stands for in the next sentence: the one person the sentence
    # before introduced with that form (further on, it is often the article's subject).
    referent: dict[str, Person | None] = {}
    referent_index = -2
    for index, (start, end) in enumerate(article.sentences):
        if not (index in article.triggered if article.triggered is not None else trigger_pattern().search(text, start, end)):
            continue
        read = restored_case(text, start, end)  # a sentence in capitals, read with its names capitalised
        words = Words(functools.partial(article.words_near, index))  # segmented only where a word is looked up
        segments = read_all(read, split(read, start, end), words)
        current = referent if referent_index == index - 1 else {}
        form = opening_pronoun(read, segments)
        later = pronoun_post(read, segments, words)
        named = current.get(form) if form else None
        if later is not None and named is not None:
            people.append(Person(named.name, named.start, named.end, PRONOUN_POST, titles=[later], confirmed=True))
        introduced: dict[str, list[Person]] = {}
        for seg in segments:
            for person in [seg.person, *seg.extra]:
                if person is not None and person.address is not None:
                    introduced.setdefault(person.address, []).append(person)
        referent = {address: (named_so[0] if len(named_so) == 1 else None) for address, named_so in introduced.items()}
        referent_index = index
        found = attach(read, segments)
        if article.entities is not None:
            found = revise(read, start, end, found, article.entities)
        found = without_accused_list(read, start, end, found)
        if read is not text:
            found = [_as_written(text, read, start, end, p) for p in found]
        people.extend(found)
    return people
