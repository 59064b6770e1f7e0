"""Odd records, files, names and trees: each is made for real (real FIFOs, symlink
loops, file names that are not UTF-8, permission bits that bite an unprivileged user)
and every input article must be accounted for exactly once: a row of articles.csv,
extracted or with its reason, and never a crash or a hang."""
import codecs
import gzip
import json
import os
import shutil
from collections import Counter
from pathlib import Path

import pytest

from faultkit import GOLD_LINES, NOBODY, SEED, cli, rows, run_root, tables
from pipeline import batch

ARTICLE = {k: GOLD_LINES[0][k] for k in ("title", "text")}


def line(**fields) -> str:
    return json.dumps({**ARTICLE, **fields}, ensure_ascii=True)


DEEP = '{"id": "deep", "text": ' + "[" * 1000 + "]" * 1000 + "}"
RECORDS = [  # (line, the row it must give: id, status)
    (line(id="A"), ("A", "ok")),
    (line(id="x\udc80y", url="http://\udc80", source="s\udc80", published="2022-12-01\udc80"), ("x\ufffdy", "ok")),
    (DEEP, ("records:3", "invalid_json")),
    (line(id="first-day", published="0001-01-01"), ("first-day", "ok")),
    (line(id="last-day", published="9999-12-31T23:59:59+14:00"), ("last-day", "ok")),
    (json.dumps({"id": "list-text", "text": ["Ngày 29/11"]}), ("list-text", "invalid_field")),
    (json.dumps({"id": "number-text", "text": 7}), ("number-text", "invalid_field")),
    (line(id=True), ("records:8", "invalid_field")),
    (line(id=["l", 1]), ("records:9", "invalid_field")),
    (line(id=42), ("42", "ok")),
    ("", None),                                              # blank: not an article
    (line(id="A"), (None, "duplicate_id")),                  # the same own id again
    (line(id="seed"), ("seed", "ok")),                       # before the file seed.txt
]


@pytest.fixture(scope="module")
def odd(tmp_path_factory):
    folder = tmp_path_factory.mktemp("odd")
    (folder / "records.jsonl").write_text("\n".join(r for r, _ in RECORDS) + "\n", encoding="utf-8")
    articles = [line(id=f"cr{i}") for i in range(3)]
    (folder / "cr.jsonl").write_bytes("\r".join(articles).encode() + b"\r")
    (folder / "wide.jsonl").write_bytes(codecs.BOM_UTF16_LE + "\r\n".join(line(id=f"w{i}") for i in range(3))
                                        .encode("utf-16-le"))
    with gzip.open(folder / "blank.jsonl.gz", "wb", compresslevel=1) as handle:
        handle.write(b"\n" * 300_000 + line(id="after-blanks").encode() + b"\n")
    shutil.copy(SEED, folder / "seed.txt")
    for sub in ("p", "q"):                                   # two files with one stem, records without ids
        (folder / sub).mkdir()
        (folder / sub / "same.jsonl").write_text(line() + "\n", encoding="utf-8")
    (folder / "zz.jsonl").write_text(line(id="same:1") + "\n" + line(id=f"A#{folder}/records.jsonl:12") + "\n",
                                     encoding="utf-8")
    os.symlink("seed.txt", folder / "seed-again.txt")       # one file under two names
    out = folder / "out"                                     # --out inside the input folder
    first = batch.run([str(folder), str(folder / "seed.txt"), str(SEED)], out, workers=1, chunk_size=4)
    before = tables(out)
    second = batch.run([str(folder), str(folder / "seed.txt"), str(SEED)], out, workers=1, chunk_size=4)
    return folder, out, first, second, before


def test_every_record_gives_its_row(odd):
    """Lone surrogates, 1,000-deep nesting, edge dates, fields of the wrong type: one
    row each with the status it must have; the batch goes on."""
    folder, out, *_ = odd
    by_line = {int(r["line"]): r for r in rows(out) if r["path"] == str(folder / "records.jsonl")}
    for number, (_, expected) in enumerate(RECORDS, 1):
        if expected is None:
            assert number not in by_line
            continue
        article_id, status = expected
        assert by_line[number]["status"] == status, (number, by_line[number])
        if article_id is not None:
            assert by_line[number]["id"] == article_id
    assert by_line[2]["url"] == "http://\ufffd"


def test_line_ends_and_wide_encodings(odd):
    """CR-only line ends and a UTF-16 .jsonl: one row per article, not one invalid row."""
    _, out, *_ = odd
    by_id = {r["id"]: r for r in rows(out)}
    for article_id in ("cr0", "cr1", "cr2", "w0", "w1", "w2"):
        assert by_id[article_id]["status"] == "ok", article_id
    assert by_id["w0"]["encoding"] == "utf-16"


def test_blank_lines_are_counted_not_rows(odd):
    """300,000 blank lines in a .jsonl.gz are a count in the summary, not 300,000 rows."""
    folder, out, first, *_ = odd
    gz = [r for r in rows(out) if r["path"].endswith("blank.jsonl.gz")]
    assert [(r["id"], r["status"]) for r in gz] == [("after-blanks", "ok")]
    assert first.blank_lines == 300_000 + 1


def test_ids_are_unique_and_no_article_lost_to_a_collision(odd):
    """Every id once; a record whose own id meets a made-up id (a file's stem, another
    file's default id) is extracted under a fresh id; only a repeated own id is a
    duplicate; the same file named three times and linked once is read once."""
    folder, out, first, *_ = odd
    table = rows(out)
    assert len({r["id"] for r in table}) == len(table)
    assert Counter(r["status"] for r in table)["duplicate_id"] == 1
    same = [r for r in table if r["path"].endswith("same.jsonl")]
    assert len(same) == 2 and {r["status"] for r in same} == {"ok"}
    zz = [r for r in table if r["path"].endswith("zz.jsonl")]
    assert len(zz) == 2 and {r["status"] for r in zz} == {"ok"}
    seeds = [r for r in table if r["path"].endswith(("seed.txt", "seed-again.txt", SEED.name))]
    assert [r["status"] for r in seeds] == ["ok", "ok"]          # the copy in the folder, the gold file
    assert first.repeated_files == 2
    assert sum(1 for r in table if r["path"].endswith("records.jsonl")) == len(RECORDS) - 1


def test_out_inside_the_input_folder_is_not_read_back(odd):
    """--out inside the input folder: a second run reads none of the first run's tables
    and writes the very same ones."""
    _, out, first, second, before = odd
    assert second.articles == first.articles
    assert tables(out) == before
    assert not any("/out/" in r["path"] for r in rows(out))


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """A tree with faults only an unprivileged user meets, run through the command line
    as that user (the tests run as root, whom permission bits do not stop)."""
    if os.geteuid() == 0 and shutil.which("setpriv") is None:
        pytest.skip("running as root without setpriv: permission bits cannot be made to bite")
    user = NOBODY if os.geteuid() == 0 else None
    base = run_root("faults-tree-")
    tree = base / "tree"
    tree.mkdir()
    shutil.copy(SEED, tree / "a.txt")
    for name, mode in (("secret", 0o000), ("listonly", 0o444)):     # not readable; listed but not entered
        (tree / name).mkdir()
        shutil.copy(SEED, tree / name / "b.txt")
        shutil.copy(SEED, tree / name / "c.txt")
        (tree / name).chmod(mode)
    shutil.copy(SEED, tree / "locked.txt")
    (tree / "locked.txt").chmod(0o000)
    os.mkfifo(tree / "fifo.txt")
    os.symlink("loop.txt", tree / "loop.txt")
    os.symlink(".", tree / "again")                               # a folder loop
    name = os.fsencode(tree) + b"/caf\xe9-\xff.txt"                  # not UTF-8
    shutil.copy(SEED, os.fsdecode(name))
    named_fifo = base / "x.txt"
    os.mkfifo(named_fifo)
    named_loop = base / "self.txt"
    os.symlink("self.txt", named_loop)
    out = base / "out"
    out.mkdir()
    out.chmod(0o777)
    result = cli("extract", tree, named_fifo, named_loop, tree / "a.txt", "--out", out, "--workers", "1",
                 user=user, timeout=300)
    yield base, out, result
    for folder in ("secret", "listonly"):
        (tree / folder).chmod(0o755)
    shutil.rmtree(base, ignore_errors=True)


def test_unreadable_trees_are_rows_never_silence(hostile):
    """Unreadable sub-folders, files, FIFOs (in the tree and named), symlink loops: a row
    with reason ``unreadable`` each; nothing hangs, exit 0 since some article was read."""
    base, out, result = hostile
    assert result.returncode == 0, result.stderr
    status = {r["path"]: r["status"] for r in rows(out)}
    tree = base / "tree"
    expected = {
        tree / "a.txt": "ok", tree / "secret": "unreadable", tree / "listonly" / "b.txt": "unreadable",
        tree / "listonly" / "c.txt": "unreadable", tree / "locked.txt": "unreadable",
        tree / "fifo.txt": "unreadable", tree / "loop.txt": "unreadable",
        base / "x.txt": "unreadable", base / "self.txt": "unreadable",
    }
    for path, state in expected.items():
        assert status.pop(str(path)) == state, path
    (odd_name, state), = status.items()                            # the one left: the name not in UTF-8
    assert odd_name.endswith("caf\\xe9-\\xff.txt") and state == "ok"
    assert "read once 1 files" in result.stderr                    # a.txt named again


def test_a_full_disk_leaves_the_previous_tables_whole(tmp_path):
    """A real 1 MB tmpfs as --out, filled by a ballast file: the run fails with exit 4
    and one line, and --out still holds the previous run's complete set of tables;
    after space is freed, --resume finishes and the new set replaces the old at once."""
    mount = tmp_path / "disk"
    mount.mkdir()
    if os.system(f"mount -t tmpfs -o size=1m tmpfs {mount} 2>/dev/null") != 0:
        pytest.skip("cannot mount a tmpfs here (needs root and mount rights)")
    try:
        out = mount / "out"
        batch.run([str(SEED)], out, workers=1)
        previous = tables(out)
        new_input = tmp_path / "new.jsonl"
        new_input.write_text("\n".join(json.dumps(a, ensure_ascii=False) for a in GOLD_LINES[:12]) + "\n",
                             encoding="utf-8")
        reference = tmp_path / "reference"
        batch.run([str(new_input)], reference, workers=1, chunk_size=100)
        size = sum(len(b) for b in tables(reference).values())
        stat = os.statvfs(mount)
        free = stat.f_bavail * stat.f_frsize
        # room for the part files (one chunk) but not for the joined tables as well
        (mount / "ballast").write_bytes(b"\0" * (free - size - 16 * 4096))
        result = cli("extract", new_input, "--out", out, "--workers", "1", "--chunk-size", "100")
        assert result.returncode == 4, result.stderr
        assert "No space left" in result.stderr and len(result.stderr.strip().splitlines()) == 1
        assert (out / ".parts" / "000000.done").exists()           # it failed in the final join
        assert tables(out) == previous                             # not a mix, not a loss
        (mount / "ballast").unlink()
        summary = batch.run([str(new_input)], out, workers=1, chunk_size=100, resume=True)
        assert summary.resumed_chunks == 1
        assert tables(out) == tables(reference)
    finally:
        os.system(f"umount {mount}")
