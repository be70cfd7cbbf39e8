"""Funnel plots (trechtergrafieken): control limits around a reference rate by denominator.

Rates of units of very different size are compared with the limits within which a unit's rate
would fall by chance alone if its true rate were the reference rate p0 (Spiegelhalter, "Funnel
plots for comparing institutional performance", Statistics in Medicine 2005). With n the
denominator, the binomial standard error is sqrt(p0 (1 − p0) / n) and the limits are
p0 ± z · se, z the two-sided normal quantile of the coverage (1,960 for 95%, 3,090 for 99,8%);
limits are clipped to [0, 1]. Rates are fractions here (0,132, not 13,2%).
"""

import numpy as np
import pandas as pd
from scipy.stats import norm

COVERAGES = (0.95, 0.998)
POSITIONS = (
    "boven de 99,8%-grens",
    "boven de 95%-grens",
    "binnen de 95%-grenzen",
    "onder de 95%-grens",
    "onder de 99,8%-grens",
)


def z(coverage: float) -> float:
    """Two-sided normal quantile: 0,95 → 1,960; 0,998 → 3,090."""
    if not 0 < coverage < 1:
        raise ValueError(f"Dekking {coverage} moet tussen 0 en 1 liggen (bijv. 0,95).")
    return float(norm.ppf(0.5 + coverage / 2))


def limits(p0: float, n, coverage: float) -> tuple[np.ndarray, np.ndarray]:
    """Lower and upper control limit for denominators ``n`` around the reference rate ``p0``."""
    if not 0 < p0 < 1:
        raise ValueError(f"Referentiekans {p0} moet tussen 0 en 1 liggen.")
    n = np.asarray(n, dtype=float)
    if (n <= 0).any():
        raise ValueError("Noemer moet positief zijn.")
    half = z(coverage) * np.sqrt(p0 * (1 - p0) / n)
    return np.clip(p0 - half, 0, 1), np.clip(p0 + half, 0, 1)


def position(rate: pd.Series, n: pd.Series, p0: float) -> pd.Series:
    """Where each unit lies relative to the 95% and 99,8% limits (``POSITIONS``); missing where
    the rate or the denominator is missing."""
    known = rate.notna() & n.notna()
    out = pd.Series(pd.NA, index=rate.index, dtype="string")
    r = rate[known].astype(float).to_numpy()
    size = n[known].astype(float).to_numpy()
    low95, high95 = limits(p0, size, 0.95)
    low998, high998 = limits(p0, size, 0.998)
    out[known] = np.select(
        [r > high998, r > high95, r < low998, r < low95],
        [POSITIONS[0], POSITIONS[1], POSITIONS[4], POSITIONS[3]],
        POSITIONS[2],
    )
    return out


def curve(p0: float, n_min: float, n_max: float, points: int = 200) -> pd.DataFrame:
    """The limits along a log-spaced range of denominators, for drawing the funnel: columns
    ``n`` and ``laag_95``, ``hoog_95``, ``laag_998``, ``hoog_998``."""
    n = np.geomspace(n_min, n_max, points)
    out = {"n": n}
    for coverage, tag in zip(COVERAGES, ("95", "998"), strict=True):
        out[f"laag_{tag}"], out[f"hoog_{tag}"] = limits(p0, n, coverage)
    return pd.DataFrame(out)
