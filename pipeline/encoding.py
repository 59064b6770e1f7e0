"""Decode archived Vietnamese text files whose encoding is not declared.

Order of the checks in :func:`decode_bytes`:

1. a byte-order mark (UTF-8, UTF-32, UTF-16) decides;
2. bytes holding NULs or many control bytes are binary, not text;
3. strict UTF-8 (pure ASCII included) is taken as is;
4. otherwise the legacy Vietnamese encodings (Windows-1258, TCVN3, VNI) are each
   decoded and scored by the share of their words that are well-formed Vietnamese
   syllables; when none of them is clearly Vietnamese, charset-normalizer's best
   guess joins them. The best score wins; a best score that is still low means the
   bytes are not Vietnamese text in any supported encoding.

The TCVN3 and VNI tables and the description of valid syllables are data in
``rules/legacy/``.
"""
from __future__ import annotations

import codecs
import functools
import re
import unicodedata

from . import rules

#: Tone marks as combining characters, by name.
TONE_MARKS = {
    "\u0300": "grave",
    "\u0301": "acute",
    "\u0303": "tilde",
    "\u0309": "hook",
    "\u0323": "dot_below",
}
#: Toneless letters that can appear in a Vietnamese syllable.
LETTERS = frozenset("abcdđeêghiklmnoôơpqrstuưvxyăâ")
#: Legacy encodings tried in this order; on equal scores the earlier one wins.
LEGACY = ("cp1258", "tcvn3", "vni")
#: Below this share of valid syllables no candidate is accepted.
MIN_SCORE = 0.5
#: At or above this share a legacy decoding is accepted without asking charset-normalizer.
CONFIDENT_SCORE = 0.9
#: Share of control bytes above which the input is taken as binary.
MAX_CONTROL_SHARE = 0.05
#: Words scored per candidate, enough for a verdict on long files.
MAX_SCORED_WORDS = 3000

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig", "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32", "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32", "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16", "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "utf-16"),
)
_ALLOWED_CONTROLS = frozenset("\t\n\r\f\v\x1a\x1b")
_PUNCTUATION = "\"'.,;:!?()[]{}<>«»“”‘’„–—…*#%&+=|~^`_$@\\"
_WORD_SPLIT = re.compile(r"[\s\-/]+")


class DecodeError(ValueError):
    """The bytes are not text in any supported encoding."""


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode ``data`` to NFC text and name the encoding it was in.

    Returns ``(text, name)`` with ``name`` one of ``"empty"``, ``"utf-8"``,
    ``"utf-8-sig"``, ``"utf-16"``, ``"utf-32"``, ``"cp1258"``, ``"tcvn3"``, ``"vni"``
    or the codec name of charset-normalizer's guess. Raises :class:`DecodeError`
    for binary data and for bytes that no candidate decodes to Vietnamese text.
    """
    if not data:
        return "", "empty"
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError as exc:
                raise DecodeError(f"byte-order mark says {name}, but the bytes do not decode: {exc}") from None
            text = text.lstrip("\ufeff")
            _reject_controls(text, name)
            return _nfc(text), name
    _reject_controls(data.decode("latin-1"), "bytes", exempt=_tcvn3_letter_controls())
    try:
        return _nfc(data.decode("utf-8")), "utf-8"
    except UnicodeDecodeError:
        pass
    candidates = [(name, _LEGACY_DECODERS[name](data)) for name in LEGACY]
    scores = [syllable_score(text) for _, text in candidates]
    if max(scores) < CONFIDENT_SCORE:
        guess = _detector_guess(data)
        if guess is not None and guess[0] not in LEGACY:
            candidates.append(guess)
            scores.append(syllable_score(guess[1]))
    best = max(range(len(candidates)), key=lambda i: (scores[i], -i))
    if scores[best] < MIN_SCORE:
        raise DecodeError(
            "bytes are not Vietnamese text in any supported encoding "
            f"(best candidate {candidates[best][0]}: {scores[best]:.0%} valid syllables)"
        )
    name, text = candidates[best]
    return text, name


def syllable_score(text: str) -> float:
    """Share of the words holding non-ASCII letters that are valid Vietnamese syllables.

    Pure-ASCII words read the same in every candidate and are not counted. A text
    whose only non-ASCII characters are punctuation scores 1.0.
    """
    checked = valid = 0
    for word in _WORD_SPLIT.split(text):
        word = word.strip(_PUNCTUATION)
        if not word or word.isascii():
            continue
        checked += 1
        valid += is_syllable(word.lower())
        if checked >= MAX_SCORED_WORDS:
            break
    return valid / checked if checked else 1.0


@functools.lru_cache(maxsize=65536)
def is_syllable(word: str) -> bool:
    """Whether a lowercase NFC ``word`` is one well-formed Vietnamese syllable.

    The tone mark, if any, must sit on a vowel of the rhyme that may carry it, and
    rhymes closed by p, t, c or ch only take the acute or dot-below tone.
    """
    split = _split_tone(word)
    if split is None:
        return False
    letters, tone, position = split
    spec = _syllable_spec()
    for initial in spec["initials"]:
        if not letters.startswith(initial):
            continue
        rhyme = letters[len(initial):]
        toned = spec["rhymes"].get(rhyme)
        if toned is None:
            continue
        if initial in spec["front_initials"] and rhyme[0] not in spec["front_vowels"]:
            continue
        if tone is not None:
            if position - len(initial) not in toned:
                continue
            if rhyme.endswith(spec["checked_finals"]) and tone not in spec["checked_tones"]:
                continue
        return True
    return False


def decode_tcvn3(data: bytes) -> str:
    """Decode TCVN3 (TCVN 5712:1993 VN1, the ABC fonts' code) to NFC text."""
    return _nfc(data.decode("latin-1").translate(_tcvn3_table()))


def decode_vni(data: bytes) -> str:
    """Decode VNI-Windows (base letter + modifier bytes) to NFC text."""
    pattern, table = _vni_table()
    return _nfc(pattern.sub(lambda m: table[m.group()], data.decode("latin-1")))


def decode_cp1258(data: bytes) -> str:
    """Decode Windows-1258 (precomposed base letters + combining tones) to NFC text."""
    return _nfc(data.decode("cp1258", errors="replace"))


_LEGACY_DECODERS = {"cp1258": decode_cp1258, "tcvn3": decode_tcvn3, "vni": decode_vni}


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _reject_controls(text: str, what: str, exempt: frozenset = frozenset()) -> None:
    """Raise DecodeError when ``text`` holds NULs or too many other control characters."""
    if "\x00" in text:
        raise DecodeError(f"{what} contain NUL characters: binary data, not text")
    controls = sum(
        1 for ch in text if (ch < " " or ch == "\x7f") and ch not in _ALLOWED_CONTROLS and ch not in exempt
    )
    if controls > MAX_CONTROL_SHARE * len(text):
        raise DecodeError(f"{what} hold {controls} control characters in {len(text)}: binary data, not text")


def _split_tone(word: str):
    """``(toneless letters, tone name or None, index of the toned letter)``, or None
    when the word holds a non-letter or more than one tone mark."""
    letters = []
    tone = None
    position = -1
    for index, char in enumerate(word):
        if char in LETTERS:
            letters.append(char)
            continue
        parts = unicodedata.normalize("NFD", char)
        marks = [part for part in parts if part in TONE_MARKS]
        if len(marks) != 1 or tone is not None:
            return None
        tone, position = TONE_MARKS[marks[0]], index
        base = _nfc(parts.replace(marks[0], ""))
        if base not in LETTERS:
            return None
        letters.append(base)
    return "".join(letters), tone, position


@functools.cache
def _syllable_spec() -> dict:
    """The syllable description of ``rules/legacy/syllables.yaml``, prepared for lookup."""
    raw = rules.load("legacy/syllables")
    rhymes = {}
    for written in raw["rhymes"].split():
        rhymes[written.lower()] = frozenset(i for i, ch in enumerate(written) if ch.isupper())
    return {
        "initials": sorted(raw["initials"], key=len, reverse=True),
        "front_initials": frozenset(raw["front_initials"]),
        "front_vowels": raw["front_vowels"],
        "checked_finals": tuple(raw["checked_finals"]),
        "checked_tones": frozenset(raw["checked_tones"]),
        "rhymes": rhymes,
    }


def _table_bytes(key: str) -> bytes:
    """``"61 F9"`` -> ``b"a\\xf9"``."""
    return bytes(int(part, 16) for part in key.split())


@functools.cache
def _tcvn3_table() -> dict:
    """``str.translate`` table from Latin-1-read TCVN3 bytes to Unicode."""
    return {_table_bytes(key)[0]: value for key, value in rules.load("legacy/tcvn3")["map"].items()}


@functools.cache
def _tcvn3_letter_controls() -> frozenset:
    """Control-range bytes that TCVN3 (VN1) uses for capital letters."""
    return frozenset(chr(code) for code in _tcvn3_table() if code < 0x20)


@functools.cache
def _vni_table():
    """Regex over Latin-1-read VNI bytes (longest sequence first) and its replacement table."""
    table = {_table_bytes(key).decode("latin-1"): value for key, value in rules.load("legacy/vni")["map"].items()}
    for code in range(0x80, 0xA0):
        table.setdefault(chr(code), bytes([code]).decode("cp1252", errors="replace"))
    keys = sorted(table, key=len, reverse=True)
    return re.compile("|".join(re.escape(key) for key in keys)), table


def _detector_guess(data: bytes):
    """charset-normalizer's best guess as ``(codec name, NFC text)``, or None."""
    import charset_normalizer

    match = charset_normalizer.from_bytes(data).best()
    if match is None:
        return None
    return codecs.lookup(match.encoding).name, _nfc(str(match))
