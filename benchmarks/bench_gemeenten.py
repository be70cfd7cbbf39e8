"""Benchmark: notebooks/jeugdhulp_gemeenten_2022.ipynb for every gemeente of 2022 (345 runs).

    python benchmarks/bench_gemeenten.py              # all gemeenten, warm kernels (helpers.batch)
    python benchmarks/bench_gemeenten.py --subset 20  # a spread subset, extrapolated to all 345
    python benchmarks/bench_gemeenten.py --cold 6     # also time runs as make gemeenten does them

Target: all gemeenten in ≤ 10 minutes on the project's 2-core machine. The warm mode starts one
kernel per core and reuses it (imports and national tables once per worker). A subset is an
evenly spaced selection of the gemeenten sorted by code, so small and large ones are both in it;
the extrapolation is (subset time − start-up) × 345 / subset + start-up. The machine's load
average is printed: other sessions on the same cores make every figure slower.
"""

import argparse
import os
import tempfile
import time
from pathlib import Path

from helpers import batch, paths, run
from helpers.data import gebieden

NOTEBOOK = paths.NOTEBOOKS / "jeugdhulp_gemeenten_2022.ipynb"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--subset", type=int, default=None, help="number of gemeenten to run")
    parser.add_argument("--cold", type=int, default=0, help="helpers.run runs to time as well")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    codes = list(gebieden.indeling(2022).index.sort_values())
    chosen = (
        codes if not args.subset else codes[:: max(len(codes) // args.subset, 1)][: args.subset]
    )
    print(f"load average before: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        results = batch.run(NOTEBOOK, Path(folder), "gemeente", chosen, workers=args.workers)
        total = time.perf_counter() - started
        print(batch.summary(results, total))
        per_run = sum(r.seconds for r in results) / len(results)
        startup = total - per_run * len(results) / args.workers
        estimate = startup + per_run * len(codes) / args.workers
        print(
            f"warm: {len(chosen)} gemeenten in {total:.0f} s; "
            f"{per_run:.1f} s per run per kernel, start-up {startup:.0f} s; "
            f"all {len(codes)} gemeenten: {estimate / 60:.1f} min"
            + ("" if len(chosen) == len(codes) else " (extrapolated)")
        )
        if args.cold:
            jobs = run.jobs(
                [NOTEBOOK], Path(folder) / "cold", {}, {"gemeente": chosen[: args.cold]}
            )
            started = time.perf_counter()
            cold = run.run_all(jobs, args.workers, force=True)
            seconds = time.perf_counter() - started
            print(
                f"cold (helpers.run, a kernel forked per run, no HTML): {len(cold)} runs in "
                f"{seconds:.0f} s; all {len(codes)}: {seconds / len(cold) * len(codes) / 60:.1f} min"
            )
    print(f"load average after: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
