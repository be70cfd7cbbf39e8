"""Policy targets made measurable: what an indicator must become, and how fast.

An ambition such as "armoede in 2030 onder het landelijk gemiddelde" becomes a target value in
a target year. From a measured start value, the required annual change is given two ways:
linear (the same number of points every year) and as a constant rate (the same percentage of
the year before every year). Neither is a forecast; both are yardsticks for the monitor.
"""

import numpy as np
import pandas as pd

_REQUIRED = ["start", "startjaar", "doel", "doeljaar"]


def _validate(frame: pd.DataFrame) -> None:
    missing = [c for c in _REQUIRED if c not in frame]
    if missing:
        raise KeyError(f"Doelen: kolom(men) {', '.join(missing)} ontbreken.")
    problems = {
        "doeljaar": frame["doeljaar"] <= frame["startjaar"],
        "start": frame["start"] <= 0,
        "doel": frame["doel"] <= 0,
    }
    for column, bad in problems.items():
        if bad.any():
            row = frame.index[bad][0]
            reason = (
                "ligt niet na het startjaar"
                if column == "doeljaar"
                else "moet groter dan 0 zijn voor een constant percentage per jaar"
            )
            raise ValueError(
                f"Doelen, rij {row}, kolom {column}: {frame.loc[row, column]} {reason}."
            )


def required_change(frame: pd.DataFrame) -> pd.DataFrame:
    """Per row (columns start, startjaar, doel, doeljaar): years to go, the total change, the
    linear change per year (in the indicator's unit, e.g. procentpunt) and the constant annual
    rate in %: 11,4 -> 8,2 over 15 years is −0,213 per year or −2,17% per year."""
    _validate(frame)
    years = frame["doeljaar"] - frame["startjaar"]
    change = frame["doel"] - frame["start"]
    return frame.assign(
        jaren=years,
        verandering=change,
        lineair_per_jaar=change / years,
        constant_pct_per_jaar=100 * ((frame["doel"] / frame["start"]) ** (1 / years) - 1),
    )


def paths(start: float, startjaar: int, doel: float, doeljaar: int) -> pd.DataFrame:
    """The two yardstick paths year by year (long format: jaar, pad, waarde), for a chart."""
    _validate(
        pd.DataFrame([{"start": start, "startjaar": startjaar, "doel": doel, "doeljaar": doeljaar}])
    )
    years = np.arange(startjaar, doeljaar + 1)
    fraction = (years - startjaar) / (doeljaar - startjaar)
    linear = start + (doel - start) * fraction
    constant = start * (doel / start) ** fraction
    return pd.DataFrame(
        {
            "jaar": np.concatenate([years, years]),
            "pad": ["lineair"] * len(years) + ["constant percentage"] * len(years),
            "waarde": np.concatenate([linear, constant]),
        }
    )


def equivalent_target(own: float, local: float, reference: float) -> float:
    """A target on an indicator that has no national figure, by keeping the ratio that a
    comparable indicator shows: own × reference / local.

    E.g. the Stimulansz indicator (11,3%) with CBS laag inkomen Maastricht 11,4% against
    Nederland 8,2% -> 11,3 × 8,2 / 11,4 = 8,13%. This is an assumption (same relative gap on
    both definitions), to be stated wherever it is used."""
    if local <= 0:
        raise ValueError(f"Vergelijkbare lokale waarde moet groter dan 0 zijn, niet {local}.")
    return own * reference / local
