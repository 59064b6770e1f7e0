"""Benchmark: speed and memory of the pipeline, with underthesea alone as the yardstick.

One run, on the same articles, measures:

1. the full pipeline with 1 worker (``python -m pipeline extract ... --workers 1``,
   a subprocess, wall time);
2. the full pipeline with all workers (``os.cpu_count()``), the same way;
3. underthesea ``word_tokenize`` alone over every sentence of the articles, in-process
   (the floor of any pipeline that segments words);
4. underthesea ``ner()`` alone, sentence by sentence, on the first 200 articles;
5. the peak memory (RSS summed over the pipeline process and all its children) of the
   all-workers run over the corpus once and over the corpus repeated ten times.

It prints a table of the figures with the targets and PASS/FAIL per target. The exit
code is 0 whatever the figures are (this is a report); it is non-zero only when a run
itself fails.

    python bench/run.py [--input PATH] [--limit N] [--json FILE]
"""
from __future__ import annotations

import argparse
import importlib.metadata
import json
import os
import platform
import re
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.normalize import normalize  # noqa: E402  (after the path is set)
from pipeline.readers import read_items  # noqa: E402
from pipeline.record import article_text  # noqa: E402
from pipeline.segment import sentences  # noqa: E402

BUNDLED_CORPUS = [ROOT / "corpus" / "gold", ROOT / "corpus" / "articles"]
NER_SAMPLE = 200
COPIES = 10
SAMPLE_SECONDS = 0.05
BUSY_SHARE = 0.10  # other processes using more of the CPU than this make a timing unreliable

TARGETS = {
    "pipeline_vs_tokenize": 0.70,  # pipeline(1 worker) time / word_tokenize time, at most
    "scaling": 1.8,                # throughput(all workers) / throughput(1 worker), at least (2 cores)
    "memory_growth": 1.10,         # peak RSS ten-fold / once, at most
    "memory_peak_mb": 600.0,       # absolute peak RSS in MB, at most
}


class RunFailed(Exception):
    """A pipeline run ended with a non-zero exit code or without its summary line."""


# --- input -----------------------------------------------------------------------------

def default_inputs() -> list[Path]:
    """The bundled corpus (``corpus/gold`` and ``corpus/articles``), present in any clone."""
    return BUNDLED_CORPUS


def iter_articles(inputs: list[Path], limit: int | None = None):
    """The articles of ``inputs`` (dicts) the pipeline extracts, in the order it reads
    them, the first ``limit`` only when given. Read lazily: only the ids are kept.
    Unreadable items are left out, and so is a record whose id was already used (the
    pipeline reports it as ``duplicate_id`` and extracts nothing)."""
    count = 0
    seen: set[str] = set()
    for item in read_items([str(p) for p in inputs]):
        if limit is not None and count >= limit:
            return
        duplicate = item.id in seen and item.line is not None
        seen.add(item.id)
        if item.ok and not duplicate:
            count += 1
            yield item.article


def write_jsonl(path: Path, inputs: list[Path], limit: int | None, copies: int = 1) -> None:
    """Write the articles of ``inputs`` to ``path``, ``copies`` times. With more than one
    copy the ids get ``~1``, ``~2``, ... so that none is a duplicate. The input is read
    again for every copy and written line by line: the articles are never all in memory."""
    with open(path, "w", encoding="utf-8") as out:
        for copy in range(1, copies + 1):
            for article in iter_articles(inputs, limit):
                record = dict(article)
                if copies > 1:
                    record["id"] = f"{article['id']}~{copy}"
                out.write(json.dumps(record, ensure_ascii=False) + "\n")


# --- measuring a pipeline run ----------------------------------------------------------

class PeakMemory(threading.Thread):
    """Samples, every ``interval`` seconds, the RSS summed over a process and all its
    descendants, and keeps the largest sum seen."""

    def __init__(self, pid: int, interval: float = SAMPLE_SECONDS):
        super().__init__(daemon=True)
        self.pid = pid
        self.interval = interval
        self.peak = 0
        self._stop_event = threading.Event()

    def sample(self) -> int:
        """The current RSS, in bytes, of the process and its descendants."""
        try:
            root = psutil.Process(self.pid)
            processes = [root] + root.children(recursive=True)
        except psutil.NoSuchProcess:
            return 0
        total = 0
        for process in processes:
            try:
                total += process.memory_info().rss
            except (psutil.NoSuchProcess, psutil.AccessDenied):
                pass  # ended between the listing and the reading
        return total

    def run(self) -> None:
        while not self._stop_event.is_set():
            self.peak = max(self.peak, self.sample())
            self._stop_event.wait(self.interval)

    def stop(self) -> None:
        self._stop_event.set()
        self.join()


def busy_cpu_seconds() -> float:
    """CPU seconds the whole machine has spent busy since boot (all cores, every process),
    plus the time stolen by the hypervisor (not available to this machine either)."""
    times = psutil.cpu_times()
    return sum(times) - times.idle - getattr(times, "iowait", 0.0)


def own_cpu_seconds(who: int) -> float:
    """User + system CPU seconds of this process (``resource.RUSAGE_SELF``) or of its
    finished children and their descendants (``resource.RUSAGE_CHILDREN``)."""
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def others_share(busy: float, own: float, seconds: float) -> float:
    """The share of the machine's CPU (0..1) used by other processes during a
    measurement: busy CPU time minus ours, over wall time times cores."""
    return max(0.0, busy - own) / (seconds * (os.cpu_count() or 1))


SUMMARY_LINE = re.compile(r"^(\d+) articles: (\d+) extracted, (\d+) errors.*; ([\d.]+) s$", re.MULTILINE)
STAGES_LINE = re.compile(r"^time by stage .*$", re.MULTILINE)


def run_pipeline(inputs: list[Path], workers: int, out_dir: Path, engine: str = "local") -> dict:
    """Run ``python -m pipeline extract`` as a subprocess; its wall time, peak memory
    and the counts of its summary line. Raises RunFailed when the run fails."""
    command = [sys.executable, "-m", "pipeline", "extract", *map(str, inputs),
               "--out", str(out_dir), "--workers", str(workers), "--engine", engine, "--quiet", "--timings"]
    busy, own = busy_cpu_seconds(), own_cpu_seconds(resource.RUSAGE_CHILDREN)
    self_cpu = own_cpu_seconds(resource.RUSAGE_SELF)
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True, encoding="utf-8")
    memory = PeakMemory(process.pid)
    memory.start()
    stdout, stderr = process.communicate()
    seconds = time.perf_counter() - started
    memory.stop()
    # Ours: the pipeline and its workers (reaped, so counted in RUSAGE_CHILDREN), and this
    # process (the memory sampler).
    own = (own_cpu_seconds(resource.RUSAGE_CHILDREN) - own) + (own_cpu_seconds(resource.RUSAGE_SELF) - self_cpu)
    others = others_share(busy_cpu_seconds() - busy, own, seconds)
    match = SUMMARY_LINE.search(stdout)
    stages = STAGES_LINE.search(stdout)
    if process.returncode != 0 or match is None:
        raise RunFailed(f"{' '.join(command)}\nexit code {process.returncode}\n"
                        f"stdout:\n{stdout[-2000:]}\nstderr:\n{stderr[-4000:]}")
    return {"workers": workers, "seconds": seconds, "peak_rss_mb": memory.peak / 2**20,
            "articles": int(match[1]), "extracted": int(match[2]), "errors": int(match[3]),
            "reported_seconds": float(match[4]), "summary": match[0], "cpu_seconds": own,
            "others_cpu_share": others, "stages": stages[0] if stages else None}


# --- underthesea alone -----------------------------------------------------------------

def article_sentences(article: dict) -> list[str]:
    """The sentences of an article as the pipeline cuts them (over the normalised
    ``title + "\\n" + text``)."""
    text = normalize(article_text(article))
    return [text[start:end] for start, end in sentences(text)]


class Stopwatch:
    """Wall time of a ``with`` block, and the share of the machine's CPU that other
    processes used meanwhile."""

    def __enter__(self) -> "Stopwatch":
        self._busy, self._own = busy_cpu_seconds(), own_cpu_seconds(resource.RUSAGE_SELF)
        self._started = time.perf_counter()
        return self

    def __exit__(self, *exc) -> None:
        self.seconds = time.perf_counter() - self._started
        own = own_cpu_seconds(resource.RUSAGE_SELF) - self._own
        self.others_cpu_share = others_share(busy_cpu_seconds() - self._busy, own, self.seconds)


def time_word_tokenize(all_sentences: list[str]) -> "Stopwatch":
    """Seconds underthesea's ``word_tokenize`` takes over every sentence, after a warm-up
    call. The arguments are those the pipeline uses (``use_token_normalize=False``)."""
    from underthesea import word_tokenize

    word_tokenize("Ông Nguyễn Văn A đến Hà Nội.", use_token_normalize=False)  # loads the model
    with Stopwatch() as watch:
        for sentence in all_sentences:
            word_tokenize(sentence, use_token_normalize=False)
    return watch


def time_ner(sample_sentences: list[str]) -> "Stopwatch":
    """Seconds underthesea's ``ner()`` takes over the sentences, after a warm-up call."""
    from underthesea import ner

    ner("Ông Nguyễn Văn A đến Hà Nội.")  # loads the model
    with Stopwatch() as watch:
        for sentence in sample_sentences:
            ner(sentence)
    return watch


# --- report ----------------------------------------------------------------------------

def machine() -> dict:
    """CPU model, cores, RAM, Python and underthesea versions."""
    cpu = platform.processor() or "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {"cpu": cpu, "cores": os.cpu_count() or 1, "ram_gb": psutil.virtual_memory().total / 2**30,
            "python": platform.python_version(), "underthesea": importlib.metadata.version("underthesea")}


def verdict(value: float, target: float, at_most: bool, applies: bool = True) -> str:
    """PASS or FAIL for a figure against its target (n/a when the target does not apply)."""
    if not applies:
        return "n/a"
    ok = value <= target if at_most else value >= target
    return "PASS" if ok else "FAIL"


def print_report(result: dict) -> None:
    """The table of figures, targets and verdicts."""
    m, c, runs = result["machine"], result["corpus"], result["runs"]
    print()
    print("Machine:", f"{m['cpu']}, {m['cores']} cores, {m['ram_gb']:.1f} GB RAM, "
                      f"Python {m['python']}, underthesea {m['underthesea']}")
    print("Corpus: ", f"{c['input']}: {c['articles']} articles, {c['kb']:.0f} KB of text, "
                      f"{c['sentences']} sentences" + (f" (--limit {c['limit']})" if c["limit"] else ""))
    print()
    print(f"{'measure':<44}{'seconds':>9}{'articles/s':>12}{'KB/s':>9}{'peak MB':>9}{'others':>8}")
    print("-" * 91)
    for run in runs:
        peak = f"{run['peak_rss_mb']:.0f}" if run.get("peak_rss_mb") is not None else ""
        others = f"{100 * run['others_cpu_share']:.0f}%"
        print(f"{run['name']:<44}{run['seconds']:>9.1f}{run['articles_per_s']:>12.1f}"
              f"{run['kb_per_s']:>9.0f}{peak:>9}{others:>8}")
    print("(others: share of the machine's CPU used by other processes during the measurement)")
    print()
    print(f"{'ratio':<56}{'value':>8}{'target':>10}{'':>8}")
    print("-" * 91)
    for ratio in result["ratios"]:
        target = ratio["target"] if ratio["target"] is not None else ""
        value = f"{ratio['value']:.{ratio.get('decimals', 2)}f}"
        print(f"{ratio['name']:<56}{value:>8}{target:>10}{ratio['verdict']:>8}")
    print()
    for run in runs:  # where each run's time goes (extract --timings)
        if run.get("stages"):
            print(f"{run['name']}: {run['stages']}")
    print()
    for line in result["notes"]:
        print("note:", line)


def measure(inputs: list[Path], limit: int | None, work: Path) -> dict:
    """Every measurement of the benchmark; the figures as a dict."""
    cores = os.cpu_count() or 1
    articles = list(iter_articles(inputs, limit))
    if not articles:
        raise RunFailed(f"no readable article in {', '.join(map(str, inputs))}")
    kb = sum(len(article_text(a).encode("utf-8")) for a in articles) / 1024
    per_article = [article_sentences(a) for a in articles]
    all_sentences = [s for sents in per_article for s in sents]
    ner_articles = per_article[:NER_SAMPLE]
    ner_kb = sum(len(article_text(a).encode("utf-8")) for a in articles[:NER_SAMPLE]) / 1024
    notes: list[str] = []

    # The pipeline reads the input itself; only a --limit needs a file of the first N articles.
    once = inputs
    if limit is not None:
        once = [work / "once.jsonl"]
        write_jsonl(once[0], inputs, limit)
    tenfold = work / "tenfold.jsonl"
    write_jsonl(tenfold, inputs, limit, copies=COPIES)

    def pipeline_run(name: str, run_inputs: list[Path], workers: int, n_articles: int, n_kb: float,
                     engine: str = "local") -> dict:
        print(f"running: {name} ...", flush=True)
        run = run_pipeline(run_inputs, workers, work / "out", engine)
        print(f"  {run['summary']} (wall {run['seconds']:.1f} s, peak {run['peak_rss_mb']:.0f} MB)", flush=True)
        if run["extracted"] != n_articles:
            notes.append(f"{name}: the pipeline extracted {run['extracted']} of {n_articles} articles "
                         f"({run['errors']} errors)")
        run.update(name=name, articles_per_s=n_articles / run["seconds"], kb_per_s=n_kb / run["seconds"])
        return run

    one = pipeline_run("pipeline, 1 worker", once, 1, len(articles), kb)
    full = pipeline_run(f"pipeline, {cores} workers", once, cores, len(articles), kb)
    ten = pipeline_run(f"pipeline, {cores} workers, corpus x{COPIES}", [tenfold], cores,
                       COPIES * len(articles), COPIES * kb)
    dask_run = pipeline_run(f"pipeline, Dask engine, local cluster of {cores}", once, cores, len(articles), kb,
                            engine="dask")
    tenfold.unlink()

    print(f"running: underthesea word_tokenize over {len(all_sentences)} sentences ...", flush=True)
    tokenize_watch = time_word_tokenize(all_sentences)
    tokenize_seconds = tokenize_watch.seconds
    ner_sentences = [s for sents in ner_articles for s in sents]
    print(f"running: underthesea ner() over {len(ner_sentences)} sentences of {len(ner_articles)} articles ...",
          flush=True)
    ner_watch = time_ner(ner_sentences)
    ner_seconds = ner_watch.seconds

    tokenize = {"name": "underthesea word_tokenize alone (in-process)", "seconds": tokenize_seconds,
                "articles_per_s": len(articles) / tokenize_seconds, "kb_per_s": kb / tokenize_seconds,
                "peak_rss_mb": None, "others_cpu_share": tokenize_watch.others_cpu_share}
    ner_run = {"name": f"underthesea ner() alone, first {len(ner_articles)} articles", "seconds": ner_seconds,
               "articles_per_s": len(ner_articles) / ner_seconds, "kb_per_s": ner_kb / ner_seconds,
               "peak_rss_mb": None, "others_cpu_share": ner_watch.others_cpu_share}

    scaling = full["articles_per_s"] / one["articles_per_s"]
    growth = ten["peak_rss_mb"] / full["peak_rss_mb"]
    peak = max(full["peak_rss_mb"], ten["peak_rss_mb"])
    ratios = [
        {"name": "pipeline 1 worker time / word_tokenize time", "value": one["seconds"] / tokenize_seconds,
         "target": f"<= {TARGETS['pipeline_vs_tokenize']}",
         "verdict": verdict(one["seconds"] / tokenize_seconds, TARGETS["pipeline_vs_tokenize"], at_most=True)},
        {"name": f"throughput {cores} workers / 1 worker", "value": scaling,
         "target": f">= {TARGETS['scaling']}",
         "verdict": verdict(scaling, TARGETS["scaling"], at_most=False, applies=cores >= 2)},
        {"name": f"Dask engine articles/s / local engine ({cores} workers) articles/s",
         "value": dask_run["articles_per_s"] / full["articles_per_s"], "target": None, "verdict": ""},
        {"name": "pipeline 1 worker articles/s / ner() articles/s",
         "value": one["articles_per_s"] / ner_run["articles_per_s"], "target": None, "verdict": ""},
        {"name": f"peak RSS corpus x{COPIES} / corpus once", "value": growth,
         "target": f"<= {TARGETS['memory_growth']:.2f}",
         "verdict": verdict(growth, TARGETS["memory_growth"], at_most=True)},
        {"name": f"peak RSS, {cores} workers (MB)", "value": peak, "decimals": 0,
         "target": f"<= {TARGETS['memory_peak_mb']:.0f}",
         "verdict": verdict(peak, TARGETS["memory_peak_mb"], at_most=True)},
    ]
    busy = [r["name"] for r in (one, full, ten, dask_run, tokenize, ner_run) if r["others_cpu_share"] > BUSY_SHARE]
    if busy:
        notes.append(f"other processes used more than {BUSY_SHARE:.0%} of the CPU during: {'; '.join(busy)}; "
                     "the speed figures and ratios are not reliable, rerun on an idle machine")
    if cores != 2:
        notes.append(f"the scaling target ({TARGETS['scaling']}) is set for 2 cores; this machine has {cores}")
    notes.append("pipeline times are wall times of the whole command (start-up and model loading included); "
                 "the pipeline's own summary gives " + ", ".join(
                     f"{r['reported_seconds']:.1f} s ({r['name']})" for r in (one, full, ten, dask_run)))
    notes.append(f"peak RSS is sampled every {SAMPLE_SECONDS} s and summed over the pipeline process and "
                 "its children; pages that forked workers share with their parent count in every process, "
                 "so the sum overstates the memory really used")
    notes.append("KB = 1024 bytes of UTF-8 article text (title + newline + text)")
    return {"machine": machine(),
            "corpus": {"input": ", ".join(map(str, inputs)), "limit": limit, "articles": len(articles),
                       "kb": kb, "sentences": len(all_sentences)},
            "runs": [one, full, ten, dask_run, tokenize, ner_run], "ratios": ratios, "targets": TARGETS, "notes": notes}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Speed and memory of the pipeline against underthesea alone.")
    parser.add_argument("--input", type=Path, action="append",
                        help="a file or folder of articles (repeatable; default: the bundled corpus/gold "
                             "and corpus/articles)")
    parser.add_argument("--limit", type=int, help="only the first N articles (for a quick run)")
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write the figures as JSON")
    args = parser.parse_args(argv)
    inputs = [p.resolve() for p in args.input] if args.input else default_inputs()
    if args.limit is not None and args.limit < 1:
        parser.error("--limit must be at least 1")

    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        try:
            result = measure(inputs, args.limit, Path(tmp))
        except (RunFailed, FileNotFoundError) as exc:
            print(f"error: a run failed: {exc}", file=sys.stderr)
            return 1
    print_report(result)
    if args.json:
        with open(args.json, "w", encoding="utf-8") as handle:
            json.dump(result, handle, indent=2, ensure_ascii=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
