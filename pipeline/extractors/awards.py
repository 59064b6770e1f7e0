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
def _words(key: str) -> regex.Pattern:
    """Any word of the list ``rules/awards.yaml[key]``, whole, in any case."""
    return regex.compile(rf"(?<!\p{{L}})(?:{numbers.alternation(_data()[key])})(?!\p{{L}})", regex.IGNORECASE)


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
def _received_cue_pattern() -> regex.Pattern:
    """After the count, a verb of receiving and then a commendation word in the same clause
    ("5 tập thể ... được khen thưởng", "6 đơn vị nhận Cờ thi đua"): a count followed by a
    commendation word alone is a list of people present or of titles held ("có 700 bà mẹ
    Việt Nam anh hùng, ..., chiến sĩ thi đua toàn quốc")."""
    d = _data()
    cues = numbers.alternation(d["commendation_cues"])
    bodies = numbers.alternation(d["body_words_before_cue"])
    return regex.compile(rf"[^;]*?(?<!\p{{L}})(?:{numbers.alternation(d['receiving_words'])})(?!\p{{L}})[^;]*?"
                         rf"(?<!\p{{L}})(?<!(?i:{bodies})\s*[-–]?\s*)(?:{cues})(?!\p{{L}})", regex.IGNORECASE)


@functools.cache
def _contest_result_pattern() -> regex.Pattern:
    return regex.compile(rf"\s*(?:{numbers.alternation(_data()['contest_results'])})(?!\p{{L}})", regex.IGNORECASE)


@functools.cache
def _verb_reading() -> regex.Pattern:
    """A recipient noun that is a verb here: "Licogi 14 tổ chức lễ kỷ niệm"."""
    d = _data()["noun_as_verb_before"]
    return regex.compile("|".join(rf"(?i:{regex.escape(noun)})\s+(?:{numbers.alternation(after)})(?!\p{{L}})" for noun, after in d.items()))


@functools.cache
def _acted_on_pattern() -> regex.Pattern:
    """A verb done to the people counted, a few words before them ("giải cứu thành công 2 người")."""
    d = _data()
    return regex.compile(rf"(?<!\p{{L}})(?i:{numbers.alternation(d['acted_on_before'])})(?:\s+\S+){{0,{d['acted_on_words']}}}\s+$")


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
    """The name of a form of award as written: a head (``Bằng khen``, ``Huân chương``, any
    case) and the words after it up to punctuation, a number or a word that ends the name
    (``Bằng khen của Bộ trưởng Bộ Công an | cho ...``), at most ``award_name_words`` words."""
    d = _data()
    heads = numbers.alternation(d["award_heads"])
    ends = numbers.alternation(d["award_ends"])
    ends = rf"(?-i:{ends})"  # lower case only: "Kỷ niệm chương Vì sự nghiệp giáo dục" goes on
    count = rf"\d+\s+(?:(?:{numbers.alternation(d['times_word'])})\s+)?(?:{numbers.alternation(_recipient_kinds())})(?!\p{{L}})"
    date = rf"(?:{numbers.alternation(d['award_date_words'])})\s+\d"
    stop = rf"\s*(?:[,;.():!?…]|$)|[\"”]|\s+(?:(?:{ends})(?!\p{{L}})|(?i:{count})|(?i:{date}))"
    abbreviations = numbers.alternation(d["abbreviations_in_names"])     # "Thành ủy TP. HCM"
    word = rf'"[^"\n]{{1,80}}"|“[^”\n]{{1,80}}”|(?-i:{abbreviations})\s+\p{{Lu}}[^\s,;.():!?…"“”]*|[^\s,;.():!?…"“”]+'   # a quoted title is one word
    return regex.compile(rf"(?<!\p{{L}})(?:{heads})(?!\p{{L}})(?:\s+(?!(?:{ends})(?!\p{{L}}))(?:{word})){{0,{d['award_name_words']}}}?(?={stop})",
                         regex.IGNORECASE)


@functools.cache
def _received_pattern() -> regex.Pattern:
    """A verb of receiving shortly before a form of award that follows the count
    (``75 tập thể ... đã được Ủy ban ... tặng | bằng khen``, ``6 đơn vị nhận | Cờ thi đua``)."""
    d = _data()
    return regex.compile(rf"(?<!\p{{L}})(?:{numbers.alternation(d['receiving_words'])})(?!\p{{L}})(?:\s+\S+){{0,{d['receiver_to_award_words']}}}\s*$",
                         regex.IGNORECASE)


def _award_form(text: str, c_start: int, c_end: int, m: regex.Match) -> str | None:
    """The form of award that this count received, as written: the first one named after the
    count that a verb of receiving leads to (``6 đơn vị nhận Cờ thi đua``), else the nearest
    one named before the count in its clause (``tặng Giấy khen cho 1 tập thể và 16 cá nhân``),
    else one named right after it in the same phrase (``khen thưởng 20 cá nhân ... Kỷ niệm
    chương Vì sự nghiệp giáo dục``)."""
    names = [name for name in _award_pattern().finditer(text, c_start, c_end) if not _words("sport_title_words").search(name[0])]
    after = next((name for name in names if name.start() >= m.end()), None)
    if after:
        between = text[m.end():after.start()]
        if _received_pattern().search(between) and not _words("giving_to").search(between):
            return after[0]
    before = [name for name in names if name.end() <= m.start()]
    if before:
        return before[-1][0]
    if after and not regex.search(r"[,;]", text[m.end():after.start()]):
        return after[0]
    return None


def _same_award_forms(found: list[dict]) -> None:
    """An article often repeats a count (title, lead, body) and names its form of award only
    once, or once in full: every mention of the same count and recipient takes the fullest
    name given to it, when the names given agree (each begins the fullest one)."""
    groups: dict[tuple, list[dict]] = {}
    for item in found:
        if item["qualifier"] != "vague":
            groups.setdefault((item["count"], item["recipient"]), []).append(item)
    for items in groups.values():
        named = [item["award"] for item in items if item["award"]]
        if not named:
            continue
        fullest = max(named, key=len)
        if all(fullest.lower().startswith(name.lower()) for name in named):
            for item in items:
                item["award"] = fullest


#: Rule ids: how the commendation word governs the count.
RULES = {
    "before": "commendation, count recipient",           # tặng Bằng khen cho 5 tập thể
    "after": "count recipient, commendation",            # 5 tập thể được khen thưởng
    "clause_before": "commendation; count recipient",    # khen thưởng ...; 3 cá nhân có thành tích
    "awards_counted": "commendation, count award-form",  # trao 3 Huân chương Lao động cho ...
}


def _commended(text: str, s_start: int, c_start: int, c_end: int, m: regex.Match) -> tuple[str, int] | None:
    """The count is of people or units commended: a commendation word governs it in its
    clause, either before it ("tặng Bằng khen cho 75 tập thể", "biểu dương 400 gương") or
    after it ("2.600 lượt tập thể ... được khen thưởng"); for a clause that opens with the
    count, the clause before may hold the word ("...; 3 cá nhân có thành tích"). A count
    followed by a result or an act of its own ("đạt giải", "chết", "tham gia") is not
    commended unless the word directly gives to it; a ranking ("tốp 10"), a revocation, a
    year or a class number is never one. Returns the rule id and where the clause holding
    the commendation word starts, or None."""
    if _ranking_pattern().search(text, max(c_start, m.start() - 8), m.start()) \
            or _not_count_pattern().search(text, max(c_start, m.start() - 12), m.start()) \
            or _acted_on_pattern().search(text, max(c_start, m.start() - 40), m.start()) \
            or _verb_reading().match(text, m.start("noun")):
        return None
    given = bool(_given_pattern().search(text, max(c_start, m.start() - 90), m.start()))
    if not given and _result_pattern().match(text, m.end(), c_end):
        return None
    if given and _words("attendance_words").search(text, c_start, m.start()) \
            and not _words("giving_to").search(text, _given_pattern().search(text, c_start, m.start()).start(), m.start()):
        return None
    if given:
        cue_start, rule = c_start, RULES["before"]
    elif _received_cue_pattern().match(text, m.end(), c_end) or _cue_pattern().search(text, m.start("noun"), m.end()):
        cue_start, rule = c_start, RULES["after"]
    elif text[c_start:m.start()].strip() == "" and c_start > s_start:
        cue_start, rule = _clause(text, s_start, c_end, c_start - 1)[0], RULES["clause_before"]
        if not _cue_pattern().search(text, cue_start, c_start):
            return None
    else:
        return None
    if _words("revocation_words").search(text, cue_start, c_end) or _proposal_pattern().search(text, cue_start, c_end):
        return None
    return rule, cue_start


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
def _proposal_pattern() -> regex.Pattern:
    """A commendation proposed, not given: "đề nghị trao tặng", "được đề nghị truy tặng"."""
    d = _data()
    return regex.compile(rf"(?<!\p{{L}})(?:{numbers.alternation(d['proposal_words'])})(?:\s+\S+){{0,{d['proposal_to_cue_words']}}}?\s+"
                         rf"(?:{numbers.alternation(d['commendation_cues'])})(?!\p{{L}})", regex.IGNORECASE)


@functools.cache
def _counted_awards_pattern() -> regex.Pattern:
    """A number of awards given ("trao 11 Huân chương Độc lập hạng Nhì", "2067 danh hiệu")."""
    d = _data()
    return regex.compile(
        rf"(?<![\p{{L}}\p{{N}}/.,])(?:(?P<qual>{numbers.qualifier_pattern()})\s+)?"
        rf"(?:(?P<num>\d{{1,3}}(?:\.\d{{3}})+|\d+)|(?<!\d\s+)(?P<words>{numbers.standalone_word_number_pattern()}))"
        rf"\s+(?=(?:{numbers.alternation(d['counted_award_heads'])})(?!\p{{L}}))", regex.IGNORECASE)


@functools.cache
def _award_verb_pattern() -> regex.Pattern:
    """An active giving verb before the counted awards: no passive marker in the few words
    before it ("Anh được Giám đốc Công an trao hai giấy khen": awards held by one person)."""
    d = _data()
    passive = rf"(?<!\p{{L}})(?:{numbers.alternation(d['passive_markers'])})(?!\p{{L}})"
    return regex.compile(rf"(?<!{passive}(?:\s+[^\s;.()]+){{0,{d['passive_to_verb_words']}}}\s+)(?<!\p{{L}})"
                         rf"(?:{numbers.alternation(d['award_giving_verbs'])})(?!\p{{L}})[^;.()]*$", regex.IGNORECASE)


@functools.cache
def _holders_after() -> regex.Pattern:
    """Who the counted awards go to, the first named after them in the clause: "cho 6 tập thể"
    (counted: their count is listed instead), "tặng các đồng chí lãnh đạo" (their kind), or
    nobody named ("cho HLV Park Hang Seo")."""
    d = _data()
    return regex.compile(rf"(?<!\p{{L}})(?:{numbers.alternation(d['giving_to'] + d['holders_joiners'])})\s+"
                         rf"(?:(?:{numbers.alternation(d['plural_markers'])})\s+)?"
                         rf"(?:(?P<counted>\d|(?:{numbers.standalone_word_number_pattern()})\s)|(?P<noun>{numbers.alternation(_recipient_kinds())})(?!\p{{L}}))",
                         regex.IGNORECASE)


def _counted_awards(text: str, s_start: int, s_end: int, recipients: list[tuple[int, int]]) -> list[dict]:
    """Counts of awards given, read as counts of recipients (one award to each; see
    ``rules/awards.yaml``): kept only when no count of the recipients themselves goes with them."""
    found = []
    for m in _counted_awards_pattern().finditer(text, s_start, s_end):
        c_start, c_end = _clause(text, s_start, s_end, m.start())
        name = _award_pattern().match(text, m.end(), c_end)
        if not name or _words("sport_title_words").search(name[0]):
            continue
        verb_from = c_start
        if not _award_verb_pattern().search(text, max(c_start, m.start() - 90), m.start()):
            if text[c_start:m.start()].strip() or c_start == s_start:
                continue
            verb_from = _clause(text, s_start, c_end, c_start - 1)[0]
            if not _award_verb_pattern().search(text, max(verb_from, c_start - 90), c_start - 1):
                continue
        if _words("revocation_words").search(text, verb_from, c_end):
            continue
        # "4 cá nhân nhận 4 bằng khen": the recipients are counted already
        if any(c_start <= end <= m.start() and len(text[end:m.start()].split()) <= 3 for _, end in recipients):
            continue
        holders = _holders_after().search(text, name.end(), c_end)
        if holders and holders["counted"]:
            continue
        recipient = _recipient_kinds()[" ".join(holders["noun"].lower().split())] if holders and holders["noun"] else "unspecified"
        count = int(m["num"].replace(".", "")) if m["num"] else numbers.parse_words(m["words"])
        if not count:
            continue
        start = m.start("qual") if m["qual"] else m.start()
        found.append(mention(text, start, name.end(), count=count, qualifier=numbers.qualifier_of(m["qual"]),
                             recipient=recipient, award=name[0], rule=RULES["awards_counted"]))
    return found


def extract(article: ArticleText) -> list[dict]:
    text = article.text
    found = []
    for s_start, s_end in article.sentences:
        if not _cue_pattern().search(text, s_start, s_end):
            continue
        recipients = []
        for m in _pattern().finditer(text, s_start, s_end):
            recipients.append((m.start(), m.end()))
            c_start, c_end = _clause(text, s_start, s_end, m.start())
            governed = _commended(text, s_start, c_start, c_end, m)
            if not governed:
                continue
            rule, cue_start = governed
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
            award = _award_form(text, cue_start, c_end, m)
            if not award and _contest_result_pattern().match(text, m.end(), c_end):
                continue  # "trao thưởng cho 3 người trúng giải": winners of a draw or a contest
            start = m.start("qual") if m["qual"] else m.start()
            found.append(mention(text, start, m.end(), count=count, qualifier=qualifier,
                                 recipient=recipient, award=award, rule=rule))
        found += _counted_awards(text, s_start, s_end, recipients)
    found.sort(key=lambda item: item["start"])
    _same_award_forms(found)
    return found
