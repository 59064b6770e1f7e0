"""Packaging beside pyproject.toml: every package under ``pipeline/`` is found by itself
(a new subpackage needs no entry here), and the rule files in ``rules/`` (sub-folders
included) are installed as the package ``pipeline.rule_files``, which ``pipeline/rules.py``
reads outside a checkout. The trained name recogniser ships as data of ``pipeline`` itself
(``pipeline/ner_model/``, made by ``make train-ner``)."""
from setuptools import find_namespace_packages, find_packages, setup

RULES = ["pipeline.rule_files", *(f"pipeline.rule_files.{p}" for p in find_namespace_packages(where="rules"))]

setup(
    packages=[*find_packages(include=["pipeline", "pipeline.*"]), *RULES],
    package_dir={"pipeline.rule_files": "rules"},
    package_data={**{name: ["*.yaml"] for name in RULES}, "pipeline": ["ner_model/*", "ner_model/*/*"]},
)
