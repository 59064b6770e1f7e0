import functools
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
GOLD = CORPUS / "gold"
SEED = GOLD / "000_b7ebf30e4d42f5af.txt"


@functools.cache
def _nlp():
    import pipeline
    return pipeline.load()


@pytest.fixture(scope="session")
def nlp():
    return _nlp()


@pytest.fixture(scope="session")
def gold_run(tmp_path_factory):
    """The bundled gold articles extracted once, for the tests that read a batch's output."""
    from pipeline import batch
    out = tmp_path_factory.mktemp("gold-batch")
    batch.run([str(GOLD)], out, workers=1)
    return out
