"""Timing for the benchmarks: p50 and p95 of repeated calls, and one line of report each."""
from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def percentiles(samples: list[float]) -> tuple[float, float]:
    """The median and the 95th percentile of `samples` (milliseconds)."""
    samples = sorted(samples)
    return statistics.median(samples), samples[int(len(samples) * 0.95) - 1]


def timings(function: Callable[[], object], runs: int = 30, warmup: int = 0) -> tuple[float, float]:
    """p50 and p95, in milliseconds, of `runs` calls of `function` after `warmup` unmeasured ones."""
    for _ in range(warmup):
        function()
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        samples.append((time.perf_counter() - start) * 1000)
    return percentiles(samples)


def report(name: str, p50: float, p95: float, target_ms: float) -> bool:
    """One line for an operation; True when its p95 is within the target."""
    ok = p95 <= target_ms
    print(f"{name:<52} p50 {p50:7.2f} ms   p95 {p95:7.2f} ms   {'ok' if ok else 'OVER TARGET'}")
    return ok
