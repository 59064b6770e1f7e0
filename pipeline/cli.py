"""Command line: ``python -m pipeline extract`` and ``python -m pipeline evaluate``."""
from __future__ import annotations

import argparse
import json
import os
import sys


def _extract(args: argparse.Namespace) -> int:
    from . import batch
    from .writers import csv_tables_to_parquet

    progress = not args.quiet and sys.stderr.isatty()
    try:
        if args.engine == "dask":
            from . import dask_engine
            if args.resume:
                print("note: --resume applies to the local engine; Dask recomputes lost work itself", file=sys.stderr)
            summary = dask_engine.run(args.inputs, args.out, scheduler=args.scheduler, workers=args.workers,
                                      chunk_size=args.chunk_size, progress=progress, nlp_options={"pos": args.pos})
        else:
            summary = batch.run(args.inputs, args.out, workers=args.workers, resume=args.resume,
                                chunk_size=args.chunk_size, progress=progress, nlp_options={"pos": args.pos})
    except FileNotFoundError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.format == "parquet":
        csv_tables_to_parquet(args.out)
    print(summary.line())
    if summary.skipped_files:
        print(f"skipped {summary.skipped_files} files of unsupported types", file=sys.stderr)
    if summary.articles == 0:
        print("error: no article found in the input", file=sys.stderr)
        return 1
    if summary.ok == 0:
        print(f"error: no article could be extracted; see {args.out}/errors.csv", file=sys.stderr)
        return 1
    return 0


def _evaluate(args: argparse.Namespace) -> int:
    from . import evaluate

    scores = evaluate.evaluate(args.gold, args.predictions, args.articles)
    result = scores.as_dict()
    if scores.missing_predictions:
        shown = ", ".join(scores.missing_predictions[:5]) + (" ..." if len(scores.missing_predictions) > 5 else "")
        print(f"warning: {len(scores.missing_predictions)} gold articles have no prediction "
              f"(scored as all missed): {shown}", file=sys.stderr)
    print(evaluate.table(result))
    if args.json:
        with open(args.json, "w", encoding="utf-8") as handle:
            json.dump(result, handle, indent=2, ensure_ascii=False)
    if args.errors:
        evaluate.write_errors(scores, args.errors)
        print(f"{len(scores.errors)} errors listed in {args.errors}")
    return 0


def _compare(args: argparse.Namespace) -> int:
    from .compare import compare, report

    print(report(compare(args.old, args.new), show=args.show))
    return 0


def _review(args: argparse.Namespace) -> int:
    from .review import review

    done = review(args.out_dir, args.html, args.gold)
    print(f"{done['pages']} article pages in {args.html}; open {args.html}/index.html")
    if done["without_text"]:
        print(f"warning: {len(done['without_text'])} articles left out: their input could not be read again "
              f"(first: {done['without_text'][0]})", file=sys.stderr)
    return 0


def _report(args: argparse.Namespace) -> int:
    from .report import report

    print(f"wrote {report(args.out_dir, args.html)}")
    return 0


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="python -m pipeline",
                                  description="Structured data from Vietnamese news articles and press releases.")
    commands = top.add_subparsers(dest="command", required=True)

    ex = commands.add_parser("extract", help="extract every article of the inputs into JSON and CSV tables",
                             description="Read articles (.txt, .jsonl, .jsonl.gz, .html; folders recursively) and "
                                         "write articles.jsonl, articles.csv, one CSV per field and errors.csv.")
    ex.add_argument("inputs", nargs="+", metavar="INPUT", help="a file or folder of articles")
    ex.add_argument("--out", default="outputs", help="folder for the output tables (default: outputs)")
    ex.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                    help="worker processes (default: all cores); results are the same for any number")
    ex.add_argument("--resume", action="store_true",
                    help="keep the chunks an interrupted run in --out completed and do the rest")
    ex.add_argument("--chunk-size", type=int, default=100, help="articles per chunk of work (default: 100)")
    ex.add_argument("--pos", action="store_true",
                    help="also tag parts of speech (underthesea) on the sentences segmented into words")
    ex.add_argument("--format", choices=["csv", "parquet"], default="csv",
                    help="tables as CSV files (default) or as Parquet datasets <table>.parquet/ with typed columns")
    ex.add_argument("--engine", choices=["local", "dask"], default="local",
                    help="local: worker processes on this machine (default); dask: a Dask cluster")
    ex.add_argument("--scheduler", metavar="tcp://HOST:PORT",
                    help="with --engine dask: the scheduler of a running cluster (default: start a local one)")
    ex.add_argument("--quiet", action="store_true", help="no progress bar")
    ex.set_defaults(run=_extract)

    ev = commands.add_parser("evaluate", help="score extracted records against gold annotations",
                             description="Precision, recall and F1 per field, micro-averaged over articles, "
                                         "with the keys of the spec's scoring table.")
    ev.add_argument("gold", metavar="GOLD_DIR", help="folder of <id>.json gold annotations")
    ev.add_argument("predictions", metavar="PRED.jsonl", help="articles.jsonl written by extract")
    ev.add_argument("--articles", help="where the article texts are, for the error report (default: GOLD_DIR)")
    ev.add_argument("--json", metavar="FILE", help="also write the figures as JSON")
    ev.add_argument("--errors", metavar="FILE.csv", help="write every missed and spurious item with its sentence")
    ev.set_defaults(run=_evaluate)

    cmp = commands.add_parser("compare", help="list the mentions that differ between two runs",
                              description="Compare two output folders of extract over the same articles: "
                                          "per field, the counts and the mentions only one run has.")
    cmp.add_argument("old", metavar="OLD_DIR")
    cmp.add_argument("new", metavar="NEW_DIR")
    cmp.add_argument("--show", type=int, default=15, help="mentions listed per field and direction (default: 15)")
    cmp.set_defaults(run=_compare)

    rv = commands.add_parser("review", help="an HTML page per article with its mentions highlighted",
                             description="Static HTML (no server, no network): an index of the articles of a batch "
                                         "and one page per article with each mention highlighted by field; with "
                                         "--gold, the errors against the annotations marked.")
    rv.add_argument("out_dir", metavar="OUT_DIR", help="the --out folder of an extract run")
    rv.add_argument("--gold", metavar="GOLD_DIR", help="folder of <id>.json gold annotations")
    rv.add_argument("--html", required=True, metavar="DIR", help="folder to write the pages into")
    rv.set_defaults(run=_review)

    rp = commands.add_parser("report", help="an HTML summary of a batch, with charts",
                             description="One offline HTML page of charts over a batch's tables: provinces, "
                                         "dates by month, people and organisations, awards, amounts.")
    rp.add_argument("out_dir", metavar="OUT_DIR", help="the --out folder of an extract run")
    rp.add_argument("--html", required=True, metavar="DIR", help="folder to write report.html into")
    rp.set_defaults(run=_report)
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return args.run(args)
