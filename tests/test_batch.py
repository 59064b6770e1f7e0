"""Batches: the same tables for any number of workers, and a resumed run ends as if it
had never stopped."""
import time

import pytest

from conftest import GOLD
from pipeline import batch, timings
from pipeline.readers import read_items
from pipeline.writers import OUTPUT_FILES


#: every table a run writes: the records, the CSV tables and people.csv (with person_id in officials.csv)
ALL_FILES = [*OUTPUT_FILES, "people.csv"]


def read_outputs(folder):
    return {name: (folder / name).read_bytes() for name in ALL_FILES}


@pytest.fixture(scope="module")
def one_worker(tmp_path_factory):
    out = tmp_path_factory.mktemp("one")
    batch.run([str(GOLD)], out, workers=1, chunk_size=5)
    return read_outputs(out)


def test_two_workers_write_the_same_bytes(one_worker, tmp_path):
    summary = batch.run([str(GOLD)], tmp_path, workers=2, chunk_size=5)
    assert summary.articles == 43
    outputs = read_outputs(tmp_path)
    assert outputs.keys() == one_worker.keys() and b"person_id" in outputs["people.csv"]
    for name in ALL_FILES:
        assert outputs[name] == one_worker[name], name
    # the seconds of every stage come back from the worker processes
    assert set(summary.stages) == set(timings.ORDER) and all(s > 0 for s in summary.stages.values())


def test_chunk_size_does_not_change_the_output(one_worker, tmp_path):
    batch.run([str(GOLD)], tmp_path, workers=1, chunk_size=17)
    assert read_outputs(tmp_path) == one_worker


class Interrupted(Exception):
    pass


@pytest.mark.parametrize("workers", [1, 2])
def test_resume_continues_an_interrupted_run(one_worker, tmp_path, monkeypatch, workers):
    written = []
    real_write = batch._write_chunk

    def crash_after_three(parts, index, *rest):
        if len(written) == 3:
            raise Interrupted("power cut")
        real_write(parts, index, *rest)
        written.append(index)

    monkeypatch.setattr(batch, "_write_chunk", crash_after_three)
    with pytest.raises(Interrupted):
        batch.run([str(GOLD)], tmp_path, workers=workers, chunk_size=5)
    assert not (tmp_path / "articles.csv").exists()  # nothing that looks whole
    assert len(list((tmp_path / batch.PARTS).glob("*.done"))) == 3

    monkeypatch.setattr(batch, "_write_chunk", real_write)
    summary = batch.run([str(GOLD)], tmp_path, workers=workers, chunk_size=5, resume=True)
    assert summary.resumed_chunks == 3
    assert summary.articles == 43 and summary.ok == 43
    assert read_outputs(tmp_path) == one_worker
    assert not (tmp_path / batch.PARTS).exists()


def test_a_stage_inside_another_counts_for_itself_only():
    seconds: dict[str, float] = {}
    with timings.stage("officials", seconds):
        time.sleep(0.02)
        with timings.stage("segment", seconds):
            time.sleep(0.3)
    assert seconds["segment"] >= 0.3 and 0.02 <= seconds["officials"] < 0.3


def test_the_default_chunk_size_gives_two_workers_several_chunks_of_the_bundled_corpus():
    articles = sum(1 for item in read_items([str(GOLD), str(GOLD.parent / "articles")]) if item.ok)
    assert articles // batch.CHUNK_SIZE >= 2 * 2 * 2  # at least two chunks in flight per worker, twice over
