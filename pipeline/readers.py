"""Reading archives: files and folders of ``.txt``, ``.jsonl``, ``.jsonl.gz`` and ``.html``.

Every input article becomes one :class:`Item`: an article dict with the spec's fields,
or, when it cannot be read, the reason (``status``) and the detail of the failure. Files
in a folder whose type is not one of these are skipped and counted; a file named on the
command line is always read, and fails with a reason if it cannot be.
"""
from __future__ import annotations

import gzip
import json
import os
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


@dataclass
class Item:
    id: str
    path: str
    line: int | None = None
    article: dict | None = None
    encoding: str | None = None
    status: str = "ok"
    error: dict = field(default_factory=dict)  # exception class and message when not ok

    @property
    def ok(self) -> bool:
        return self.status == "ok"


def _fail(item: Item, status: str, exc: BaseException | str) -> Item:
    item.status = status
    if isinstance(exc, BaseException):
        item.error = {"exception": type(exc).__name__, "message": str(exc)[:500]}
    else:
        item.error = {"exception": "", "message": exc}
    return item


def suffix_of(path: Path) -> str | None:
    name = path.name.lower()
    return next((s for s in SUFFIXES if name.endswith(s)), None)


def list_files(paths: Iterable[str | os.PathLike]) -> Iterator[tuple[Path, Path]]:
    """(file, the root it was found under) for every input file, in sorted order.
    Raises FileNotFoundError for a path that does not exist."""
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            raise FileNotFoundError(f"input path does not exist: {path}")
        if path.is_dir():
            for found in sorted(p for p in path.rglob("*") if p.is_file()):
                yield found, path
        else:
            yield path, path.parent


def read_items(paths: Iterable[str | os.PathLike], skipped: list | None = None) -> Iterator[Item]:
    """Every article of the inputs, in order. Unsupported files inside folders are
    appended to ``skipped`` (when given) and otherwise ignored."""
    for path in supported_files(paths, skipped):
        yield from read_file(path)


def supported_files(paths: Iterable[str | os.PathLike], skipped: list | None = None) -> Iterator[Path]:
    """The input files to read, in order; a named file of another type is kept (it fails
    with a reason when read), one found in a folder is only counted in ``skipped``."""
    paths = list(paths)
    named = {Path(p) for p in paths if Path(p).is_file()}
    for path, _ in list_files(paths):
        if suffix_of(path) is not None or path in named:
            yield path
        elif skipped is not None:
            skipped.append(str(path))


def read_file(path: Path) -> Iterator[Item]:
    suffix = suffix_of(path)
    if suffix is None:
        yield _fail(Item(path.stem, str(path)), "unsupported_type", f"not one of {', '.join(SUFFIXES)}")
    elif suffix in (".jsonl", ".jsonl.gz"):
        yield from _read_jsonl(path, gz=suffix == ".jsonl.gz")
    elif suffix == ".txt":
        yield _read_txt(path)
    else:
        yield _read_html(path)


# --- partitions, for engines that read on many machines ---------------------------------

def plan_partitions(paths: Iterable[str | os.PathLike], size: int, skipped: list | None = None) -> Iterator[dict]:
    """The inputs cut into partitions of about ``size`` articles, in order: a plain
    ``.jsonl`` by byte ranges on line boundaries, a ``.jsonl.gz`` whole (it cannot be
    entered in the middle), other files in groups. ``read_partition`` reads one; reading
    them all in order gives exactly ``read_items``."""
    group: list[str] = []
    for path in supported_files(paths, skipped):
        if suffix_of(path) == ".jsonl":
            if group:
                yield {"files": group}
                group = []
            yield from _jsonl_ranges(path, size)
        elif suffix_of(path) == ".jsonl.gz":
            if group:
                yield {"files": group}
                group = []
            yield {"files": [str(path)]}
        else:
            group.append(str(path))
            if len(group) >= size:
                yield {"files": group}
                group = []
    if group:
        yield {"files": group}


def _jsonl_ranges(path: Path, size: int) -> Iterator[dict]:
    start, first_line, line, offset = 0, 1, 0, 0
    try:
        with open(path, "rb") as handle:
            for raw in handle:
                line += 1
                offset += len(raw)
                if line - first_line + 1 >= size:
                    yield {"jsonl": str(path), "start": start, "end": offset, "first_line": first_line}
                    start, first_line = offset, line + 1
    except OSError:
        pass  # reading the range fails again, with the reason, on the worker
    if offset > start or line == 0:
        yield {"jsonl": str(path), "start": start, "end": None, "first_line": first_line}


def read_partition(partition: dict) -> Iterator[Item]:
    if "files" in partition:
        for name in partition["files"]:
            yield from read_file(Path(name))
        return
    yield from _read_jsonl(Path(partition["jsonl"]), gz=False, start=partition["start"], end=partition["end"],
                           first_line=partition["first_line"])


def _stem(path: Path) -> str:
    suffix = suffix_of(path) or path.suffix
    return path.name[: -len(suffix)] if suffix else path.name


def _read_bytes(path: Path, item: Item) -> bytes | None:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            _fail(item, "too_large", f"file of {size} bytes is over the {MAX_FILE_BYTES}-byte limit")
            return None
        return path.read_bytes()
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
    return text


def _check_text(item: Item) -> Item:
    text = (item.article or {}).get("text")
    if not isinstance(text, str) or not text.strip():
        return _fail(item, "empty", "the article has no text")
    if len(text) > MAX_TEXT_CHARS:
        return _fail(item, "too_large", f"text of {len(text)} characters is over the {MAX_TEXT_CHARS}-character limit")
    return item


def _read_txt(path: Path) -> Item:
    item = Item(_stem(path), str(path))
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


def _read_html(path: Path) -> Item:
    import trafilatura

    item = Item(_stem(path), str(path))
    text = _decoded(path, item)
    if text is None:
        return item
    try:
        page = trafilatura.bare_extraction(text, with_metadata=True, include_comments=False, include_tables=False)
        doc = page.as_dict() if page is not None else None
    except Exception as exc:  # trafilatura raises many kinds on broken markup
        return _fail(item, "unparsable_html", exc)
    if not doc or not (doc.get("text") or "").strip():
        return _fail(item, "no_article_body", "no article body found in the page")
    item.article = {"id": item.id, "source": doc.get("sitename") or doc.get("hostname"), "url": doc.get("url"),
                    "title": doc.get("title"), "published": doc.get("date"), "text": doc["text"]}
    return _check_text(item)


def _read_jsonl(path: Path, gz: bool, start: int = 0, end: int | None = None, first_line: int = 1) -> Iterator[Item]:
    """The articles of a ``.jsonl`` (or ``.jsonl.gz``) file, or of its bytes from
    ``start`` to ``end`` whose first line is number ``first_line``. A file that breaks
    off (a truncated gzip) keeps the lines before the break and ends with its reason."""
    stem, number = _stem(path), first_line - 1
    try:
        with (gzip.open(path, "rb") if gz else open(path, "rb")) as handle:
            if start:
                handle.seek(start)
            while end is None or handle.tell() < end:
                raw = handle.readline()
                if not raw:
                    break
                number += 1
                yield _jsonl_item(raw, path, stem, number)
    except (OSError, EOFError, zlib.error) as exc:
        yield _fail(Item(f"{stem}:{number + 1}", str(path), number + 1), "unreadable", exc)


def _jsonl_item(raw: bytes, path: Path, stem: str, number: int) -> Item:
    item = Item(f"{stem}:{number}", str(path), number)
    if not raw.strip():
        return _fail(item, "empty", "blank line")
    try:
        text, item.encoding = decode_bytes(raw)
        record = json.loads(text)
    except (DecodeError, ValueError) as exc:
        return _fail(item, "invalid_json", exc)
    if not isinstance(record, dict):
        return _fail(item, "invalid_json", f"a JSON {type(record).__name__}, not an object")
    if record.get("id") not in (None, ""):
        item.id = str(record["id"])
    item.article = {"id": item.id, "source": record.get("source"), "url": record.get("url"),
                    "title": record.get("title"), "published": record.get("published"), "text": record.get("text")}
    return _check_text(item)
