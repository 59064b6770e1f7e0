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
    (``Bằng khen của Bộ trưởng Bộ Công an | cho ...``), at most ``award_name_words`` words.
    Forms given together are one name, as written (``Bằng khen, Giấy khen``, ``Huân chương
    Lao động hạng Ba và Bằng khen của Thủ tướng``)."""
    d = _data()
    heads = numbers.alternation(d["award_heads"])
    ends = numbers.alternation(d["award_ends"])
    ends = rf"(?-i:{ends})"  # lower case only: "Kỷ niệm chương Vì sự nghiệp giáo dục" goes on
    count = rf"\d+\s+(?:(?:{numbers.alternation(d['times_word'])})\s+)?(?:{numbers.alternation(_recipient_kinds())})(?!\p{{L}})"
    date = rf"(?:{numbers.alternation(d['award_date_words'])})\s+\d"
    duration = (rf"\d+(?:\s*[-–]\s*\d+)?\s+(?:{numbers.alternation(d['award_duration_units'])})(?!\p{{L}})"
                rf"(?!\s+(?:{numbers.alternation(d['award_duration_unless'])}))")
    abbreviations = numbers.alternation(d["abbreviations_in_names"])     # "Thành ủy TP. HCM"
    word = rf'"[^"\n]{{1,80}}"|“[^”\n]{{1,80}}”|(?-i:{abbreviations})\s+\p{{Lu}}[^\s,;.():!?…"“”]*|[^\s,;.():!?…"“”]+'   # a quoted title is one word
    quoted_heads = rf"(?:{numbers.alternation(d['award_heads_before_quote'])})(?=\s*[\"“])"
    joiner = rf"\s*(?:{numbers.alternation(d['award_joiners'])})\s*"
    # a joiner before a field of state management goes on with the conferrer's name ("Bằng
    # khen của Bộ Lao động thương binh và xã hội"; the fields are the officials rules')
    field = rf"{joiner}(?:{numbers.alternation(rules.load('officials')['sector_words'])})(?!\p{{L}})"
    # "và" between two authorities after "của" joins the conferrers ("cờ thi đua của Chính phủ
    # và Bộ Quốc phòng")
    conferrers = (rf"\s+và(?=\s+(?-i:{numbers.alternation(d['authority_heads'])})(?!\p{{L}}))"
                  rf"(?<=(?<!\p{{L}})(?:{numbers.alternation(d['conferrer_of'])})\s[^,;.()]{{1,64}})")
    # a comma inside a pair of words the name joins with one ("cấp tỉnh, thành")
    pairs = "|".join(rf"(?<=(?<!\p{{L}}){first}),\s*{second}(?!\p{{L}})" for first, second in d["award_comma_pairs"])
    goes_on = rf"{field}|{conferrers}|{pairs}"
    stop = rf"(?!{goes_on})(?:\s*(?:[,;.():!?…]|$)|[\"”]|\s+(?:(?:{ends})(?!\p{{L}})|(?i:{count})|(?i:{date})|(?i:{duration})))"
    name = rf"(?:(?:{heads})(?!\p{{L}})|{quoted_heads})(?:\s+(?!(?:{ends})(?!\p{{L}}))(?:{word})|{goes_on}){{0,{d['award_name_words']}}}?(?={stop})"
    # a title in quotes that a verb of naming gives ("được vinh danh là “Đảng viên trẻ xuất sắc”")
    named_title = rf'(?<=(?:{numbers.alternation(d["title_namers"])})\s{{1,3}})(?:"[^"\n]{{1,80}}"|“[^”\n]{{1,80}}”)'
    name = rf"(?:{named_title}|{name})"
    return regex.compile(rf"(?<!\p{{L}}){name}(?:{joiner}{name})*", regex.IGNORECASE)


@functools.cache
def _received_pattern() -> regex.Pattern:
    """A verb of receiving shortly before a form of award that follows the count
    (``75 tập thể ... đã được Ủy ban ... tặng | bằng khen``, ``6 đơn vị nhận | Cờ thi đua``)."""
    d = _data()
    return regex.compile(rf"(?<!\p{{L}})(?:{numbers.alternation(d['receiving_words'])})(?!\p{{L}})(?:\s+\S+){{0,{d['receiver_to_award_words']}}}\s*$",
                         regex.IGNORECASE)


#: a further count in a list after this one
_NEXT_COUNT = regex.compile(r"[,;]\s*\d+\s+\p{L}")


def _own_verb_before_next_count(between: str) -> bool:
    """The count received something of its own before a further count: in "01 cán bộ đạt
    giải thưởng X, 08 đoàn viên đạt danh hiệu Y" the form after the second count is its own
    (not in "75 tập thể, 120 cá nhân được tặng bằng khen", where the counts share it)."""
    next_count = _NEXT_COUNT.search(between)
    return next_count is not None and _words("receiving_words").search(between, 0, next_count.start()) is not None


#: the punctuation that ends a phrase of a list
_PHRASE_END = regex.compile(r"[,;]")


def _phrase_end(text: str, start: int, end: int) -> int:
    """Where the phrase from ``start`` ends: at the next comma or semicolon, or ``end``."""
    punctuation = _PHRASE_END.search(text, start, end)
    return punctuation.start() if punctuation else end


def _received_by_earlier_count(text: str, c_start: int, names: list[regex.Match], form: regex.Match) -> bool:
    """``form`` is what an earlier count of the list received ("24 tập thể được tặng cờ thi
    đua, 94 tập thể được công nhận ..."): the first form after that count, led to by a verb
    of receiving. Asked only of a count with a verb of its own: the members of an earlier
    count ("22 cá nhân được tặng bằng khen gồm 9 người dân ...") share its form."""
    earlier = [count for count in _pattern().finditer(text, c_start, form.start()) if count.group("num")]
    if not earlier:
        return False
    count = earlier[-1]
    between = text[count.end():form.start()]
    first_after = next(name for name in names if name.start() >= count.end())
    return first_after.start() == form.start() and _received_pattern().search(between) is not None \
        and not _words("giving_to").search(between)


def _award_form(text: str, c_start: int, c_end: int, m: regex.Match, result: bool = False) -> regex.Match | None:
    """The form of award that this count received, as written: the first one named after the
    count that a verb of receiving leads to (``6 đơn vị nhận Cờ thi đua``), else the nearest
    one named before the count in its clause (``tặng Giấy khen cho 1 tập thể và 16 cá nhân``),
    else one named right after it in the same phrase (``khen thưởng 20 cá nhân ... Kỷ niệm
    chương Vì sự nghiệp giáo dục``). A count followed by a contest result (``result``) holds
    that result, not an award, after it: only a form named before it is given to it."""
    names = [name for name in _award_pattern().finditer(text, c_start, c_end) if not _words("sport_title_words").search(name[0])]
    after = None if result else next((name for name in names if name.start() >= m.end()), None)
    if after:
        between = text[m.end():after.start()]
        if _received_pattern().search(between) and not _words("giving_to").search(between) \
                and not _own_verb_before_next_count(between):
            return after
    before = [name for name in names if name.end() <= m.start()]
    if before:
        own_verb = _words("receiving_words").search(text, m.end(), _phrase_end(text, m.end(), c_end))
        return None if own_verb and _received_by_earlier_count(text, c_start, names, before[-1]) else before[-1]
    if after and not regex.search(r"[,;]", text[m.end():after.start()]):
        return after
    return None


@functools.cache
def _title_pattern() -> regex.Pattern:
    """A title of emulation that names the recipients counted ("10 | công dân Thủ đô ưu tú")."""
    return regex.compile(rf"(?:{numbers.alternation(_data()['titles_as_recipients'])})(?!\p{{L}})", regex.IGNORECASE)


@functools.cache
def _anaphor_pattern() -> regex.Pattern:
    """A form of award named by its head and a word pointing back ("danh hiệu này")."""
    d = _data()
    return regex.compile(rf"(?P<head>{numbers.alternation(d['award_heads'])})\s+(?:{numbers.alternation(d['anaphors'])})", regex.IGNORECASE)


QUOTED = regex.compile(r'"[^"\n]{1,60}"|“[^”\n]{1,60}”|(?<!\p{L})\'[^\'\n]{1,60}\'(?!\p{L})')


def _antecedent(text: str, award: str, s_start: int, before: int) -> str:
    """For a form of award named by an anaphor ("189 sinh viên đạt danh hiệu này"), the
    one it points back to in its sentence: the last named in full with the same head, else
    the last quoted title ("phong trào 'Sinh viên 5 tốt' với 189 sinh viên đạt danh hiệu
    này" → danh hiệu 'Sinh viên 5 tốt'); else the head alone."""
    anaphor = _anaphor_pattern().fullmatch(award)
    if not anaphor:
        return award
    head = anaphor["head"]
    named = [name[0] for name in _award_pattern().finditer(text, s_start, before)
             if name[0].lower().startswith(head.lower()) and len(name[0]) > len(head) and not _anaphor_pattern().fullmatch(name[0])]
    if named:
        return named[-1]
    quoted = [q[0] for q in QUOTED.finditer(text, s_start, before)]
    return f"{head} {quoted[-1]}" if quoted else head


def _same_award_forms(found: list[dict]) -> None:
    """An article often repeats a count (title, lead, body) and names its form of award or its
    event only once, or once in full: every mention of the same count and recipient takes the
    fullest name given to it, when the names given agree (each begins the fullest one); and
    the conferrer, date and province given to it, when its mentions give one value only."""
    groups: dict[tuple, list[dict]] = {}
    for item in found:
        if item["qualifier"] != "vague":
            groups.setdefault((item["count"], item["recipient"]), []).append(item)
    for items in groups.values():
        named = [item["award"] for item in items if item["award"]]
        if named:
            fullest = max(named, key=len)
            if all(fullest.lower().startswith(name.lower()) for name in named):
                for item in items:
                    item["award"] = fullest
        for key in EVENT_VALUES:
            given = {" ".join(item[key].lower().split()): item[key] for item in items if item[key]}
            if len(given) == 1:
                value = next(iter(given.values()))
                for item in items:
                    item[key] = value


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
            or _superlative_subset(text, c_start, m) \
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
    elif (received := _received_cue_pattern().match(text, m.end(), c_end)) or _cue_pattern().search(text, m.start("noun"), m.end()):
        if received and _proposal_or_plan().search(text, m.end(), received.end()):
            return None  # "199 trường hợp ... sẽ được Bộ ... trình Thủ tướng ... để đề nghị ... truy tặng"
        cue_start, rule = c_start, RULES["after"]
    elif text[c_start:m.start()].strip() == "" and c_start > s_start:
        cue_start, rule = _clause(text, s_start, c_end, c_start - 1)[0], RULES["clause_before"]
        if not _cue_pattern().search(text, cue_start, c_start):
            return None
    else:
        return None
    if _words("revocation_words").search(text, cue_start, c_end) or _proposed(text, s_start, cue_start, c_end):
        return None
    return rule, cue_start


def _proposed(text: str, s_start: int, c_start: int, c_end: int) -> bool:
    """A commendation proposed or submitted in the clause, or in the clause before when this
    one opens with the commendation word and so goes on with it ("đề nghị Chủ tịch nước phong
    tặng ... cho 84 cá nhân; Phong tặng ... cho 307 cá nhân")."""
    if _proposal_pattern().search(text, c_start, c_end):
        return True
    opening = c_start + len(text[c_start:c_end]) - len(text[c_start:c_end].lstrip())
    if c_start <= s_start or not (_cue_pattern().match(text, opening) or _words("award_giving_verbs").match(text, opening)):
        return False
    before = _clause(text, s_start, c_start - 1, c_start - 1)
    return bool(_proposal_pattern().search(text, before[0], c_start - 1))


@functools.cache
def _kind_after() -> regex.Pattern:
    """One kind of recipient right after a noun that says none ("gương điển hình | cá nhân")."""
    kinds = numbers.alternation(_data()["recipients"]["individual"] + _data()["recipients"]["collective"])
    return regex.compile(rf"\s+({kinds})(?!\p{{L}})", regex.IGNORECASE)


@functools.cache
def _both_kinds_after() -> regex.Pattern:
    pairs = numbers.alternation(_data()["unspecified_pairs"])
    return regex.compile(rf"\s+(?:[\p{{Ll}}\p{{M}}]+\s+){{0,2}}(?:{pairs})(?!\p{{L}})", regex.IGNORECASE)


def _no_stop() -> str:
    """Text within one clause part: no semicolon, bracket or dot, but the dot of an
    abbreviation in a name ("Bằng khen của UBND TP. Hồ Chí Minh cho 15 tập thể")."""
    return rf"(?:(?-i:{numbers.alternation(_data()['abbreviations_in_names'])})|[^;.()])*"


@functools.cache
def _given_pattern() -> regex.Pattern:
    """A commendation word before the count in the same clause part (``tặng Bằng khen của
    Bộ trưởng cho``, ``trao thư khen, thưởng cho``, ``cho 5 tập thể, 7 cá nhân``)."""
    return regex.compile(rf"(?<!\p{{L}})(?:{numbers.alternation(_data()['commendation_cues'])}){_no_stop()}$", regex.IGNORECASE)


@functools.cache
def _not_count_pattern() -> regex.Pattern:
    """Words before a number that make it a year, a class or an ordinal (``năm 2017``, ``lớp 8``)."""
    return regex.compile(rf"(?<!\p{{L}})(?i:{numbers.alternation(_data()['not_count_after'])})\s+$")


@functools.cache
def _ranking_pattern() -> regex.Pattern:
    return regex.compile(rf"(?<!\p{{L}})(?i:{numbers.alternation(_data()['ranking_words'])})\s*$")


@functools.cache
def _superlative_pattern() -> regex.Pattern:
    """A superlative right after the counted noun: "gương mặt | trẻ tuổi nhất"."""
    return regex.compile(rf"(?:\s+\p{{Ll}}[\p{{Ll}}\p{{M}}]*){{0,3}}?\s+(?:{numbers.alternation(_data()['superlative_words'])})(?!\p{{L}})")


def _superlative_subset(text: str, c_start: int, m: regex.Match) -> bool:
    """"một trong hai gương mặt trẻ tuổi nhất nhận giải": one of the N that are the most
    something, a ranking, not a count of the commended."""
    return bool(_words("subset_words").search(text, max(c_start, m.start() - 12), m.start())
                and _superlative_pattern().match(text, m.end()))


def _not_yet_words() -> str:
    """The words of a commendation proposed or planned, not given ("đề nghị", "sẽ"), as one alternation."""
    d = _data()
    return numbers.alternation(d["proposal_words"] + d["planned_words"])


@functools.cache
def _proposal_or_plan() -> regex.Pattern:
    """A word of proposal or plan between the count and the commendation it is to receive
    ("100 cá nhân xuất sắc sẽ được ... tôn vinh")."""
    return regex.compile(rf"(?<!\p{{L}})(?:{_not_yet_words()})(?!\p{{L}})", regex.IGNORECASE)


@functools.cache
def _proposal_pattern() -> regex.Pattern:
    """A commendation proposed or planned, not given: "đề nghị trao tặng", "được đề nghị truy
    tặng", "sẽ được khen thưởng"."""
    d = _data()
    return regex.compile(rf"(?<!\p{{L}})(?:{_not_yet_words()})(?:\s+\S+){{0,{d['proposal_to_cue_words']}}}?\s+"
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
                         rf"(?:{numbers.alternation(d['award_giving_verbs'])})(?!\p{{L}}){_no_stop()}$", regex.IGNORECASE)


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


@functools.cache
def _individual_title() -> regex.Pattern:
    """A title only a person holds, opening the name of a counted award ("danh hiệu “Sinh
    viên 5 tốt”", not "danh hiệu Tập thể sinh viên 5 tốt")."""
    d = _data()
    return regex.compile(rf"(?:(?<!\p{{L}})(?:{numbers.alternation(d['award_heads'])})\s+[\"“]?|[\"“])"
                         rf"(?:{numbers.alternation(d['individual_titles'])})(?![\p{{L}}\p{{N}}])", regex.IGNORECASE)


def _counted_awards(article: ArticleText, s_start: int, s_end: int, recipients: list[tuple[int, int]]) -> list[dict]:
    """Counts of awards given, read as counts of recipients (one award to each; see
    ``rules/awards.yaml``): kept only when no count of the recipients themselves goes with them."""
    text = article.text
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
        if _words("revocation_words").search(text, verb_from, c_end) or _proposed(text, s_start, verb_from, c_end):
            continue
        # "4 cá nhân nhận 4 bằng khen": the recipients are counted already
        if any(c_start <= end <= m.start() and len(text[end:m.start()].split()) <= 3 for _, end in recipients):
            continue
        holders = _holders_after().search(text, name.end(), c_end)
        if holders and holders["counted"]:
            continue
        if holders and holders["noun"]:
            recipient = _recipient_kinds()[" ".join(holders["noun"].lower().split())]
        else:
            recipient = "individual" if _individual_title().search(text, m.end(), name.end()) else "unspecified"
        count = int(m["num"].replace(".", "")) if m["num"] else numbers.parse_words(m["words"])
        if not count:
            continue
        start = m.start("qual") if m["qual"] else m.start()
        found.append(mention(text, start, name.end(), count=count, qualifier=numbers.qualifier_of(m["qual"]),
                             recipient=recipient, award=_award_text(article, name),
                             **_event(article, (s_start, s_end), (verb_from, c_end), (start, name.end()), name),
                             rule=RULES["awards_counted"]))
    return found


# --- The award event: conferrer, date, province -------------------------------------------

#: The values of the award event each mention carries, in record order.
EVENT_VALUES = ("conferrer", "date", "province")


@functools.cache
def _word() -> str:
    """One word of a name: a dotted abbreviation with what follows it ("TP. HCM") or a run
    of characters without spaces and sentence punctuation (a comma may end it)."""
    abbreviations = numbers.alternation(_data()["abbreviations_in_names"])
    return rf'(?:(?-i:{abbreviations})\s+\p{{Lu}}[^\s;.():!?…"“”]*|[^\s;.():!?…"“”]+)'


@functools.cache
def _of_pattern() -> regex.Pattern:
    """"của X" in the name of a form of award ("Bằng khen của Bộ trưởng Bộ Công an")."""
    return regex.compile(rf"(?<!\p{{L}})(?:{numbers.alternation(_data()['conferrer_of'])})\s+(?P<who>\S.*)", regex.DOTALL)


@functools.cache
def _verbs() -> str:
    return rf"(?<!\p{{L}})(?i:{numbers.alternation(_data()['conferring_verbs'])})(?!\p{{L}})"


@functools.cache
def _agent_pattern() -> regex.Pattern:
    """The agent of a passive conferring verb: "được | Chủ tịch nước, Thủ tướng Chính phủ | khen thưởng"."""
    d = _data()
    return regex.compile(rf"(?<!\p{{L}})(?:{numbers.alternation(d['agent_after'])})\s+"
                         rf"(?P<who>{_word()}(?:\s+{_word()}){{0,{d['conferrer_words'] - 1}}}?)\s+{_verbs()}")


@functools.cache
def _joined_form_pattern() -> regex.Pattern:
    """A further form of award joined to the one before ("| và Huân chương Lao động hạng Ba")."""
    d = _data()
    return regex.compile(rf"\s*(?:{numbers.alternation(d['award_joiners'])})\s*(?:{numbers.alternation(d['award_heads'])})(?!\p{{L}})",
                         regex.IGNORECASE)


@functools.cache
def _opener_pattern() -> regex.Pattern:
    d = _data()
    return regex.compile(rf"(?:{numbers.alternation(d['openers'])})(?!\p{{L}})(?P<to_comma>(?:\s+[^\s,;]+){{0,{d['opener_to_comma_words']}}}\s*,)?\s*")


@functools.cache
def _subject_end_pattern() -> regex.Pattern:
    d = _data()
    return regex.compile(rf"(?<!(?<!\p{{L}})(?:{numbers.alternation(d['subject_end_not_after'])})\s+)"
                         rf"(?<!\p{{L}})(?:{numbers.alternation(d['subject_ends'])})(?!\p{{L}})")


@functools.cache
def _authority_pattern() -> regex.Pattern:
    return regex.compile(rf"(?:{numbers.alternation(_data()['authority_heads'])})(?!\p{{L}})", regex.IGNORECASE)


def _authority(article: ArticleText, where: tuple[int, int] | None) -> tuple[int, int] | None:
    """``where`` when it names an authority: it opens with an office or body, or with a
    province's name."""
    if where and where[0] < where[1] and (_authority_pattern().match(article.text, *where) or any(
            p["start"] == where[0] for p in article.mentions("provinces"))):
        return where
    return None


@functools.cache
def _trailing_name_pattern() -> regex.Pattern:
    """A full name that ends an office ("Chủ tịch UBND TP Đà Nẵng | Huỳnh Đức Thơ"): a common
    surname and two or three capitalised words."""
    surnames = numbers.alternation(rules.load("names")["common_surnames"])
    return regex.compile(rf"\s+(?-i:{surnames})(?:\s+\p{{Lu}}\p{{Ll}}*){{2,3}}\s*$")


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] in ",:-–"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",:-–"):
        end -= 1
    return start, end


def _award_text(article: ArticleText, award: regex.Match) -> str:
    """The form of award as written, less the name of the office-holder who confers it
    ("bằng khen của Thủ tướng Chính phủ | Nguyễn Xuân Phúc"). Only the "của X" part is cut:
    a name that is the award's own stays ("Huân chương Hồ Chí Minh")."""
    of = _of_pattern().search(article.text, award.start(), award.end())
    if not of:
        return award[0]
    start, end = _without_name(article, of.start("who"), award.end())
    return article.text[award.start():end] if end > start else award[0]


def _without_name(article: ArticleText, start: int, end: int) -> tuple[int, int]:
    """The office without the office-holder's name after it: the name of an official the
    article names, or a full name by its form; a province's name ("UBND TP Hồ Chí Minh")
    is no person's."""
    text = article.text
    for official in sorted(article.mentions("officials"), key=lambda o: -len(o["name"])):  # "Vladimir Putin" before "Putin"
        cut = end - len(official["name"])
        if cut > start and text[cut - 1].isspace() and text[cut:end].lower() == official["name"].lower():
            return _trim(text, start, cut)
    m = _trailing_name_pattern().search(text, start, end)
    if m and not any(p["start"] < end and p["end"] > m.start() for p in article.mentions("provinces")):
        return _trim(text, start, m.start())
    return start, end


@functools.cache
def _trailing_joiner() -> regex.Pattern:
    return regex.compile(rf"(?<!\p{{L}})(?:{numbers.alternation(_data()['recipient_joiners'])})\s*$")


def _subject(article: ArticleText, start: int, end: int) -> tuple[int, int] | None:
    """The subject of the conferring verb nearest before the count (at ``end``): the words
    after the comma before that verb ("..., UBND tỉnh Nghệ An cũng trao bằng khen cho 6 cá
    nhân"), else those that open the clause after its openers ("Chiều 2/6,", "Dịp này");
    capitalised, up to the first auxiliary or predicate word, and telling nothing ("Ông Sáu
    cho biết ..., tỉnh đoàn đã tổ chức tuyên dương": the subject reports)."""
    text = article.text
    verbs = list(regex.compile(_verbs()).finditer(text, start, end))
    if not verbs:
        return None
    comma = text.rfind(",", start, verbs[-1].start())
    after_comma = []
    if comma >= 0 and not _words("representing_words").search(text, text.rfind(",", start, comma) + 1, comma):
        # "thay mặt lãnh đạo Đảng, Nhà nước trao": the comma continues those represented
        begin, edge = comma + 1, comma
        while edge > start:  # offices in apposition are one conferrer: "Phó thủ tướng, | Chủ tịch Uỷ ban ..."
            before = text.rfind(",", start, edge)
            head = _trim(text, before + 1 if before >= 0 else start, edge)
            if head[0] == head[1] or not _authority_pattern().match(text, *head) or _subject_end_pattern().search(text, *head) \
                    or (before >= 0 and _words("representing_words").search(text, text.rfind(",", start, before) + 1, before)):
                break  # "Thay mặt lãnh đạo Đảng, Nhà nước, | Tổng Bí thư": the office is the speaker's alone
            begin, edge = head[0], before
        after_comma = [begin]
    for begin in after_comma + [start]:
        pos = _trim(text, begin, end)[0]
        while (opener := _opener_pattern().match(text, pos, end)) and opener.end() > pos:
            pos = opener.end()
        stop = _subject_end_pattern().search(text, pos, end)
        if not stop or not regex.compile(_verbs()).search(text, stop.start(), end) \
                or _words("report_words").search(text, stop.start(), end):
            continue
        who = _trim(text, pos, stop.start())
        joiner = _trailing_joiner().search(text, *who)
        if joiner:  # "Công an huyện Hương Sơn và | ...": the subject ended before
            who = _trim(text, who[0], joiner.start())
        words = text[who[0]:who[1]].split()
        if words and words[0][0].isupper() and len(words) <= _data()["conferrer_words"]:
            return who
    return None


def _conferrer(article: ArticleText, sentence: tuple[int, int], clause: tuple[int, int], count: tuple[int, int],
               award: regex.Match | None) -> tuple[int, int] | None:
    """Where the conferrer is written: the "của X" of the count's form of award, else the
    agent of a passive conferring verb in the clause ("được X khen thưởng"), else the subject
    of the clause when it confers before the count ("UBND tỉnh X tặng bằng khen cho ..."), or
    of the sentence's first clause for a clause without one."""
    text = article.text
    if award and (of := _of_pattern().search(text, award.start(), award.end())):
        joined = _joined_form_pattern().search(text, of.start("who"), award.end())  # "của UBND tỉnh | và Huân chương ..."
        if who := _authority(article, _without_name(article, *_trim(text, of.start("who"), joined.start() if joined else award.end()))):
            return who
    for agent in _agent_pattern().finditer(text, *clause, overlapped=True):
        who = _trim(text, agent.start("who"), agent.end("who"))
        words = text[who[0]:who[1]]
        if regex.search(r"\p{Lu}", words) and not _words("receiving_words").match(words) \
                and not _cue_pattern().search(words) and not regex.search(r"\d", words) \
                and (found := _authority(article, _without_name(article, *who))):
            return found
    if clause[0] < count[0] and (who := _subject(article, clause[0], count[0])):
        return _authority(article, _without_name(article, *who))
    if clause[0] > sentence[0] and regex.compile(_verbs()).match(text, _trim(text, clause[0], count[0])[0]):
        # "Trung ương Đoàn trao cờ thi đua cho 22 đơn vị ...; trao bằng khen cho 21 cá nhân": a clause
        # that opens with the verb shares the subject of the sentence's first clause
        first = _clause(text, sentence[0], sentence[1], sentence[0])
        if who := _subject(article, *first):
            return _authority(article, _without_name(article, *who))
    return None


@functools.cache
def _starts_with(key: str, any_case: bool = False) -> regex.Pattern:
    return regex.compile(rf"\s*(?:{numbers.alternation(_data()[key])})(?!\p{{L}})", regex.IGNORECASE if any_case else 0)


def _event_date(article: ArticleText, sentence: tuple[int, int], count_start: int, at_ceremony: bool = False) -> str | None:
    """The date of the decision or the ceremony: a day or month written in the count's
    sentence (not one before a word of reporting: that is the news), else, for a sentence
    that points back at the event ("Dịp này", "Tại buổi lễ"), the article's first day; else a
    year written in the sentence; else the year of a review the title or lead names."""
    text = article.text
    dates = [d for d in article.mentions("dates") if d["kind"] not in ("relative", "birth")]
    in_sentence = [d for d in dates if sentence[0] <= d["start"] < sentence[1]]
    for d in in_sentence:
        if d["kind"] in ("date", "month") and not _words("report_words").search(text, d["end"], max(d["end"], count_start)):
            return d["value"]
    if at_ceremony or _starts_with("event_back_references").match(text, sentence[0]):
        day = next((d for d in dates if d["kind"] == "date"), None)
        if day:
            return day["value"]
    year = next((d for d in in_sentence if d["kind"] == "year"), None)
    if year:
        return year["value"]
    for s_start, s_end in article.sentences[:2]:
        review = _words("review_words").search(text, s_start, s_end)
        if review:
            year = next((d for d in dates if d["kind"] == "year" and review.end() <= d["start"] < s_end), None)
            if year:
                return year["value"]
    return None


@functools.cache
def _recipients_end() -> regex.Pattern:
    return regex.compile(rf"(?<!\p{{L}})(?:{numbers.alternation(_data()['recipients_end'])})(?!\p{{L}})")


@functools.cache
def _place_pattern() -> regex.Pattern:
    """A place that has the count: "trên địa bàn toàn tỉnh Thanh Hoá có | trên 100.000 người"."""
    d = _data()
    return regex.compile(rf"(?<!\p{{L}})(?:{numbers.alternation(d['place_words'])})\s[^;,.]*?"
                         rf"(?<!\p{{L}})(?:{numbers.alternation(d['place_has'])})\s*$")


def _event_province(article: ArticleText, clause: tuple[int, int], count: tuple[int, int],
                    conferrer: tuple[int, int] | None) -> str | None:
    """The recipients' current province: the one named in the words that describe them
    after the count, else in a place that has the count before it, else in a local
    conferrer ("UBND tỉnh Khánh Hòa"); none where two are named, and never one named
    elsewhere in the article."""
    clause_end, count_end = clause[1], count[1]
    text = article.text
    end = _recipients_end().search(text, count_end, clause_end)
    end = end.start() if end else clause_end
    verb = regex.compile(_verbs()).search(text, count_end, end)
    if verb:  # "cho 14 cá nhân, UBND tỉnh Nghệ An cũng trao ...": the next conferring clause
        end = max(count_end, text.rfind(",", count_end, verb.start()))
    spans = [(count_end, end)]
    if place := _place_pattern().search(text, clause[0], count[0]):
        spans.append((place.start(), place.end()))
    if conferrer:
        spans.append(conferrer)
    for start, stop in spans:
        named = {p["current"] for p in article.mentions("provinces") if start <= p["start"] and p["end"] <= stop}
        if named:
            return named.pop() if len(named) == 1 else None
    return None


def _event(article: ArticleText, sentence: tuple[int, int], clause: tuple[int, int], count: tuple[int, int],
           award: regex.Match | None) -> dict:
    """The conferrer (as written), the date and the recipients' province of a count. A count
    honoured at the article's ceremony ("biểu dương 400 gương điển hình | được tuyên dương
    trong buổi lễ") takes the ceremony's: the conferrer that the lead's sentence names and its
    first day."""
    at_ceremony = _honoured_at_ceremony().match(article.text, count[1], clause[1]) is not None
    where = (at_ceremony and _ceremony_conferrer(article)) or _conferrer(article, sentence, clause, count, award)
    return {"conferrer": article.text[where[0]:where[1]] if where else None,
            "date": _event_date(article, sentence, count[0], at_ceremony),
            "province": _event_province(article, clause, count, where)}


@functools.cache
def _honoured_at_ceremony() -> regex.Pattern:
    """Right after the count: honoured at the ceremony the article tells of."""
    d = _data()
    return regex.compile(rf"(?:\s+[^\s,;.]+){{0,3}}?\s+(?:{numbers.alternation(d['passive_markers'])})\s+"
                         rf"(?:{numbers.alternation(d['conferring_verbs'])})\s+(?:{numbers.alternation(d['ceremony_back_references'])})(?!\p{{L}})",
                         regex.IGNORECASE)


def _ceremony_conferrer(article: ArticleText) -> tuple[int, int] | None:
    """The conferrer of the ceremony the lead tells of: the subject of a conferring verb in
    one of the article's first two sentences ("Sáng 10/6 tại Hà Nội, Hội đồng Thi đua – Khen
    thưởng Trung ương tổ chức tuyên dương ...")."""
    for s_start, s_end in article.sentences[:2]:
        if who := _subject(article, s_start, s_end):
            return _authority(article, _without_name(article, *who))
    return None


def extract(article: ArticleText) -> list[dict]:
    text = article.text
    found = []
    proposal = breakdown = False  # the sentences before propose their commendations; they break one down
    for s_start, s_end in article.sentences:
        cue = _cue_pattern().search(text, s_start, s_end)
        # a proposal's breakdown ("Trong đó, ...", then "Bốn nghệ sĩ được ...") proposes too
        breakdown = proposal and (
            bool(_starts_with("breakdown_openers", any_case=True).match(text, s_start, s_end)) and not _words("decided_words").search(text, s_start, s_end)
            or breakdown and (not cue or bool(_pattern().match(text, s_start, s_end))))
        if breakdown:
            continue
        proposal = cue is not None and _proposal_pattern().search(text, s_start, s_end) is not None
        if not cue:
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
            elif recipient == "unspecified" and (kind := _kind_after().match(text, m.end(), min(len(text), m.end() + 20))):
                recipient = _recipient_kinds()[kind[1].lower()]  # "400 gương điển hình cá nhân"
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
            result = bool(_contest_result_pattern().match(text, m.end(), c_end))
            award = _award_form(text, cue_start, c_end, m, result)
            if not award and result:
                continue  # "trao thưởng cho 3 người trúng giải": winners of a draw or a contest
            if award and noun in _data()["unspecified_nouns"] and _individual_title().search(text, award.start(), award.end()):
                recipient = "individual"  # "2 trường hợp được công nhận danh hiệu Chiến sĩ thi đua": persons
            start = m.start("qual") if m["qual"] else m.start()
            title = None if award else _title_pattern().match(text, m.start("noun"), c_end)
            found.append(mention(text, start, m.end(), count=count, qualifier=qualifier,
                                 recipient=recipient, award=_antecedent(text, _award_text(article, award), s_start, m.start()) if award
                                 else (title[0] if title else None),
                                 **_event(article, (s_start, s_end), (cue_start, c_end), (start, m.end()), award), rule=rule))
        found += _counted_awards(article, s_start, s_end, recipients)
    found.sort(key=lambda item: item["start"])
    _same_award_forms(found)
    return found
