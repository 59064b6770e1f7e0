"""Shared pieces of the fault suite: a small archive, its reference tables, and the
command line run as a real process."""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GOLD = ROOT / "corpus" / "gold"
SEED = GOLD / "000_b7ebf30e4d42f5af.txt"
GOLD_LINES = [json.loads(line) for line in open(GOLD / "articles.jsonl", encoding="utf-8")]
NOBODY = 65534


def make_archive(folder: Path, n: int = 24) -> Path:
    """``n`` real articles (from the bundled gold set) in two .jsonl files and the seed .txt.
    The last article of the second file is every gold text in one: a chunk that takes
    a second or more, so that a run stopped after its first chunks is still running when
    the fault reaches it, however fast the small chunks go."""
    folder.mkdir(parents=True, exist_ok=True)
    articles = GOLD_LINES[: n - 2]
    long_article = {"id": "all-gold-in-one", "text": "\n\n".join(a["text"] for a in GOLD_LINES)}
    lines = [json.dumps(a, ensure_ascii=False) for a in [*articles, long_article]]
    half = len(lines) // 2
    (folder / "a.jsonl").write_text("\n".join(lines[:half]) + "\n", encoding="utf-8")
    (folder / "b.jsonl").write_text("\n".join(lines[half:]) + "\n", encoding="utf-8")
    shutil.copy(SEED, folder / "seed.txt")
    return folder


def tables(out: Path) -> dict[str, bytes]:
    """Every output table of ``out`` as bytes (through the ``current`` link)."""
    from pipeline.writers import OUTPUT_FILES
    return {name: (out / name).read_bytes() for name in OUTPUT_FILES}


def rows(out: Path) -> list[dict]:
    import csv
    with open(out / "articles.csv", encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def command(*args, user: int | None = None) -> list[str]:
    cmd = [sys.executable, "-m", "pipeline", *map(str, args)]
    if user is not None:
        cmd = ["setpriv", f"--reuid={user}", f"--regid={user}", "--clear-groups", *cmd]
    return cmd


def env() -> dict:
    return dict(os.environ, PYTHONPATH=str(ROOT), PYTHONDONTWRITEBYTECODE="1")


def cli(*args, user: int | None = None, timeout: float = 300) -> subprocess.CompletedProcess:
    """``python -m pipeline ARGS`` as a process of its own, to the end."""
    return subprocess.run(command(*args, user=user), cwd=ROOT, env=env(), capture_output=True, text=True,
                          timeout=timeout)


def start(*args) -> subprocess.Popen:
    """``python -m pipeline ARGS`` started in a session of its own (its process group
    gets Ctrl-C as a terminal would send it)."""
    return subprocess.Popen(command(*args), cwd=ROOT, env=env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, start_new_session=True)


def wait_for(condition, timeout: float = 240, what: str = "") -> None:
    deadline = time.time() + timeout
    while not condition():
        if time.time() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)


def chunks_done(out: Path) -> int:
    return len(list((out / ".parts").glob("*.done")))


def children(pid: int) -> list:
    import psutil
    return psutil.Process(pid).children(recursive=True)


def all_gone(processes, timeout: float = 15) -> bool:
    import psutil
    _, alive = psutil.wait_procs(processes, timeout=timeout)
    return not alive


def run_root(prefix: str) -> Path:
    """A folder an unprivileged user can enter (pytest's own are private to root)."""
    import tempfile
    folder = Path(tempfile.mkdtemp(prefix=prefix, dir="/tmp"))
    folder.chmod(0o755)
    return folder


def interrupt(process: subprocess.Popen, signum: int) -> None:
    if signum == signal.SIGINT:
        os.killpg(process.pid, signal.SIGINT)  # what a terminal does on Ctrl-C: the whole group
    else:
        os.kill(process.pid, signum)
