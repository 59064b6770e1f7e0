"""Amounts of money: ``trên 500 triệu đồng`` → 500000000 VND, qualifier ``over``.

Grammar (words from ``rules/money.yaml`` and ``rules/numbers.yaml``)::

    [qualifier] number [multiplier (number multiplier)*] currency [trở lên|trở xuống]
    [qualifier] [từ] number [multiplier] (- | đến) amount        two amounts
    giữa number [multiplier] và amount                           two amounts
    hàng/vài <power word> [currency]                             vague
    number triệu|tỷ  (no currency, a money word earlier in the clause) → VND

Each mention names the rule that produced it (``RULES``).
"""
from __future__ import annotations

import functools
from decimal import Decimal

import regex

from .. import numbers, rules
from ..article import ArticleText, mention


#: Rule ids, one per branch of the pattern (the named group that matched → its id).
RULES = {
    "digits_mult": "number multiplier currency",        # 1,5 tỷ đồng; 1 tỷ 200 triệu đồng
    "digits": "number currency",                        # 120.000 đồng
    "words_mult": "spelled number multiplier currency", # năm trăm triệu đồng
    "words": "spelled number currency",                 # ba mươi ba đồng
    "half": "nửa multiplier currency",                  # nửa tỷ đồng
    "vague": "hàng power currency",                     # hàng tỷ đồng
    "per_unit": "grouped number per unit",              # 100.000/kg
    "bare": "number triệu/tỷ in a money clause",        # thưởng 300 triệu
    "range": "range từ X đến Y",                        # từ 5 đến 10 triệu đồng
    "between": "range giữa X và Y",                     # giữa 5 và 10 triệu đồng
}

#: Larger numbers are not sums of money in news (and do not fit a 64-bit integer column).
MAX_VALUE = 10 ** 18
NEXT_WORD = regex.compile(r"\s*(\p{L}+)")
DIGITS = regex.compile(r"[\d.,]+")


@functools.cache
def _money() -> dict:
    return rules.load("money")


@functools.cache
def _currency_codes() -> dict[str, str]:
    return {w: code for code, words in _money()["currencies"].items() for w in words}


@functools.cache
def _pattern() -> regex.Pattern:
    money = _money()
    nd = numbers.data()
    mult = numbers.alternation(numbers.multipliers(1000))
    mults = rf"(?:{mult})(?:\s+(?:{mult}))*"
    num = numbers.DIGIT_NUMBER
    words = numbers.word_number_pattern()
    half = numbers.alternation(nd["half"])
    cur = numbers.alternation(_currency_codes())
    money_word = numbers.alternation(money["money_nouns"])
    not_money = numbers.alternation(money["not_money_before"])
    quant = rf"(?:{numbers.qualifier_pattern()})"
    vague = "(?i:" + numbers.alternation(nd["vague_head"]) + ")"
    power = numbers.alternation(numbers.multipliers())
    joiner = numbers.alternation(money["range_joiners"])
    opener = numbers.alternation(money["range_openers"])
    between = numbers.alternation(money["between_openers"])
    between_joiner = numbers.alternation(money["between_joiners"])
    low = rf"(?:{num})(?:\s*{mults})?"
    standalone = numbers.standalone_word_number_pattern()
    amount = (
        rf"(?P<digits_mult>(?:{num})\s*{mults}(?:\s+(?:{num})\s*{mults})*)"   # 1 tỷ 200 triệu
        rf"|(?P<words_mult>(?:{words})\s+{mults})"                          # năm trăm triệu
        rf"|(?P<half>(?:{half})\s+{mults})"                                 # nửa tỷ
        rf"|(?P<digits>{num})"                                              # 120.000 (with a currency)
        rf"|(?<!\d\s*)(?P<words>{standalone})(?=\s*(?:{cur})(?![\p{{L}}\p{{N}}]))"   # ba mươi ba đồng (not "5 năm")
    )
    return regex.compile(
        rf"(?<![\p{{L}}\p{{N}}/.,])"
        rf"(?:(?P<qual>{quant})\s+)?"
        rf"(?:(?:(?P<opener>{opener})\s+)?(?P<low>{low})\s*(?:{joiner})\s*"
        rf"|(?P<between>{between})\s+(?P<low>{low})\s+(?:{between_joiner})\s+)?"
        rf"(?:(?P<vague>(?:{vague})\s+(?:{power})(?:\s+(?:{mult}))*)|(?P<amount>{amount}))"
        rf"(?:\s*(?:(?:{money_word})\s+)?(?P<cur>{cur})(?![\p{{L}}\p{{N}}])(?!\s+(?:{not_money})(?![\p{{L}}]))"
        rf"|(?P<per_unit>(?<=\d{{1,3}}(?:\.\d{{3}})+)(?=/(?:{numbers.alternation(money['per_unit_words'])})(?![\p{{L}}]))))?"
        rf"(?:\s+(?P<post>{numbers.post_qualifier_pattern()})(?![\p{{L}}]))?",
        regex.V1,
    )


@functools.cache
def _coin_count() -> regex.Pattern:
    """A currency word that, after a small number with no multiplier, counts coins or
    currencies ("rổ 6 đồng tiền")."""
    return regex.compile(rf"(?:{numbers.alternation(_money()['coin_nouns'])})(?![\p{{L}}])")


def _rule(m: regex.Match, currency_written: bool) -> str:
    if m["vague"]:
        return RULES["vague"]
    if m["low"]:
        return RULES["between"] if m["between"] else RULES["range"]
    if not currency_written:
        return RULES["per_unit"] if m["per_unit"] is not None else RULES["bare"]
    return RULES[next(name for name in ("digits_mult", "words_mult", "half", "digits", "words") if m[name])]


def _value(written: str) -> Decimal | None:
    """The value of ``1 tỷ 200 triệu``, ``năm trăm triệu``, ``2.600`` or ``1,5 tỷ``."""
    nd = numbers.data()
    mult_words = set(numbers.multipliers(1000))
    large = set(numbers.multipliers(1_000_000))
    total = Decimal(0)
    current: Decimal | None = None
    pending_mults: list[str] = []
    spelled: list[str] = []
    for token in written.split():
        low = token.lower()
        if low in nd["half"]:
            current = Decimal("0.5")
            continue
        if low in mult_words and not spelled:
            pending_mults.append(low)
            continue
        if pending_mults:
            if current is None:
                return None
            total += numbers.scale(current, pending_mults)
            current, pending_mults = None, []
        if DIGITS.fullmatch(token):
            current = numbers.parse_digits(token, before_multiplier=True)
            if current is None:
                return None
        else:
            spelled.append(low)
            joined = " ".join(spelled)
            # A spelled number ends where a multiplier of a million or more begins.
            if low in large:
                head = numbers.parse_words(" ".join(spelled[:-1]))
                if head is None:
                    return None
                current, spelled, pending_mults = Decimal(head), [], [low]
            elif numbers.parse_words(joined) is None:
                return None
    if spelled:
        value = numbers.parse_words(" ".join(spelled))
        if value is None:
            return None
        current = Decimal(value)
    if current is not None:
        total += numbers.scale(current, pending_mults)
    return total


def _number(value: Decimal) -> int | float:
    """The value as JSON writes it: an integer, or a decimal for amounts like 72,46 USD."""
    return int(value) if value == value.to_integral_value() else float(value)


@functools.cache
def _money_noun_before() -> regex.Pattern:
    return regex.compile(rf"(?<!\p{{L}})(?:{numbers.alternation(_money()['money_nouns'])})\s+$")


def _multipliers(written: str) -> list[str]:
    return [w.lower() for w in written.split() if w.lower() in numbers.data()["multipliers"]]


def _is_bare_money(text: str, start: int, end: int, clause_start: int, mults: list[str], vague: bool = False) -> bool:
    """A number with a million/billion word and no currency is money when no counted noun
    follows it and either a money word stands in its clause or, for billions, nothing
    follows at all ("cướp 2,5 tỷ ở nhà băng", "ước tính 200 tỷ.")."""
    money = _money()
    after = NEXT_WORD.match(text, end, min(len(text), end + 30))
    if after and after[1].lower() not in money["bare_money_followers"]:
        return False
    if (vague or mults[-1] in money["bare_billion_words"]) and not after:
        return True
    clause_end = min((i for i in (text.find(";", end), text.find("\n", end)) if i >= 0), default=len(text))
    clause = (text[clause_start:start] + " " + text[end:clause_end]).lower()
    return bool(_cue_pattern().search(clause))


@functools.cache
def _cue_pattern() -> regex.Pattern:
    return regex.compile(rf"(?<!\p{{L}})(?:{numbers.alternation(_money()['money_cues'])})(?!\p{{L}})")


def _clause_start(text: str, sentence_start: int, offset: int) -> int:
    cut = max(text.rfind(";", sentence_start, offset), text.rfind(":", sentence_start, offset))
    return cut + 1 if cut >= 0 else sentence_start


def extract(article: ArticleText) -> list[dict]:
    text = article.text
    found: list[dict] = []
    for s_start, s_end in article.sentences:
        for m in _pattern().finditer(text, s_start, s_end):
            currency = _currency_codes().get(m["cur"]) if m["cur"] else None
            if m["cur"] in _money()["needs_multiplier"] and not _multipliers(m["vague"] or m["amount"] or "") \
                    and not _money_noun_before().search(text, max(0, m.start("cur") - 12), m.start("cur")):
                continue  # "3 kíp xe" are three crews, "4 bảng" four groups
            qualifier: str | None = numbers.qualifier_of(m["qual"])
            if m["post"] and not m["qual"]:
                qualifier = numbers.post_qualifier_of(m["post"])
            written = m["vague"] or m["amount"]
            mults = _multipliers(written)
            if m["cur"] and not mults and _coin_count().match(text, m.start("cur")) \
                    and (_value(written) or 0) < _money()["coin_count_below"]:
                continue  # "rổ 6 đồng tiền": six currencies
            rule = _rule(m, bool(m["cur"]))
            if not currency and m["per_unit"] is not None:
                currency = "VND"  # "chưa đến 100.000/kg": a price per unit
            if not currency:
                if not set(mults) & set(_money()["money_multipliers"]):
                    continue
                if not _is_bare_money(text, m.start(), m.end(), _clause_start(text, s_start, m.start()), mults, bool(m["vague"])):
                    continue
                currency = "VND"
            if m["vague"]:
                # "hàng trăm triệu": the value is the unit named, 10⁸.
                unit = _value(" ".join(["1"] + m["vague"].split()[1:]))
                if unit:
                    found.append(mention(text, m.start(), m.end(), value=_number(unit), currency=currency, qualifier="vague", rule=rule))
                continue
            value = _value(written)
            if value is None or not 0 < value < MAX_VALUE:
                continue
            amount_start = m.start("amount")
            if m["low"]:
                low_mults = _multipliers(m["low"])
                low_value = _value(m["low"])
                if low_value is not None and not low_mults and low_value < 1000:
                    low_value = numbers.scale(low_value, mults)
                if low_value is not None and low_value > 0:
                    low_start = m.start("qual") if m["qual"] else m.start("low")
                    found.append(mention(text, low_start, m.end("low"), value=_number(low_value), currency=currency, qualifier=qualifier, rule=rule))
                    found.append(mention(text, amount_start, m.end(), value=_number(value), currency=currency, qualifier=qualifier, rule=rule))
                    continue
            start = m.start("qual") if m["qual"] else amount_start
            found.append(mention(text, start, m.end(), value=_number(value), currency=currency, qualifier=qualifier, rule=rule))
    return _without_restatements(text, found)


@functools.cache
def _words_in_bracket() -> regex.Pattern:
    """A bracket that opens with a number in words and holds no digit."""
    return regex.compile(rf"\s*\(((?i:{numbers.standalone_word_number_pattern()})(?![\p{{L}}\p{{M}}])[^()\d]*)\)")


def _without_restatements(text: str, found: list[dict]) -> list[dict]:
    """Amounts in words in a bracket right after an amount in digits restate it, as
    contracts and court papers write them ("128.310.015.000đ (Một trăm hai tám tỷ, ba trăm
    mười triệu, ...)", "500.000 đồng (năm trăm nghìn đồng)"): not amounts of their own."""
    brackets = [(m.start(1), m.end(1)) for f in found if DIGITS.search(f["text"])
                and (m := _words_in_bracket().match(text, f["end"]))]
    return [f for f in found if not any(start <= f["start"] and f["end"] <= end for start, end in brackets)]
