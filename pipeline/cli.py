"""Command line: ``python -m pipeline extract``, ``evaluate`` and ``compare``.

Exit codes (the README's table): 0 some article was extracted; 1 none was; 2 an input
path does not exist; 3 the command line is wrong; 4 the output folder cannot be
created, written or locked (a full disk, permissions); 5 another extraction is writing
into the same output folder; 6 a worker process died (killed from outside, out of memory);
130 and 143 stopped by Ctrl-C or SIGTERM. After 4, 6, 130 and 143, ``--resume`` continues.
"""
from __future__ import annotations

import argparse
import json
import os
import signal
import sys
from concurrent.futures.process import BrokenProcessPool

EXIT_OK, EXIT_NOTHING, EXIT_NO_INPUT, EXIT_USAGE, EXIT_OUTPUT, EXIT_BUSY, EXIT_WORKER = 0, 1, 2, 3, 4, 5, 6


class Stopped(BaseException):
    """SIGTERM arrived: the run stops as on Ctrl-C."""


def _on_sigterm(signum, frame):
    raise Stopped()


def _missing(*paths: str) -> int | None:
    """Exit 2 with one line when a named path does not exist."""
    for path in paths:
        if path and not os.path.lexists(path):
            print(f"error: input path does not exist: {path}", file=sys.stderr)
            return EXIT_NO_INPUT
    return None


def _extract(args: argparse.Namespace) -> int:
    from . import batch
    from .readers import InputMissing
    from .writers import OutputBusy, OutputFault

    progress = not args.quiet and sys.stderr.isatty()
    previous = signal.signal(signal.SIGTERM, _on_sigterm)
    try:
        if args.engine == "dask":
            from . import dask_engine
            if args.resume:
                print("note: --resume applies to the local engine; Dask recomputes lost work itself", file=sys.stderr)
            summary = dask_engine.run(args.inputs, args.out, scheduler=args.scheduler, workers=args.workers,
                                      chunk_size=args.chunk_size, progress=progress, nlp_options={"pos": args.pos, "ner": args.ner},
                                      table_format=args.format)
        else:
            summary = batch.run(args.inputs, args.out, workers=args.workers, resume=args.resume,
                                chunk_size=args.chunk_size, progress=progress, nlp_options={"pos": args.pos, "ner": args.ner},
                                table_format=args.format)
    except InputMissing as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_NO_INPUT
    except OutputBusy as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_BUSY
    except OutputFault as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_OUTPUT
    except BrokenProcessPool:
        print(f"error: a worker process died (killed from outside, or out of memory); the chunks done are kept in "
              f"{args.out}: run the same command with --resume to continue", file=sys.stderr)
        return EXIT_WORKER
    except OSError as exc:  # the readers report input faults as rows: what is left is writing --out
        print(f"error: writing into {args.out} failed ({exc.strerror or exc}); the tables there are those of the "
              f"previous run; --resume continues", file=sys.stderr)
        return EXIT_OUTPUT
    except (KeyboardInterrupt, Stopped) as exc:
        what = "SIGTERM" if isinstance(exc, Stopped) else "Ctrl-C"
        print(f"stopped by {what}; the chunks done are kept in {args.out}: run the same command with --resume "
              f"to continue", file=sys.stderr)
        return 128 + (signal.SIGTERM if isinstance(exc, Stopped) else signal.SIGINT)
    finally:
        signal.signal(signal.SIGTERM, previous)
    print(summary.line())
    if args.timings:
        from .timings import line
        print(line(summary.stages))
    for note in summary.notes():
        print(note, file=sys.stderr)
    if summary.articles == 0:
        print("error: no article found in the input", file=sys.stderr)
        return 1
    if summary.ok == 0:
        print(f"error: no article could be extracted; see {args.out}/errors.csv", file=sys.stderr)
        return 1
    return 0


def _evaluate(args: argparse.Namespace) -> int:
    from . import evaluate

    missing = _missing(args.gold, args.predictions, args.articles)
    if missing is not None:
        return missing

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
    from .compare import changed, compare, report

    missing = _missing(args.old, args.new)
    if missing is not None:
        return missing
    result = compare(args.old, args.new)
    print(report(result, show=args.show))
    return 1 if args.fail_on_change and changed(result) else 0


def _review(args: argparse.Namespace) -> int:
    from .review import review

    missing = _missing(args.out_dir, args.gold)
    if missing is not None:
        return missing
    done = review(args.out_dir, args.html, args.gold)
    print(f"{done['pages']} article pages in {args.html}; open {args.html}/index.html")
    if done["without_text"]:
        print(f"warning: {len(done['without_text'])} articles left out: their input could not be read again "
              f"(first: {done['without_text'][0]})", file=sys.stderr)
    return 0


def _report(args: argparse.Namespace) -> int:
    from .report import report

    missing = _missing(args.out_dir)
    if missing is not None:
        return missing
    print(f"wrote {report(args.out_dir, args.html)}")
    return 0


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):
        """A wrong command line exits 3, not 2 (which means a missing input path)."""
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def _at_least_one(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {value}")
    return value


def parser() -> argparse.ArgumentParser:
    from .batch import CHUNK_SIZE
    top = _Parser(prog="python -m pipeline",
                                  description="Structured data from Vietnamese news articles and press releases.")
    commands = top.add_subparsers(dest="command", required=True)

    ex = commands.add_parser("extract", help="extract every article of the inputs into JSON and CSV tables",
                             description="Read articles (.txt, .jsonl, .jsonl.gz, .html; folders recursively) and "
                                         "write articles.jsonl, articles.csv, one CSV per field and errors.csv.")
    ex.add_argument("inputs", nargs="+", metavar="INPUT", help="a file or folder of articles")
    ex.add_argument("--out", default="outputs", help="folder for the output tables (default: outputs)")
    ex.add_argument("--workers", type=_at_least_one, default=os.cpu_count() or 1,
                    help="worker processes (default: all cores); results are the same for any number")
    ex.add_argument("--resume", action="store_true",
                    help="keep the chunks an interrupted run in --out completed and do the rest")
    ex.add_argument("--chunk-size", type=_at_least_one, default=CHUNK_SIZE,
                    help=f"articles per chunk of work (default: {CHUNK_SIZE})")
    ex.add_argument("--pos", action="store_true",
                    help="also tag parts of speech (underthesea) on the sentences segmented into words")
    ex.add_argument("--ner", action=argparse.BooleanOptionalAction, default=False,
                    help="also run the trained name recogniser (PER, ORG, LOC) on the sentences read for officials: "
                         "it drops candidates it reads as organisations and adds people with a rank or post the "
                         "rules miss (default: off; see the README's ablation)")
    ex.add_argument("--format", choices=["csv", "parquet"], default="csv",
                    help="tables as CSV files (default) or as Parquet datasets <table>.parquet/ with typed columns")
    ex.add_argument("--engine", choices=["local", "dask"], default="local",
                    help="local: worker processes on this machine (default); dask: a Dask cluster")
    ex.add_argument("--scheduler", metavar="tcp://HOST:PORT",
                    help="with --engine dask: the scheduler of a running cluster (default: start a local one)")
    ex.add_argument("--quiet", action="store_true", help="no progress bar")
    ex.add_argument("--timings", action="store_true",
                    help="also print the seconds each stage took (read, normalise, segment, doc, each extractor, "
                         "spans, record, write), summed over the worker processes")
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

    cmp = commands.add_parser("compare", help="list the mentions and values that differ between two runs",
                              description="Compare two output folders of extract over the same articles: "
                                          "per field, the counts, the mentions only one run has (+, -) and "
                                          "the mentions whose values differ (~, each value old → new).")
    cmp.add_argument("old", metavar="OLD_DIR")
    cmp.add_argument("new", metavar="NEW_DIR")
    cmp.add_argument("--show", type=int, default=15,
                     help="mentions listed per field and kind of change (default: 15)")
    cmp.add_argument("--fail-on-change", action="store_true",
                     help="exit with status 1 when anything differs (a regression check)")
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
