"""Facts-stage cost per KB of text: growing pathological inputs, and the real dev/dev2 articles.

The facts stage is `services.extractor.extract.extract` (text → facts). Each pathological family is
generated at growing sizes; a linear stage keeps its ms/KB flat as the input grows (a quadratic one
grows with the size). The corpus row is the mean ms per KB over the dev and dev2 texts, median of rounds.
Inputs that take longer than the per-input timeout are reported as "> timeout" (run in a child process).
Usage: python -m bench.facts_stage [--sizes 10,40,160] [--timeout 60] [--corpus PATH] [--json]
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

DEFAULT_CORPUS = Path(os.environ.get("RECRUITWATCH_CORPUS", Path(__file__).resolve().parents[1].parent / "shared" / "corpus"))
BEFORE_MS_PER_KB = 3.6
"""dev / dev2 ms per KB of the facts stage before issue 10 (3.54 / 3.57, and 3.60-3.83 in alternating runs)."""
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


FAMILIES: dict[str, Callable[[int], str]] = {
    "numbers": many_numbers, "number_words": number_words, "digits_dots": digits_and_dots, "nested_tables": nested_tables,
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
    args = ap.parse_args(argv)
    corpus = Path("/nonexistent") if args.no_corpus else args.corpus
    result = run([int(s) for s in args.sizes.split(",")], args.timeout, corpus, args.families.split(","))
    print(json.dumps(result, indent=2) if args.json else table(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
