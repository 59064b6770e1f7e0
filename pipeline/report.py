"""An archive summary: what a whole batch holds, as charts on one offline HTML page.

``python -m pipeline report OUT_DIR --html DIR`` reads the batch's CSV tables (or Parquet
datasets) and writes ``DIR/report.html`` with the charts as inline SVG drawn by
matplotlib, so the page needs no server, script or network:

- mentions per current province, each bar split into the pre-2025 provinces merged into it;
- dates over time, by month (dates and months whose year is known);
- the most frequent officials (by articles) and the organisations in their titles;
- award counts per province and year;
- amounts by currency.
"""
from __future__ import annotations

import html
import io
from pathlib import Path

import matplotlib

matplotlib.use("svg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import regex  # noqa: E402

from . import rules  # noqa: E402
from .fields import NAMES as FIELDS  # noqa: E402

TOP = 20
plt.rcParams.update({"svg.fonttype": "none", "font.family": "sans-serif", "font.size": 9,
                     "svg.hashsalt": "vn-press-extract"})


def read_table(out_dir: Path, name: str) -> pd.DataFrame:
    """A table of the batch, from ``<name>.csv`` or the ``<name>.parquet`` dataset."""
    csv_path, parquet_path = out_dir / f"{name}.csv", out_dir / f"{name}.parquet"
    if csv_path.exists():
        return pd.read_csv(csv_path, dtype={"id": str}, keep_default_na=False, na_values=[""], encoding="utf-8-sig")
    if parquet_path.exists():
        return pd.read_parquet(parquet_path)
    return pd.DataFrame()


def _svg(fig) -> str:
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    plt.close(fig)
    text = buffer.getvalue()
    return text[text.index("<svg"):]


def _empty(message: str) -> str:
    return f'<p class="empty">{html.escape(message)}</p>'


def provinces_chart(provinces: pd.DataFrame) -> str:
    if provinces.empty:
        return _empty("No province mentions.")
    table = provinces.groupby(["current", "name"]).size().unstack(fill_value=0)
    table = table.loc[table.sum(axis=1).sort_values().index]
    fig, ax = plt.subplots(figsize=(8, max(3, 0.28 * len(table))))
    left = pd.Series(0, index=table.index)
    for old in table.columns:
        counts = table[old]
        bars = ax.barh(table.index, counts, left=left, label=old)
        for bar, value, current in zip(bars, counts, table.index):
            if value and old != current and value >= 0.08 * table.sum(axis=1).max():
                ax.text(bar.get_x() + bar.get_width() / 2, bar.get_y() + bar.get_height() / 2, old,
                        ha="center", va="center", fontsize=6)
        left += counts
    ax.set_xlabel("mentions")
    ax.set_title("Mentions per current province (segments: the provinces before July 2025)")
    return _svg(fig)


def dates_chart(dates: pd.DataFrame) -> str:
    if dates.empty:
        return _empty("No dates.")
    known = dates[dates["kind"].isin(["date", "month"]) & dates["value"].str.match(r"^\d{4}-\d\d")]
    if known.empty:
        return _empty("No dates with a known year.")
    months = pd.PeriodIndex(known["value"].str[:7], freq="M")
    counts = pd.Series(1, index=months).groupby(level=0).sum().sort_index()
    # The span that holds 98 % of the dates: a few historical dates would flatten the rest.
    cumulative = counts.cumsum() / counts.sum()
    first, last = cumulative[cumulative >= 0.01].index[0], cumulative[cumulative >= 0.99].index[0]
    outside = int(counts[(counts.index < first) | (counts.index > last)].sum())
    counts = counts.reindex(pd.period_range(first, last, freq="M"), fill_value=0)
    fig, ax = plt.subplots(figsize=(9, 3))
    ax.bar(counts.index.to_timestamp(), counts.values, width=25)
    ax.set_ylabel("dates mentioned")
    note = f" ({outside} dates before {first} or after {last} not shown)" if outside else ""
    ax.set_title(f"Dates over time, by month{note}")
    return _svg(fig)


def organisation_of(title: str, heads: regex.Pattern) -> str | None:
    """The organisation a title names: the title from its first organisation word that
    does not open a post (``Bộ`` of ``Bộ Công an``, not of ``Bộ trưởng``) on."""
    found = heads.search(title or "")
    return title[found.start():].strip(" ,.;") if found else None


def _words(words) -> str:
    return "|".join(regex.escape(w) for w in sorted(words, key=len, reverse=True))


def _organisation_pattern() -> regex.Pattern:
    officials = rules.load("officials")
    return regex.compile(rf"(?<![\p{{L}}\p{{M}}])(?!(?:{_words(officials['title_heads'])})(?![\p{{L}}\p{{M}}]))"
                         rf"(?:{_words(officials['organisation_heads'])})(?![\p{{L}}\p{{M}}])")


def people_charts(officials: pd.DataFrame) -> str:
    if officials.empty:
        return _empty("No officials.")
    people = officials.groupby("name")["id"].nunique().sort_values(ascending=False).head(TOP)[::-1]
    heads = _organisation_pattern()
    titles = officials["titles"].fillna("").str.split("; ").explode()
    organisations = titles.map(lambda t: organisation_of(t, heads)).dropna()
    orgs = organisations.value_counts().head(TOP)[::-1]
    fig, (left, right) = plt.subplots(1, 2, figsize=(11, 0.3 * TOP + 1))
    left.barh(people.index, people.values)
    left.set_title("Most frequent officials (articles)")
    right.barh([o[:45] for o in orgs.index], orgs.values, color="tab:orange")
    right.set_title("Most frequent organisations in their titles (mentions)")
    fig.tight_layout()
    return _svg(fig)


def awards_chart(awards: pd.DataFrame, articles: pd.DataFrame) -> str:
    if awards.empty:
        return _empty("No award counts.")
    awards = awards[awards.get("qualifier", "") != "vague"].copy()
    if "province" not in awards.columns:
        awards["province"] = ""
    awards["province"] = awards["province"].fillna("").replace("", "(not said)")
    year = awards["date"].astype(str).str[:4] if "date" in awards.columns else pd.Series("", index=awards.index)
    published = awards["id"].map(articles.set_index("id")["published"].astype(str).str[:4]) if "published" in articles else ""
    awards["year"] = year.where(year.str.match(r"^\d{4}$"), published).where(lambda y: y.str.match(r"^\d{4}$", na=False), "(no year)")
    table = awards.pivot_table(index="province", columns="year", values="count", aggfunc="sum", fill_value=0)
    table = table.loc[table.sum(axis=1).sort_values().index].tail(TOP)
    fig, ax = plt.subplots(figsize=(8, max(2.5, 0.3 * len(table) + 1)))
    table.plot.barh(stacked=True, ax=ax)
    ax.set_xlabel("people and collectives commended")
    ax.set_title("Award counts per province and year")
    return _svg(fig)


def amounts_chart(amounts: pd.DataFrame) -> str:
    if amounts.empty:
        return _empty("No amounts.")
    amounts = amounts[amounts.get("qualifier", "") != "vague"]
    summary = amounts.groupby("currency")["value"].agg(["count", "sum"]).sort_values("count")
    fig, (left, right) = plt.subplots(1, 2, figsize=(10, max(2.5, 0.35 * len(summary) + 1)))
    left.barh(summary.index, summary["count"])
    left.set_title("Amounts by currency (mentions)")
    right.barh(summary.index, summary["sum"], color="tab:green")
    right.set_xscale("log")
    right.set_title("Total value by currency (log scale)")
    fig.tight_layout()
    return _svg(fig)


def report(out_dir: str | Path, html_dir: str | Path) -> Path:
    out_dir, html_dir = Path(out_dir), Path(html_dir)
    tables = {name: read_table(out_dir, name) for name in ("articles", *FIELDS)}
    articles = tables["articles"]
    ok = int((articles["status"] == "ok").sum()) if not articles.empty else 0
    sections = [
        ("provinces", "Provinces", provinces_chart(tables["provinces"])),
        ("dates", "Dates", dates_chart(tables["dates"])),
        ("people", "People and organisations", people_charts(tables["officials"])),
        ("awards", "Awards", awards_chart(tables["awards"], articles)),
        ("amounts", "Amounts", amounts_chart(tables["amounts"])),
    ]
    counts = ", ".join(f"{len(tables[n])} {n}" for n in FIELDS)
    body = "".join(f'<section class="chart" id="{key}"><h2>{title}</h2>{content}</section>' for key, title, content in sections)
    page = ('<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Archive report</title>'
            '<style>body{font:15px/1.5 system-ui,sans-serif;max-width:70rem;margin:0 auto;padding:1rem}'
            'svg{max-width:100%;height:auto}.empty{color:#777}</style></head><body>'
            f'<h1>Archive report</h1><p>{ok} articles extracted of {len(articles)}; {counts}.</p>{body}</body></html>')
    html_dir.mkdir(parents=True, exist_ok=True)
    target = html_dir / "report.html"
    target.write_text(page, encoding="utf-8")
    return target
