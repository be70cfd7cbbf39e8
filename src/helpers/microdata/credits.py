"""Credits (negative costs): netted per arrangement and year.

Ledgers book corrections as separate negative lines (creditering). A row with negative kosten
is netted with the row of the same arrangement_id and jaar that has kosten ≥ 0, when there is
exactly one such row: that row's kosten (and eenheden, when present) become the sum over the
group, and the credit rows count as used, "verrekend" into it (`Export.netted`). Only
arrangement_id, jaar, kosten and eenheden of a credit row are used; its other columns are not.
What cannot be netted is rejected by the reading checks: a net amount that stays negative, a
credit without a row to net it with (negatief), and a credit in a group with several rows of
kosten ≥ 0 (the duplicate rule: one row per arrangement per year).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd


@dataclass
class Netting:
    """netted: the credit rows netted into another row; into: per such row, the position of
    that row (-1 elsewhere); kosten, eenheden: the amounts after netting."""

    netted: np.ndarray
    into: np.ndarray
    kosten: pd.Series
    eenheden: pd.Series | None


def net_credits(
    kosten: pd.Series,
    eenheden: pd.Series | None,
    arrangement: pd.Series,
    jaar: pd.Series,
    eligible: pd.Series,
) -> Netting:
    """Net credit rows into the one row of kosten ≥ 0 of their arrangement (categorical) and
    jaar. Only eligible rows (kosten, arrangement and jaar valid) take part."""
    n = len(kosten)
    credit = eligible.to_numpy() & (kosten < 0).to_numpy()
    if not credit.any():
        return Netting(np.zeros(n, bool), np.full(n, -1), kosten, eenheden)
    rows = np.flatnonzero(eligible.to_numpy())
    key = pd.DataFrame({"a": arrangement.cat.codes.to_numpy()[rows], "j": jaar.to_numpy()[rows]})
    group = key.groupby(["a", "j"], sort=False).ngroup().to_numpy()
    is_credit = credit[rows]
    n_groups = group.max() + 1
    credits = np.bincount(group, weights=is_credit, minlength=n_groups)
    others = np.bincount(group, weights=~is_credit, minlength=n_groups)
    nets = (credits > 0) & (others == 1)
    target = np.full(n_groups, -1)
    receivers = ~is_credit & nets[group]
    target[group[receivers]] = rows[receivers]

    netted = np.zeros(n, bool)
    netted[rows[is_credit & nets[group]]] = True
    into = np.full(n, -1)
    into[netted] = target[group[netted[rows]]]
    units = None if eenheden is None else _moved(eenheden, into)
    return Netting(netted, into, _moved(kosten, into), units)


def _moved(values: pd.Series, into: np.ndarray) -> pd.Series:
    """values with the values of the rows netted into another row added to that row."""
    netted = into >= 0
    moved = np.bincount(
        into[netted], weights=np.nan_to_num(values.to_numpy()[netted]), minlength=len(values)
    )
    return values + moved
