"""Benchmark of the cost-driver decomposition on 10 million arrangement-year rows.

The input is the data as `helpers.microdata.reading.read_export` delivers it: the rows of
helpers.microdata.synthetic.generate_at_scale, its id and code columns first turned into text (as a CSV
holds them) and then into categoricals by `microdata.as_categories`, the step read_export ends
with (its cost is reported on its own line). On those rows it compares
  (a) the floor: a bare groupby(["jaar", "categorie", "eenheid"]).sum() of kosten and eenheden
      (the cells that aggregate forms);
  (b) helpers.methods.decompose.aggregate + effects per group by LMDI (first year -> last year);
  (c) a naive equivalent: groupby-apply with nunique per group and a Python loop over the
      categories for LMDI, on all rows by default; with --naive-rows on a subsample, scaled
      linearly to the full size (which overstates it: its per-group overhead does not grow
      with the rows), and the output says so.
The same three on the text ids follow as a second block, for comparison.
Time is the best of --repeat untraced runs; peak memory is the tracemalloc peak of one extra run
(numpy and pandas allocations above what was allocated before it; Arrow-backed text buffers are
not traced, so the peaks of the text block are lower bounds).

    python benchmarks/bench_decompose.py [--rows 10000000] [--naive-rows N] [--repeat 3]
"""

import argparse
import datetime
import math
import os
import resource
import time
import tracemalloc

import numpy as np
import pandas as pd

from helpers.methods.decompose import EFFECTS, aggregate, effects
from helpers.microdata.reading import CATEGORICAL_COLUMNS, as_categories
from helpers.microdata.synthetic import generate_at_scale

TARGET_FLOOR_RATIO = 2.0
TARGET_SPEEDUP = 20.0
TARGET_PEAK_GB = 3.0


def floor(df: pd.DataFrame) -> pd.DataFrame:
    """The cells of decompose.aggregate: jaar × categorie × eenheid."""
    cells = ["jaar", "categorie", "eenheid"]
    return df.groupby(cells, observed=True)[["kosten", "eenheden"]].sum()


def decompose(df: pd.DataFrame) -> pd.DataFrame:
    van, tot = int(df["jaar"].min()), int(df["jaar"].max())
    return effects(aggregate(df), van, tot, units=False, per_group=True)


def naive(df: pd.DataFrame) -> pd.DataFrame:
    """What one writes without thinking about speed; the reference for (c)."""
    clients = df.groupby("jaar")["client_id"].apply(lambda s: s.nunique())
    agg = df.groupby(["jaar", "categorie"], observed=True).apply(
        lambda g: pd.Series(
            {"arrangementen": g["arrangement_id"].nunique(), "kosten": g["kosten"].sum()}
        )
    )
    van, tot = int(df["jaar"].min()), int(df["jaar"].max())
    a_van, a_tot = agg.loc[van, "arrangementen"].sum(), agg.loc[tot, "arrangementen"].sum()
    rows = {}
    for cat in agg.index.get_level_values("categorie").unique():
        x = {}
        for year, a in ((van, a_van), (tot, a_tot)):
            n, a_c, k_c = clients[year], *agg.loc[(year, cat)]
            x[year] = (n, a / n, a_c / a, k_c / a_c, k_c)
        c0, c1 = x[van][4], x[tot][4]
        weight = (c1 - c0) / math.log(c1 / c0) if c1 != c0 else c1
        rows[cat] = [weight * math.log(x[tot][i] / x[van][i]) for i in range(4)]
    return pd.DataFrame.from_dict(rows, orient="index", columns=list(EFFECTS))


def measure(function, df: pd.DataFrame, repeat: int) -> tuple[float, float, object]:
    """(best seconds, peak MB above the start, result)."""
    seconds = []
    for _ in range(repeat):
        start = time.perf_counter()
        result = function(df)
        seconds.append(time.perf_counter() - start)
    tracemalloc.start()
    function(df)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return min(seconds), peak / 2**20, result


def report(label: str, df: pd.DataFrame, sample: pd.DataFrame, repeat: int) -> dict:
    """Print the block for one kind of id columns; return its line for the summary table."""
    scale = len(df) / len(sample)
    t_floor, m_floor, _ = measure(floor, df, repeat)
    t_ours, m_ours, _ = measure(decompose, df, repeat)
    t_ours_sample, _, ours_sample = measure(decompose, sample, repeat)
    t_naive_sample, m_naive_sample, naive_sample = measure(naive, sample, 1)
    np.testing.assert_allclose(
        ours_sample.sort_index().to_numpy(), naive_sample.sort_index().to_numpy(), rtol=1e-9
    )
    t_naive = t_naive_sample * scale
    table = pd.DataFrame(
        {
            "tijd (s)": [t_floor, t_ours, t_naive],
            "piekgeheugen (MB)": [m_floor, m_ours, m_naive_sample * scale],
        },
        index=[
            "(a) vloer: groupby(jaar, categorie, eenheid).sum()",
            "(b) aggregate + lmdi",
            "(c) naïef groupby-apply"
            + (f": {len(sample):,} rijen × {scale:g} (lineair geschaald)" if scale > 1 else ""),
        ],
    )
    print(f"\n== id-kolommen {label}, {len(df):,} rijen ==")
    print(table.round(2).to_string())
    print(
        f"(c) gemeten: {t_naive_sample:.2f} s op {len(sample):,} rijen, (b) op dezelfde rijen "
        f"{t_ours_sample:.3f} s; uitkomsten gelijk (rtol 1e-9)."
    )
    checks = [
        ("(b) / (a) tijd", t_ours / t_floor, "≤", TARGET_FLOOR_RATIO),
        ("(c) / (b) tijd", t_naive / t_ours, "≥", TARGET_SPEEDUP),
        ("(b) piek (GB)", m_ours / 1024, "≤", TARGET_PEAK_GB),
    ]
    for name, value, sign, target in checks:
        ok = value <= target if sign == "≤" else value >= target
        print(
            f"{name:<16} {value:8.2f}  doel {sign} {target:g}: {'gehaald' if ok else 'NIET gehaald'}"
        )
    return {
        "id-kolommen": label,
        "(a) vloer (s)": f"{t_floor:.2f}",
        "(b) aggregate + lmdi (s)": f"{t_ours:.2f}",
        "(b)/(a)": f"{t_ours / t_floor:.2f}",
        "(c) naïef (s)": f"{t_naive:.1f}",
        "(c)/(b)": f"{t_naive / t_ours:.1f}",
        "(b) piek (MB)": f"{m_ours:.0f}",
    }


def markdown(rows: list[dict]) -> str:
    header = list(rows[0])
    lines = [header, ["---"] * len(header), *([str(r[h]) for h in header] for r in rows)]
    return "\n".join("| " + " | ".join(line) + " |" for line in lines)


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f} / {five:.2f} / {fifteen:.2f} (1 / 5 / 15 min)"


def machine() -> str:
    ram = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{os.cpu_count()} cores (nproc), {ram:.1f} GiB RAM"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--naive-rows", type=int, help="subsample for (c); default all rows")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()

    print(f"{datetime.datetime.now():%Y-%m-%d %H:%M}; {machine()}; load bij start {load()}")
    start = time.perf_counter()
    text = generate_at_scale(args.rows, seed=args.seed).astype(
        dict.fromkeys(CATEGORICAL_COLUMNS, "str")
    )
    print(
        f"{len(text):,} rijen uit generate_at_scale (seed {args.seed}), id's als tekst, in "
        f"{time.perf_counter() - start:.1f} s; jaren {text['jaar'].min()}–{text['jaar'].max()}"
    )
    start = time.perf_counter()
    df = as_categories(text)
    print(
        f"microdata.as_categories (slot van read_export): {time.perf_counter() - start:.1f} s; "
        f"{df['categorie'].nunique()} categorieën, {len(df['client_id'].cat.categories):,} "
        f"cliënten, {len(df['arrangement_id'].cat.categories):,} arrangementen"
    )
    naive_rows = min(args.naive_rows or len(df), len(df))
    sample_rows = df.sample(n=naive_rows, random_state=args.seed).index
    rows = [
        report("categorisch (zoals read_export ze levert)", df, df.loc[sample_rows], args.repeat),
        report("als tekst (zoals in de CSV)", text, text.loc[sample_rows], args.repeat),
    ]
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20
    print(f"\nmax RSS van het hele proces (data en kopieën inbegrepen): {rss:.2f} GB")
    print(f"load bij einde {load()}\n")
    print(markdown(rows))


if __name__ == "__main__":
    main()
