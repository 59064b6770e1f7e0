"""The audit's precision script: figures from verdict files, unjudged rows refused, and the
committed rounds recomputed."""
import csv
import re
import subprocess
import sys

import pytest

from conftest import ROOT

AUDIT = ROOT / "audit"
SCRIPT = AUDIT / "precision.py"
HEADER = ["id", "published", "start", "end", "text", "value", "kind", "sentence", "wanted", "values_right", "note"]


def run(folder):
    return subprocess.run([sys.executable, str(SCRIPT), str(folder)], capture_output=True, text=True)


def write(folder, field, verdicts):
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / f"{field}.csv", "w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(HEADER)
        for i, (wanted, right) in enumerate(verdicts):
            out.writerow([f"a{i}", "", 0, 4, "2022", "2022", "year", "năm ⟦2022⟧", wanted, right, ""])


def rows_of(output):
    """field → (judged, strict count, mention count) from the printed table."""
    found = {}
    for line in output.splitlines():
        m = re.match(r"\| (\w+) \| (\d+) \| [\d.]+ \((\d+)/\d+; .*\) \| [\d.]+ \((\d+)/\d+; .*\) \|$", line)
        if m:
            found[m[1]] = tuple(int(g) for g in m.groups()[1:])
    return found


def test_figures_and_wilson_intervals(tmp_path):
    # 10 judged: 8 wanted, 6 of them with every value right; 'n' needs no values_right
    write(tmp_path, "dates", [("y", "y")] * 6 + [("y", "n")] * 2 + [("n", "")] + [("n", "n")])
    result = run(tmp_path)
    assert result.returncode == 0, result.stderr
    # Wilson 95% intervals of 6/10 and 8/10 (Newcombe 1998): 0.313–0.832, 0.490–0.943
    assert "| dates | 10 | 0.60 (6/10; 0.31–0.83) | 0.80 (8/10; 0.49–0.94) |" in result.stdout


def test_upper_case_verdicts_and_all_right(tmp_path):
    write(tmp_path, "amounts", [("Y", "Y")] * 5)
    result = run(tmp_path)
    assert "| amounts | 5 | 1.00 (5/5; 0.57–1.00) | 1.00 (5/5; 0.57–1.00) |" in result.stdout


@pytest.mark.parametrize("verdicts", [[("y", "y"), ("", "")], [("y", "")], [("maybe", "y")], [("y", "yes")]])
def test_an_unjudged_or_invalid_row_fails(tmp_path, verdicts):
    write(tmp_path, "awards", verdicts)
    result = run(tmp_path)
    assert result.returncode == 1
    assert "awards.csv:" in result.stderr
    assert "| awards |" not in result.stdout


def test_an_empty_folder_fails(tmp_path):
    assert run(tmp_path).returncode == 1


ROUNDS = sorted(p for p in AUDIT.iterdir() if p.is_dir() and list(p.glob("*.csv")) and p.name != "people") \
    if AUDIT.is_dir() else []


@pytest.mark.parametrize("folder", ROUNDS, ids=[p.name for p in ROUNDS])
def test_committed_rounds_are_judged_and_recomputed(folder):
    result = run(folder)
    assert result.returncode == 0, result.stderr
    printed = rows_of(result.stdout)
    for path in folder.glob("*.csv"):
        with open(path, encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.DictReader(handle))
        wanted = [r for r in rows if r["wanted"].lower() == "y"]
        strict = [r for r in wanted if r["values_right"].lower() == "y"]
        assert printed[path.stem] == (len(rows), len(strict), len(wanted))
        # every 'n' carries a note naming the error
        assert all(r["note"].strip() for r in rows if "n" in (r["wanted"].lower(), r["values_right"].lower()))


# The people audit (issue 12): a draw of multi-article people, each judged for wrong merges
# and splits.
PEOPLE = AUDIT / "people" / "people.csv"


def test_people_audit_is_fully_judged():
    with open(PEOPLE, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 50
    assert all(int(r["articles"]) >= 2 for r in rows)
    for r in rows:
        assert r["merged_wrongly"] in ("y", "n") and r["split"] in ("y", "n"), r["name"]
        # every 'y' says what happened
        if "y" in (r["merged_wrongly"], r["split"]):
            assert r["note"].strip(), r["name"]


def test_people_sample_draws_multi_article_people_with_their_titles(tmp_path):
    with open(tmp_path / "people.csv", "w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(["person_id", "name", "ranks", "titles", "articles", "first_seen", "last_seen", "provinces"])
        out.writerow(["p1", "Nguyễn Văn An", "", "Chủ tịch UBND tỉnh Nghệ An", 2, "", "", "Nghệ An"])
        out.writerow(["p2", "Lê Văn Bình", "", "Trưởng phòng", 1, "", "", ""])
        out.writerow(["p3", "Trần Thị Cúc", "", "Giám đốc Sở Y tế", 3, "", "", ""])
    with open(tmp_path / "officials.csv", "w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(["id", "person_id", "name", "rank", "titles", "text", "start", "end", "rule"])
        out.writerow(["a1", "p1", "Nguyễn Văn An", "", "Chủ tịch UBND tỉnh Nghệ An", "", 0, 1, ""])
        out.writerow(["a2", "p1", "Nguyễn Văn An", "", "", "", 0, 1, ""])
        out.writerow(["a1", "p2", "Lê Văn Bình", "", "Trưởng phòng", "", 0, 1, ""])
        for article in ("a3", "a4", "a5"):
            out.writerow([article, "p3", "Trần Thị Cúc", "", "Giám đốc Sở Y tế", "", 0, 1, ""])
    target = tmp_path / "out.csv"
    result = subprocess.run([sys.executable, str(AUDIT / "people_sample.py"), str(tmp_path), "--n", "2",
                             "--out", str(target)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    with open(target, encoding="utf-8-sig", newline="") as handle:
        rows = {r["person_id"]: r for r in csv.DictReader(handle)}
    assert set(rows) == {"p1", "p3"}  # the one-article person is never drawn
    assert (rows["p1"]["article_1"], rows["p1"]["titles_1"]) == ("a1", "Chủ tịch UBND tỉnh Nghệ An")
    assert (rows["p1"]["article_2"], rows["p1"]["titles_2"], rows["p1"]["article_3"]) == ("a2", "", "")
    assert [rows["p3"][f"article_{i}"] for i in (1, 2, 3)] == ["a3", "a4", "a5"]
    assert rows["p3"]["merged_wrongly"] == rows["p3"]["split"] == rows["p3"]["note"] == ""
