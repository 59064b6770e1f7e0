"""The name recogniser (``pipeline/ner.py``, ``--ner``): the trained model ships inside the
package and loads from it; it labels real phrases as ``tests/cases/ner.yaml`` lists; the
option puts the stage in the pipeline or leaves it out; and with it the officials reader
drops organisations, widens names and adds people with a rank or post the rules miss
(``officials`` of the same file: the officials without and with the stage)."""
from pathlib import Path

import pytest
import yaml

import pipeline
from pipeline import batch, ner
from pipeline.cli import parser
from pipeline.record import extract_article

CASES = yaml.safe_load((Path(__file__).with_name("cases") / "ner.yaml").read_text(encoding="utf-8"))
MAX_MODEL_BYTES = 30 * 1024 * 1024


@pytest.fixture(scope="module")
def with_ner():
    return pipeline.load(ner=True)


@pytest.fixture(scope="module")
def rules_only():
    return pipeline.load()


def test_model_ships_inside_the_package():
    assert ner.MODEL_DIR.parent == Path(pipeline.__file__).parent
    assert sum(p.stat().st_size for p in ner.files()) <= MAX_MODEL_BYTES
    labels = set(ner.model().get_pipe("ner").labels)
    assert {"PER", "ORG"} <= labels


@pytest.mark.parametrize("case", CASES["entities"], ids=lambda c: f"{c['source']}:{c['text'][:40]}")
def test_labels_real_phrases(case):
    text = case["text"]
    found = {(text[e.start:e.end], e.label) for e in ner.recognise(ner.model(), text, [(0, len(text))])}
    for item in case["expect"]:
        assert (item["span"], item["label"]) in found


def _officials(nlp, text):
    record = extract_article(nlp, {"id": "case", "title": None, "text": text, "published": None})
    return sorted((o["name"], o["rank"], tuple(o["titles"]), o["rule"]) for o in record["officials"])


def _expected(items):
    return sorted((o["name"], o.get("rank"), tuple(o.get("titles", [])), o["rule"]) for o in items)


@pytest.mark.parametrize("case", CASES["officials"], ids=lambda c: f"{c['source']}:{c['text'][:40]}")
def test_officials_with_and_without_the_stage(case, with_ner, rules_only):
    assert _officials(rules_only, case["text"]) == _expected(case["rules"])
    assert _officials(with_ner, case["text"]) == _expected(case["with_ner"])


def test_option_switches_the_stage(with_ner, rules_only):
    assert "vn_ner" not in rules_only.pipe_names
    assert with_ner.pipe_names[0] == "vn_ner"
    text = CASES["entities"][0]["text"]
    doc = with_ner(text)
    assert {(s.text, s.label_) for s in doc.spans["ner"]} >= {("Aleksander Ceferin", "PER")}
    assert "ner" not in rules_only(text).spans


def test_command_line_option_and_fingerprint():
    assert parser().parse_args(["extract", "x"]).ner is False
    assert parser().parse_args(["extract", "x", "--ner"]).ner is True
    assert parser().parse_args(["extract", "x", "--ner", "--no-ner"]).ner is False
    # a resumed run with the stage does not keep chunks made without it
    assert batch.run_fingerprint({"ner": True}) != batch.run_fingerprint({})


def test_crf_alternative_is_selectable():
    nlp = pipeline.load(ner=True)
    nlp.replace_pipe("vn_ner", "vn_ner", config={"backend": "crf"})
    text = CASES["entities"][2]["text"]
    doc = nlp(text)
    # underthesea's recogniser reads the title and the name as one place: its spans, aligned to the text
    assert ("Chủ tịch UBND tỉnh Sóc Trăng Trần Văn Lâu", "LOC") in {(s.text, s.label_) for s in doc.spans["ner"]}
    with pytest.raises(ValueError):
        nlp.replace_pipe("vn_ner", "vn_ner", config={"backend": "other"})


def _extract(tmp_path, name, *flags):
    from pipeline.cli import main
    out = tmp_path / name
    assert main(["extract", "corpus/gold/articles.jsonl", "--out", str(out), "--workers", "1", "--quiet", *flags]) == 0
    return out


def test_no_ner_is_the_rules_run_and_ner_is_recorded(tmp_path):
    """``--no-ner`` is the default run, byte for byte; ``--ner`` is recorded in the run's
    options and changes only officials."""
    import json
    default, off, on = _extract(tmp_path, "default"), _extract(tmp_path, "off", "--no-ner"), \
        _extract(tmp_path, "on", "--ner")
    assert (off / "articles.jsonl").read_bytes() == (default / "articles.jsonl").read_bytes()
    assert json.loads((off / "run.json").read_text())["options"] == {}
    assert json.loads((on / "run.json").read_text())["options"] == {"ner": True}
    for a, b in zip((default / "articles.jsonl").read_text().splitlines(), (on / "articles.jsonl").read_text().splitlines()):
        left, right = json.loads(a), json.loads(b)
        assert {k: v for k, v in left.items() if k != "officials"} == {k: v for k, v in right.items() if k != "officials"}
