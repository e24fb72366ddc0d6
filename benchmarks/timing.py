"""Timing helper shared by the benchmarks: the median of several runs after a warm-up."""

import statistics
import time


def median_time(fn, runs: int = 5) -> float:
    """Seconds: the median of ``runs`` calls of ``fn``, after one call to warm caches."""
    fn()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)
