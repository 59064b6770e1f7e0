"""The rule files, installed with the package as ``pipeline.rule_files`` (read by ``pipeline/rules.py``)."""
