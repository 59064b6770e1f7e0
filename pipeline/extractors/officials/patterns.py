"""Loading patterns: the word lists of ``rules/officials.yaml`` and ``rules/names.yaml``,
compiled once into the regular expressions the other modules read with."""
from __future__ import annotations

import functools
from dataclasses import dataclass

import regex

from ... import rules
from ...encoding import is_syllable
from ...normalize import normalize
from ...numbers import alternation
from ..provinces import gazetteer

NOT_AFTER_LETTER = r"(?<![\p{L}\p{M}])"
# A full name of two capitalised syllables or more, perhaps with an aside in brackets after
# it, as listed after a marker ("ba bị cáo A, B và C").
LISTED_NAME = r"\p{Lu}[\p{Ll}\p{M}]*(?:\s\p{Lu}[\p{Ll}\p{M}]*)+(?:\s*\([^()]*\))?"
NOT_BEFORE_LETTER = r"(?![\p{L}\p{M}])"

# Punctuation, brackets, quotes and dashes (spaced, or spaced on one side before a capital:
# "Đại úy A- Phó trưởng", "A -Phó trưởng") that cut a sentence into segments.
SEGMENT_BREAK = regex.compile(
    r"\s*(?:[)\]]\s*[-–—](?=\s)|[,;:()\[\]“”\"]|\s[-–—]\s|\s[-–—](?=\p{Lu})|(?<=[\p{L}\p{M}])[-–—](?=\s+\p{Lu}))\s*")


@dataclass(frozen=True)
class Patterns:
    rank: regex.Pattern             # a rank, as any of its written forms
    rank_at_end: regex.Pattern      # a rank that ends the text searched
    said_to_be_marked: regex.Pattern  # "là bị can", "là nạn nhân": the person said to be one
    honorific_at_end: regex.Pattern  # a form of address in lower case ending a title
    honorific_before_name: regex.Pattern  # any form of address ending the text searched
    list_lead: regex.Pattern        # what may stand between a plural title and the names it lists
    head: regex.Pattern             # the head of a title, after its modifiers ("Phó Chủ tịch")
    head_at_start: regex.Pattern    # a head, perhaps after "là"/"kiêm"; group "title"
    predicate: regex.Pattern        # an opener and a head right after a name: "là Giám đốc"
    organisation_post: regex.Pattern  # a head of a company, club or brand ("Tổng giám đốc")
    example_marker: regex.Pattern      # "như" after a title: its holders follow
    award_word: regex.Pattern          # "Huân chương", "Bằng khen": a form of award
    company_kind_before: regex.Pattern  # "Công ty TNHH xây dựng " before a company's name
    example_marker_at_end: regex.Pattern  # the same, ending the text searched
    possessed_at_end: regex.Pattern    # "của mình", "của y" ending a title: someone's, no post
    company_post: regex.Pattern     # a head only a company has ("CEO")
    honorific: regex.Pattern        # a form of address ("ông", "đồng chí", "GS.TS")
    pronoun: regex.Pattern          # "Ông" standing alone for a person, before a lower-case word
    stop: regex.Pattern             # a word that ends a title
    stop_not_after_head: regex.Pattern  # a stop word that goes on with a title right after its head
    small_word: regex.Pattern       # a stop word, "và" or a sentence opener, in any letter case
    sector_at_start: regex.Pattern  # a field of an organisation's name ("khen thưởng") at a position
    place_head_before: regex.Pattern  # "Đại sứ" ending the text searched: its post names a place
    place_preposition: regex.Pattern  # " tại" at a position
    sub_unit: regex.Pattern         # a unit inside a larger organisation ("Phòng", "Vụ")
    served_before: regex.Pattern    # "Cố vấn" ending the text searched: the title after it is served
    organisation_phrase: regex.Pattern  # a part of a name holding a stop word ("Ban Chỉ đạo")
    trigger: regex.Pattern          # a sentence worth reading for officials
    marker: regex.Pattern           # a suspect/victim marker ending the text before a name
    mention_marker: regex.Pattern   # a marker that speaks of its mention only ("tên", "vào vai")
    negation_before: regex.Pattern  # "chưa", "không" earlier in the clause: a marker or verb after it is denied
    not_person: regex.Pattern       # a place or event word ending the text before a name
    house_number: regex.Pattern     # "tại 30 ": the name after it is a street's
    age_aside: regex.Pattern        # a segment that is only an age, a year of birth or an honour ("năm nay 96 tuổi")
    accused_list: regex.Pattern     # "các bị can gồm:", "bị khởi tố gồm:" opening a list of the accused
    accused_names: regex.Pattern    # "ba bị cáo A, B và C": the names listed after a marker
    marker_before_name: regex.Pattern  # "bị can Nguyễn Phi Hùng": a marker that speaks of the person after it
    prosecution: regex.Pattern      # a prosecution verb
    prosecuted_after: regex.Pattern  # "bị khởi tố", "bị bắt" after a name
    prosecuted_before: regex.Pattern  # "bị khởi tố", "bị bắt", "bị xử phạt" before a name
    conjunction: regex.Pattern      # "và" between two spaces
    possessor_before: regex.Pattern  # "của" right before a title or a form of address
    parent_unit_word: regex.Pattern  # "thuộc" opening a parent unit in brackets
    admin_place: regex.Pattern      # "quận 1", "tỉnh Kon Tum": an administrative word and its place
    coordinated_before: regex.Pattern  # "và" (and a form of address) ending the text before a name
    report_verb: regex.Pattern      # "cho biết", "xác nhận": what follows is said, not done
    conjunction_at_start: regex.Pattern  # "và" opening a segment
    dangling_at_end: regex.Pattern  # a word no title ends in ("và", "của") ending the text searched
    conjunction_word: regex.Pattern  # "và" and the word after it (group 1)
    plural_before: regex.Pattern    # "các", "những" or a number ending the text searched
    segment_break: regex.Pattern    # where a sentence is cut into segments
    organisation_head: regex.Pattern  # "Công an", "Sở", "Đoàn" ... at a position
    organisation_head_any_case: regex.Pattern  # the same in any letter case ("công an")
    org_name_before: regex.Pattern  # "Trường", "NXB" ... ending the text searched
    city_before: regex.Pattern  # "TP", "thành phố" ending the text searched
    country: regex.Pattern          # a country or bloc at a position
    province: regex.Pattern         # a province name of two syllables or more at a position


#: A quoted phrase (a charge, a title), read as one unit.
QUOTED = r'“[^”\n]{1,200}”|"[^"\n]{1,200}"'


@functools.cache
def data() -> dict:
    return rules.load("officials")


@functools.cache
def names_data() -> dict:
    return rules.load("names")


@functools.cache
def rank_table() -> dict[str, str]:
    """Every written form of a rank, in lower case, to its canonical form."""
    return {normalize(w).lower(): canon for canon, forms in data()["ranks"].items() for w in [canon, *forms]}


def canonical_rank(written: str) -> str:
    """The canonical form of a rank as matched in the text, in any letter case."""
    return rank_table()[written.strip().lower()]


def is_one_of(word: str, key: str) -> bool:
    """``word`` is in the list ``key`` of ``rules/officials.yaml``, in any letter case."""
    return word.lower() in _lower_case_set(key)


@functools.cache
def _lower_case_set(key: str) -> frozenset[str]:
    return frozenset(w.lower() for w in data()[key])


def _any_case(words) -> str:
    """An alternation of ``words`` matching in any letter case ("Đại Tá", "ĐẠI TÁ")."""
    return rf"(?i:{alternation(words)})"


def _words(words) -> str:
    """An alternation of ``words``, in any letter case, that starts and ends at word boundaries."""
    return rf"{NOT_AFTER_LETTER}{_any_case(words)}{NOT_BEFORE_LETTER}"


def _not_compound_comma(pairs, sectors) -> str:
    """Not the comma inside a pair an organisation's name joins with one ("phòng, chống"),
    nor one between two fields of an organisation's name ("Sở Văn hóa, Thể thao")."""
    joined = [rf"(?<={NOT_AFTER_LETTER}(?i:{regex.escape(a)}))\s*,\s*(?i:{regex.escape(b)}){NOT_BEFORE_LETTER}"
              for a, b in pairs]
    if sectors:
        joined.append(rf"(?<={NOT_AFTER_LETTER}{_any_case(sectors)})\s*,\s*{_any_case(sectors)}{NOT_BEFORE_LETTER}")
    return rf"(?!{'|'.join(joined)})" if joined else ""


def _org_words(words, compounds) -> str:
    """An alternation of ``words``, each not right after a syllable it makes a compound
    with ("môi trường" is no school)."""
    alternatives = []
    for word in sorted(set(words), key=len, reverse=True):
        before = compounds.get(word)
        guard = rf"(?<!(?i:{alternation(before)})\s)" if before else ""
        alternatives.append(guard + regex.escape(word))
    return "|".join(alternatives)


@functools.cache
def brand_opener() -> regex.Pattern:
    """A club, company or brand word (``rules/ner.yaml``) in the text before a name, not
    part of a longer word ("tình báo", intelligence, is no newspaper)."""
    openers = _org_words(rules.load("ner")["brand_openers"], data()["org_word_compounds"])
    return regex.compile(rf"(?<![\p{{L}}\p{{M}}])(?:{openers})(?![\p{{L}}\p{{M}}])")


@functools.cache
def patterns() -> Patterns:
    d = data()
    # Ranks, title words and cue words match in any letter case; proper-noun lists
    # (organisations, countries, stop words that also open organisation names) do not.
    ranks = _any_case(rank_table())
    heads = _any_case(normalize(h) for h in d["title_heads"] + d["deputy_words"])
    modifiers = _any_case(normalize(m) for m in d["title_modifiers"])
    # "cái tên quen thuộc gồm ông A" (the familiar names): a marker word after a classifier is a plain noun
    markers = rf"(?<!{_any_case(d['marker_not_after'])}\s)" + _any_case(d["non_official_markers"])
    # "chính quyền Tổng thống X" is "the X administration": "quyền" after "chính" is no modifier
    not_modifier = "".join(rf"(?!(?<=(?i:{alternation(before)})\s)(?i:{regex.escape(word)}))"
                           for word, before in {**d["not_a_modifier_after"], **d["not_a_head_after"]}.items())
    modified_head = rf"(?:{modifiers}\s+)*{heads}{NOT_BEFORE_LETTER}(?!\s+{_words(d['head_compound_tails'])})"
    # "trưởng thành" is no "Trưởng": a head that another word follows to make a different word
    not_word = "".join(rf"(?!(?i:{regex.escape(word)})\s+{_words(tails)})" for word, tails in d["head_word_tails"].items())
    head = not_modifier + not_word + modified_head
    rank = rf"{NOT_AFTER_LETTER}(?:{ranks}){NOT_BEFORE_LETTER}(?!\s+{_any_case(d['rank_promotion_words'])}\s+(?:{ranks}))"
    honorific = _words(d["honorifics"] + d["degree_honorifics"])
    conjunction = rf"\s+{_any_case(d['conjunctions'])}\s+"
    # "5 người bị khởi tố gồm: A (nguyên ...), B": the people listed are the accused
    prosecuted = rf"{_any_case(d['passive_markers'])}\s+{_any_case(d['prosecution_verbs'] + d['passive_prosecution_verbs'])}"
    return Patterns(
        rank=regex.compile(rank),
        rank_at_end=regex.compile(rf"{NOT_AFTER_LETTER}(?:{ranks})(?=\s*$)"),
        # "Chủ tọa phiên tòa bà X", "Hiệu trưởng ĐH FPT TS. X": a form of address in lower case
        # or a degree between a title and its holder
        honorific_at_end=regex.compile(
            rf"\s(?:{alternation(h for h in d['honorifics'] if h == h.lower() and h.isalpha() or h == 'đồng chí')}"
            rf"|(?-i:{alternation(d['degree_honorifics'])})\.?)\s*$"),
        honorific_before_name=regex.compile(rf"{honorific}\s*$"),
        list_lead=regex.compile(rf"[\s,:–-]*(?:{_words(d['list_openers'])}[\s:]*)?"),
        head=regex.compile(rf"{NOT_AFTER_LETTER}{head}"),
        head_at_start=regex.compile(
            rf"{NOT_AFTER_LETTER}{not_modifier}(?:(?:{_any_case(d['appointment_words'])}\s+)?{_any_case(d['title_openers'])}\s+)?"
            rf"(?P<title>{modified_head})"),
        predicate=regex.compile(
            rf"{_any_case(d['title_openers'])}\s+{not_modifier}(?P<title>{modified_head})"),
        company_kind_before=regex.compile(
            rf"{NOT_AFTER_LETTER}(?:{alternation(d['company_words'])})"
            rf"(?:\s+(?!{_words(d['demonstratives'] + d['not_company_kind'] + d['honorifics'] + d['degree_honorifics'])})"
            rf"(?:{_any_case(d['company_kind_words'])}(?![\p{{L}}\p{{M}}])|\p{{Ll}}[\p{{Ll}}\p{{M}}]*|\p{{Lu}}{{2,}}|&)){{1,5}}\s+$"
            rf"|{_words(d['firm_kinds'])}\s+$"),
        award_word=regex.compile(rf"{_any_case(d['award_words'])}{NOT_BEFORE_LETTER}"),
        example_marker=regex.compile(rf"\s*{_any_case(d['example_markers'])}\s+"),
        possessed_at_end=regex.compile(rf"{NOT_AFTER_LETTER}của\s+{_any_case(d['possessive_pronouns'])}\s*$"),
        example_marker_at_end=regex.compile(rf"\s+{_any_case(d['example_markers'])}\s*$"),
        organisation_post=regex.compile(
            rf"(?:{modifiers}\s+)*{_any_case(normalize(h) for h in d['heads_of_organisations'])}"),
        company_post=regex.compile(
            rf"(?:{modifiers}\s+)*{_any_case(normalize(h) for h in d['heads_of_companies'])}"),
        honorific=regex.compile(honorific),
        pronoun=regex.compile(rf"{_words(d['pronoun_honorifics'])}(?=\s+\p{{Ll}})"),
        stop_not_after_head=regex.compile(alternation(d["stops_not_after_head"])),
        stop=regex.compile(rf"\s(?:{alternation(d['title_stop_words'])}){NOT_BEFORE_LETTER}"
                           rf"|\s(?:{alternation(names_data()['never_in_names'])})(?=\s+\p{{Ll}})"
                           rf"|\s(?:{alternation(d['time_openers'])})\s+(?:ngày\s+)?\d"),
        small_word=regex.compile(_words(d["title_stop_words"] + d["conjunctions"] + names_data()["never_in_names"])),
        sector_at_start=regex.compile(_words(d["sector_words"])),
        place_head_before=regex.compile(rf"{_words(d['heads_taking_a_place'])}\s*$"),
        place_preposition=regex.compile(rf"\s{_any_case(d['place_prepositions'])}{NOT_BEFORE_LETTER}"),
        sub_unit=regex.compile(_words(d["sub_units"])),
        served_before=regex.compile(rf"{_words(d['served_post_nouns'])}\s+$"),
        organisation_phrase=regex.compile(_words(d["organisation_phrases"])),
        trigger=regex.compile(
            rf"{NOT_AFTER_LETTER}(?:{ranks}|{heads}|{_any_case(d['segmenting_honorifics'])}){NOT_BEFORE_LETTER}"),
        negation_before=regex.compile(rf"{NOT_AFTER_LETTER}{_any_case(d['negations'])}{NOT_BEFORE_LETTER}[^,;.:!?\n]*$"),
        said_to_be_marked=regex.compile(rf"{NOT_AFTER_LETTER}là\s+(?:{markers}){NOT_BEFORE_LETTER}"),
        mention_marker=regex.compile(rf"{NOT_AFTER_LETTER}(?:{_any_case(d['markers_of_one_mention'])}){NOT_BEFORE_LETTER}"),
        marker=regex.compile(
            rf"{NOT_AFTER_LETTER}(?:(?:{markers})(?:\s+{_any_case(d['marker_links'])}|\s+[^\s,;:]+|\s+{_words(d['demonstratives'])},)?"
            rf"|{_any_case(d['prosecution_verbs'])}\s+\d+\s+{_any_case(d['custody_terms'])}\s+{_any_case(d['marker_links'])}"
            rf"(?:\s+{_any_case(d['accused_address'])})?"
            rf"|{_any_case(d['passive_fines'])}(?:\s+{_any_case(d['accused_address'])})?)\s*$"),
        # "tàu khu trục Đô đốc Shaposhnikov": a ship named after an admiral, rank and all
        not_person=regex.compile(rf"{NOT_AFTER_LETTER}(?:{alternation(d['name_context_not_person'])})(?:\s+(?:{ranks}))?\s*$"),
        house_number=regex.compile(
            rf"{NOT_AFTER_LETTER}{_any_case(d['address_prepositions'])}\s+\d+[A-Za-z]?(?:/\d+[A-Za-z]?)*\s+$"),
        age_aside=regex.compile(
            rf"(?:(?:{_any_case(d['age_aside_fillers'])})\s+)*\d{{1,3}}\s+{_any_case(d['age_aside_words'])}"
            rf"|{_any_case(d['birth_aside_words'])}\s*\d{{4}}"
            rf"|{_any_case(d['honour_asides'])}(?:(?!\s(?:{alternation(d['title_stop_words'])}){NOT_BEFORE_LETTER})\s+\S+){{0,6}}"),
        # after "bị khởi tố" a word opens the list: a bare colon may end a headline run on
        # into the next sentence ("... bị khởi tố : Ngày 8/7, thượng tá X cho biết"); after a
        # marker, a quoted charge counts as one character ("4 bị can ... về tội “Cố ý làm
        # trái ...”, gồm: A, ...")
        accused_list=regex.compile(
            rf"{NOT_AFTER_LETTER}(?:(?:{markers})(?:[^.;:()“”\"]|{QUOTED}){{0,60}}?(?:{_words(d['list_openers'])}|(?<!{_words(d['credit_words'])}\s*):)"
            rf"|{prosecuted}[^.;:()]{{0,40}}?{_words(d['list_openers'])}"
            rf"|{_words(d['prosecution_verbs'])}\s+\d+\s[^.;:()]{{0,30}}?{_words(d['among_openers'])}"
            rf"|{_words(d['prosecution_verbs'])}\s+\d+\s+{_words(d['custody_terms'])}"
            rf"|{_words(d['prosecution_verbs'] + d['charge_nouns'])}[^.;:()]{{0,40}}?{_words(d['list_links'])}"
            # "mở phiên xử Trần Văn Liêm (nguyên ...), Giang Kim Đạt (...)": names with their
            # particulars in brackets right after the verb
            rf"|{_words(d['prosecution_verbs'])}(?=\s+(?:{_any_case(d['accused_address'])}\s+)?\p{{Lu}}[^.;:()]{{0,40}}\())\s*:?\s*"
            rf"(?:{_any_case(d['plural_markers'])}\s+)?(?:{_any_case(d['accused_address'])}\s+)?(?=\p{{Lu}}[\p{{Ll}}\p{{M}}])"),
        marker_before_name=regex.compile(
            rf"{NOT_AFTER_LETTER}(?<!{_any_case(d['marker_not_after'])}\s)"
            rf"(?!{_any_case(d['markers_of_one_mention'])}{NOT_BEFORE_LETTER}){_any_case(d['non_official_markers'])}"
            rf"\s+(?:{_any_case(d['accused_address'])}\s+)?(?=\p{{Lu}})"),
        accused_names=regex.compile(
            rf"{NOT_AFTER_LETTER}{markers}\s+(?:{LISTED_NAME})(?:\s*(?:,|{conjunction})\s*(?:{LISTED_NAME}))+"),
        prosecution=regex.compile(_words(d['prosecution_verbs']) + "".join(
            rf"(?<!(?i:{regex.escape(verb)})(?=\s+{_words(tails)}))" for verb, tails in d["prosecution_word_tails"].items())),
        prosecuted_after=regex.compile(
            rf"{NOT_AFTER_LETTER}(?:{_any_case(d['passive_markers'])}\s+"
            rf"{_any_case(d['prosecution_verbs'] + d['passive_prosecution_verbs'])}|{_any_case(d['accused_acts'])}"
            rf"|{_any_case(d['passive_markers'])}\s+{_any_case(d['prosecuting_agents'])}\s[^.,;:()“”\"]{{0,50}}?"
            rf"{_any_case(d['prosecution_verbs'] + d['agent_prosecution_verbs'])}"
            rf"|\d+\s+{_any_case(d['custody_terms'])}\s+{_any_case(d['sentence_kinds'])}){NOT_BEFORE_LETTER}"),
        prosecuted_before=regex.compile(
            rf"{NOT_AFTER_LETTER}{_any_case(d['passive_markers'])}\s+"
            rf"{_any_case(d['prosecution_verbs'] + d['passive_prosecution_verbs'] + d['passive_fines'])}{NOT_BEFORE_LETTER}"),
        conjunction=regex.compile(conjunction),
        parent_unit_word=regex.compile(_words(d["parent_unit_words"])),
        admin_place=regex.compile(rf"(?:{alternation(rules.load('ner')['admin_words'])})\s+[\p{{Lu}}\d][\p{{L}}\p{{M}}\d]*(?:\s+\p{{Lu}}[\p{{L}}\p{{M}}]*){{0,3}}"),
        possessor_before=regex.compile(_words(d["possessor_markers"]) + r"\s+$"),
        coordinated_before=regex.compile(rf"{conjunction}(?:{honorific}\s+)?$"),
        report_verb=regex.compile(rf"{NOT_AFTER_LETTER}{_words(d['report_verbs'])}{NOT_BEFORE_LETTER}"),
        conjunction_at_start=regex.compile(rf"{_any_case(d['conjunctions'])}\s+"),
        dangling_at_end=regex.compile(rf"\s+{_any_case(d['dangling_words'])}\s*$"),
        conjunction_word=regex.compile(rf"\s{_any_case(d['conjunctions'])}\s+(\S+)"),
        plural_before=regex.compile(rf"{NOT_AFTER_LETTER}(?:{_any_case(d['plural_markers'])}|\d+)\s+$"),
        segment_break=regex.compile(
            rf"{_not_compound_comma(d['comma_compounds'], d['sector_words'])}"
            rf"(?:{SEGMENT_BREAK.pattern}|{conjunction}(?=(?:{_any_case(d['plural_markers'])}\s+)?(?:{rank}|{honorific}|{NOT_AFTER_LETTER}{head})))"),
        organisation_head=regex.compile(rf"(?:{alternation(d['organisation_heads'])}){NOT_BEFORE_LETTER}"),
        organisation_head_any_case=regex.compile(rf"(?i:{alternation(d['organisation_heads'])}){NOT_BEFORE_LETTER}"),
        city_before=regex.compile(rf"{NOT_AFTER_LETTER}(?:{alternation(d['city_words'])})\s+$"),
        org_name_before=regex.compile(rf"{NOT_AFTER_LETTER}(?:{_org_words(d['org_name_words'], d['org_word_compounds'])})\s+$"),
        country=regex.compile(rf"(?:{alternation(d['places_before_names'])}){NOT_BEFORE_LETTER}"),
        # names of two words or more, and written forms of one word that no syllable is
        # ("TPHCM", "TP.HCM", "BR-VT"; not "Huế", also a given name)
        province=regex.compile(
            rf"{alternation(alias for alias in gazetteer() if ' ' in alias)}"
            rf"|(?:{alternation(a for a in gazetteer() if ' ' not in a and not is_syllable(a.lower()))})(?![\p{{L}}\p{{M}}\p{{N}}])"),
    )


@functools.cache
def word_set(source: str, key: str) -> frozenset[str]:
    """A word list of ``rules/officials.yaml`` (``source="officials"``) or ``rules/names.yaml``."""
    return frozenset((data() if source == "officials" else names_data())[key])
