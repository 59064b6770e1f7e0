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


ROUNDS = sorted(p for p in AUDIT.iterdir() if p.is_dir() and list(p.glob("*.csv"))) if AUDIT.is_dir() else []


@pytest.mark.parametrize("folder", ROUNDS, ids=[p.name for p in ROUNDS])
def test_committed_rounds_are_judged_and_recomputed(folder):
    result = run(folder)
    assert result.returncode == 0, result.stderr
    printed = rows_of(result.stdout)
    for path in folder.glob("*.csv"):
        with open(path, encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
        wanted = [r for r in rows if r["wanted"].lower() == "y"]
        strict = [r for r in wanted if r["values_right"].lower() == "y"]
        assert printed[path.stem] == (len(rows), len(strict), len(wanted))
        # every 'n' carries a note naming the error
        assert all(r["note"].strip() for r in rows if "n" in (r["wanted"].lower(), r["values_right"].lower()))
