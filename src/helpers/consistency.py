"""Arithmetic checks declared in the published-data descriptors.

A check compares groups of rows selected by mappings column -> value (or list of values)
and returns its violations; the documented exceptions of a source are subtracted by the caller.
"""

import numpy as np
import pandas as pd


def _select(df: pd.DataFrame, selector: dict) -> pd.Series:
    mask = pd.Series(True, index=df.index)
    for column, value in selector.items():
        values = value if isinstance(value, list) else [value]
        mask &= df[column].isin(values)
    return mask


def _grouped_sum(df: pd.DataFrame, selector: dict, by: list[str]) -> pd.Series:
    rows = df[_select(df, selector)]
    if not by:
        return pd.Series({(): rows["waarde"].sum()}) if len(rows) else pd.Series(dtype=float)
    return rows.groupby(by, sort=True)["waarde"].sum(min_count=1)


def _violations(
    expected: pd.Series, actual: pd.Series, by: list[str], tolerance: float
) -> pd.DataFrame:
    both = pd.concat({"verwacht": expected, "gedrukt": actual}, axis=1, join="inner")
    bad = both[~np.isclose(both["verwacht"], both["gedrukt"], rtol=0, atol=tolerance + 1e-9)]
    keys = [
        dict(zip(by, key if isinstance(key, tuple) else (key,), strict=True)) for key in bad.index
    ]
    return pd.DataFrame(
        {"key": keys, "verwacht": bad["verwacht"].to_numpy(), "gedrukt": bad["gedrukt"].to_numpy()}
    )


def _difference(df, check):
    by = check.get("by", [])
    expected = _grouped_sum(df, check["minuend"], by) - _grouped_sum(df, check["subtrahend"], by)
    return expected, _grouped_sum(df, check["result"], by)


def _sum(df, check):
    by = check.get("by", [])
    return _grouped_sum(df, check["parts"], by), _grouped_sum(df, check["total"], by)


def _ratio(df, check):
    by = check.get("by", [])
    expected = (
        check.get("factor", 1)
        * _grouped_sum(df, check["numerator"], by)
        / _grouped_sum(df, check["denominator"], by)
    )
    return expected, _grouped_sum(df, check["result"], by)


_KINDS = {"difference": _difference, "sum": _sum, "ratio": _ratio}


def run_check(df: pd.DataFrame, check: dict) -> pd.DataFrame:
    """Violations of one declared check: columns key (dict of the by-columns), verwacht, gedrukt."""
    expected, printed = _KINDS[check["check"]](df, check)
    return _violations(
        expected.dropna(), printed.dropna(), check.get("by", []), check.get("tolerance", 0)
    )


def unexplained(df: pd.DataFrame, resource: dict) -> tuple[list[dict], list[dict]]:
    """Violations not covered by a documented exception, and exceptions that no longer occur."""
    found = []
    for check in resource.get("checks", []):
        for row in run_check(df, check).itertuples():
            found.append(
                {
                    "check": check["id"],
                    "key": _plain(row.key),
                    "verwacht": row.verwacht,
                    "gedrukt": row.gedrukt,
                }
            )
    documented = [_identity(e) for e in resource.get("exceptions", [])]
    new = [f for f in found if _identity(f) not in documented]
    stale = [d for d in documented if d not in [_identity(f) for f in found]]
    return new, stale


def _identity(violation: dict) -> tuple:
    """An exception matches a violation only with the same numbers, so that a changed figure
    inside a documented exception is still caught."""
    return (
        violation["check"],
        violation["key"],
        round(violation["verwacht"], 6),
        round(violation["gedrukt"], 6),
    )


def _plain(key: dict) -> dict:
    return {k: (v.item() if hasattr(v, "item") else v) for k, v in key.items()}
