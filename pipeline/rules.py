"""Access to the language data in ``rules/``.

Every Vietnamese word list, pattern piece and gazetteer lives in a YAML file under
``rules/``; the code only knows file names. Files are read once per process.
"""
from __future__ import annotations

import functools
import os
from importlib import resources
from pathlib import Path

import yaml


def rules_dir() -> Path:
    """The folder holding the rule files: ``$VN_EXTRACT_RULES``, the checkout's ``rules/``,
    or the copy installed with the package."""
    override = os.environ.get("VN_EXTRACT_RULES")
    if override:
        return Path(override)
    checkout = Path(__file__).resolve().parent.parent / "rules"
    if checkout.is_dir():
        return checkout
    return Path(str(resources.files("pipeline.rule_files")))


@functools.cache
def load(name: str):
    """Parsed content of ``rules/<name>.yaml`` (``name`` may hold a sub-folder: ``legacy/tcvn3``)."""
    path = rules_dir() / f"{name}.yaml"
    with open(path, encoding="utf-8") as handle:
        return yaml.load(handle, Loader=_LOADER)


# libyaml's parser when PyYAML was built with it (the same documents, read several times faster)
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
