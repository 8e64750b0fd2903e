"""``benchmarks/reader_speed.py`` still runs against the reader (it once called a function the
recognizer wrapper no longer has). No time is asserted: speed is reported by the benchmark, not tested."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_reader_speed_benchmark_reads_a_request_cold_and_warm() -> None:
    spec = importlib.util.spec_from_file_location("reader_speed", ROOT / "benchmarks" / "reader_speed.py")
    assert spec and spec.loader
    bench = importlib.util.module_from_spec(spec)
    sys.modules["reader_speed"] = bench
    spec.loader.exec_module(bench)
    assert bench.best_ms("Boston to Denver on April 8, back the 12th.", 1) > 0
    assert bench.best_ms("Boston to Denver on April 8, back the 12th.", 1, cold=False) > 0
