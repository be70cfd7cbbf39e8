"""Statistical process control for a monthly process figure (e.g. Wmo doorlooptijden).

An individuals chart (XmR chart): the centre line is the mean of the points, the control limits
lie at ± 3σ, and σ is estimated from the mean moving range, MR̄ / d2 with d2 = 1,128 for the
range of two consecutive points (Montgomery, *Introduction to Statistical Quality Control*,
§6.4). The moving range measures only the month-to-month noise, so a shift in level — what the
chart is meant to reveal — does not widen the limits, as the overall standard deviation would.

Two signals of a special cause: a point outside the limits, and a run of `run_length`
(default 8, Western Electric rule 4) or more consecutive points on one side of the centre line.
"""

import numpy as np
import pandas as pd

D2_TWO_POINTS = 1.128


def _validated(values: pd.Series) -> pd.Series:
    numeric = pd.to_numeric(values, errors="coerce")
    bad = numeric.index[numeric.isna()]
    if len(bad):
        labels = ", ".join(str(label) for label in bad)
        raise ValueError(
            f"Regelkaart '{values.name}': geen getal bij {labels}; elke periode moet een waarde hebben."
        )
    if len(numeric) < 2:
        raise ValueError(
            f"Regelkaart '{values.name}': {len(numeric)} punt(en); er zijn er minstens 2 nodig "
            "om de spreiding van maand tot maand te schatten."
        )
    return numeric.astype(float)


def runs_on_one_side(values: pd.Series, centre: float, run_length: int = 8) -> pd.Series:
    """True for every point in a run of at least `run_length` consecutive points on the same
    side of `centre`; a point exactly on the centre line ends a run."""
    side = np.sign(values - centre)
    run_id = (side != side.shift()).cumsum()
    size = side.groupby(run_id).transform("size")
    return (size >= run_length) & (side != 0)


def individuals_chart(values: pd.Series, sigma: float = 3.0, run_length: int = 8) -> pd.DataFrame:
    """The individuals chart of `values` (index = periods, in order). One row per period with:
    waarde, bewegend_bereik (|x_t − x_t−1|, empty for the first), gemiddelde, sigma (σ̂ =
    MR̄ / 1,128), ondergrens and bovengrens (gemiddelde ∓ sigma·σ̂), buiten_grenzen,
    in_reeks (see runs_on_one_side) and signaal (either of the two).
    Raises ValueError naming the periods without a number, or when there are fewer than 2."""
    x = _validated(values)
    moving_range = x.diff().abs()
    centre = x.mean()
    sigma_hat = moving_range.mean() / D2_TWO_POINTS
    chart = pd.DataFrame(
        {
            "waarde": x,
            "bewegend_bereik": moving_range,
            "gemiddelde": centre,
            "sigma": sigma_hat,
            "ondergrens": centre - sigma * sigma_hat,
            "bovengrens": centre + sigma * sigma_hat,
        }
    )
    chart["buiten_grenzen"] = (x < chart["ondergrens"]) | (x > chart["bovengrens"])
    chart["in_reeks"] = runs_on_one_side(x, centre, run_length)
    chart["signaal"] = chart["buiten_grenzen"] | chart["in_reeks"]
    return chart
