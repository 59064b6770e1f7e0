"""Dates, months, years and ranges, normalised to ISO 8601 (``ngày 6/1/2022`` → ``2022-01-06``).

Each form is one pattern below, built from the words in ``rules/dates.yaml``. Candidates
from all patterns are collected, the longest wins where they overlap (a range over the
dates inside it), then identifiers (``Quyết định số 06/QĐ-TTg``), lunar dates and births
are set aside. A day or month written without a year takes it from ``published`` (the
year that puts it nearest) or else from the article where the article settles it (see
``YearContext``), and is ``XXXX`` otherwise. Each mention names its pattern in ``rule``
(``RULES``) and, for an inferred year, where the year came from in ``year_from``.
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
    rule: str = ""            # id of the pattern that found it (RULES)
    sentence: int = -1        # index of its sentence
    year_from: str | None = None  # how a year not written was inferred


# The id of each pattern below, as mentions carry it in ``rule``.
RULES = {
    "day_range": "dd/mm - dd/mm/yyyy",
    "year_range": "yyyy - yyyy",
    "mixed_range": "từ yyyy đến tháng mm/yyyy",
    "quarter_list": "quý q, q/yyyy",
    "quarter": "quý q/yyyy",
    "decade": "những năm yyy0",
    "dmy": "ngày dd/mm/yyyy",
    "verbose": "ngày dd tháng mm năm yyyy",
    "day_month": "ngày dd/mm",
    "bare_day_month": "dd/mm",
    "month_range": "tháng mm - tháng mm/yyyy",
    "preceded_year": "từ yyyy",
    "month_list": "tháng mm, mm/yyyy",
    "month": "tháng mm/yyyy",
    "month_name": "tháng <name> năm yyyy",
    "month_year": "mm/yyyy",
    "year": "năm yyyy",
    "named_year": "Name yyyy",
    "year_subject": "yyyy trở thành",
    "relative": "hôm nay",
    "joined_range": "từ <date> đến <date>",
}


@functools.cache
def _words() -> dict:
    return rules.load("dates")


def _alt(key: str) -> str:
    return alternation(_words()[key])


def _word_joiners() -> str:
    """The joiners of a range's ends that are words ("đến", "tới"), not dashes."""
    return alternation([j for j in _words()["range_joiners"] if regex.search(r"\p{L}", j)])


@functools.cache
def _counted() -> str:
    """Words after a number that make it a count, a fraction or money: the dates rule list
    and the currency words of the money rules."""
    money = [w for words in rules.load("money")["currencies"].values() for w in words]
    return alternation(_words()["counted_after"] + money)


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
    # "từ tháng 11 đến ngày 5/12": a day range opens on a day, not a month or a year
    day_opener = alternation([o for o in w["range_openers"] if o.split()[-1] not in w["month_noun"] + w["year_noun"]])
    year_words = _alt("year_words")
    range_words = _alt("range_words")
    decade = _alt("decade_words")
    roman = alternation(list(w["roman"]) + ["1", "2", "3", "4"])
    quarter_number = rf"{roman}|(?i:{alternation(w['quarter_names'])})"
    quarter_year = rf"\s*(?:{_alt('quarter_year_joiners')})\s*(?P<y>{YEAR})"
    flags = regex.V1
    not_counted = rf"(?!\s*(?:{_counted()})(?![\p{{L}}\p{{M}}]))"
    not_in_name = r"(?<![\p{Lu}][\p{L}\p{M}]*\s)"   # "Phú Quý 2", "Cách Mạng Tháng 8"
    any_case_month = rf"(?:(?:{month_word})|(?:{month_word.upper()})|{not_in_name}(?:{month_word.title()}))"
    month_name = rf"(?i:{alternation(w['month_names'])})|{alternation(w['month_names_capitalised'])}"
    quarter = alternation({q.lower() for q in w["quarter_words"]})
    any_case_quarter = rf"(?:(?:{quarter})|(?:{quarter.upper()})|{not_in_name}(?:{quarter.title()}))"

    def mixed_range(join: str) -> str:
        return (rf"(?:(?:{year_word})\s+)?(?P<ay>{YEAR})\s*(?:{join})\s*(?i:{month_word})\s+(?P<bm>{MONTH})\s*(?:[/\-.]\s*|\s+(?:{year_word})\s+)(?P<by>{YEAR})"
                rf"|(?i:{month_word})\s+(?P<am>{MONTH})\s*(?:[/\-.]\s*|\s+(?:{year_word})\s+)(?P<ay>{YEAR})\s*(?:{join})\s*(?:(?:{year_word})\s+)?(?P<by>{YEAR})"
                # từ đầu tháng 3 đến ngày 10-5-2017: from a month to a day of the year the day is in
                rf"|(?:(?i:{_alt('month_parts')})\s+)?(?i:{month_word})\s+(?P<am>{MONTH})\s*(?:{join})\s*(?:{day_word})?"
                rf"(?P<bd>{DAY}){SEP}(?P<bm>{MONTH}){SEP}(?P<by>{YEAR})")

    return {
        # 30/4-1/5, từ 24/4 đến 31/7/2021, từ 1 - 5/3/2023, 2/7/1976 - 2/7/2021
        "day_range": regex.compile(
            rf"{LEFT}(?<!(?i:{month_word})\s+)(?:(?i:{day_opener})\s+|{day_word})?{point.format(p='a')}\s*(?:{joiner})\s*"
            rf"(?:{day_word})?(?P<bd>{DAY}){SEP}(?P<bm>{MONTH})(?:{SEP}(?P<by>{YEAR}))?{RIGHT}", flags),
        # giai đoạn 2022 – 2025, nhiệm kỳ 2015-2020, từ năm 1999 đến 2009, 2016-2020
        "year_range": regex.compile(
            rf"{LEFT}(?:(?i:{range_words}|{opener})\s+(?:(?:{year_word})\s+)?)?(?P<ay>{YEAR})\s*(?:{joiner})\s*(?:(?:{year_word})\s+)?(?P<by>{YEAR}){RIGHT}", flags),
        # từ năm 2011 đến tháng 2/2016, từ tháng 3/2011 đến năm 2016: a range from a year to a
        # month or back; without an opener only when a word joins the ends ("Tháng 4/1973 đến
        # năm 1976, ..."): "2011 - tháng 2/2016" alone is no range
        "mixed_range": regex.compile(
            rf"{LEFT}(?:(?i:{opener})\s+(?:{mixed_range(joiner)})|{mixed_range(_word_joiners())}){RIGHT}{not_counted}", flags),
        # quý 1/2021, Quý II/2024, quý III / 2018, quý I năm 2014, quý 4 của năm 2018, quý 3, quý ba
        "quarter": regex.compile(rf"{LEFT}{any_case_quarter}\s+(?P<q>{quarter_number})(?![\p{{L}}\p{{M}}])(?:{quarter_year})?{RIGHT}{not_counted}", flags),
        # quý I, II, III, IV năm 2020; quý II hoặc III/2017: one quarter each
        "quarter_list": regex.compile(rf"{LEFT}{any_case_quarter}\s+(?P<q>{roman})(?P<more>(?:\s*(?:{both})\s*(?:{roman})(?![\p{{L}}\p{{M}}\p{{N}}]))+){quarter_year}{RIGHT}", flags),
        # những năm 1970, thập niên 70
        "decade": regex.compile(rf"{LEFT}(?i:{decade})\s+(?:(?i:{_alt('decade_parts')})\s+)?(?P<dec>(?:19|20)\d0|[1-9]0){RIGHT}{not_counted}", flags),
        # ngày 6/1/2022, 6-1-2022, 06.01.2022
        "dmy": regex.compile(rf"{LEFT}(?:{day_word}(?:(?P<d0>{DAY})\s*(?:{both})\s*)?)?(?P<d>{DAY})(?P<s>[/.\-])(?P<m>{MONTH})(?P=s)(?P<y>{YEAR}){RIGHT}", flags),
        # ngày 6 tháng 1 năm 2022, ngày 21 tháng 6
        "verbose": regex.compile(rf"{LEFT}{day_word}?(?P<d>{DAY})\s+(?:{month_word})\s+(?P<m>{MONTH})(?:\s*(?:{year_word}|,)\s*(?P<y>{YEAR}))?{RIGHT}", flags),
        # Ngày 29/11, sáng 29-11, (29/11), chiều nay (2.7), dịp 30/4, ngày 20 và 21/5, ngày 7.2.
        "day_month": regex.compile(
            rf"{LEFT}(?:(?P<lead>{day_word})(?:(?P<d0>{DAY})\s*(?:{both})\s*)?(?:\()?|(?<=\()|(?<=(?<!\p{{L}})(?i:{_alt('date_preceders')})\s+)"
            rf"|(?<={DAY}[/.\-]{MONTH}\s*(?:{both})\s*))"
            rf"(?P<d>{DAY})(?P<s>[/.\-])(?P<m>{MONTH}){RIGHT}(?!(?P=s)\s*\p{{N}})", flags),
        # 30/4 on its own: a day past 12 over a month is no fraction
        # not a place named after a day ("quảng trường 24/3", "đường 30/4")
        "bare_day_month": regex.compile(rf"{LEFT}(?<!(?i:{_alt('places_named_after_days')})\s+)(?P<d>1[3-9]|2\d|3[01])/(?P<m>{MONTH}){RIGHT}(?!/){not_counted}", flags),
        # từ tháng 2/2016 đến tháng 5/2017
        "month_range": regex.compile(
            rf"{LEFT}(?:(?i:{opener})\s+)?(?i:{month_word})\s+(?P<am>{MONTH})(?:\s*[/\-.]\s*(?P<ay>{YEAR}))?\s*(?:{joiner})\s*(?:(?:{until})\s+)?"
            rf"(?:(?i:{month_word})\s+(?P<bm>{MONTH})(?:\s*[/\-.]\s*(?P<by>{YEAR})|\s+(?:{year_word})\s+(?P<by2>{YEAR}))?"
            rf"|(?<=\d{{4}}\s*(?:{joiner})\s*)(?P<bm2>{MONTH})[/\-.](?P<by3>{YEAR})){RIGHT}", flags),
        # từ 2013, đến 2030, cuối 2013: a year after a word of time
        "preceded_year": regex.compile(rf"(?<=(?<!\p{{L}})(?i:{_alt('year_preceders')})\s+){YEAR_GROUP}{RIGHT}{not_counted}", flags),
        # tháng 8, 9 năm 2019; tháng 8,9/2019; tháng 3 và 4/2019; tháng 2 và tháng 4-2017: one month each
        "month_list": regex.compile(
            rf"{LEFT}(?<!\p{{N}}\s+){any_case_month}\s+(?P<m>{MONTH})(?P<more>(?:\s*(?:{both})\s*(?:{any_case_month}\s+)?{MONTH}(?![\p{{N}}]|\s*[/.\-]\s*\d{{1,2}}(?!\d)))+)"
            rf"(?:\s*[/\-.]\s*(?P<y>{YEAR})|\s+(?:{year_word})\s+(?P<y2>{YEAR})|(?=\s*(?:[,.;:)!?]|$)))"
            rf"{RIGHT}{not_counted}", flags),
        # tháng 11/2022, tháng 11 năm 2022, tháng 11
        # (a capitalised "Tháng" after another capitalised word is in a name: "Cách Mạng Tháng 8")
        "month": regex.compile(rf"{LEFT}(?<!\p{{N}}\s+){any_case_month}\s+(?P<m>{MONTH})"
                               rf"(?:\s*[/\-.]\s*(?P<y>{YEAR})|\s+(?:{year_word})\s+(?P<y2>{YEAR}))?{RIGHT}", flags),
        # tháng ba, tháng Mười năm 2017, ngày 7 tháng ba
        "month_name": regex.compile(
            rf"{LEFT}(?:{day_word}?(?P<d>{DAY})\s+|(?<!\p{{N}}\s+)){any_case_month}\s+(?P<mn>{month_name})(?![\p{{L}}\p{{M}}])"
            rf"(?:\s*/\s*(?P<y>{YEAR})|\s*(?:{year_word}|,)\s*(?P<y2>{YEAR}))?{RIGHT}", flags),
        # 4/2019
        "month_year": regex.compile(rf"{LEFT}(?P<m>{MONTH})/(?P<y>{YEAR}){RIGHT}", flags),
        # năm 2022, năm học 2022, năm 2009 và 2010
        "year": regex.compile(rf"{LEFT}(?i:{year_words})\s+(?P<y>{YEAR}){RIGHT}(?P<more>(?:\s*(?:{both})\s*{YEAR}{RIGHT})*)", flags),
        # APEC 2017, Tết Nguyên đán 2021: a year in a name
        "named_year": regex.compile(rf"(?<=[\p{{Lu}}][\p{{L}}\p{{M}}]*\s)(?P<y>{YEAR}){RIGHT}(?!\s*[-–]\s*\d)", flags),
        # khiến 2024 trở thành năm ..., 2023 được xem là ...: a year as a subject
        "year_subject": regex.compile(rf"{LEFT}(?P<y>{YEAR})(?=\s+(?:{_alt('year_predicates')})(?![\p{{L}}\p{{M}}]))", flags),
        "relative": regex.compile(rf"(?<!\p{{L}})(?i:{alternation(w['relative_days'])})(?!\p{{L}})", flags),
        "counted": regex.compile(rf"\s*(?:{_counted()})(?![\p{{L}}\p{{M}}])", flags),
        "month_word": regex.compile(rf"(?i:{month_word})"),
        "quarter_word": regex.compile(rf"(?i:{quarter})"),
        "formation": regex.compile(r"(?<![\d\-])\d(?:-\d){2,3}(?![\d\-])"),
        "month_in_name": regex.compile(rf"(?<![\p{{L}}\p{{M}}])(?i:{_alt('month_in_names')})\s+$", flags),
        "year_preceder": regex.compile(rf"(?<!\p{{L}})(?i:{_alt('year_preceders')})\s+$", flags),
    }


def _int(value: str | None) -> int | None:
    return int(value) if value else None


def _roman(q: str) -> int:
    w = _words()
    return w["roman"].get(q.upper()) or w["quarter_names"].get(q.lower()) or int(q)


HAS_DIGIT = regex.compile(r"\d")
#: How far after a date the words that qualify it are looked for (a bracket, "năm ngoái"):
#: bounding the match keeps the regex engine from scanning the rest of a long text each time.
LOOK_AFTER = 200
DIGITS = regex.compile(r"\d+")


def _quarter(start: int, end: int, written: str, year: int | None, rule: str) -> Candidate:
    q = _roman(written)
    return Candidate(start, end, "range", Day(year, 3 * q - 2, None, year is not None),
                     Day(year, 3 * q, None, year is not None), rule=rule)


def _listed(m: regex.Match, group: str = "more") -> list[tuple[int, int, str]]:
    """The items after the first of a list (``8, 9``; ``II hoặc III``): offset, end, text."""
    return [(m.start(group) + x.start(), m.start(group) + x.end(), x[0])
            for x in regex.finditer(r"[\dIV]+", m[group])]


def _relative(m: regex.Match) -> Candidate:
    offset = _words()["relative_days"][" ".join(m[0].lower().split())]
    return Candidate(m.start(), m.end(), "relative", Day(None), relative_days=offset, rule=RULES["relative"])


def _candidates(text: str, start: int, end: int) -> list[Candidate]:
    p = _patterns()
    months = bool(p["month_word"].search(text, start, end))     # cheap checks before the longer patterns
    quarters = bool(p["quarter_word"].search(text, start, end))
    if not HAS_DIGIT.search(text, start, end):
        words = [_relative(m) for m in p["relative"].finditer(text, start, end)]
        if months:
            words += [_month_name(m) for m in p["month_name"].finditer(text, start, end)
                      if not p["month_in_name"].search(text, max(0, m.start() - 12), m.start())]
        if quarters:
            words += [_quarter(m.start(), m.end(), m["q"], None, RULES["quarter"])
                      for m in p["quarter"].finditer(text, start, end) if _quarter_stands(text, m)]
        return words
    found: dict[str, list[Candidate]] = {name: [] for name in RULES}

    for m in p["day_range"].finditer(text, start, end):
        last = Day(_int(m["by"]), int(m["bm"]), int(m["bd"]), bool(m["by"]))
        first = Day(_int(m["ay"]), _int(m["am"]) or last.month, int(m["ad"]), bool(m["ay"]))
        found["day_range"].append(Candidate(m.start(), m.end(), "range", first, last))
    for m in p["year_range"].finditer(text, start, end):
        a, b = int(m["ay"]), int(m["by"])
        if a < b <= a + 100:
            found["year_range"].append(Candidate(m.start(), m.end(), "range", Day(a), Day(b)))
    for m in (p["mixed_range"].finditer(text, start, end) if months else ()):
        last = Day(int(m["by"]), _int(m["bm"]), _int(m["bd"]))
        first = Day(int(m["ay"]), _int(m["am"])) if m["ay"] else Day(last.year, _int(m["am"]), year_written=False)
        if (first.year, first.month or 0) < (last.year, last.month or 13):
            found["mixed_range"].append(Candidate(m.start(), m.end(), "range", first, last))
    for m in (p["quarter_list"].finditer(text, start, end) if quarters else ()):
        year = int(m["y"])
        items = [(m.start(), m.start("q") + len(m["q"]), m["q"])] + _listed(m)
        items[-1] = (items[-1][0], m.end(), items[-1][2])
        found["quarter_list"] += [_quarter(a, b, q, year, RULES["quarter_list"]) for a, b, q in items]
    for m in (p["quarter"].finditer(text, start, end) if quarters else ()):
        if _quarter_stands(text, m):
            found["quarter"].append(_quarter(m.start(), m.end(), m["q"], _int(m["y"]), RULES["quarter"]))
    for m in p["decade"].finditer(text, start, end):
        decade = int(m["dec"])
        decade += 1900 if decade < 100 else 0
        found["decade"].append(Candidate(m.start(), m.end(), "range", Day(decade), Day(decade + 9)))
    for name in ("dmy", "verbose"):
        for m in p[name].finditer(text, start, end):
            date_start = m.start()
            if m.groupdict().get("d0"):  # "ngày 10 và 11-5-2017": two dates
                found[name].append(Candidate(m.start(), m.end("d0"), "date", Day(int(m["y"]), int(m["m"]), int(m["d0"]))))
                date_start = m.start("d")
            found[name].append(Candidate(date_start, m.end(), "date", Day(_int(m["y"]), int(m["m"]), int(m["d"]), bool(m["y"]))))
    for m in p["day_month"].finditer(text, start, end):
        if not m["lead"] and p["counted"].match(text, m.end()):
            continue  # "từ 2-3 ngày", "đến 2/3 số hộ"; after a day word it is a date: "ngày 13/11 căn nhà"
        stop = m.end() + (1 if text.startswith(")", m.end()) and "(" in m[0] else 0)
        month = int(m["m"])
        if m["d0"]:
            found["day_month"].append(Candidate(m.start(), m.start("d0") + len(m["d0"]), "date", Day(None, month, int(m["d0"]), False)))
            found["day_month"].append(Candidate(m.start("d"), stop, "date", Day(None, month, int(m["d"]), False)))
        else:
            found["day_month"].append(Candidate(m.start(), stop, "date", Day(None, month, int(m["d"]), False)))
    for m in p["bare_day_month"].finditer(text, start, end):
        found["bare_day_month"].append(Candidate(m.start(), m.end(), "date", Day(None, int(m["m"]), int(m["d"]), False)))
    for m in p["month_range"].finditer(text, start, end):
        by = _int(m["by"] or m["by2"] or m["by3"])
        found["month_range"].append(Candidate(m.start(), m.end(), "range", Day(_int(m["ay"]), int(m["am"]), None, bool(m["ay"])),
                                              Day(by, int(m["bm"] or m["bm2"]), None, by is not None)))
    for m in p["preceded_year"].finditer(text, start, end):
        found["preceded_year"].append(Candidate(m.start(), m.end(), "year", Day(int(m["y"]))))
    for m in p["month_list"].finditer(text, start, end):
        y = _int(m["y"] or m["y2"])
        items = [(m.start(), m.start("m") + len(m["m"]), m["m"])] + _listed(m)
        listed = [int(x[2]) for x in items]
        if listed != sorted(set(listed)) or (y is None and listed != list(range(listed[0], listed[-1] + 1))):
            continue  # "tháng 5, 3 vụ": a list of months goes forward (without a year, month by month)
        items[-1] = (items[-1][0], m.end(), items[-1][2])
        found["month_list"] += [Candidate(a, b, "month", Day(y, int(mm), None, y is not None)) for a, b, mm in items]
    for m in p["month"].finditer(text, start, end):
        month_year = _int(m["y"] or m["y2"])
        found["month"].append(Candidate(m.start(), m.end(), "month", Day(month_year, int(m["m"]), None, month_year is not None)))
    for m in (p["month_name"].finditer(text, start, end) if months else ()):
        found["month_name"].append(_month_name(m))
    for m in p["month_year"].finditer(text, start, end):
        found["month_year"].append(Candidate(m.start(), m.end(), "month", Day(int(m["y"]), int(m["m"]))))
    for m in p["year"].finditer(text, start, end):
        found["year"].append(Candidate(m.start(), m.end("y"), "year", Day(int(m["y"]))))
        for extra in regex.finditer(YEAR, m["more"] or ""):
            offset = m.start("more") + extra.start()
            found["year"].append(Candidate(offset, offset + 4, "year", Day(int(extra[0]))))
    for m in p["named_year"].finditer(text, start, end):
        found["named_year"].append(Candidate(m.start(), m.end(), "year", Day(int(m["y"]))))
    for m in p["year_subject"].finditer(text, start, end):
        found["year_subject"].append(Candidate(m.start(), m.end(), "year", Day(int(m["y"]))))
    for m in p["relative"].finditer(text, start, end):
        found["relative"].append(_relative(m))
    out = []
    named = p["month_in_name"]
    for name, cands in found.items():   # in RULES order: on equal spans the earlier rule wins
        for cand in cands:
            cand.rule = RULES[name]
            if _is_formation(text, cand) or (cand.kind == "month" and named.search(text, max(0, cand.start - 12), cand.start)):
                continue
            out.append(cand)
    return out


def _month_name(m: regex.Match) -> Candidate:
    w = _words()
    month = w["month_names"].get(m["mn"].lower()) or w["month_names_capitalised"][m["mn"]]
    y = _int(m["y"] or m["y2"])
    if m["d"]:
        return Candidate(m.start(), m.end(), "date", Day(y, month, int(m["d"]), y is not None), rule=RULES["month_name"])
    return Candidate(m.start(), m.end(), "month", Day(y, month, None, y is not None), rule=RULES["month_name"])


def _quarter_stands(text: str, m: regex.Match) -> bool:
    """A quarter named by a word ("quý ba") only with its year or after a word of time
    ("trong quý ba"): "quý" alone is also "precious"."""
    return m["q"][0].isdigit() or m["q"].isupper() or bool(m["y"]) or bool(
        _patterns()["year_preceder"].search(text, max(0, m.start() - 20), m.start()))


def _is_formation(text: str, cand: Candidate) -> bool:
    """``3-5-2``: single digits joined by hyphens adding up to the outfield players."""
    for m in _patterns()["formation"].finditer(text, max(0, cand.start - 8), min(len(text), cand.end + 8)):
        if m.start() < cand.end and cand.start < m.end() and \
                sum(map(int, DIGITS.findall(m[0]))) == _words()["formation_players"]:
            return True
    return False


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


DATED_KINDS = ("year", "range", "month", "date")


def _joined_ranges(text: str, candidates: list[Candidate]) -> list[Candidate]:
    """Two dated expressions, each with its year, joined as one range by an opener and a
    word ("Từ năm 2018 đến hết quý I/2021", "từ năm học 2015 - 2016 đến năm học 2020 -
    2021"): one range from the first's start to the second's end."""
    p = _context_patterns()
    out: list[Candidate] = []
    for cand in candidates:
        prev = out[-1] if out else None
        last = cand.last or cand.first
        if prev is not None and prev.kind in DATED_KINDS and cand.kind in DATED_KINDS \
                and prev.first.year and prev.first.year_written and last.year and last.year_written \
                and p["range_word_joiner"].fullmatch(text, prev.end, cand.start) \
                and (prev.first.year, prev.first.month or 0) < (last.year, last.month or 13):
            opener = p["range_opener_before"].search(text, max(0, prev.start - 12), prev.start)
            if opener or p["range_opener_at"].match(text, prev.start):
                out[-1] = Candidate(opener.start() if opener else prev.start, cand.end, "range", prev.first, last,
                                    rule=RULES["joined_range"])
                continue
        out.append(cand)
    return out


@functools.cache
def _context_patterns() -> dict[str, regex.Pattern]:
    held_word = rf"(?<![\p{{L}}\p{{M}}])(?i:{_alt('held_event_words')})(?![\p{{L}}\p{{M}}])"
    return {
        # "đến hết": what joins the ends of a range written as two dated expressions
        "range_word_joiner": regex.compile(rf"\s+(?:{_word_joiners()})(?:\s+{_alt('until_end')})?\s+"),
        "range_opener_before": regex.compile(rf"(?<![\p{{L}}\p{{M}}])(?i:{_alt('range_openers')})\s+$"),
        "range_opener_at": regex.compile(rf"(?i:{_alt('range_openers')})\s"),
        "identifier_after": regex.compile(r"\s*/\s*\p{L}|[\-/]\p{Lu}"),
        "identifier_before": regex.compile(rf"(?<!\p{{L}})(?:{_alt('identifier_words')})\s*:?\s*$"),
        # the scores of a match in brackets after its points: "3 điểm (8-5 và 13-10)"
        "scores_before": regex.compile(rf"(?<!\p{{L}})(?:{_alt('score_words')})\s*\([^()]{{0,30}}$"),
        "birth_before": regex.compile(rf"(?<!\p{{L}})(?:{_alt('birth_words')})\s*:?\s*$"),
        "lunar_after": regex.compile(rf"\s*\(?\s*(?:{_alt('lunar_after')})(?!\p{{L}})"),
        "lunar_before": regex.compile(rf"(?<!\p{{L}})(?i:{_alt('lunar_before')})\s+$"),
        "number_before": regex.compile(r"\d\s*$"),
        "law_before": regex.compile(rf"(?:{_alt('law_words')})[^,;.()]{{0,50}}$"),
        "aside_before": regex.compile(
            rf"(?<![\p{{L}}\p{{M}}])(?i:{_alt('year_asides')})\s+(?:(?:{_alt('year_aside_modifiers')})\s+)?(?:(?:{_alt('year_words')}|{_alt('month_noun')}|{_alt('day_words')})\s+)?$"),
        # not a word in quotes ("để “xét xử”": a gang's mock trial)
        "trial": regex.compile(rf"(?<![\p{{L}}\p{{M}}\"“])(?i:{_alt('trial_words')})(?![\p{{L}}\p{{M}}\"”])"),
        "held_word": regex.compile(held_word),
        "held_event": regex.compile(rf"{held_word}[^,;.!?\n]{{0,60}}$"),
        "document_number_before": regex.compile(
            rf"(?<![\p{{L}}\p{{M}}])(?i:{_alt('document_number_words')})\s+[\p{{L}}\p{{N}}/.\-&]+\s*,?\s*$"),
        "aside_in_clause": regex.compile(rf"(?<![\p{{L}}\p{{M}}])(?i:{_alt('year_asides')})(?![\p{{L}}\p{{M}}])[^,;.!?\n]{{0,30}}$"),
        "target_before": regex.compile(
            rf"(?<![\p{{L}}\p{{M}}])(?i:{_alt('year_targets')})\s+(?:(?:{_alt('year_aside_modifiers')})\s+)?(?:(?:{_alt('year_words')})\s+)?$"),
        "clause_head": regex.compile(rf"(?:^|[,;:(–\-]|(?<![\p{{L}}\p{{M}}])(?i:{_alt('year_clause_heads')}))\s*$"),
        "current_cue": regex.compile(rf"(?:^|[,;:(–\-])\s*(?i:{_alt('year_current_cues')})[^,;!?\n]{{0,80}}$"),
        "anniversary_before": regex.compile(rf"(?<![\p{{L}}\p{{M}}])(?i:{_alt('anniversary_words')})(?![\p{{L}}\p{{M}}])"),
        # the first year after the review word, within its clause: a second is the year the
        # review plans for ("kết quả công tác năm 2014 và phương hướng nhiệm vụ năm 2015")
        "review_before": regex.compile(rf"(?<![\p{{L}}\p{{M}}])(?i:{_alt('review_words')})(?:(?!\d{{4}})[^;!?\n]){{0,80}}$"),
        "anniversary_count": regex.compile(
            rf"(?<![\p{{L}}\p{{M}}])(?i:{_alt('anniversary_words')})\s+(?P<n>[1-9]\d{{0,2}})(?:\s+(?:{_alt('year_noun')}))?(?![\p{{L}}\p{{M}}\p{{N}}])"),
        "years_count": regex.compile(rf"(?<![\p{{L}}\p{{M}}\p{{N}}])(?P<n>[1-9]\d{{0,2}})\s+(?:{_alt('year_noun')})(?![\p{{L}}\p{{M}}])"),
        "present_until": regex.compile(
            rf"(?<![\p{{L}}\p{{M}}])(?i:{_alt('present_words')})\s+(?:{_alt('present_until')})\s+(?:{_alt('year_noun')})\s+(?P<y>{YEAR})(?!\d)"),
        "birth_inside": regex.compile(rf"(?<![\p{{L}}\p{{M}}])(?:{_alt('birth_words')})(?![\p{{L}}\p{{M}}])"),
        "apposition": regex.compile(rf"\s*\((?P<inner>[^()\n]{{0,60}})\)"),
        "present_year": regex.compile(
            rf"(?<![\p{{L}}\p{{M}}])(?i:{_alt('present_year')})\s*\(\s*(?:(?:{_alt('year_noun')})\s+)?(?P<y>{YEAR})\s*\)"),
        "digit_groups_after": regex.compile(r"[ .](?:\d{4}(?!\d)|\d{3}[ .]\d{3,4}(?!\d))"),
        "lunar_new_year": regex.compile(
            rf"(?<![\p{{L}}\p{{M}}])(?:{_alt('lunar_new_year_words')})\s+(?P<stem>{_alt('heavenly_stems')})\s+"
            rf"(?P<branch>{_alt('earthly_branches')})(?![\p{{L}}\p{{M}}])(?:\s+(?:(?:{_alt('year_noun')})\s+)?(?P<y>{YEAR})(?!\d))?"),
        "interim_review": regex.compile(rf"(?<![\p{{L}}\p{{M}}])(?i:{_alt('interim_review_words')})(?![\p{{L}}\p{{M}}])"),
        "half_year": regex.compile(rf"(?<![\p{{L}}\p{{M}}])(?i:{_alt('half_year_words')})(?![\p{{L}}\p{{M}}])"),
        "relative_year_after": regex.compile(
            rf"\s*(?P<word>(?i:{_alt('relative_years')}))(?![\p{{L}}\p{{M}}])(?!\s*\(?\s*\d)"),
        "same_day": regex.compile(
            rf"(?:^|(?<=[.!?*•:\n]\s*))(?:(?i:{_alt('same_day_parts')})\s+)?(?i:{_alt('same_day_words')})(?![\p{{L}}\p{{M}}])"),
    }


def _is_identifier(text: str, cand: Candidate) -> bool:
    """A number that belongs to a document number, a plate or a code, or a match's score."""
    p = _context_patterns()
    if p["identifier_after"].match(text, cand.end, min(len(text), cand.end + 3)):
        return True
    if cand.kind == "year" and cand.rule != RULES["year"] and p["digit_groups_after"].match(text, cand.end):
        return True  # a telephone number: "1800 555 587", "1800 1234"
    if cand.first.year is None and p["scores_before"].search(text, max(0, cand.start - 45), cand.start):
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


@dataclass
class Anchor:
    start: int
    end: int
    year: int
    month: int | None  # a full date or month: an event of the narrative; None for a plain year
    sentence: int
    adverbial: bool    # a plain year that dates its clause ("Năm 2016, ...", "đầu năm 2017")
    review: bool = False  # the year a review looks back on: its own only for a year-end day
    months_after: int | None = None  # how far after it a day is near, if not year_context_months
    day: int | None = None  # the day of a full date ("Sáng 5-2-2017")
    in_passing: bool = False  # named after a word of comparison or position ("so với ngày 30/4/2020")
    held: bool = False  # the year of an event held in it ("Ngày hội tư vấn xét tuyển năm 2017")


class YearContext:
    """The years an article without ``published`` settles, for the days and months it
    writes without one (the rule and its reasons are documented in ``rules/dates.yaml``,
    before ``year_asides``), in this order:

    1. the same sentence: its nearest full date or month near in the calendar, or a plain
       year before the day that dates its clause (at the clause's head, after a word of
       position, in a plan being carried out named at the clause's head, or just before
       the day);
    2. the article's one year: the article writes no other year (births and laws aside),
       dates at least two events in full (``year_context_events``) or one and a clause by
       that year ("Giữa năm 2019, ..."), and one of the events is near in the calendar;
       a day its own sentence dates (``_settled``) counts as an event dated in full and as
       a clause's year, and so does a lunar new year named with its year ("Tết Nguyên đán
       Đinh Dậu năm 2017");
    else none. "Near in the calendar": the day or month falls from a month before the
    dated event to a few months after it (``year_context_months``).

    Anchors are the candidates with a written year, less births, ranges, quarters and
    names, years in a law's or document's name, and plain years named in passing, as a
    target or as the period a review looks back on."""

    def __init__(self, text: str, candidates: list[Candidate], sentences: list[tuple[int, int]]):
        self.text = text
        self.sentences = sentences
        self.anchors: list[Anchor] = []
        self.written: set[int] = set()   # every year the article writes for its own time
        for cand in candidates:
            if cand.kind == "relative" or _is_birth(text, cand):
                continue
            head = sentences[cand.sentence][0] if cand.sentence >= 0 else 0
            why = _not_the_articles_year(text, cand, head)
            if why in ("law", "aside"):
                continue
            points = _event_points(cand)
            if why is None and cand.rule == RULES["mixed_range"]:
                # its plain year is a limit after "từ" or "đến", named in passing like "từ năm 2016"
                self.written |= {point.year for point in points if point.year}
            elif why is None:
                self.written |= {d.year for d in (cand.first, cand.last) if d and d.year and d.year_written}
            for point in points:
                assert point.year is not None
                self.anchors.append(Anchor(cand.start, cand.end, point.year, point.month, cand.sentence, False,
                                           why == "review", day=point.day, in_passing=_in_passing(text, cand)))
            if points or cand.kind in ("range", "date", "month") or not (cand.first.year and cand.first.year_written):
                continue
            # an event named by its year is one too where a word of holding names it ("Tuần lễ cấp cao APEC 2017")
            held = bool(_context_patterns()["held_event"].search(text, head, cand.start))
            if cand.rule not in ANCHOR_RULES and not (held and cand.rule == RULES["named_year"]):
                continue
            adverbial = bool(_context_patterns()["clause_head"].search(text, head, cand.start)
                             or _context_patterns()["current_cue"].search(text[head:cand.start]))
            self.anchors.append(Anchor(cand.start, cand.end, cand.first.year, None, cand.sentence, adverbial,
                                       why == "review", in_passing=_in_passing(text, cand), held=held))
        self.settled = _settled_sentences(text, candidates, sentences)
        self.events = [a for a in self.anchors if a.month is not None and not a.review]
        for m in _context_patterns()["present_year"].finditer(text):   # "năm nay (2019)": now is that year
            self.written.add(int(m["y"]))
            self.anchors.append(Anchor(m.start(), m.end(), int(m["y"]), None, -1, True))
        for m in _context_patterns()["lunar_new_year"].finditer(text):   # "Tết Đinh Dậu năm 2017", "Tết Đinh Dậu"
            tet_year = int(m["y"]) if m["y"] else _cycle_year(m["stem"], m["branch"])
            if tet_year is not None and _cycle_names(tet_year) == (m["stem"], m["branch"]):
                self.written.add(tet_year)
                self.events.append(Anchor(m.start(), m.end(), tet_year, _words()["lunar_new_year_month"], -1, True,
                                          months_after=_words()["lunar_new_year_months_after"]))
        for cand in candidates:   # a day its own sentence dates is an event of the article too
            if cand.kind in ("date", "month") and cand.first.year is None and cand.first.month:
                year, _ = self._settled(cand)
                if year is not None:
                    self.written.add(year)
                    self.events.append(Anchor(cand.start, cand.end, year, cand.first.month, cand.sentence, True))

    def _near(self, anchor: Anchor, cand: Candidate) -> bool:
        before, after = _words()["year_context_months"]
        if anchor.months_after is not None:
            after = anchor.months_after
        month = cand.first.month
        return anchor.month is not None and month is not None and -before <= month - anchor.month <= after

    def _goes_on(self, anchor: Anchor, cand: Candidate) -> bool:
        """The day follows a day dated in full a few sentences before, within days of it
        ("Sáng 5-2-2017, ... ra bến xe ... Khoảng 20h tối 7-2, ..."), or a month dated in
        full, in it or the month after ("cuối tháng 8/2019, ... chiều 13/9"); or a lead tells
        the day before the body dates the event a few days earlier ("chiều 16/6, ... cho
        biết" ... "ngày 13/6/2017, ...", ``year_lead``); neither named in passing."""
        most_sentences, most_days, most_months = _words()["year_story"]
        lead_sentences, lead_days = _words()["year_lead"]
        told_later = cand.sentence >= 0 and 0 < anchor.sentence - cand.sentence <= lead_sentences
        if anchor.month is None or cand.first.day is None or cand.first.month is None or anchor.in_passing \
                or anchor.review or anchor.sentence < 0 or not (0 < cand.sentence - anchor.sentence <= most_sentences
                                                                or told_later):
            return False
        if told_later:
            # not a lead that celebrates an anniversary of the day the body dates ("Sáng 16/6, ...
            # kỷ niệm 10 năm thành lập" ... "Ngày 15/6/2007, ...")
            start, end = self.sentences[cand.sentence]
            return anchor.day is not None and 1 <= self._gap(anchor, cand) <= lead_days \
                and not _context_patterns()["anniversary_before"].search(self.text, start, end)
        if anchor.day is None:
            return 0 <= cand.first.month - anchor.month <= most_months
        return 0 <= self._gap(anchor, cand) <= most_days

    @staticmethod
    def _gap(anchor: Anchor, cand: Candidate) -> int:
        """Days from the full date to the day in the full date's year (-1 when no such day)."""
        assert anchor.day is not None and anchor.month is not None
        assert cand.first.day is not None and cand.first.month is not None
        try:
            return (date(anchor.year, cand.first.month, cand.first.day) - date(anchor.year, anchor.month, anchor.day)).days
        except ValueError:
            return -1

    def _dates_clause(self, anchor: Anchor, cand: Candidate) -> bool:
        """A plain year before the day that dates its clause, or just before the day."""
        return anchor.end <= cand.start and (anchor.adverbial or not self.text[anchor.end:cand.start].strip(" ,;:–-"))

    def _settled(self, cand: Candidate) -> tuple[int | None, str | None]:
        """The year the day's own words or sentence settle: a year in brackets after it, an
        anniversary or a span from now (``_settled_sentences``)."""
        year = _apposition_year(self.text, cand)
        if year is not None:
            return year, "apposition"
        return self.settled.get(cand.sentence, (None, None))

    def infer(self, cand: Candidate) -> tuple[int | None, str | None]:
        """The year for ``cand`` and how it was found, or (None, None)."""
        year, how = self._settled(cand)
        if year is not None:
            return year, how
        year_end = cand.first.month >= _words()["review_months_from"]
        same = [a for a in self.anchors if a.sentence == cand.sentence
                and ((year_end and a.start > cand.start) if a.review
                     else (self._near(a, cand) and not (a.in_passing and a.start > cand.start))
                     or self._dates_clause(a, cand) or a.held)]
        if same:
            return min(same, key=lambda a: abs(a.start - cand.start)).year, "same sentence"
        if cand.sentence >= 0 and _context_patterns()["trial"].search(self.text, *self.sentences[cand.sentence]):
            return None, None  # a trial is held months or years after the events of the story it judges
        own_years = {a.year for a in self.anchors if a.sentence == cand.sentence}  # another year: another time
        held = [a for a in self.anchors if a.held and 0 < cand.sentence - a.sentence <= _words()["year_story"][0]]
        if held and _context_patterns()["held_word"].search(self.text, *self.sentences[cand.sentence]) \
                and own_years <= {held[-1].year}:
            # "Liên hoan Văn hóa Cồng chiêng Tây Nguyên 2017 ... lễ khai mạc lễ hội vào 20h ngày 10/3"
            return held[-1].year, "the event held"
        next_year = [a for a in self.anchors if a.sentence == cand.sentence and a.review and a.year + 1 in self.written
                     and cand.first.month <= _words()["review_months_until"]]
        if next_year:   # "Hội nghị tổng kết ... năm 2017 và triển khai nhiệm vụ năm 2018, chiều 5-3"
            return next_year[0].year + 1, "a review of the year before"
        story = sorted((a for a in self.events if self._goes_on(a, cand)), key=lambda a: a.start)
        story = [a for a in story if a.sentence < cand.sentence] or story   # the story before first
        if story and own_years <= {story[-1].year}:
            if cand.first.day is not None and cand.sentence >= 0:
                # the story goes on from this day too ("ngày 16.6.2017 ... ngày 22.6 ... ngày 26.6")
                self.events.append(Anchor(cand.start, cand.end, story[-1].year, cand.first.month, cand.sentence, True,
                                          day=cand.first.day))
            return story[-1].year, "the story before"
        events = self.events
        if len(self.written) == 1 and any(self._near(a, cand) for a in events) and (
                len(events) >= _words()["year_context_events"] or any(a.adverbial for a in self.anchors + events)):
            return next(iter(self.written)), "the article's one year"
        return None, None


def _event_points(cand: Candidate) -> list[Day]:
    """The events dated in full that ``cand`` writes: a full date or month; the first day of
    a visit of a few days ("từ ngày 08-11/7/2017", ``year_context_range_days``); the ends
    of a range between a month and a year or a day that write their year ("từ giữa năm
    2016 đến tháng 3.2017")."""
    if cand.kind in ("date", "month"):
        written = cand.first.year and cand.first.year_written and cand.rule in ANCHOR_RULES
        return [cand.first] if written else []
    if cand.kind == "range" and cand.last and _a_few_days(cand):
        return [Day(cand.last.year, cand.first.month, cand.first.day)]
    if cand.rule == RULES["mixed_range"]:
        return [d for d in (cand.first, cand.last) if d and d.month and d.year and d.year_written]
    return []


def _a_few_days(cand: Candidate) -> bool:
    """A range of days in one year short enough to be one event (``year_context_range_days``)."""
    first, last = cand.first, cand.last
    if last is None or first.day is None or last.day is None or first.month is None or last.month is None \
            or not (last.year and last.year_written) or first.year not in (None, last.year):
        return False
    try:
        days = (date(last.year, last.month, last.day) - date(last.year, first.month, first.day)).days
    except ValueError:
        return False
    return 0 <= days <= _words()["year_context_range_days"]


def _cycle_names(year: int) -> tuple[str, str]:
    """The heavenly stem and earthly branch that name ``year`` in the sixty-year cycle."""
    return _words()["heavenly_stems"][year % 10], _words()["earthly_branches"][year % 12]


def _cycle_year(stem: str, branch: str) -> int | None:
    """The year a cycle name written alone names: the one it names in the years of the
    press archives (``cycle_years_alone``), if any ("Tết Đinh Dậu" is 2017; "Tết Mậu Thân",
    1968 or 2028, is neither)."""
    first, last = _words()["cycle_years_alone"]
    return next((year for year in range(first, last + 1) if _cycle_names(year) == (stem, branch)), None)


def _settled_sentences(text: str, candidates: list[Candidate], sentences: list[tuple[int, int]]) -> dict[int, tuple[int, str]]:
    """Sentences that settle their own time, whatever other years they write: an
    anniversary with the year of the day it remembers ("kỷ niệm 70 năm Ngày Thương binh -
    Liệt sĩ (27/7/1947 - 27/7/2017)", "kỷ niệm 50 năm chiến thắng ..., nơi vào rạng sáng
    31/10/1968": that year and the count of years) and a span from now to a year's end
    ("từ nay đến cuối năm 2017"), and an interim review of a period within the year
    (``_interim_review``), which settles the day "cùng ngày" points back to when it opens
    the clause ("Chiều 19/10, ... Sáng cùng ngày, ... giao ban công tác quý III/2018")."""
    p = _context_patterns()
    settled: dict[int, tuple[int, str]] = {}
    by_sentence: dict[int, list[Candidate]] = {}
    for cand in candidates:
        by_sentence.setdefault(cand.sentence, []).append(cand)
    for index, cands in by_sentence.items():
        start, end = sentences[index]
        for m in p["present_until"].finditer(text, start, end):
            settled[index] = (int(m["y"]), "from now to the year's end")
        for m in p["present_year"].finditer(text, start, end):
            settled[index] = (int(m["y"]), "this year")
        for m in p["anniversary_count"].finditer(text, start, end):
            year = _anniversary_year(text, m, [c for c in cands if c.start >= m.end()])
            if year is not None:
                settled[index] = (year, "anniversary")
    days = sorted((c for c in candidates if c.kind in ("date", "month") and c.first.year is None and c.first.month),
                  key=lambda c: c.start)
    for index, cands in by_sentence.items():
        start, end = sentences[index]
        same_day = p["same_day"].search(text, start, end)
        review = _interim_review(text, same_day.end() if same_day else start, end, cands)
        if review is None:
            continue
        year, months = review
        target = index
        if same_day:   # the day last written before "cùng ngày"
            day = next((c for c in reversed(days) if c.end <= same_day.start()), None)
            target = day.sentence if day else -1
        undated = [c for c in days if c.sentence == target]
        if undated and target not in settled and all(months[0] <= (c.first.month or 0) <= months[1] for c in undated):
            settled[target] = (year, "interim review")
    return settled


def _interim_review(text: str, start: int, end: int, cands: list[Candidate]) -> tuple[int, tuple[int, int]] | None:
    """The year and months of an interim review or briefing of a period within the year
    held in ``text[start:end]``: a quarter but the fourth ("giao ban công tác quý III/2018"),
    or the first half-year with the one year the sentence writes ("hội nghị ... năm 2017, sơ
    kết công tác sáu tháng đầu năm")."""
    p = _context_patterns()
    words = p["interim_review"].search(text, start, end)
    if words is None:
        return None
    after = [c for c in cands if c.start >= words.end()]
    quarter = next((c for c in after if c.rule == RULES["quarter"] and c.first.year and c.last), None)
    if quarter is not None and quarter.first.year and quarter.last is not None and quarter.last.month \
            and quarter.last.month < 12:
        last = quarter.last.month
        return quarter.first.year, (last, last + _words()["quarter_review_months_after"])
    years = {c.first.year for c in cands if c.first.year and c.first.year_written and c.start >= start}
    if p["half_year"].search(text, words.end(), end) and len(years) == 1:
        first, last = _words()["half_year_review_months"]
        return years.pop(), (first, last)
    return None


def _anniversary_year(text: str, m: regex.Match, after: list[Candidate]) -> int | None:
    """The year of an anniversary's ceremony: the remembered day's year (the first full
    date, or range of dates or years, written after it) plus the count of years nearest
    before that day ("kỷ niệm 20 năm tái lập tỉnh và 42 năm ngày giải phóng (24/3/1975)":
    42); a range must end in that year. A plain year after it names nothing remembered
    ("kỷ niệm 40 năm ... trong năm 2017")."""
    remembered = next((c for c in after if c.first.year and c.first.year_written), None)
    if remembered is None or remembered.first.year is None or remembered.kind not in ("date", "range"):
        return None
    counts = list(_context_patterns()["years_count"].finditer(text, m.start(), remembered.start))
    year = remembered.first.year + int(counts[-1]["n"] if counts else m["n"])
    if remembered.last is not None and remembered.last.year != year:
        return None
    return year if year <= _words()["year_latest"] else None


def _apposition_year(text: str, cand: Candidate) -> int | None:
    """A year in brackets right after the day names the day's own year: "ngày 5/2 (mùng 1
    Tết Nguyên đán Kỷ Hợi 2019)". A birth in brackets ("(SN 1975)") names a person's."""
    p = _context_patterns()
    m = p["apposition"].match(text, cand.end, min(len(text), cand.end + LOOK_AFTER))
    if not m or p["birth_inside"].search(m["inner"]):
        return None
    years = set(regex.findall(rf"(?<!\d){YEAR}(?!\d)", m["inner"]))
    return int(years.pop()) if len(years) == 1 else None


# The patterns whose years may date an article's events: full dates and months, "năm
# yyyy" and a year after a word of time. A year in a name ("World Cup 2022", "APEC 2017"),
# a range, a quarter or a decade never does.
ANCHOR_RULES = {RULES[name] for name in ("dmy", "verbose", "month", "month_name", "month_list", "month_year", "year", "preceded_year")}


def _not_the_articles_year(text: str, cand: Candidate, head: int) -> str | None:
    """Why a year does not date the article's events, or None: in a law's or document's
    name ("law"), the day an anniversary earlier in the sentence looks back to ("kỷ niệm 50
    năm chiến thắng ..., nơi vào rạng sáng 31/10/1968"),
    named in passing ("chỉ sau năm 2015") or as a target ("vào năm 2030",
    plain years only: "vào ngày 1/12/2018" tells an event) ("aside"), or the year a review
    looks back on ("tổng kết công tác năm 2018": "review")."""
    p = _context_patterns()
    window = text[max(0, cand.start - 90):cand.start]
    if p["law_before"].search(window):
        return "law"
    if p["anniversary_before"].search(text, head, cand.start):
        return "aside"
    if cand.kind != "year":
        return None
    if p["target_before"].search(window) or p["aside_before"].search(window):
        return "aside"
    return "review" if p["review_before"].search(window) else None


def _in_passing(text: str, cand: Candidate) -> bool:
    """A date named after a word of comparison or position ("so với ngày lễ 30/4/2020",
    "từ ngày 1/1/2019"), or a document's date after its number ("Công văn số
    1113/BGDĐT-GDTrH ngày 30/3/2020"): not a day the story is at."""
    p = _context_patterns()
    return bool(p["aside_in_clause"].search(text, max(0, cand.start - 90), cand.start)
                or p["document_number_before"].search(text, max(0, cand.start - 60), cand.start))


def _infer_year(point: Day, cand: Candidate, published: date | None, context: YearContext) -> int | None:
    """The year for a day or month written without one; ``cand.year_from`` says how."""
    relative = _context_patterns()["relative_year_after"].match(context.text, cand.end, min(len(context.text), cand.end + LOOK_AFTER))
    if relative:
        cand.year_from = "relative"
        offset = _words()["relative_years"][relative["word"].lower()]
        if published:
            return published.year + offset
        if offset:
            return None
        # "tháng 11 năm nay" in an undated article: this year is the year the article's own time settles
        year, how = context.infer(cand)
        if year is not None:
            cand.year_from = how
        return year
    if published:
        assert point.month is not None  # a day or month: the month is written

        def distance(year: int) -> int:
            assert point.month is not None
            if point.day:
                day = min(point.day, calendar.monthrange(year, point.month)[1])
                return abs((date(year, point.month, day) - published).days)
            return abs(year * 12 + point.month - (published.year * 12 + published.month))
        cand.year_from = "published"
        return min((published.year - 1, published.year, published.year + 1), key=distance)
    year, cand.year_from = context.infer(cand)
    return year


def _same_day_named_again(text: str, candidates: list[Candidate]) -> None:
    """A day left without a year takes the year the article's context gave the same day and
    month written elsewhere without one, when it gave them all one year: a caption names
    again the day the story told ("Sáng 1-3, ... ra quân huấn luyện năm 2018" ... "Duyệt
    binh ... sáng 1-3"). Not when the article writes that day with a year in full: the same
    day and month of another year is an anniversary ("tròn 1 tuổi vào ngày 10.7" ...
    "Ngày 10.7.2016, ca mổ ..."), and which of the two a bare day names is not settled."""
    days = [c for c in candidates if c.kind == "date" and c.last is None and c.first.day and c.first.month
            and not _is_birth(text, c)]
    years: dict[tuple[int | None, int | None], set[int]] = {}
    written: set[tuple[int | None, int | None]] = set()
    for cand in days:
        if cand.first.year is not None and cand.first.year_written:
            written.add((cand.first.month, cand.first.day))
        elif cand.first.year is not None:
            years.setdefault((cand.first.month, cand.first.day), set()).add(cand.first.year)
    for cand in days:
        known = years.get((cand.first.month, cand.first.day), set())
        if cand.first.year is None and len(known) == 1 and (cand.first.month, cand.first.day) not in written:
            cand.first.year = next(iter(known))
            cand.year_from = "the same day named again"


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
        first.year = _infer_year(first, cand, published, context)
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
    for index, (start, end) in enumerate(article.sentences):
        for cand in _joined_ranges(text, _resolve_overlaps(_candidates(text, start, end))):
            cand.sentence = index
            candidates.append(cand)
    candidates = [c for c in candidates if not _is_identifier(text, c) and not _is_lunar(text, c) and not _is_duration(text, c)]
    context = YearContext(text, candidates, article.sentences)
    for cand in candidates:
        if cand.kind == "relative":
            continue
        if cand.last is not None:
            _range_years(cand, article.published, context)
        elif cand.first.year is None and cand.first.month:
            cand.first.year = _infer_year(cand.first, cand, article.published, context)
    if article.published is None:
        _same_day_named_again(text, candidates)
    found = []
    for cand in candidates:
        kind = "birth" if cand.kind != "relative" and _is_birth(text, cand) else cand.kind
        if cand.kind == "relative":
            if not article.published or cand.relative_days is None:
                continue
            value = (article.published + timedelta(days=cand.relative_days)).isoformat()
        else:
            if not _valid(cand.first) or (cand.last and not _valid(cand.last)):
                continue
            value = f"{_iso(cand.first)}/{_iso(cand.last)}" if cand.last else _iso(cand.first)
        extra = {"year_from": cand.year_from} if cand.year_from else {}
        found.append(mention(text, cand.start, cand.end, value=value, kind=kind, granularity=_granularity(value),
                             rule=cand.rule, **extra))
    return found
