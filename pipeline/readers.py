"""Reading archives: files and folders of ``.txt``, ``.jsonl``, ``.jsonl.gz`` and ``.html``.

Every input article becomes one :class:`Item`: an article dict with the spec's fields,
or, when it cannot be read, the reason (``status``) and the detail of the failure. A
folder, or a file, that cannot be read is such an item too, never silence. Files in a
folder whose type is not one of these are skipped and counted; a file named on the
command line is always read, and fails with a reason if it cannot be. Each file is read
once however often it is named or found, only regular files are opened (a FIFO or a
device is reported, never waited on), and folders are walked without ever entering one
twice (a symlink loop ends there).
"""
from __future__ import annotations

import codecs
import gzip
import io
import json
import os
import re
import stat
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

from .encoding import DecodeError, decode_bytes

SUFFIXES = (".jsonl.gz", ".jsonl", ".txt", ".html", ".htm")
#: Longest article text accepted, in characters (about 1 MB of Vietnamese).
MAX_TEXT_CHARS = 1_000_000
#: Largest file read whole (``.txt``/``.html``), in bytes.
MAX_FILE_BYTES = 20_000_000
#: The input fields of a record that must be strings (or null).
TEXT_FIELDS = ("source", "url", "title", "published", "text")

_SURROGATE = re.compile("[\ud800-\udfff]")
_WIDE_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
              (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


class InputMissing(FileNotFoundError):
    """An input path named on the command line does not exist."""


@dataclass
class Item:
    id: str
    path: str
    line: int | None = None
    article: dict | None = None
    encoding: str | None = None
    status: str = "ok"
    error: dict = field(default_factory=dict)  # exception class and message when not ok
    explicit_id: bool = False  # the id is the record's own, not made from a file name or line

    @property
    def ok(self) -> bool:
        return self.status == "ok"


@dataclass
class Tally:
    """What the readers passed over without an item: files of other types inside
    folders, files named or found again, blank lines of ``.jsonl`` files."""
    unsupported: list = field(default_factory=list)
    repeated: int = 0
    blank_lines: int = 0


@dataclass
class Source:
    """One file to read (or a file or folder that cannot be read: ``error``)."""
    path: Path
    named: bool = False
    error: str | None = None
    display: str | None = None  # the path as reported, when not ``path`` itself


def shown(path: str | os.PathLike) -> str:
    """A path as text that any output can hold: bytes of a file name that are not UTF-8
    appear as ``\\xNN``."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def clean(text: str) -> str:
    """``text`` with lone surrogates (which no UTF-8 output can hold) replaced by U+FFFD."""
    return _SURROGATE.sub("\ufffd", text)


def _fail(item: Item, status: str, exc: BaseException | str) -> Item:
    item.status = status
    if isinstance(exc, BaseException):
        item.error = {"exception": type(exc).__name__, "message": clean(str(exc))[:500]}
    else:
        item.error = {"exception": "", "message": clean(exc)}
    return item


def suffix_of(path: Path) -> str | None:
    name = path.name.lower()
    return next((s for s in SUFFIXES if name.endswith(s)), None)


def list_files(paths: Iterable[str | os.PathLike], tally: Tally | None = None,
               exclude: Iterable[str | os.PathLike] = ()) -> Iterator[Source]:
    """Every input file in order (a folder's files sorted by path), each once, with the
    files and folders that cannot be read as sources with an ``error``. Folders in
    ``exclude`` (the output folder) are not entered. Raises :class:`InputMissing` for a
    named path that does not exist."""
    tally = tally if tally is not None else Tally()
    paths = check_inputs(paths)
    seen: set[tuple[int, int]] = set()
    for p in exclude:
        try:
            st = os.stat(p)
            seen.add((st.st_dev, st.st_ino))
        except OSError:
            pass
    for path in paths:
        yield from _entry(path, True, seen, tally)


def check_inputs(paths: Iterable[str | os.PathLike]) -> list[Path]:
    """The named input paths; raises :class:`InputMissing` for one that does not exist
    (a dangling or looping symlink exists: reading it gives a row with the reason)."""
    named = [Path(p) for p in paths]
    for path in named:
        if not os.path.lexists(path):
            raise InputMissing(f"input path does not exist: {shown(path)}")
    return named


def _entry(path: Path, named: bool, seen: set, tally: Tally) -> Iterator[Source]:
    try:
        st = os.stat(path)
    except OSError as exc:  # a dangling or looping symlink, a name that cannot be entered
        yield Source(path, named, f"{type(exc).__name__}: {exc.strerror or exc}")
        return
    key = (st.st_dev, st.st_ino)
    if key in seen:
        if not stat.S_ISDIR(st.st_mode):
            tally.repeated += 1
        return
    seen.add(key)
    if stat.S_ISDIR(st.st_mode):
        try:
            with os.scandir(path) as entries:
                names = sorted(e.name for e in entries)
        except OSError as exc:
            yield Source(path, named, f"folder cannot be read: {exc.strerror or exc}")
            return
        for name in names:
            yield from _entry(path / name, False, seen, tally)
    elif suffix_of(path) is None and not named:
        tally.unsupported.append(shown(path))
    elif not stat.S_ISREG(st.st_mode):
        yield Source(path, named, "not a regular file (a FIFO, socket or device)")
    else:
        yield Source(path, named)


def read_items(paths: Iterable[str | os.PathLike], tally: Tally | None = None,
               exclude: Iterable[str | os.PathLike] = ()) -> Iterator[Item]:
    """Every article of the inputs, in order."""
    tally = tally if tally is not None else Tally()
    for source in list_files(paths, tally, exclude):
        yield from read_source(source, tally)


def read_source(source: Source, tally: Tally) -> Iterator[Item]:
    path = source.path
    display = source.display or shown(path)
    if source.error is not None:
        yield _fail(Item(shown(_stem(path)), display), "unreadable", source.error)
        return
    suffix = suffix_of(path)
    if suffix is None:
        yield _fail(Item(shown(_stem(path)), display), "unsupported_type", f"not one of {', '.join(SUFFIXES)}")
    elif suffix in (".jsonl", ".jsonl.gz"):
        yield from _read_jsonl(path, tally, gz=suffix == ".jsonl.gz", display=display)
    elif suffix == ".txt":
        yield _read_txt(path, display)
    else:
        yield _read_html(path, display)


# --- partitions, for engines that read on many machines ---------------------------------

def plan_partitions(paths: Iterable[str | os.PathLike], size: int, tally: Tally | None = None,
                    exclude: Iterable[str | os.PathLike] = ()) -> Iterator[dict]:
    """The inputs cut into partitions of about ``size`` articles, in order: a plain
    ``.jsonl`` by byte ranges on line boundaries, a ``.jsonl.gz`` (or a UTF-16 one)
    whole, other files in groups. Paths are absolute, so a worker started in another
    folder reads the same files; each file keeps the name it is reported under.
    ``read_partition`` reads one; reading them all in order gives exactly ``read_items``."""
    tally = tally if tally is not None else Tally()
    group: list = []
    for source in list_files(paths, tally, exclude):
        entry = (os.path.abspath(source.path), source.named, source.error, shown(source.path))
        if source.error is None and suffix_of(source.path) in (".jsonl", ".jsonl.gz"):
            if group:
                yield {"files": group}
                group = []
            if suffix_of(source.path) == ".jsonl" and _wide_encoding(source.path) is None:
                yield from _jsonl_ranges(source.path, size, shown(source.path))
            else:
                yield {"files": [entry]}
        else:
            group.append(entry)
            if len(group) >= size:
                yield {"files": group}
                group = []
    if group:
        yield {"files": group}


def _jsonl_ranges(path: Path, size: int, display: str) -> Iterator[dict]:
    start, first_line, line, offset = 0, 1, 0, 0
    name = os.path.abspath(path)
    try:
        with open(path, "rb") as handle:
            for raw in handle:
                line += len(raw.splitlines()) or 1
                offset += len(raw)
                if line - first_line + 1 >= size:
                    yield {"jsonl": name, "display": display, "start": start, "end": offset,
                           "first_line": first_line, "last_line": line}
                    start, first_line = offset, line + 1
    except OSError:
        pass  # reading the range fails again, with the reason, on the worker
    if offset > start or line == 0:
        yield {"jsonl": name, "display": display, "start": start, "end": None, "first_line": first_line,
               "last_line": line if line >= first_line else None}


def read_partition(partition: dict, tally: Tally | None = None) -> Iterator[Item]:
    tally = tally if tally is not None else Tally()
    if "files" in partition:
        for name, named, error, display in partition["files"]:
            yield from read_source(Source(Path(name), named, error, display), tally)
        return
    yield from _read_jsonl(Path(partition["jsonl"]), tally, gz=False, start=partition["start"], end=partition["end"],
                           first_line=partition["first_line"], last_line=partition.get("last_line"),
                           display=partition["display"])


def partition_items(partition: dict) -> list[Item]:
    """The articles a partition holds as the plan knows them (a file each, or a line
    each), for reporting a partition that could not be processed article by article."""
    if "files" in partition:
        return [Item(shown(_stem(Path(name))), display) for name, _, _, display in partition["files"]]
    path = Path(partition["jsonl"])
    last = partition.get("last_line") or partition["first_line"]
    return [Item(f"{shown(_stem(path))}:{n}", partition["display"], n)
            for n in range(partition["first_line"], last + 1)]


def _stem(path: Path) -> str:
    suffix = suffix_of(path) or path.suffix
    return path.name[: -len(suffix)] if suffix else path.name


def _read_bytes(path: Path, item: Item) -> bytes | None:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            _fail(item, "too_large", f"file of {size} bytes is over the {MAX_FILE_BYTES}-byte limit")
            return None
        with open(path, "rb") as handle:
            return handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        _fail(item, "unreadable", exc)
        return None


def _decoded(path: Path, item: Item) -> str | None:
    data = _read_bytes(path, item)
    if data is None:
        return None
    try:
        text, item.encoding = decode_bytes(data)
    except DecodeError as exc:
        _fail(item, "undecodable", exc)
        return None
    return clean(text)


def _check_text(item: Item) -> Item:
    text = (item.article or {}).get("text")
    if not isinstance(text, str) or not text.strip():
        return _fail(item, "empty", "the article has no text")
    if len(text) > MAX_TEXT_CHARS:
        return _fail(item, "too_large", f"text of {len(text)} characters is over the {MAX_TEXT_CHARS}-character limit")
    return item


def _read_txt(path: Path, display: str) -> Item:
    item = Item(shown(_stem(path)), display)
    text = _decoded(path, item)
    if text is None:
        return item
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    while lines and not lines[0].strip():
        lines.pop(0)
    title = lines[0].strip() if lines else None
    item.article = {"id": item.id, "source": None, "url": None, "title": title or None,
                    "published": None, "text": "\n".join(lines[1:]).strip("\n")}
    return _check_text(item)


def _read_html(path: Path, display: str) -> Item:
    from .html import page_article

    item = Item(shown(_stem(path)), display)
    text = _decoded(path, item)
    if text is None:
        return item
    try:
        article = page_article(text)
    except Exception as exc:  # trafilatura raises many kinds on broken markup
        return _fail(item, "unparsable_html", exc)
    if article is None:
        return _fail(item, "no_article_body", "no article body found in the page")
    item.article = {"id": item.id, **{k: clean(v) if isinstance(v, str) else v for k, v in article.items()}}
    return _check_text(item)


def _wide_encoding(path: Path) -> str | None:
    """``utf-16`` or ``utf-32`` when the file starts with that byte-order mark."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(4)
    except OSError:
        return None
    return next((name for bom, name in _WIDE_BOMS if head.startswith(bom)), None)


def _lines(handle, gz: bool, start: int, end: int | None, wide: str | None) -> Iterator[tuple[bytes | str, str | None]]:
    """The lines of a ``.jsonl`` stream, a line ending at LF, CR LF or a lone CR (a raw
    CR cannot be inside a JSON line): bytes, or text for a UTF-16/32 file."""
    if wide:
        for text in io.TextIOWrapper(handle, encoding=wide, newline=None):
            yield text, wide
        return
    if start:
        handle.seek(start)
    while end is None or handle.tell() < end:
        raw = handle.readline()
        if not raw:
            return
        for piece in raw.splitlines() or [raw]:
            yield piece, None


def _read_jsonl(path: Path, tally: Tally, gz: bool, start: int = 0, end: int | None = None, first_line: int = 1,
                last_line: int | None = None, display: str | None = None) -> Iterator[Item]:
    """The articles of a ``.jsonl`` (or ``.jsonl.gz``) file, or of its bytes from
    ``start`` to ``end`` whose lines are numbered ``first_line`` to ``last_line``. Blank
    lines are counted in ``tally``, not items. A file that breaks off (a truncated gzip)
    keeps the lines before the break and ends with its reason; a range that cannot be
    read at all is one failed item per line."""
    stem, number, display = shown(_stem(path)), first_line - 1, display or shown(path)
    wide = None if gz or start else _wide_encoding(path)
    try:
        with (gzip.open(path, "rb") if gz else open(path, "rb")) as handle:
            for raw, encoding in _lines(handle, gz, start, end, wide):
                number += 1
                item = _jsonl_item(raw, encoding, display, stem, number)
                if item is None:
                    tally.blank_lines += 1
                else:
                    yield item
    except (OSError, EOFError, zlib.error, UnicodeDecodeError) as exc:
        for n in range(number + 1, max(number + 1, last_line or 0) + 1):
            yield _fail(Item(f"{stem}:{n}", display, n), "unreadable", exc)


def _jsonl_item(raw: bytes | str, encoding: str | None, display: str, stem: str, number: int) -> Item | None:
    if not raw.strip():
        return None
    item = Item(f"{stem}:{number}", display, number)
    try:
        if isinstance(raw, bytes):
            text, item.encoding = decode_bytes(raw)
        else:
            text, item.encoding = raw, encoding
        record = json.loads(text)
    except (DecodeError, ValueError, RecursionError) as exc:
        return _fail(item, "invalid_json", exc)
    if not isinstance(record, dict):
        return _fail(item, "invalid_json", f"a JSON {type(record).__name__}, not an object")
    record_id = record.get("id")
    if isinstance(record_id, bool) or not isinstance(record_id, (str, int, type(None))):
        return _fail(item, "invalid_field", f"id is a JSON {_kind(record_id)}, not a string")
    if record_id not in (None, ""):
        item.id, item.explicit_id = clean(str(record_id)), True
    for name in TEXT_FIELDS:
        value = record.get(name)
        if value is not None and not isinstance(value, str):
            return _fail(item, "invalid_field", f"{name} is a JSON {_kind(value)}, not a string")
    item.article = {"id": item.id, **{name: clean(record[name]) if isinstance(record.get(name), str) else None
                                      for name in TEXT_FIELDS}}
    return _check_text(item)


def _kind(value) -> str:
    return {bool: "boolean", int: "number", float: "number", list: "array", dict: "object"}.get(type(value), "value")
