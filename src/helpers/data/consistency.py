"""Arithmetic checks declared in the published-data descriptors.

A check compares groups of rows selected by mappings column -> value (or list of values)
and returns its violations; the documented exceptions of a source are subtracted by the caller.
"""

import pandas as pd

from helpers.methods import rounding


def _select(df: pd.DataFrame, selector: dict) -> pd.Series:
    mask = pd.Series(True, index=df.index)
    for column, value in selector.items():
        values = value if isinstance(value, list) else [value]
        mask &= df[column].isin(values)
    return mask


def _grouped_sum(df: pd.DataFrame, selector: dict, by: list[str]) -> pd.Series:
    rows = df[_select(df, selector)]
    # a constant key groups the whole table when `by` is empty
    keys = by or (lambda _: "")
    return rows.groupby(keys, sort=True)["waarde"].sum(min_count=1)


def _violations(
    expected: pd.Series, actual: pd.Series, by: list[str], tolerance: float
) -> pd.DataFrame:
    both = pd.concat({"verwacht": expected, "gedrukt": actual}, axis=1, join="inner")
    bad = both[~rounding.within(both["verwacht"], both["gedrukt"], tolerance)]
    if by:
        keys = [dict(zip(by, k if isinstance(k, tuple) else (k,), strict=True)) for k in bad.index]
    else:
        keys = [{} for _ in bad.index]
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
    """Violations not covered by a documented exception, and exceptions that no longer occur.

    An exception covers a violation of the same check and group only when its printed value is
    the same and its `verwacht` is within the check's tolerance of what the arithmetic gives, so
    a figure that changes inside a documented exception is still caught."""
    tolerance = {c["id"]: c.get("tolerance", 0) for c in resource.get("checks", [])}
    found = [
        {
            "check": check["id"],
            "key": _plain(row.key),
            "verwacht": row.verwacht,
            "gedrukt": row.gedrukt,
        }
        for check in resource.get("checks", [])
        for row in run_check(df, check).itertuples()
    ]
    documented = resource.get("exceptions", [])

    def covers(exception: dict, violation: dict) -> bool:
        return (
            exception["check"] == violation["check"]
            and exception["key"] == violation["key"]
            and rounding.within(exception["gedrukt"], violation["gedrukt"], 0.0)
            and rounding.within(
                exception["verwacht"], violation["verwacht"], tolerance[violation["check"]]
            )
        )

    new = [v for v in found if not any(covers(e, v) for e in documented)]
    stale = [e for e in documented if not any(covers(e, v) for v in found)]
    return new, stale


def _plain(key: dict) -> dict:
    return {k: (v.item() if hasattr(v, "item") else v) for k, v in key.items()}
