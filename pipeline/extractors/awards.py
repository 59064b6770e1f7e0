"""Award counts: ``gần 2.600 lượt tập thể ... được khen thưởng`` → 2600, collective, approx.

A count is ``[qualifier] number [lượt] recipient-noun`` in a clause that speaks of a
commendation (``rules/awards.yaml``): results of contests (``đạt giải``) and headcounts of
participants are left out. ``hàng chục tập thể`` is kept with qualifier ``vague``.
"""
from __future__ import annotations

import functools

import regex

from .. import numbers, rules
from ..article import ArticleText, mention




@functools.cache
def _data() -> dict:
    return rules.load("awards")


@functools.cache
def _paired_noun() -> regex.Pattern:
    """A second recipient noun joined to the first: ", cá nhân"."""
    return regex.compile(rf"\s*(?:{numbers.alternation(_data()['recipient_joiners'])})\s*(\p{{L}}+ \p{{L}}+)")


@functools.cache
def _recipient_kinds() -> dict[str, str]:
    kinds = {w.lower(): kind for kind, words in _data()["recipients"].items() for w in words}
    kinds.update({w.lower(): "unspecified" for w in _data()["unspecified_pairs"] + _data()["unspecified_nouns"]})
    return kinds


@functools.cache
def _pattern() -> regex.Pattern:
    d = _data()
    nd = numbers.data()
    nouns = numbers.alternation(_recipient_kinds())
    words = numbers.word_number_pattern()
    vague = numbers.alternation(nd["vague_head"])
    power = numbers.alternation(numbers.multipliers(below=1_000_000))
    return regex.compile(
        rf"(?<![\p{{L}}\p{{N}}/.,])"
        rf"(?:(?P<qual>{numbers.qualifier_pattern()})\s+)?"
        rf"(?:(?P<num>\d{{1,3}}(?:\.\d{{3}})+|\d+)|(?P<vague>(?:{vague})\s+(?:{power}))|(?<!\d\s+)(?P<words>{words}))"
        rf"\s+(?:(?:{numbers.alternation(d['times_word'])})\s+)?(?P<noun>{nouns})(?![\p{{L}}])",
        regex.IGNORECASE,
    )


@functools.cache
def _cue_pattern() -> regex.Pattern:
    """A commendation word, not inside a body's name ("Ban Thi đua - Khen thưởng")."""
    bodies = numbers.alternation(_data()["body_words_before_cue"])
    return regex.compile(rf"(?<!\p{{L}})(?<!(?i:{bodies})\s*[-–]?\s*)(?:{numbers.alternation(_data()['commendation_cues'])})(?!\p{{L}})",
                         regex.IGNORECASE)


@functools.cache
def _result_pattern() -> regex.Pattern:
    return regex.compile(rf"\s*(?:{numbers.alternation(_data()['result_words'])})(?!\p{{L}})")


def _clause(text: str, start: int, end: int, offset: int) -> tuple[int, int]:
    """The part of the sentence between semicolons around ``offset``."""
    left = text.rfind(";", start, offset)
    right = text.find(";", offset, end)
    return (left + 1 if left >= 0 else start), (right if right >= 0 else end)


@functools.cache
def _award_pattern() -> regex.Pattern:
    heads = numbers.alternation(_data()["award_heads"])
    ends = numbers.alternation(_data()["award_ends"])
    return regex.compile(rf"(?:{heads})(?:\s+[^\s,;.():]+)*?(?=\s*(?:[,;.():]|\s(?:{ends})\s)|$)")


def _award_form(text: str, start: int, end: int) -> str | None:
    match = _award_pattern().search(text, start, end)
    return match[0] if match else None


def _commended(text: str, s_start: int, c_start: int, c_end: int, m: regex.Match) -> bool:
    """The count is of people or units commended: a commendation word governs it in its
    clause, either before it ("tặng Bằng khen cho 75 tập thể", "biểu dương 400 gương") or
    after it ("2.600 lượt tập thể ... được khen thưởng"); for a clause that opens with the
    count, the clause before may hold the word ("...; 3 cá nhân có thành tích"). A count
    followed by a result or an act of its own ("đạt giải", "chết", "tham gia") is not
    commended unless the word directly gives to it; a ranking ("tốp 10"), a revocation, a
    year or a class number is never one."""
    if _ranking_pattern().search(text, max(c_start, m.start() - 8), m.start()) \
            or _not_count_pattern().search(text, max(c_start, m.start() - 12), m.start()):
        return False
    given = bool(_given_pattern().search(text, max(c_start, m.start() - 90), m.start()))
    if not given and _result_pattern().match(text, m.end(), c_end):
        return False
    if given or _cue_pattern().search(text, m.start(), c_end):
        cue_start = c_start
    elif text[c_start:m.start()].strip() == "" and c_start > s_start:
        cue_start = _clause(text, s_start, c_end, c_start - 1)[0]
        if not _cue_pattern().search(text, cue_start, c_start):
            return False
    else:
        return False
    return not _revocation_pattern().search(text, cue_start, c_end)


@functools.cache
def _both_kinds_after() -> regex.Pattern:
    pairs = numbers.alternation(_data()["unspecified_pairs"])
    return regex.compile(rf"\s+(?:[\p{{Ll}}\p{{M}}]+\s+){{0,2}}(?:{pairs})(?!\p{{L}})", regex.IGNORECASE)


@functools.cache
def _given_pattern() -> regex.Pattern:
    """A commendation word before the count in the same clause part (``tặng Bằng khen của
    Bộ trưởng cho``, ``trao thư khen, thưởng cho``, ``cho 5 tập thể, 7 cá nhân``)."""
    return regex.compile(rf"(?<!\p{{L}})(?:{numbers.alternation(_data()['commendation_cues'])})[^;.()]*$", regex.IGNORECASE)


@functools.cache
def _not_count_pattern() -> regex.Pattern:
    """Words before a number that make it a year, a class or an ordinal (``năm 2017``, ``lớp 8``)."""
    return regex.compile(rf"(?<!\p{{L}})(?i:{numbers.alternation(_data()['not_count_after'])})\s+$")


@functools.cache
def _ranking_pattern() -> regex.Pattern:
    return regex.compile(rf"(?<!\p{{L}})(?i:{numbers.alternation(_data()['ranking_words'])})\s*$")


@functools.cache
def _revocation_pattern() -> regex.Pattern:
    return regex.compile(rf"(?<!\p{{L}})(?:{numbers.alternation(_data()['revocation_words'])})(?!\p{{L}})", regex.IGNORECASE)


def extract(article: ArticleText) -> list[dict]:
    text = article.text
    found = []
    for s_start, s_end in article.sentences:
        if not _cue_pattern().search(text, s_start, s_end):
            continue
        for m in _pattern().finditer(text, s_start, s_end):
            c_start, c_end = _clause(text, s_start, s_end, m.start())
            if not _commended(text, s_start, c_start, c_end, m):
                continue
            noun = " ".join(m["noun"].lower().split())
            recipient = _recipient_kinds()[noun]
            # "6 tập thể, cá nhân": a count of both kinds together.
            if _both_kinds_after().match(text, m.end(), min(len(text), m.end() + 30)):
                recipient = "unspecified"  # "397 gương (điển hình) tập thể và cá nhân"
            if recipient != "unspecified":
                pair = _paired_noun().match(text, m.end(), min(len(text), m.end() + 20))
                if pair and _recipient_kinds().get(pair[1].lower(), recipient) not in (recipient, "unspecified"):
                    recipient = "unspecified"
            if m["vague"]:
                count, qualifier = numbers.data()["multipliers"][m["vague"].split()[-1].lower()], "vague"
            elif m["num"]:
                count, qualifier = int(m["num"].replace(".", "")), numbers.qualifier_of(m["qual"])
            else:
                count, qualifier = numbers.parse_words(m["words"]), numbers.qualifier_of(m["qual"])
            if not count:
                continue
            start = m.start("qual") if m["qual"] else m.start()
            found.append(mention(text, start, m.end(), count=count, qualifier=qualifier,
                                 recipient=recipient, award=_award_form(text, c_start, c_end) or _award_form(text, s_start, s_end)))
    return found
