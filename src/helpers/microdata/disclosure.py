"""Disclosure control for counts computed from client-level data (CBS practice for jeugdzorg/Wmo).

Counts are rounded half up to a multiple of 5; counts 0-7 are suppressed (NA, which the
formatter shows as "geheim"); secondary suppression makes sure a suppressed cell cannot be
recovered by subtracting the other cells of its row or column from a total in the table.
Published figures from the sources are already public and do not go through this module.
"""

import numpy as np
import pandas as pd

from helpers.assumptions import Assumption

ASSUMPTIONS = (
    Assumption(
        "onthulling van aantallen",
        "aantallen uit cliëntgegevens worden afgerond op vijftallen; 0–7 wordt niet getoond, met secundaire onderdrukking waar een totaal een onderdrukte cel verraadt",
        "CBS-praktijk voor jeugdzorg- en Wmo-cijfers",
        "kleine groepen zijn onzichtbaar; totalen kunnen afwijken van de som van de getoonde cellen",
    ),
)


def _as_counts(values: pd.Series | pd.DataFrame):
    counts = values.astype("Float64")
    if ((counts < 0) | (counts % 1 != 0)).any(axis=None):
        raise ValueError("Aantallen moeten gehele getallen van 0 of meer zijn.")
    return counts.astype("Int64")


def round_counts(s: pd.Series | pd.DataFrame, base: int = 5) -> pd.Series | pd.DataFrame:
    """Round counts half up to a multiple of `base` (base 5: 12 -> 10, 13 -> 15; base 10:
    15 -> 20). Missing values stay missing; the result has dtype Int64.

    Integer arithmetic: floor(x / base + 1/2) == (2x + base) // (2 base).
    """
    return (2 * _as_counts(s) + base) // (2 * base) * base


def counts_for_derived_figures(
    counts: pd.Series | pd.DataFrame, *, threshold: int = 8, base: int = 5
) -> pd.Series | pd.DataFrame:
    """Counts as they may enter a figure derived from them (an effect in euros, a cost per
    client, a ratio): rounded half up to `base`, and every count from 1 to `threshold` − 1
    replaced by `base`, whatever it is (3 -> 5, but also 1 -> 5 and 7 -> 5; 8 -> 10; 0 -> 0).

    A derived figure then depends on a count only through this value, which says no more than
    the published count does: its multiple of 5, or for a suppressed count only that it is not
    0 (a cell with costs has arrangements, so that much follows from the costs anyway). A
    positive count never becomes 0, so a cell with costs keeps a positive count and costs per
    arrangement stay defined. Missing values stay missing; dtype Int64.
    """
    exact = _as_counts(counts)
    return round_counts(exact, base).mask((exact > 0) & (exact < threshold), base)


def _protect_lines(suppressed: np.ndarray, values: np.ndarray, total: int) -> np.ndarray:
    """One vectorised pass over the lines (rows of the arrays) that sum to position `total`.

    In a line with exactly one suppressed cell, that cell equals the total minus the others:
    suppress the smallest other cell, preferring non-total cells, the total when none is left.
    """
    open_values = np.where(suppressed, np.inf, values)
    parts = open_values.copy()
    parts[:, total] = np.inf
    choice = np.where(np.isinf(parts.min(axis=1)), total, parts.argmin(axis=1))
    exposed = np.flatnonzero(suppressed.sum(axis=1) == 1)
    suppressed = suppressed.copy()
    suppressed[exposed, choice[exposed]] = True
    return suppressed


def protect_counts(
    table: pd.DataFrame,
    count_cols,
    *,
    threshold: int = 8,
    base: int = 5,
    total_row=None,
    total_col=None,
) -> pd.DataFrame:
    """Round and suppress the count columns of `table` (other columns are left as they are).

    Which cells are totals: the row whose index label is `total_row` holds the column totals
    (each count column sums to it), and the column `total_col` (one of `count_cols`) holds the
    row totals (each row's other count columns sum to it); the cell where both meet is the
    grand total. Every other row and count column is an ordinary cell.

    1. Primary: counts below `threshold` (0-7) become NA; the others are rounded to `base`.
    2. Secondary: a row (when `total_col` is given) or a column (when `total_row` is given)
       with exactly one suppressed cell would reveal it by subtraction from its total, so the
       smallest other non-total cell of that line is suppressed too (the total itself only when
       no other cell is left). Passes over all rows and then all columns repeat until nothing
       changes. Rows or columns without a total in the table are not protected against
       differencing: if their totals are published elsewhere, put them in the table.

    Missing input counts are treated as already suppressed.
    """
    count_cols = list(count_cols)
    counts = _as_counts(table[count_cols])
    values = counts.to_numpy(dtype="float64", na_value=np.nan)
    suppressed = np.isnan(values) | (values < threshold)
    row_total = None if total_row is None else table.index.get_loc(total_row)
    col_total = None if total_col is None else count_cols.index(total_col)
    while True:
        before = suppressed
        if col_total is not None:
            suppressed = _protect_lines(suppressed, values, col_total)
        if row_total is not None:
            suppressed = _protect_lines(suppressed.T, values.T, row_total).T
        if np.array_equal(before, suppressed):
            break
    protected = table.copy()
    protected[count_cols] = round_counts(counts, base).mask(suppressed)
    return protected


def protect_with_costs(table: pd.DataFrame, count_col, cost_cols, **kw) -> pd.DataFrame:
    """`protect_counts` on the single count column `count_col`, and the cost columns
    (`cost_cols`: costs, cost per client, ...) set to NA wherever the count is suppressed.

    Keyword arguments go to `protect_counts` (threshold, base, total_row: the row of the
    column totals). Costs are not rounded.
    """
    cost_cols = [cost_cols] if isinstance(cost_cols, str) else list(cost_cols)
    protected = protect_counts(table, [count_col], **kw)
    protected[cost_cols] = protected[cost_cols].mask(protected[count_col].isna(), axis=0)
    return protected


def protect_balance(
    table: pd.DataFrame, stock, inflow, outflow, *, threshold: int = 8, base: int = 5
) -> pd.DataFrame:
    """`protect_counts` on the columns `stock`, `inflow` and `outflow` of a table with one row
    per period, in order, protected against the balance

        stock(t) = stock(t−1) + inflow(t) − outflow(t),

    which like a total reveals one suppressed cell from the other three. The balance of a row
    with both flows filled in (not the first row: it has no stock before it) that has exactly
    one suppressed cell among stock(t−1), inflow(t), outflow(t) and stock(t) gets a second one:
    the smaller open flow of row t. Stocks are never suppressed for this, because they are
    usually shown elsewhere as they are (the number of clients per year); so with two cells
    suppressed in a balance, at least one is a flow of that row. One pass is enough: a flow
    belongs to the balance of its own row only, so the second cell exposes no other balance.
    """
    columns = [stock, inflow, outflow]
    protected = protect_counts(table, columns, threshold=threshold, base=base)
    hidden = protected[columns].isna().to_numpy()
    flows = table[[inflow, outflow]].to_numpy(dtype="float64", na_value=np.nan)
    balanced = ~np.isnan(flows).any(axis=1)
    balanced[:1] = False
    previous_stock = np.concatenate([[False], hidden[:-1, 0]])
    exposed = np.flatnonzero(balanced & (previous_stock + hidden.sum(axis=1) == 1))
    smaller_open = 1 + np.where(hidden[:, 1:], np.inf, flows).argmin(axis=1)
    hidden[exposed, smaller_open[exposed]] = True
    protected[columns] = protected[columns].mask(hidden)
    return protected
