"""The fields, each defined once.

A :class:`Field` says everything the rest of the code needs to know about one kind of
mention: the extractor module that finds it, the columns of its table (names and types,
for CSV and Parquet), the values a mention carries (also the spaCy span attributes), the
keys the scorer compares against gold, and the key ``compare`` pairs two runs' mentions
by. ``nlp``, ``record``, ``batch``, ``writers``, ``compare``, ``evaluate`` and the tests
read :data:`FIELDS`; adding a field is one extractor module, its rules, its tests and one
entry here (``docs/adding-a-field.md``).
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from types import ModuleType

STRING, INT, FLOAT, LIST = "string", "int", "float", "list"
#: how a list value is joined in a CSV cell (a Parquet table has a real list of strings)
LIST_JOINER = "; "
#: The encoding of every CSV table: UTF-8 with a byte-order mark, so that Excel shows the
#: Vietnamese as it is. Read them with ``utf-8-sig`` (pandas, DuckDB and Arrow skip the mark).
CSV_ENCODING = "utf-8-sig"


@dataclass(frozen=True)
class Column:
    name: str
    type: str = STRING  # STRING, INT, FLOAT or LIST (the Parquet type; CSV writes the value as it is, a list joined)


@dataclass(frozen=True)
class Field:
    name: str
    #: the mention's values besides ``text``, ``start`` and ``end``, in record order
    values: tuple[str, ...]
    #: the columns of ``<name>.csv`` after ``id``, in order (provenance columns follow)
    columns: tuple[Column, ...]
    #: the values the scorer compares with gold; one value is scored as itself, more as a tuple
    score_key: tuple[str, ...]
    #: how the scorer folds a key value before comparing: ``text`` (case and spacing),
    #: ``province`` (aliases to the canonical name), ``date`` (year unscored where unknown)
    score_fold: dict[str, str] = field(default_factory=dict)
    #: mentions the scorer leaves out: value name → the values that make a mention unscored
    unscored: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: the values a table case (``tests/cases/<name>.yaml``) is checked on
    case_key: tuple[str, ...] = ()
    #: what pairs a mention of one run with the same mention of another (``compare``)
    compare_key: tuple[str, ...] = ("start",)
    #: the module under ``pipeline.extractors`` with ``extract(ArticleText) -> list[dict]``
    extractor: str = ""

    @property
    def module(self) -> ModuleType:
        return importlib.import_module(f"pipeline.extractors.{self.extractor or self.name}")

    @property
    def table_columns(self) -> tuple[Column, ...]:
        """The columns of ``<name>.csv``: ``id``, the field's own, then provenance."""
        return (Column("id"), *self.columns, *PROVENANCE)


def _columns(*spec: str | tuple[str, str]) -> tuple[Column, ...]:
    return tuple(Column(c) if isinstance(c, str) else Column(*c) for c in spec)


#: Columns every field's table carries after its own: ``rule``, the id of the pattern or
#: rule that produced the mention (empty where an extractor does not name it yet).
PROVENANCE: tuple[Column, ...] = (Column("rule"),)

FIELDS: tuple[Field, ...] = (
    Field("dates",
          values=("value", "kind", "granularity"),
          columns=_columns("text", "value", "kind", "granularity", ("start", INT), ("end", INT)),
          score_key=("value",), score_fold={"value": "date"},
          unscored={"kind": ("relative", "birth")},
          case_key=("value", "kind")),
    Field("officials",
          values=("name", "rank", "titles"),
          # person_id is filled in after the batch, across articles (pipeline/people.py)
          columns=_columns("person_id", "name", "rank", ("titles", LIST), "text", ("start", INT), ("end", INT)),
          score_key=("name",), score_fold={"name": "text"},
          case_key=("name", "rank"),
          compare_key=("name",)),
    Field("provinces",
          values=("name", "current"),
          columns=_columns("text", "name", "current", ("start", INT), ("end", INT)),
          score_key=("name",), score_fold={"name": "province"},
          case_key=("name", "current")),
    Field("awards",
          # conferrer, date and province: the award event (docs/output.md)
          values=("count", "qualifier", "recipient", "award", "conferrer", "date", "province"),
          columns=_columns("text", ("count", INT), "qualifier", "recipient", "award", "conferrer", "date", "province",
                           ("start", INT), ("end", INT)),
          score_key=("count", "recipient"),
          unscored={"qualifier": ("vague",)},
          case_key=("count", "recipient", "qualifier")),
    Field("amounts",
          values=("value", "currency", "qualifier"),
          # An amount may have decimals (72,46 USD); float64 holds every whole amount exactly up to 9·10^15.
          columns=_columns("text", ("value", FLOAT), "currency", "qualifier", ("start", INT), ("end", INT)),
          score_key=("value", "currency"),
          unscored={"qualifier": ("vague",)},
          case_key=("value", "currency", "qualifier")),
)

NAMES: tuple[str, ...] = tuple(f.name for f in FIELDS)
BY_NAME: dict[str, Field] = {f.name: f for f in FIELDS}
#: every value name any field has (the spaCy span attributes)
VALUE_NAMES: tuple[str, ...] = tuple(dict.fromkeys(v for f in FIELDS for v in f.values))


def get(name: str) -> Field:
    return BY_NAME[name]
