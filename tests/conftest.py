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
