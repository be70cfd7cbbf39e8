"""Clients in care per year, inflow and outflow, and how long arrangements and trajectories last.

Every function takes a validated export (`microdata.read_export(...).data`): one row per
arrangement per jaar with client_id, arrangement_id, categorie, begindatum and einddatum.

Durations count both the first and the last day: an arrangement from 1 January to 31 December
lasts 365 days (366 in a leap year), one that starts and ends on the same day lasts 1 day.
Arrangements still running (no einddatum, or one after the peildatum) are cut off at the
peildatum (default: 31 December of the last jaar in the data). Their duration is therefore a
lower bound, and so are medians and means that include them: the summaries report how many
are still running.
"""

import numpy as np
import pandas as pd

DAY = pd.Timedelta(days=1)
LONG_DAYS = 365


def stock_and_flows(df: pd.DataFrame) -> pd.DataFrame:
    """Clients per jaar with inflow, outflow and returning clients.

    Per jaar t:
    - clienten: distinct clients with any arrangement in t;
    - instroom: clients in t who were not in t-1;
    - uitstroom: clients in t-1 who are not in t;
    - herinstroom ("herhaald beroep"): the part of instroom that was in care in some year before
      t-1.

    So clienten(t) = clienten(t-1) + instroom(t) - uitstroom(t). Only the years in the data are
    seen: for the first jaar instroom and uitstroom are unknown (NA), and herinstroom is unknown
    (NA) for the first two years because there is no earlier year to return from. Later
    herinstroom figures are lower bounds (care before the first jaar is not seen). The years
    must be consecutive; a missing year in between raises ValueError.
    """
    first, last = int(df["jaar"].min()), int(df["jaar"].max())
    years = np.arange(first, last + 1)
    missing = np.setdiff1d(years, df["jaar"].unique())
    if missing.size:
        raise ValueError(
            "De jaren in de gegevens zijn niet aaneengesloten (ontbreekt: "
            f"{', '.join(map(str, missing))}); instroom en uitstroom zijn dan niet te bepalen."
        )
    clients, _ = pd.factorize(df["client_id"])
    present = np.zeros((clients.max() + 1, years.size), dtype=bool)
    present[clients, df["jaar"].to_numpy() - first] = True
    previous = np.zeros_like(present)
    previous[:, 1:] = present[:, :-1]
    before_previous = np.zeros_like(present)
    before_previous[:, 2:] = np.logical_or.accumulate(present, axis=1)[:, :-2]
    inflow = present & ~previous

    table = pd.DataFrame(
        {
            "jaar": years,
            "clienten": present.sum(axis=0),
            "instroom": inflow.sum(axis=0),
            "uitstroom": (previous & ~present).sum(axis=0),
            "herinstroom": (inflow & before_previous).sum(axis=0),
        }
    ).astype({"instroom": "Int64", "uitstroom": "Int64", "herinstroom": "Int64"})
    table.loc[0, ["instroom", "uitstroom", "herinstroom"]] = pd.NA
    table.loc[:1, "herinstroom"] = pd.NA
    return table


def _peildatum(df: pd.DataFrame, peildatum) -> pd.Timestamp:
    if peildatum is None:
        return pd.Timestamp(year=int(df["jaar"].max()), month=12, day=31)
    return pd.Timestamp(peildatum)


def _with_duration(intervals: pd.DataFrame) -> pd.DataFrame:
    return intervals.assign(
        duur_dagen=(intervals["einddatum"] - intervals["begindatum"]) // DAY + 1
    )


def arrangement_durations(df: pd.DataFrame, peildatum=None) -> pd.DataFrame:
    """One row per arrangement_id: client_id, categorie, begindatum, einddatum, duur_dagen, lopend.

    An arrangement spans several jaar rows: begindatum is the earliest, einddatum the latest
    one given (a recorded end date wins over empty ones), categorie is that of the last jaar.
    lopend is True when no einddatum is recorded or it lies after the peildatum; einddatum is
    then the peildatum. A peildatum before an arrangement's begindatum raises ValueError.
    """
    peildatum = _peildatum(df, peildatum)
    arrangements = (
        df.sort_values("jaar")
        .groupby("arrangement_id", sort=True)
        .agg(
            client_id=("client_id", "last"),
            categorie=("categorie", "last"),
            begindatum=("begindatum", "min"),
            einddatum=("einddatum", "max"),
        )
        .reset_index()
    )
    too_late = arrangements["begindatum"] > peildatum
    if too_late.any():
        raise ValueError(
            f"De peildatum {peildatum:%d-%m-%Y} ligt vóór de begindatum van "
            f"{too_late.sum()} arrangement(en), bijvoorbeeld "
            f"{arrangements.loc[too_late, 'arrangement_id'].iloc[0]}."
        )
    running = arrangements["einddatum"].isna() | (arrangements["einddatum"] > peildatum)
    arrangements["einddatum"] = arrangements["einddatum"].mask(running, peildatum)
    return _with_duration(arrangements).assign(lopend=running)


def client_trajectories(df: pd.DataFrame, peildatum=None, by: str | None = None) -> pd.DataFrame:
    """A client's arrangements merged into uninterrupted trajectories (per `by` group if given).

    Rule: arrangements that overlap or follow on without a day in between (gap ≤ 0 days, i.e.
    the next begindatum is at most one day after the latest einddatum so far) belong to one
    trajectory; a gap of one day or more starts a new one. Columns: client_id, [by],
    begindatum, einddatum, duur_dagen, lopend (any of its arrangements still running).
    """
    keys = ["client_id", *([by] if by else [])]
    arrangements = arrangement_durations(df, peildatum).sort_values([*keys, "begindatum"])
    groups = [arrangements[k] for k in keys]
    reach = arrangements.groupby(groups)["einddatum"].cummax()
    previous_reach = reach.groupby(groups).shift()
    starts = previous_reach.isna() | (arrangements["begindatum"] > previous_reach + DAY)
    trajectories = arrangements.groupby(starts.cumsum()).agg(
        **{k: (k, "first") for k in keys},
        begindatum=("begindatum", "min"),
        einddatum=("einddatum", "max"),
        lopend=("lopend", "any"),
    )
    return _with_duration(trajectories.reset_index(drop=True))


def _summary(intervals: pd.DataFrame, level: str, by: str | None) -> pd.DataFrame:
    grouped = intervals.assign(lang=intervals["duur_dagen"] > LONG_DAYS).groupby(
        by if by else np.zeros(len(intervals), dtype=int)
    )
    summary = grouped.agg(
        aantal=("duur_dagen", "size"),
        lopend=("lopend", "sum"),
        mediaan_dagen=("duur_dagen", "median"),
        gemiddelde_dagen=("duur_dagen", "mean"),
        aandeel_langer_dan_jaar=("lang", "mean"),
    )
    summary = summary.reset_index() if by else summary.reset_index(drop=True)
    return summary.assign(niveau=level)


def duration_summary(df: pd.DataFrame, peildatum=None, by: str | None = None) -> pd.DataFrame:
    """Median and mean duration in days and the share longer than 365 days.

    One row for arrangements and one for client trajectories (see `client_trajectories`), or
    one of each per value of `by` (e.g. by="categorie"; trajectories are then formed within
    the category). Columns: niveau ("arrangement" or "traject"), [by], aantal, lopend (how
    many are still running and so cut off at the peildatum), mediaan_dagen, gemiddelde_dagen,
    aandeel_langer_dan_jaar (fraction 0-1).
    """
    parts = [
        _summary(arrangement_durations(df, peildatum), "arrangement", by),
        _summary(client_trajectories(df, peildatum, by), "traject", by),
    ]
    summary = pd.concat(parts, ignore_index=True)
    first = ["niveau", *([by] if by else [])]
    return summary[first + [c for c in summary.columns if c not in first]]
