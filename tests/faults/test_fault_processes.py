"""Faults of the process: kill -9, SIGTERM and Ctrl-C of a real run, two real runs into
one --out. Each test says what must hold."""
import json
import os
import shutil
import signal

import pytest

from faultkit import all_gone, children, chunks_done, cli, interrupt, make_archive, rows, start, tables, wait_for
from pipeline import batch

ARGS = ("--workers", "2", "--chunk-size", "2", "--quiet")


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    return make_archive(tmp_path_factory.mktemp("archive"))


@pytest.fixture(scope="module")
def reference(archive, tmp_path_factory):
    out = tmp_path_factory.mktemp("reference")
    batch.run([str(archive)], out, workers=1, chunk_size=2)
    return tables(out)


def _stopped_midway(archive, out, signum):
    """A real run with two workers, hit by ``signum`` once two chunks are done."""
    process = start("extract", archive, "--out", out, *ARGS)
    wait_for(lambda: chunks_done(out) >= 2 or process.poll() is not None, what="two chunks done")
    assert process.poll() is None, "the run ended before the fault: " + process.stderr.read()
    workers = children(process.pid)
    interrupt(process, signum)
    _, stderr = process.communicate(timeout=120)
    return process.returncode, stderr, workers


def test_kill_9_workers_end_and_resume_takes_the_stale_lock(archive, reference, tmp_path):
    """kill -9 of the main process: its workers end within seconds; no table appears;
    the next run takes over the lock it left and, with --resume, ends with the tables of
    a run never killed, byte for byte (nothing lost, nothing twice)."""
    out = tmp_path / "out"
    code, _, workers = _stopped_midway(archive, out, signal.SIGKILL)
    assert code == -signal.SIGKILL
    assert workers and all_gone(workers), "worker processes outlived their parent"
    assert not (out / "articles.csv").exists()
    assert (out / ".lock").read_text().startswith("pid ")  # left behind by the killed run
    summary = batch.run([str(archive)], out, workers=1, chunk_size=2, resume=True)
    assert summary.stale_lock and summary.resumed_chunks >= 2 and summary.redone_chunks == 0
    assert tables(out) == reference
    assert (out / ".lock").read_text() == ""


def test_resume_with_other_options_or_inputs_loses_nothing(archive, tmp_path):
    """A resume of a killed run with another --chunk-size, or with one more input file
    listed first: every article exactly once, as a run that was never killed writes it
    with those options (no chunk reused by its number alone, nothing "duplicate")."""
    out = tmp_path / "out"
    code, _, _ = _stopped_midway(archive, out, signal.SIGKILL)
    assert code == -signal.SIGKILL
    extra = tmp_path / "extra.jsonl"
    extra.write_text("".join(json.dumps({"id": f"extra-{i}", "text": f"Ngày {i + 1}/5/2024, hội nghị."}) + "\n"
                             for i in range(5)), encoding="utf-8")
    for name, inputs, size in (("other-size", [str(archive)], 3), ("one-more-first", [str(extra), str(archive)], 2)):
        resumed = tmp_path / name
        shutil.copytree(out, resumed, symlinks=True)
        summary = batch.run(inputs, resumed, workers=1, chunk_size=size, resume=True)
        assert summary.resumed_chunks == 0 and summary.redone_chunks >= 2
        fresh = tmp_path / f"{name}-fresh"
        batch.run(inputs, fresh, workers=1, chunk_size=size)
        assert tables(resumed) == tables(fresh)
        statuses = [r["status"] for r in rows(resumed)]
        assert statuses.count("ok") == len(statuses) == 24 + (5 if len(inputs) == 2 else 0)


@pytest.mark.parametrize("signum, code, name", [(signal.SIGTERM, 143, "SIGTERM"), (signal.SIGINT, 130, "Ctrl-C")])
def test_sigterm_and_ctrl_c_stop_in_one_line_and_resume(archive, reference, tmp_path, signum, code, name):
    """SIGTERM, or Ctrl-C sent to the whole process group as a terminal does: exit
    128+signal with one line on stderr (no traceback), the workers gone, and --resume
    ends with the tables of an uninterrupted run."""
    out = tmp_path / "out"
    returncode, stderr, workers = _stopped_midway(archive, out, signum)
    assert returncode == code, stderr
    assert len(stderr.strip().splitlines()) == 1 and name in stderr and "--resume" in stderr, stderr
    assert all_gone(workers), "worker processes outlived the run"
    assert not (out / "articles.csv").exists()
    summary = batch.run([str(archive)], out, workers=1, chunk_size=2, resume=True)
    assert summary.resumed_chunks >= 2 and summary.stale_lock is None  # it released the lock
    assert tables(out) == reference


def test_a_killed_worker_stops_the_run_in_one_line_and_resume_continues(archive, reference, tmp_path):
    """kill -9 of one worker: exit 6 with one line, the other worker gone too, and
    --resume ends with the tables of an uninterrupted run."""
    out = tmp_path / "out"
    process = start("extract", archive, "--out", out, *ARGS)
    wait_for(lambda: chunks_done(out) >= 2 or process.poll() is not None, what="two chunks done")
    assert process.poll() is None, "the run ended before the fault: " + process.stderr.read()
    workers = [p for p in children(process.pid) if "resource_tracker" not in " ".join(p.cmdline())]
    os.kill(workers[0].pid, signal.SIGKILL)
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 6, stderr
    assert len(stderr.strip().splitlines()) == 1 and "--resume" in stderr, stderr
    assert all_gone(workers)
    summary = batch.run([str(archive)], out, workers=1, chunk_size=2, resume=True)
    assert summary.resumed_chunks >= 2 and tables(out) == reference


def test_a_second_run_into_a_locked_out_is_refused(archive, reference, tmp_path):
    """Two real runs into one --out: while the first holds it (stopped with SIGSTOP
    mid-run, so the overlap is certain), the second exits 5 with one line and touches
    nothing; the first then ends with exactly its own tables."""
    out = tmp_path / "out"
    other = make_archive(tmp_path / "other", n=6)
    first = start("extract", archive, "--out", out, "--workers", "1", "--chunk-size", "2", "--quiet")
    wait_for(lambda: chunks_done(out) >= 1 or first.poll() is not None, what="the first run's first chunk")
    os.kill(first.pid, signal.SIGSTOP)
    try:
        parts_before = sorted(p.name for p in (out / ".parts").iterdir())
        for extra in ((), ("--resume",)):
            second = cli("extract", other, "--out", out, "--workers", "1", *extra)
            assert second.returncode == 5, second.stderr
            assert len(second.stderr.strip().splitlines()) == 1 and "in use" in second.stderr
        assert sorted(p.name for p in (out / ".parts").iterdir()) == parts_before
    finally:
        os.kill(first.pid, signal.SIGCONT)
    _, stderr = first.communicate(timeout=300)
    assert first.returncode == 0, stderr
    assert tables(out) == reference
    manifest = json.loads((out / "run.json").read_text())
    assert manifest["inputs"] == [str(archive)]


def test_exit_codes_are_distinct(archive, tmp_path):
    """0 extracted; 1 nothing extracted; 2 only for an input path that does not exist;
    3 a wrong command line; 4 an output folder that cannot be made; each one line."""
    junk = tmp_path / "junk.txt"
    junk.write_bytes(bytes(range(256)) * 8)
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    cases = [
        (("extract", tmp_path / "nowhere", "--out", tmp_path / "o1"), 2, "does not exist"),
        (("extract", archive, "--out", tmp_path / "o2", "--chunk-size", "0"), 3, "at least 1"),
        (("extract", archive, "--out", tmp_path / "o3", "--workers", "0"), 3, "at least 1"),
        (("extract", archive, "--out", blocker / "out"), 4, "output folder"),
        (("extract", junk, "--out", tmp_path / "o4", "--workers", "1"), 1, "no article could be extracted"),
        (("compare", tmp_path / "nowhere", tmp_path), 2, "does not exist"),
        (("evaluate", tmp_path / "nowhere", tmp_path / "p.jsonl"), 2, "does not exist"),
    ]
    for args, code, message in cases:
        result = cli(*args)
        assert result.returncode == code, (args, result.stderr)
        assert message in result.stderr and "Traceback" not in result.stderr, (args, result.stderr)
    assert rows(tmp_path / "o4")[0]["status"] == "undecodable"
    assert not (tmp_path / "o1").exists()  # a missing input leaves --out untouched
