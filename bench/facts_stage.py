"""Facts-stage cost per KB of text: growing pathological inputs, and the real dev/dev2 articles.

The facts stage is `services.extractor.extract.extract` (text → facts). Each pathological family is
generated at growing sizes; a linear stage keeps its ms/KB flat as the input grows (a quadratic one
grows with the size). The corpus row is the mean ms per KB over the dev and dev2 texts, median of rounds.
Inputs that take longer than the per-input timeout are reported as "> timeout" (run in a child process).
With --baseline-ref REF the corpus row is also measured for the extractor of commit REF (a `git archive` export),
each tree in a fresh interpreter, alternating baseline and now (ABBA) for --runs runs: the ratio now / before is then
measured on this machine under the same load, not against a figure measured elsewhere.
Usage: python -m bench.facts_stage [--sizes 10,40,160] [--timeout 60] [--corpus PATH] [--json]
       python -m bench.facts_stage --baseline-ref 5d96afb [--runs 6] [--out bench/results/facts_stage.json]
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = Path(os.environ.get("RECRUITWATCH_CORPUS", Path(__file__).resolve().parents[1].parent / "shared" / "corpus"))
BEFORE_REF = "5d96afb"
"""The last commit before issue 10's rule work on services/extractor (the baseline of --baseline-ref)."""
_WORDS = ("một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín", "mười", "mươi", "trăm", "lăm", "linh")


def many_numbers(kb: int) -> str:
    """One sentence of admissions with a number every ~8 characters ("kết nạp 1234, 5678, …")."""
    parts, size, i = ["Năm 2023, huyện Hiệp Hòa kết nạp"], 0, 0
    while size < kb * 1024:
        piece = f" {1000 + (i * 7919) % 9000} đv,"
        parts.append(piece)
        size += len(piece.encode())
        i += 1
    return "".join(parts) + " đạt 105% kế hoạch."


def number_words(kb: int) -> str:
    """A run of Vietnamese number words without the noun they would count, then one that has it."""
    words, size, i = [], 0, 0
    while size < kb * 1024:
        w = _WORDS[i % len(_WORDS)]
        words.append(w)
        size += len(w.encode()) + 1
        i += 1
    return "Đảng bộ kết nạp " + " ".join(words) + " mới."


def digits_and_dots(kb: int) -> str:
    """One line of digits and dots ("123.456.7.89.…") with no space or letter."""
    unit = "123.456.7.89.1,5."
    return (unit * (kb * 1024 // len(unit) + 1))[: kb * 1024]


def nested_tables(kb: int) -> str:
    """Flattened nested tables: header rows and rows of cells with tables inside cells ("| | 12 | 3 |")."""
    rows = ["STT | Đơn vị | Chỉ tiêu | Kết nạp | Tỷ lệ (%)"]
    size, i = 0, 0
    while size < kb * 1024:
        inner = " | ".join(["Chi bộ | Kết nạp | " + " | ".join(str(j) for j in range(i % 7 + 3))] * 3)
        row = f"{i} | Xã Tân {i} | {i % 50 + 10} | {i % 40 + 5} | {inner} | {i % 100},5%"
        rows.append(row)
        size += len(row.encode()) + 1
        i += 1
    return "\n".join(rows)


def nested_line(kb: int) -> str:
    """A table nested in its own last cell, level after level, flattened onto one line: thousands of named units in one sentence."""
    cells, size, i = [], 0, 0
    while size < kb * 1024:
        cell = f"<{i}> Xã Tân {i} | {i % 40 + 5} | "
        cells.append(cell)
        size += len(cell.encode()) + 2
        i += 1
    return "".join(cells) + " |" * i


FAMILIES: dict[str, Callable[[int], str]] = {
    "numbers": many_numbers, "number_words": number_words, "digits_dots": digits_and_dots, "nested_tables": nested_tables,
    "nested_line": nested_line,
}


def _time_one(text: str) -> float:
    """CPU seconds extract() takes on a text (after a warm-up; CPU, so that other load does not count)."""
    from services.extractor.extract import extract

    start = time.process_time()
    extract(text)
    return time.process_time() - start


def _child(family: str, kb: int, queue: mp.Queue[float]) -> None:
    from services.extractor.stages import warm_up

    warm_up()
    queue.put(_time_one(FAMILIES[family](kb)))


def time_family(family: str, kb: int, timeout: float) -> float | None:
    """CPU seconds for one generated input in a child process, None past the (wall-clock) timeout."""
    ctx = mp.get_context("fork")
    queue: mp.Queue[float] = ctx.Queue()
    proc = ctx.Process(target=_child, args=(family, kb, queue))
    proc.start()
    proc.join(timeout)
    if proc.is_alive():
        proc.kill()
        proc.join()
        return None
    return queue.get() if not queue.empty() else None


def corpus_ms_per_kb(corpus: Path, rounds: int = 3) -> dict[str, float]:
    """Median over rounds of total extract() time per KB on each corpus split."""
    from services.extractor.extract import extract
    from services.extractor.stages import warm_up

    warm_up()
    out: dict[str, float] = {}
    for split in ("dev", "dev2"):
        texts = [p.read_text(encoding="utf-8") for p in sorted((corpus / split / "docs").glob("*.txt"))]
        if not texts:
            continue
        kb = sum(len(t.encode()) for t in texts) / 1024
        times = []
        for _ in range(rounds):
            start = time.process_time()
            for t in texts:
                extract(t)
            times.append(time.process_time() - start)
        out[split] = 1000 * statistics.median(times) / kb
    return out


def tree_ms_per_kb(tree: Path, corpus: Path, rounds: int) -> dict[str, float]:
    """corpus_ms_per_kb of the extractor in a source tree, measured in a fresh interpreter."""
    cmd = [sys.executable, "-m", "bench.facts_stage", "--measure-tree", str(tree), "--corpus", str(corpus), "--rounds", str(rounds)]
    out = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, check=True)
    return dict(json.loads(out.stdout))


def export_tree(ref: str, dest: Path) -> str:
    """Write the files of commit ref into dest (`git archive`); its full commit id."""
    commit = subprocess.run(["git", "rev-parse", "--verify", f"{ref}^{{commit}}"], cwd=REPO, capture_output=True, text=True, check=True).stdout.strip()
    archive = subprocess.run(["git", "archive", "--format=tar", commit], cwd=REPO, capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(dest)], input=archive, check=True)
    return commit


def _head() -> str:
    """This tree's commit, "+changes" when it has uncommitted changes."""
    head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=REPO, capture_output=True, text=True, check=True).stdout.strip()
    dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=REPO, capture_output=True, text=True, check=True).stdout
    return head + ("+changes" if dirty.strip() else "")


def _spread(values: list[float]) -> dict[str, Any]:
    """Median, min, max and the runs of a list of ms/KB figures."""
    return {"median": round(statistics.median(values), 3), "min": round(min(values), 3), "max": round(max(values), 3),
            "runs": [round(v, 3) for v in values]}


def compare(ref: str, corpus: Path, runs: int = 6, rounds: int = 3) -> dict[str, Any]:
    """ms/KB on dev/dev2 of commit ref's extractor and of this tree's, alternating ABBA in fresh interpreters."""
    start_load = os.getloadavg()
    samples: dict[str, dict[str, list[float]]] = {"before": {}, "now": {}}
    with tempfile.TemporaryDirectory(prefix="facts-stage-baseline-") as tmp:
        commit = export_tree(ref, Path(tmp))
        trees = {"before": Path(tmp), "now": REPO}
        for i in range(runs):
            for side in ("before", "now") if i % 2 == 0 else ("now", "before"):
                for split, per_kb in tree_ms_per_kb(trees[side], corpus, rounds).items():
                    samples[side].setdefault(split, []).append(per_kb)
    splits = sorted(samples["now"])
    return {
        "baseline_ref": ref, "baseline_commit": commit, "runs": runs, "rounds_per_run": rounds,
        "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "cpus": os.cpu_count(),
        "loadavg_start": [round(x, 2) for x in start_load], "loadavg_end": [round(x, 2) for x in os.getloadavg()],
        "before_ms_per_kb": {s: _spread(samples["before"][s]) for s in splits},
        "now_ms_per_kb": {s: _spread(samples["now"][s]) for s in splits},
        "ratio_now_before": {s: round(statistics.median(samples["now"][s]) / statistics.median(samples["before"][s]), 3) for s in splits},
        "paired_ratio": {s: _spread([n / b for n, b in zip(samples["now"][s], samples["before"][s], strict=True)]) for s in splits},
    }


def compare_table(res: dict[str, Any]) -> str:
    """The before/now comparison as a text table."""
    lines = [f"baseline {res['baseline_commit'][:10]}, {res['runs']} runs ABBA x {res['rounds_per_run']} rounds, "
             f"load {res['loadavg_start'][0]} -> {res['loadavg_end'][0]} on {res['cpus']} CPUs",
             f"{'split':<6} {'before ms/KB (min-max)':>24} {'now ms/KB (min-max)':>24} {'now/before':>11} {'paired (min-max)':>18}"]
    for s, b in res["before_ms_per_kb"].items():
        n, p = res["now_ms_per_kb"][s], res["paired_ratio"][s]
        lines.append(f"{s:<6} {b['median']:>8.2f} ({b['min']:.2f}-{b['max']:.2f}) {n['median']:>10.2f} ({n['min']:.2f}-{n['max']:.2f}) "
                     f"{res['ratio_now_before'][s]:>11.3f} {p['median']:>6.3f} ({p['min']:.3f}-{p['max']:.3f})")
    return "\n".join(lines)


def run(sizes: list[int], timeout: float, corpus: Path, families: list[str] | None = None) -> dict[str, Any]:
    """ms per KB for each family and size, and for the corpus splits."""
    result: dict[str, Any] = {"timeout_s": timeout, "families": {}}
    for family in families or list(FAMILIES):
        rows = []
        for kb in sizes:
            secs = time_family(family, kb, timeout)
            rows.append({"kb": kb, "seconds": secs, "ms_per_kb": None if secs is None else 1000 * secs / kb})
        result["families"][family] = rows
    if (corpus / "dev").exists():
        result["corpus_ms_per_kb"] = corpus_ms_per_kb(corpus)
    return result


def table(result: dict[str, Any]) -> str:
    """The result as a text table."""
    lines = [f"{'input':<15} {'KB':>6} {'seconds':>9} {'ms/KB':>8}"]
    for family, rows in result["families"].items():
        for r in rows:
            secs = f"> {result['timeout_s']:.0f}" if r["seconds"] is None else f"{r['seconds']:.3f}"
            per = "-" if r["ms_per_kb"] is None else f"{r['ms_per_kb']:.2f}"
            lines.append(f"{family:<15} {r['kb']:>6} {secs:>9} {per:>8}")
    for split, per_kb in result.get("corpus_ms_per_kb", {}).items():
        lines.append(f"{'corpus ' + split:<15} {'':>6} {'':>9} {per_kb:>8.2f}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Print the table (or JSON)."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--sizes", default="10,40,160", help="input sizes in KB, comma-separated")
    ap.add_argument("--timeout", type=float, default=60.0, help="seconds before one input counts as stalled")
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--families", default=",".join(FAMILIES), help="pathological input families, comma-separated")
    ap.add_argument("--no-corpus", action="store_true", help="skip the dev/dev2 row")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--baseline-ref", help=f"also measure dev/dev2 for this commit's extractor, interleaved (e.g. {BEFORE_REF})")
    ap.add_argument("--runs", type=int, default=6, help="interleaved runs of each tree with --baseline-ref")
    ap.add_argument("--rounds", type=int, default=3, help="passes over dev/dev2 per run (their median)")
    ap.add_argument("--out", type=Path, help="with --baseline-ref: write the comparison as JSON here")
    ap.add_argument("--measure-tree", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.measure_tree:
        sys.path.insert(0, str(args.measure_tree))
        print(json.dumps(corpus_ms_per_kb(args.corpus, args.rounds)))
        return 0
    if args.baseline_ref:
        res = compare(args.baseline_ref, args.corpus, args.runs, args.rounds)
        res["now_commit"] = _head()
        res["pathological"] = run([int(s) for s in args.sizes.split(",")], args.timeout, Path("/nonexistent"), args.families.split(","))
        res["pathological"]["five_mb_line_s"] = time_family("digits_dots", 5 * 1024, args.timeout)
        if args.out:
            args.out.write_text(json.dumps(res, indent=2) + "\n", encoding="utf-8")
        print(json.dumps(res, indent=2) if args.json else f"{compare_table(res)}\n\n{table(res['pathological'])}")
        return 0
    corpus = Path("/nonexistent") if args.no_corpus else args.corpus
    result = run([int(s) for s in args.sizes.split(",")], args.timeout, corpus, args.families.split(","))
    print(json.dumps(result, indent=2) if args.json else table(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
