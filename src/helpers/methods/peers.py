"""Control groups (vergelijkingsgroepen) for per-inhabitant comparisons, as in Bijlage II of the
VNG visitation report: gemeenten of similar size, of similar urbanity and Nederland.

Everything here is pure pandas; the figures come from `helpers.data.cbs` or from published tables.

Conventions
- Population bounds are half-open: ``min_inwoners <= inwoners < max_inwoners``, as in the CBS
  class labels ("100 000 tot 150 000 inwoners").
- Stedelijkheid uses the CBS classes by gemiddelde omgevingsadressendichtheid (OAD), addresses
  per km², lower bound included: 1 zeer sterk stedelijk (OAD >= 2 500), 2 sterk stedelijk
  (1 500 tot 2 500), 3 matig stedelijk (1 000 tot 1 500), 4 weinig stedelijk (500 tot 1 000),
  5 niet stedelijk (< 500). Reference: CBS, begrip "Stedelijkheid" (cbs.nl, nieuws 2020/40 and
  2021/50, definitions box) and "Gemeentegrootte en stedelijkheid" (methoden/classificaties).
- Gemeentegrootteklasse uses the eight CBS classes by inwonertal. Codes 4-7 and their labels are
  as printed in CBS table "Gebieden in Nederland 2015" (82949NED), e.g. "6 100 000 tot 150 000
  inwoners"; CBS states there are eight classes, with the G4 above 250 000.
"""

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from helpers.assumptions import Assumption

ASSUMPTIONS = (
    Assumption(
        "controlegroepen",
        "groepen naar CBS-gemeentegrootteklasse en stedelijkheidsklasse (omgevingsadressendichtheid), en Nederland, zoals in Bijlage II van het visitatierapport",
        "de visitatiecommissie vergelijkt zo",
        "per inwoner bevatten de cijfers van een centrumgemeente regionale geldstromen",
    ),
)

STEDELIJKHEID_BOUNDS = (500, 1_000, 1_500, 2_500)
STEDELIJKHEID_LABELS = {
    1: "zeer sterk stedelijk",
    2: "sterk stedelijk",
    3: "matig stedelijk",
    4: "weinig stedelijk",
    5: "niet stedelijk",
}

GROOTTEKLASSE_BOUNDS = (5_000, 10_000, 20_000, 50_000, 100_000, 150_000, 250_000)
GROOTTEKLASSE_LABELS = {
    1: "minder dan 5 000 inwoners",
    2: "5 000 tot 10 000 inwoners",
    3: "10 000 tot 20 000 inwoners",
    4: "20 000 tot 50 000 inwoners",
    5: "50 000 tot 100 000 inwoners",
    6: "100 000 tot 150 000 inwoners",
    7: "150 000 tot 250 000 inwoners",
    8: "250 000 inwoners of meer",
}

CENTRUMGEMEENTE_CAVEAT = (
    "Let op: de Iv3-bedragen per inwoner van een centrumgemeente bevatten ook regionale "
    "geldstromen (onder meer beschermd wonen en maatschappelijke opvang, die de centrumgemeente "
    "voor de hele regio uitvoert), dus een verschil met de vergelijkingsgroep is niet helemaal "
    "'eigen' uitgaven van de gemeente."
)


def stedelijkheid(omgevingsadressendichtheid: pd.Series) -> pd.Series:
    """CBS stedelijkheidsklasse (1-5) from gemiddelde omgevingsadressendichtheid per km²."""
    _require_no_missing(omgevingsadressendichtheid, "omgevingsadressendichtheid")
    # np.digitize counts the bounds at or below each value: 0 below 500 ... 4 at or above 2 500.
    klasse = 5 - np.digitize(omgevingsadressendichtheid.to_numpy(), STEDELIJKHEID_BOUNDS)
    return pd.Series(klasse, index=omgevingsadressendichtheid.index, name="stedelijkheid")


def grootteklasse(inwoners: pd.Series) -> pd.Series:
    """CBS gemeentegrootteklasse (1-8) from inwonertal."""
    _require_no_missing(inwoners, "inwoners")
    klasse = 1 + np.digitize(inwoners.to_numpy(), GROOTTEKLASSE_BOUNDS)
    return pd.Series(klasse, index=inwoners.index, name="grootteklasse")


@dataclass(frozen=True)
class ControlGroup:
    """A control group: gemeenten within population bounds and/or stedelijkheidsklassen."""

    name: str
    min_inwoners: int | None = None
    max_inwoners: int | None = None
    stedelijkheid: frozenset[int] | None = None

    def describe(self) -> str:
        """Dutch description of the definition, to print next to a comparison."""
        parts = []
        if self.min_inwoners is not None:
            parts.append(f"ten minste {self.min_inwoners:,} inwoners".replace(",", "."))
        if self.max_inwoners is not None:
            parts.append(f"minder dan {self.max_inwoners:,} inwoners".replace(",", "."))
        if self.stedelijkheid is not None:
            labels = ", ".join(STEDELIJKHEID_LABELS[k] for k in sorted(self.stedelijkheid))
            parts.append(f"stedelijkheid: {labels}")
        return f"{self.name}: " + ("; ".join(parts) if parts else "alle gemeenten")


def define_group(
    name: str,
    *,
    min_inwoners: int | None = None,
    max_inwoners: int | None = None,
    stedelijkheid: int | Iterable[int] | None = None,
) -> ControlGroup:
    """Define a control group. Population bounds are ``min <= inwoners < max``."""
    if min_inwoners is not None and max_inwoners is not None and min_inwoners >= max_inwoners:
        raise ValueError(
            f"Groep '{name}': min_inwoners ({min_inwoners}) moet kleiner zijn dan "
            f"max_inwoners ({max_inwoners})."
        )
    klassen = None
    if stedelijkheid is not None:
        klassen = frozenset([stedelijkheid] if isinstance(stedelijkheid, int) else stedelijkheid)
        unknown = klassen - STEDELIJKHEID_LABELS.keys()
        if unknown:
            raise ValueError(
                f"Groep '{name}': onbekende stedelijkheidsklasse(n) {sorted(unknown)}; "
                "gebruik 1 (zeer sterk stedelijk) tot en met 5 (niet stedelijk)."
            )
    return ControlGroup(name, min_inwoners, max_inwoners, klassen)


NEDERLAND = define_group("Nederland")
GROOTTE_100K_150K = define_group(
    "Gemeentegrootte 100.000 tot 150.000 inwoners", min_inwoners=100_000, max_inwoners=150_000
)
# Not a CBS class: the report's own size group ("tussen de 100.000 en 300.000 inwoners").
GROOTTE_100K_300K = define_group(
    "100.000 tot 300.000 inwoners", min_inwoners=100_000, max_inwoners=300_000
)
STERK_STEDELIJK = define_group("Sterk stedelijk", stedelijkheid=2)
BIJLAGE_II_GROUPS = (GROOTTE_100K_300K, STERK_STEDELIJK, NEDERLAND)


def members(gemeenten: pd.DataFrame, group: ControlGroup) -> pd.DataFrame:
    """The rows of ``gemeenten`` that belong to ``group``.

    ``gemeenten`` needs a column ``inwoners`` and, for groups by urbanity, either ``stedelijkheid``
    (CBS class 1-5) or ``omgevingsadressendichtheid`` (from which the class is derived).
    """
    _require_columns(gemeenten, ["inwoners"], "gemeenten")
    inwoners = gemeenten["inwoners"]
    _require_no_missing(inwoners, "inwoners")
    keep = pd.Series(True, index=gemeenten.index)
    if group.min_inwoners is not None:
        keep &= inwoners >= group.min_inwoners
    if group.max_inwoners is not None:
        keep &= inwoners < group.max_inwoners
    if group.stedelijkheid is not None:
        keep &= _stedelijkheid_of(gemeenten).isin(group.stedelijkheid)
    return gemeenten[keep]


def group_average(
    values: pd.DataFrame,
    members: pd.DataFrame,
    weight: str | None = "inwoners",
    *,
    key: str = "gemeente_code",
    indicator: str = "indicator",
    value: str = "per_inwoner",
) -> pd.DataFrame:
    """Average per-inhabitant value of each indicator over the gemeenten in ``members``.

    ``values`` is long: one row per gemeente (``key``) and ``indicator`` with a per-inhabitant
    ``value``. With ``weight="inwoners"`` (the default) each gemeente is weighted by its
    inhabitants, which equals Σ amount / Σ inwoners: the group's figure as if it were one
    gemeente, as CBS and Iv3 report group totals. With ``weight=None`` it is the unweighted mean of
    the gemeenten, where a small gemeente counts as much as a large one.

    Members without a value for an indicator (e.g. CBS secret cells) are left out of that
    indicator's average and counted in ``n_ontbrekend``; ``n_gemeenten`` counts those used.
    """
    _require_columns(values, [key, indicator, value], "values")
    _require_columns(members, [key] + ([weight] if weight else []), "members")
    if weight:
        _require_no_missing(members[weight], weight)
    duplicated = values.duplicated([key, indicator])
    if duplicated.any():
        first = values[duplicated].iloc[0]
        raise ValueError(
            f"values: meerdere rijen voor gemeente {first[key]} en indicator {first[indicator]} "
            f"(rij {values.index[duplicated][0]})."
        )
    columns = [key] + ([weight] if weight else [])
    indicators = pd.Index(values[indicator].unique(), name=indicator)
    grid = pd.MultiIndex.from_product([members[key], indicators], names=[key, indicator])
    data = (
        values.set_index([key, indicator])[[value]]
        .reindex(grid)
        .reset_index()
        .merge(members[columns], on=key, how="left")
    )
    present = data[value].notna()
    w = (data[weight] if weight else pd.Series(1.0, index=data.index)).where(present, 0.0)
    grouped = data.assign(
        _weighted=data[value].where(present, 0.0) * w, _w=w, _used=present, _missing=~present
    ).groupby(indicator, sort=False)
    result = pd.DataFrame(
        {
            "gemiddelde": grouped["_weighted"].sum() / grouped["_w"].sum().replace(0, np.nan),
            "n_gemeenten": grouped["_used"].sum().astype(int),
            "n_ontbrekend": grouped["_missing"].sum().astype(int),
        }
    )
    return result.reindex(indicators)


def group_table(
    values: pd.DataFrame,
    gemeenten: pd.DataFrame,
    gemeente: str,
    groups: Iterable[ControlGroup] = BIJLAGE_II_GROUPS,
    weight: str | None = "inwoners",
    *,
    own_label: str | None = None,
    key: str = "gemeente_code",
    indicator: str = "indicator",
    value: str = "per_inwoner",
) -> pd.DataFrame:
    """The gemeente's own value and each group's average (`group_average`) per indicator, long:
    ``indicator``, ``groep`` (`own_label`, default the gemeente's key, or the group's name) and
    ``waarde``; the input of `index_vs_groups`."""
    own = values[values[key] == gemeente]
    if own.empty:
        raise ValueError(f"values: geen waarden voor gemeente {gemeente} in kolom {key}.")
    parts = [own[[indicator, value]].assign(groep=own_label or gemeente)]
    for group in groups:
        average = group_average(
            values, members(gemeenten, group), weight, key=key, indicator=indicator, value=value
        )["gemiddelde"]
        parts.append(average.rename(value).reset_index().assign(groep=group.name))
    table = pd.concat(parts, ignore_index=True).rename(columns={value: "waarde"})
    return table[[indicator, "groep", "waarde"]].rename(columns={indicator: "indicator"})


def index_vs_groups(
    values: pd.DataFrame,
    own: Iterable[str],
    groups: Iterable[str] | None = None,
    keep: Iterable[str] = (),
) -> pd.DataFrame:
    """Per indicator and comparison group: the gemeente's value, the group's value and
    index = gemeente / groep × 100 (NaN against a group value of 0).

    ``values`` is long: ``indicator``, ``groep``, ``waarde`` (and the columns in `keep`, taken
    from the group's row, e.g. eenheid and periode). The gemeente's own figure is the row whose
    groep is one of `own` (e.g. the gemeente and, for beschermd wonen, its region; column
    ``eigen_cijfer`` says which); comparison rows are those of `groups` (all other groups when
    None). An indicator without an own figure keeps NaN.
    """
    is_own = values["groep"].isin(list(own))
    mine = values[is_own][["indicator", "groep", "waarde"]].rename(
        columns={"groep": "eigen_cijfer", "waarde": "gemeente"}
    )
    doubled = mine.duplicated("indicator")
    if doubled.any():
        raise ValueError(
            f"Meer dan één eigen cijfer voor indicator '{mine[doubled]['indicator'].iloc[0]}'."
        )
    compare = values[~is_own if groups is None else values["groep"].isin(list(groups))]
    out = compare.rename(columns={"waarde": "groep_waarde"}).merge(mine, on="indicator", how="left")
    out["index"] = 100 * out["gemeente"] / out["groep_waarde"].where(out["groep_waarde"] != 0)
    columns = ["indicator", *keep, "groep", "eigen_cijfer", "gemeente", "groep_waarde", "index"]
    return out[columns].reset_index(drop=True)


def gap_to_peers(
    gemeente: pd.Series, group: pd.Series, inwoners: float, total: str = "Som"
) -> pd.DataFrame:
    """Scenario 'spend as the control group does', per taakveld: the gemeente's and the group's
    € per inwoner, the difference per inwoner and × inwoners in euros (positive: the gemeente
    spends more than the group would at its size), plus a row `total`: the sum of the rows.

    Both series are indexed by taakveld and must cover the same taakvelden; a gemeente without
    figures (NaN) keeps NaN differences.
    """
    if inwoners <= 0:
        raise ValueError(f"inwoners moet positief zijn, niet {inwoners}.")
    only_one = gemeente.index.symmetric_difference(group.index)
    if len(only_one):
        raise ValueError(
            f"Taakvelden niet in beide reeksen: {sorted(map(str, only_one))}; "
            "vergelijk alleen taakvelden die in beide staan."
        )
    out = pd.DataFrame({"gemeente": gemeente, "controlegroep": group.reindex(gemeente.index)})
    out["verschil_per_inwoner"] = out["gemeente"] - out["controlegroep"]
    out["verschil_euro"] = out["verschil_per_inwoner"] * inwoners
    return pd.concat([out, out.sum(min_count=1).to_frame(total).T])


def _stedelijkheid_of(gemeenten: pd.DataFrame) -> pd.Series:
    if "stedelijkheid" in gemeenten:
        return gemeenten["stedelijkheid"]
    if "omgevingsadressendichtheid" in gemeenten:
        return stedelijkheid(gemeenten["omgevingsadressendichtheid"])
    raise ValueError(
        "gemeenten: kolom 'stedelijkheid' of 'omgevingsadressendichtheid' ontbreekt; nodig voor "
        "een vergelijkingsgroep naar stedelijkheid."
    )


def _require_columns(frame: pd.DataFrame, columns: list[str], name: str) -> None:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ValueError(
            f"{name}: kolom(men) {missing} ontbreken; aanwezig: {list(frame.columns)}."
        )


def _require_no_missing(series: pd.Series, column: str) -> None:
    missing = series.isna()
    if missing.any():
        raise ValueError(
            f"Kolom '{column}' is leeg in rij(en) {list(series.index[missing])}; "
            "vul de waarde aan of laat de gemeente bewust weg."
        )


# Control groups derived from the gemeentelijke indeling itself (``gebieden.indeling``): the
# gemeenten sharing the CBS class or region of the chosen gemeente.
DERIVED_GROUPS = {
    "grootteklasse": ("grootteklasse_code", "grootteklasse", "gemeentegrootte"),
    "stedelijkheid": ("stedelijkheid", "stedelijkheid_omschrijving", "stedelijkheid"),
    "provincie": ("provincie_code", "provincie", "provincie"),
    "jeugdzorgregio": ("jeugdzorgregio_code", "jeugdzorgregio", "jeugdzorgregio"),
}


def derived_groups(indeling: pd.DataFrame, code: str, kinds) -> dict[str, pd.Index]:
    """The control groups of gemeente ``code``: for each kind of ``DERIVED_GROUPS`` the codes
    of the gemeenten with the same class or region, named after it ("gemeentegrootte: 100 000
    tot 150 000 inwoners"), and "Nederland" with every gemeente."""
    unknown = [k for k in kinds if k not in DERIVED_GROUPS]
    if unknown:
        raise ValueError(
            f"Onbekende vergelijkingsgroep(en) {unknown}; kies uit {sorted(DERIVED_GROUPS)}."
        )
    if code not in indeling.index:
        raise ValueError(f"Gemeente {code} staat niet in de gemeentelijke indeling.")
    groups = {}
    for kind in kinds:
        key, label, title = DERIVED_GROUPS[kind]
        own = indeling.loc[code]
        groups[f"{title}: {str(own[label]).lower() if kind == 'stedelijkheid' else own[label]}"] = (
            indeling.index[indeling[key] == own[key]]
        )
    groups["Nederland"] = indeling.index
    return groups


def pooled_rate(rates: pd.DataFrame, bases: pd.DataFrame, members: pd.Index) -> pd.DataFrame:
    """Per column: the rate of the group as if it were one unit, Σ rate × base / Σ base over the
    members with both a rate and a base; with the numbers of members used and left out (e.g. a
    rate CBS kept secret). ``rates`` and ``bases`` have the same columns, indexed by code."""
    r = rates.reindex(members).astype(float)
    b = bases.reindex(members)[r.columns].astype(float)
    used = r.notna() & b.notna()
    weighted = (r.where(used, 0) * b.where(used, 0)).sum()
    total = b.where(used, 0).sum()
    return pd.DataFrame(
        {
            "waarde": weighted / total.replace(0, np.nan),
            "n_gemeenten": used.sum().astype(int),
            "n_ontbrekend": (~used).sum().astype(int),
        }
    )
