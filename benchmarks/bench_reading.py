"""Benchmark of reading an arrangement export: time and peak memory of `read_export`.

Writes the rows of helpers.microdata.synthetic.generate_at_scale (default 2 million, seed 0) as
CSV files into --folder (outside the repository; re-used when present) and reads each file with
helpers.microdata.reading.read_export in a fresh Python process, so that the peak memory (max
RSS, which includes the interpreter and the imported libraries) belongs to reading alone:

  - "iso": `,`-separated, ISO dates, decimal point (what every version of read_export reads);
  - "nl": `;`-separated, dates dd-mm-jjjj, amounts as 1.234,56 (a Dutch Excel export).

With --src DIR the child processes import the package `helpers` from DIR instead (e.g. the
`src` folder of an older commit, extracted with `git archive <commit> src | tar -x -C /tmp/x`),
which measures that version on the same files and machine for comparison.

    python benchmarks/bench_reading.py [--rows 2000000] [--repeat 3] [--folder /tmp/bench_reading]
                                       [--src DIR]
"""

import argparse
import datetime
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

from helpers.microdata.synthetic import generate_at_scale


def dutch_amounts(values: pd.Series) -> pd.Series:
    """1234567.5 -> '1.234.567,50' (vectorised through the string accessor)."""
    whole = np.floor(values).astype("int64")
    cents = np.round((values - whole) * 100).astype("int64").astype("str").str.zfill(2)
    grouped = whole.map("{:,}".format).str.replace(",", ".")
    return grouped + "," + cents


def write_files(rows: int, seed: int, folder: Path) -> dict[str, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = {"iso": folder / f"export_{rows}_iso.csv", "nl": folder / f"export_{rows}_nl.csv"}
    if all(p.exists() for p in paths.values()):
        return paths
    df = generate_at_scale(rows, seed=seed)
    df.to_csv(paths["iso"], index=False, date_format="%Y-%m-%d")
    dutch = df.assign(
        begindatum=df["begindatum"].dt.strftime("%d-%m-%Y"),
        einddatum=df["einddatum"].dt.strftime("%d-%m-%Y"),
        kosten=dutch_amounts(df["kosten"]),
        eenheden=dutch_amounts(df["eenheden"]),
    )
    dutch.to_csv(paths["nl"], index=False, sep=";")
    return paths


def read_once(path: str) -> None:
    """Child process: read one file, print seconds, max RSS (GB), rows used and rejected."""
    from helpers.microdata.reading import read_export

    start = time.perf_counter()
    export = read_export(path)
    seconds = time.perf_counter() - start
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20
    print(f"{seconds:.2f} {rss:.2f} {len(export.data)} {export.rejected['rij'].nunique()}")


def load() -> str:
    return " / ".join(f"{x:.2f}" for x in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=2_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--folder", type=Path, default=Path("/tmp/bench_reading"))
    parser.add_argument("--src", type=Path, help="import helpers from this folder instead")
    parser.add_argument("--read", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.read:
        read_once(args.read)
        return

    print(f"{datetime.datetime.now():%Y-%m-%d %H:%M}; {os.cpu_count()} cores; load {load()}")
    env = dict(os.environ)
    if args.src:
        env["PYTHONPATH"] = str(args.src.resolve())
        print(f"helpers uit {args.src}")
    paths = write_files(args.rows, args.seed, args.folder)
    print(
        f"| bestand | MB | tijd (s), beste van {args.repeat} | max RSS (GB) | gebruikt | afgewezen |"
    )
    print("| --- | --- | --- | --- | --- | --- |")
    for kind, path in paths.items():
        runs = []
        for _ in range(args.repeat):
            out = subprocess.run(
                [sys.executable, __file__, "--read", str(path)],
                capture_output=True,
                text=True,
                check=False,
                env=env,
            )
            if out.returncode:
                runs = None
                print(f"| {kind} | fout: {out.stderr.strip().splitlines()[-1]} |")
                break
            runs.append(out.stdout.split())
        if runs:
            best = min(runs, key=lambda r: float(r[0]))
            size = path.stat().st_size / 2**20
            print(
                f"| {kind} | {size:.0f} | {best[0]} | {max(float(r[1]) for r in runs):.2f} "
                f"| {int(best[2]):,} | {int(best[3]):,} |"
            )
    print(f"load bij einde {load()}")


if __name__ == "__main__":
    main()
