"""Dates, months, years and ranges, normalised to ISO 8601 (``ngày 6/1/2022`` → ``2022-01-06``).

Each form is one pattern below, built from the words in ``rules/dates.yaml``. Candidates
from all patterns are collected, the longest wins where they overlap (a range over the
dates inside it), then identifiers (``Quyết định số 06/QĐ-TTg``), lunar dates and births
are set aside. A day or month written without a year takes it from ``published`` (the
year that puts it nearest) or else from the explicit year nearest to it in the article.
"""
from __future__ import annotations

import bisect
import calendar
import functools
from dataclasses import dataclass
from datetime import date, timedelta

import regex

from .. import rules
from ..article import ArticleText, mention
from ..numbers import alternation

DAY = r"(?:0?[1-9]|[12]\d|3[01])"
MONTH = r"(?:0?[1-9]|1[0-2])"
YEAR = r"(?:1[89]\d\d|20\d\d)"
YEAR_GROUP = rf"(?P<y>{YEAR})"
LEFT = r"(?<![\p{L}\p{N}/.,\-])"
RIGHT = r"(?![\p{N}]|[/.\-]\p{N}|/\p{L}|\.\d)"
SEP = r"\s*[/.\-]\s*"


@dataclass
class Day:
    """A calendar point as written: year, month, day; None where not written."""
    year: int | None
    month: int | None = None
    day: int | None = None
    year_written: bool = True


@dataclass
class Candidate:
    start: int
    end: int
    kind: str                 # date, month, year, range, relative, birth
    first: Day
    last: Day | None = None   # for ranges
    relative_days: int | None = None


@functools.cache
def _words() -> dict:
    return rules.load("dates")


def _alt(key: str) -> str:
    return alternation(_words()[key])


@functools.cache
def _patterns() -> dict[str, regex.Pattern]:
    w = _words()
    day = _alt("day_noun")          # ngày
    month_word = _alt("month_noun")  # tháng
    year_word = _alt("year_noun")    # năm
    both = _alt("coordinators")      # và , hoặc
    until = _alt("until_end")        # hết
    day_word = rf"(?:(?i:{_alt('day_words')})(?:\s+(?:{day}))?\s+)"
    point = rf"(?P<{{p}}d>{DAY})(?:{SEP}(?P<{{p}}m>{MONTH})(?:{SEP}(?P<{{p}}y>{YEAR}))?)?"
    joiner = _alt("range_joiners")
    opener = _alt("range_openers")
    year_words = _alt("year_words")
    range_words = _alt("range_words")
    decade = _alt("decade_words")
    roman = alternation(list(w["roman"]) + ["1", "2", "3", "4"])
    flags = regex.V1
    not_counted = rf"(?!\s*(?:{_alt('counted_after')})(?![\p{{L}}\p{{M}}]))"
    return {
        # 30/4-1/5, từ 24/4 đến 31/7/2021, từ 1 - 5/3/2023, 2/7/1976 - 2/7/2021
        "day_range": regex.compile(
            rf"{LEFT}(?:(?i:{opener})\s+|{day_word})?{point.format(p='a')}\s*(?:{joiner})\s*"
            rf"(?:{day_word})?(?P<bd>{DAY}){SEP}(?P<bm>{MONTH})(?:{SEP}(?P<by>{YEAR}))?{RIGHT}", flags),
        # giai đoạn 2022 – 2025, nhiệm kỳ 2015-2020, từ năm 1999 đến 2009, 2016-2020
        "year_range": regex.compile(
            rf"{LEFT}(?:(?i:{range_words}|{opener})\s+(?:(?:{year_word})\s+)?)?(?P<ay>{YEAR})\s*(?:{joiner})\s*(?:(?:{year_word})\s+)?(?P<by>{YEAR}){RIGHT}", flags),
        # quý 1/2021, Quý II/2024, quý III / 2018, quý I năm 2014
        "quarter": regex.compile(rf"{LEFT}(?i:{_alt('quarter_words')})\s+(?P<q>{roman})\s*(?:/|-|{year_word})\s*(?P<y>{YEAR}){RIGHT}", flags),
        # những năm 1970, thập niên 70
        "decade": regex.compile(rf"{LEFT}(?i:{decade})\s+(?P<dec>(?:19|20)\d0|[1-9]0){RIGHT}{not_counted}", flags),
        # ngày 6/1/2022, 6-1-2022, 06.01.2022
        "dmy": regex.compile(rf"{LEFT}(?:{day_word}(?:(?P<d0>{DAY})\s*(?:{both})\s*)?)?(?P<d>{DAY})(?P<s>[/.\-])(?P<m>{MONTH})(?P=s)(?P<y>{YEAR}){RIGHT}", flags),
        # ngày 6 tháng 1 năm 2022, ngày 21 tháng 6
        "verbose": regex.compile(rf"{LEFT}{day_word}?(?P<d>{DAY})\s+(?:{month_word})\s+(?P<m>{MONTH})(?:\s*(?:{year_word}|,)\s*(?P<y>{YEAR}))?{RIGHT}", flags),
        # Ngày 29/11, sáng 29-11, (29/11), chiều nay (2.7), dịp 30/4, ngày 20 và 21/5
        "day_month": regex.compile(
            rf"{LEFT}(?:(?P<lead>{day_word})(?:(?P<d0>{DAY})\s*(?:{both})\s*)?(?:\()?|(?<=\()|(?<=(?<!\p{{L}})(?i:{_alt('date_preceders')})\s+)"
            rf"|(?<={DAY}[/.\-]{MONTH}\s*(?:{both})\s*))"
            rf"(?P<d>{DAY})(?P<s>[/.\-])(?P<m>{MONTH}){RIGHT}(?!(?P=s)){not_counted}", flags),
        # 30/4 on its own: a day past 12 over a month is no fraction
        "bare_day_month": regex.compile(rf"{LEFT}(?P<d>1[3-9]|2\d|3[01])/(?P<m>{MONTH}){RIGHT}(?!/){not_counted}", flags),
        # từ tháng 2/2016 đến tháng 5/2017
        "month_range": regex.compile(
            rf"{LEFT}(?:(?i:{opener})\s+)?(?i:{month_word})\s+(?P<am>{MONTH})(?:\s*[/\-.]\s*(?P<ay>{YEAR}))?\s*(?:{joiner})\s*(?:(?:{until})\s+)?"
            rf"(?:(?i:{month_word})\s+(?P<bm>{MONTH})(?:\s*[/\-.]\s*(?P<by>{YEAR})|\s+(?:{year_word})\s+(?P<by2>{YEAR}))?"
            rf"|(?<=\d{{4}}\s*(?:{joiner})\s*)(?P<bm2>{MONTH})/(?P<by3>{YEAR})){RIGHT}", flags),
        # từ 2013, đến 2030, cuối 2013: a year after a word of time
        "preceded_year": regex.compile(rf"(?<=(?<!\p{{L}})(?i:{_alt('year_preceders')})\s+){YEAR_GROUP}{RIGHT}{not_counted}", flags),
        # tháng 11/2022, tháng 11 năm 2022, tháng 11
        # (a capitalised "Tháng" after another capitalised word is in a name: "Cách Mạng Tháng 8")
        "month": regex.compile(rf"{LEFT}(?<!\p{{N}}\s+)(?:(?:{month_word})|(?:{month_word.upper()})|(?<![\p{{Lu}}][\p{{L}}\p{{M}}]*\s)(?:{month_word.title()}))\s+(?P<m>{MONTH})"
                               rf"(?:\s*[/\-.]\s*(?P<y>{YEAR})|\s+(?:{year_word})\s+(?P<y2>{YEAR}))?{RIGHT}", flags),
        # 4/2019
        "month_year": regex.compile(rf"{LEFT}(?P<m>{MONTH})/(?P<y>{YEAR}){RIGHT}", flags),
        # năm 2022, năm học 2022, năm 2009 và 2010
        "year": regex.compile(rf"{LEFT}(?i:{year_words})\s+(?P<y>{YEAR}){RIGHT}(?P<more>(?:\s*(?:{both})\s*{YEAR}{RIGHT})*)", flags),
        # APEC 2017, Tết Nguyên đán 2021: a year in a name
        "named_year": regex.compile(rf"(?<=[\p{{Lu}}][\p{{L}}\p{{M}}]*\s)(?P<y>{YEAR}){RIGHT}(?!\s*[-–]\s*\d)", flags),
        "relative": regex.compile(rf"(?<!\p{{L}})(?i:{alternation(w['relative_days'])})(?!\p{{L}})", flags),
    }


def _int(value: str | None) -> int | None:
    return int(value) if value else None


def _roman(q: str) -> int:
    return _words()["roman"].get(q.upper(), None) or int(q)


HAS_DIGIT = regex.compile(r"\d")


def _candidates(text: str, start: int, end: int) -> list[Candidate]:
    found: list[Candidate] = []
    p = _patterns()
    if not HAS_DIGIT.search(text, start, end):
        return [Candidate(m.start(), m.end(), "relative", Day(None),
                          relative_days=_words()["relative_days"][" ".join(m[0].lower().split())])
                for m in p["relative"].finditer(text, start, end)]
    for m in p["day_range"].finditer(text, start, end):
        last = Day(_int(m["by"]), int(m["bm"]), int(m["bd"]), bool(m["by"]))
        first = Day(_int(m["ay"]), _int(m["am"]) or last.month, int(m["ad"]), bool(m["ay"]))
        found.append(Candidate(m.start(), m.end(), "range", first, last))
    for m in p["year_range"].finditer(text, start, end):
        a, b = int(m["ay"]), int(m["by"])
        if a < b <= a + 100:
            found.append(Candidate(m.start(), m.end(), "range", Day(a), Day(b)))
    for m in p["quarter"].finditer(text, start, end):
        q, y = _roman(m["q"]), int(m["y"])
        found.append(Candidate(m.start(), m.end(), "range", Day(y, 3 * q - 2), Day(y, 3 * q)))
    for m in p["decade"].finditer(text, start, end):
        decade = int(m["dec"])
        decade += 1900 if decade < 100 else 0
        found.append(Candidate(m.start(), m.end(), "range", Day(decade), Day(decade + 9)))
    for name in ("dmy", "verbose"):
        for m in p[name].finditer(text, start, end):
            date_start = m.start()
            if m.groupdict().get("d0"):  # "ngày 10 và 11-5-2017": two dates
                found.append(Candidate(m.start(), m.end("d0"), "date", Day(int(m["y"]), int(m["m"]), int(m["d0"]))))
                date_start = m.start("d")
            found.append(Candidate(date_start, m.end(), "date", Day(_int(m["y"]), int(m["m"]), int(m["d"]), bool(m["y"]))))
    for m in p["day_month"].finditer(text, start, end):
        stop = m.end() + (1 if text.startswith(")", m.end()) and "(" in m[0] else 0)
        month = int(m["m"])
        if m["d0"]:
            found.append(Candidate(m.start(), m.start("d0") + len(m["d0"]), "date", Day(None, month, int(m["d0"]), False)))
            found.append(Candidate(m.start("d"), stop, "date", Day(None, month, int(m["d"]), False)))
        else:
            found.append(Candidate(m.start(), stop, "date", Day(None, month, int(m["d"]), False)))
    for m in p["bare_day_month"].finditer(text, start, end):
        found.append(Candidate(m.start(), m.end(), "date", Day(None, int(m["m"]), int(m["d"]), False)))
    for m in p["month_range"].finditer(text, start, end):
        by = _int(m["by"] or m["by2"] or m["by3"])
        found.append(Candidate(m.start(), m.end(), "range", Day(_int(m["ay"]), int(m["am"]), None, bool(m["ay"])),
                               Day(by, int(m["bm"] or m["bm2"]), None, by is not None)))
    for m in p["preceded_year"].finditer(text, start, end):
        found.append(Candidate(m.start(), m.end(), "year", Day(int(m["y"]))))
    for m in p["month"].finditer(text, start, end):
        month_year = _int(m["y"] or m["y2"])
        found.append(Candidate(m.start(), m.end(), "month", Day(month_year, int(m["m"]), None, month_year is not None)))
    for m in p["month_year"].finditer(text, start, end):
        found.append(Candidate(m.start(), m.end(), "month", Day(int(m["y"]), int(m["m"]))))
    for m in p["year"].finditer(text, start, end):
        found.append(Candidate(m.start(), m.end("y"), "year", Day(int(m["y"]))))
        for extra in regex.finditer(YEAR, m["more"] or ""):
            offset = m.start("more") + extra.start()
            found.append(Candidate(offset, offset + 4, "year", Day(int(extra[0]))))
    for m in p["named_year"].finditer(text, start, end):
        found.append(Candidate(m.start(), m.end(), "year", Day(int(m["y"]))))
    for m in p["relative"].finditer(text, start, end):
        offset = _words()["relative_days"][" ".join(m[0].lower().split())]
        found.append(Candidate(m.start(), m.end(), "relative", Day(None), relative_days=offset))
    return found


def _resolve_overlaps(candidates: list[Candidate]) -> list[Candidate]:
    """Keep the longest of overlapping candidates (earliest first on ties)."""
    starts: list[int] = []   # kept candidates, sorted by start; they never overlap
    kept: list[Candidate] = []
    for cand in sorted(candidates, key=lambda c: (-(c.end - c.start), c.start)):
        i = bisect.bisect_left(starts, cand.start)
        if i > 0 and kept[i - 1].end > cand.start:
            continue
        if i < len(kept) and kept[i].start < cand.end:
            continue
        starts.insert(i, cand.start)
        kept.insert(i, cand)
    return kept


@functools.cache
def _context_patterns() -> dict[str, regex.Pattern]:
    return {
        "identifier_after": regex.compile(r"\s*/\s*\p{L}|[\-/]\p{Lu}"),
        "identifier_before": regex.compile(rf"(?<!\p{{L}})(?:{_alt('identifier_words')})\s*:?\s*$"),
        "birth_before": regex.compile(rf"(?<!\p{{L}})(?:{_alt('birth_words')})\s*:?\s*$"),
        "lunar_after": regex.compile(rf"\s*\(?\s*(?:{_alt('lunar_after')})(?!\p{{L}})"),
        "lunar_before": regex.compile(rf"(?<!\p{{L}})(?i:{_alt('lunar_before')})\s+$"),
        "number_before": regex.compile(r"\d\s*$"),
        "law_before": regex.compile(rf"(?:{_alt('law_words')})[^,;.()]{{0,50}}$"),
    }


def _is_identifier(text: str, cand: Candidate) -> bool:
    """A number that belongs to a document number, a plate or a code."""
    p = _context_patterns()
    if p["identifier_after"].match(text, cand.end, min(len(text), cand.end + 3)):
        return True
    return cand.kind != "range" and bool(p["identifier_before"].search(text, max(0, cand.start - 25), cand.start))


def _is_birth(text: str, cand: Candidate) -> bool:
    """``sinh năm 1990``, ``SN 1990``, ``sinh ngày 6/10/1958``: a fact about a person."""
    return bool(_context_patterns()["birth_before"].search(text, max(0, cand.start - 14), cand.start))


def _is_lunar(text: str, cand: Candidate) -> bool:
    p = _context_patterns()
    return bool(p["lunar_after"].match(text, cand.end, min(len(text), cand.end + 14))
                or p["lunar_before"].search(text, max(0, cand.start - 8), cand.start))


def _is_duration(text: str, cand: Candidate) -> bool:
    """``6 tháng 5`` or ``3 năm 2017``: a number before ``tháng``/``năm`` counts time."""
    return cand.kind in ("month", "year") and bool(
        _context_patterns()["number_before"].search(text, max(0, cand.start - 4), cand.start))


class YearContext:
    """The explicit years of an article, for days and months written without one: the
    year of the nearest full date or month, else of the nearest plain year; never a
    birth year, a year in a range, or a year in a law's or document's name."""

    def __init__(self, text: str, candidates: list[Candidate]):
        full, plain = [], []
        for cand in candidates:
            if cand.kind in ("range", "relative") or _is_birth(text, cand):
                continue
            if cand.first.year and cand.first.year_written:
                if cand.kind in ("date", "month"):
                    full.append((cand.start, cand.first.year))
                elif not _context_patterns()["law_before"].search(text, max(0, cand.start - 60), cand.start):
                    plain.append((cand.start, cand.first.year))
        self.sources = [sorted(full), sorted(plain)]

    def nearest(self, offset: int) -> int | None:
        for source in self.sources:
            if source:
                i = bisect.bisect_left(source, (offset, 0))
                around = source[max(0, i - 1):i + 1]
                return min(around, key=lambda item: abs(item[0] - offset))[1]
        return None


def _infer_year(point: Day, offset: int, published: date | None, context: YearContext) -> int | None:
    """The year for a day or month written without one."""
    if published:
        assert point.month is not None  # a day or month: the month is written

        def distance(year: int) -> int:
            assert point.month is not None
            if point.day:
                day = min(point.day, calendar.monthrange(year, point.month)[1])
                return abs((date(year, point.month, day) - published).days)
            return abs(year * 12 + point.month - (published.year * 12 + published.month))
        return min((published.year - 1, published.year, published.year + 1), key=distance)
    return context.nearest(offset)


def _valid(point: Day) -> bool:
    if point.month and point.day:
        return point.day <= calendar.monthrange(point.year or 2000, point.month)[1]
    return True


def _iso(point: Day) -> str:
    year = f"{point.year:04d}" if point.year else "XXXX"
    if point.day:
        return f"{year}-{point.month:02d}-{point.day:02d}"
    if point.month:
        return f"{year}-{point.month:02d}"
    return year


def _range_years(cand: Candidate, published: date | None, context: YearContext) -> None:
    """Years for a range's ends: a written one is shared with the other end; with none
    written, the first end's year is inferred and the last end follows it."""
    first, last = cand.first, cand.last
    assert last is not None  # a range has two ends
    later = (last.month or 0, last.day or 0) < (first.month or 0, first.day or 0)
    if first.year is None and last.year is not None:
        first.year = last.year - 1 if later else last.year
    elif first.year is None and first.month:
        first.year = _infer_year(first, cand.start, published, context)
        if first.year is not None:
            last.year = first.year + 1 if later else first.year
    elif last.year is None and first.year is not None:
        last.year = first.year + 1 if later else first.year


def _granularity(value: str) -> str:
    """``day``, ``month`` or ``year``: how precise the value (a range: its first end) is."""
    return {10: "day", 7: "month", 4: "year"}[len(value.split("/")[0])]


def extract(article: ArticleText) -> list[dict]:
    text = article.text
    candidates: list[Candidate] = []
    for start, end in article.sentences:
        candidates.extend(_resolve_overlaps(_candidates(text, start, end)))
    candidates = [c for c in candidates if not _is_identifier(text, c) and not _is_lunar(text, c) and not _is_duration(text, c)]
    context = YearContext(text, candidates)
    found = []
    for cand in candidates:
        kind = "birth" if cand.kind != "relative" and _is_birth(text, cand) else cand.kind
        if cand.kind == "relative":
            if not article.published or cand.relative_days is None:
                continue
            value = (article.published + timedelta(days=cand.relative_days)).isoformat()
        else:
            if cand.last is not None:
                _range_years(cand, article.published, context)
            elif cand.first.year is None and cand.first.month:
                cand.first.year = _infer_year(cand.first, cand.start, article.published, context)
            if not _valid(cand.first) or (cand.last and not _valid(cand.last)):
                continue
            value = f"{_iso(cand.first)}/{_iso(cand.last)}" if cand.last else _iso(cand.first)
        found.append(mention(text, cand.start, cand.end, value=value, kind=kind, granularity=_granularity(value)))
    return found
