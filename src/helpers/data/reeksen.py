"""Multi-year CBS series per gemeente, from the recorded StatLine exports in ``cbs_reeksen/``.

The exports have two properties that decide how they may be used:

* **Cut at 10.000 rows.** The feed was not paged. Rows are sorted by the dimension(s), then
  region, then period, so a *part* (one combination of dimension values) is complete only if it
  has a row for every region and every period of the file. ``parts`` checks exactly that for
  every part; ``load`` refuses a part that is not complete.
* **Labels, not codes.** The region is the gemeente's name as CBS wrote it in that table. Each
  year's labels are matched to that year's GM codes (``gebieden.label_codes``); a label that has
  figures in a year but matches no gemeente of that year is listed with the reason, never dropped
  silently.

Only whole years are used (half-years are left out). Amounts are converted from × € 1.000 to euros.
"""

from dataclasses import dataclass

import pandas as pd
import pandera.pandas as pa

from helpers.data import external, gebieden, statline

LIMIT = 10_000


@dataclass(frozen=True)
class Series:
    """How to read one part of one table: the snapshot, the dimension columns in their sort order,
    the region column, the part used and the measures (CBS column -> name, factor)."""

    snapshot: str
    dimensions: tuple[str, ...]
    region: str
    part: tuple[str, ...]
    measures: dict[str, str]
    factor: int = 1
    unit: str = "aantal"


SERIES = {
    "jeugdzorg_kosten": Series(
        "cbs_reeksen/83454ned",
        ("VormenVanJeugdzorg",),
        "Regio",
        ("JZ Totaal jeugdzorg",),
        {"BegroteKosten_1": "begroot", "GerealiseerdeKosten_2": "gerealiseerd"},
        1000,
        "euro",
    ),
    "jongeren_jeugdzorg_2015": Series(
        "cbs_reeksen/84134ned",
        ("VormenVanJeugdzorg",),
        "RegioS",
        ("JZ Totaal jeugdzorg",),
        {"JongerenMetJeugdzorg_1": "jongeren"},
    ),
    "jongeren_jeugdzorg_2021": Series(
        "cbs_reeksen/85099ned",
        ("VormenVanJeugdzorg",),
        "RegioS",
        ("JZ Totaal jeugdzorg",),
        {"JongerenMetJeugdzorg_1": "jongeren"},
    ),
    "wmo_uitgaven": Series(
        "cbs_reeksen/84580ned",
        ("MaatwerkvoorzieningenType",),
        "RegioS",
        ("Totaal",),
        {"BegroteUitgaven_1": "begroot", "GerealiseerdeUitgaven_3": "gerealiseerd"},
        1000,
        "euro",
    ),
    "wmo_clienten": Series(
        "cbs_reeksen/85896ned",
        ("Geslacht", "KenmerkenVanPersonen", "TypeMaatwerkvoorziening"),
        "RegioS",
        ("Totaal mannen en vrouwen", "Totaal personen", "Totaal"),
        {"WmoClienten_1": "clienten"},
    ),
}

# The first year of 85099NED: jongeren met jeugdzorg 2021 and later are not comparable with 2020
# and earlier (84134NED), CBS changed the table (a trendbreuk).
TRENDBREUK_JEUGDZORG = 2021


@dataclass(frozen=True)
class Loaded:
    """A tidy series with what was left out: ``data`` (code, naam, jaar, measures, voorlopig),
    ``niet_gekoppeld`` (labels with figures that match no gemeente of that year, with the
    table and the reason), ``delen`` (completeness of every part of the file) and the source line."""

    data: pd.DataFrame
    niet_gekoppeld: pd.DataFrame
    delen: pd.DataFrame
    citation: str


def read(spec: Series) -> pd.DataFrame:
    """The export as recorded, every column as text."""
    return pd.read_csv(
        external.path(spec.snapshot),
        sep=";",
        dtype=str,
        encoding="utf-8-sig",
        keep_default_na=False,
    )


def parts(raw: pd.DataFrame, dimensions: tuple[str, ...], region: str) -> pd.DataFrame:
    """Completeness of every part (combination of ``dimensions``) of an export.

    A part is complete when it holds exactly one row for every region × period of the file.
    Returns per part (in file order): ``rijen``, ``regios``, ``perioden``, ``verwacht`` (regions ×
    periods of the whole file) and ``volledig``. A file of fewer than 10.000 rows was not cut; a
    part is then complete by the same test."""
    expected = raw[region].nunique() * raw["Perioden"].nunique()
    grouped = raw.groupby(list(dimensions), sort=False)
    out = pd.DataFrame(
        {
            "rijen": grouped.size(),
            "regios": grouped[region].nunique(),
            "perioden": grouped["Perioden"].nunique(),
            "uniek": ~raw.duplicated([*dimensions, region, "Perioden"])
            .groupby([raw[d] for d in dimensions], sort=False)
            .all(),
        }
    )
    out["verwacht"] = expected
    out["volledig"] = (out["rijen"] == expected) & out["uniek"]
    return out.drop(columns="uniek")


def load(name: str) -> Loaded:
    """One series by name (see ``SERIES``), whole years only, labels matched to GM codes."""
    spec = SERIES[name]
    raw = read(spec)
    delen = parts(raw, spec.dimensions, spec.region)
    key = spec.part if len(spec.part) > 1 else spec.part[0]
    if key not in delen.index or not delen.loc[key, "volledig"]:
        raise ValueError(
            f"{spec.snapshot}: het deel {spec.part} is niet volledig in de opgenomen export "
            f"(afgekapt na {LIMIT:,} rijen); volledige delen: "
            f"{list(delen.index[delen['volledig']])}.".replace(",", ".")
        )
    selected = raw[(raw[list(spec.dimensions)] == list(spec.part)).all(axis=1)]
    period = statline.periods(selected["Perioden"])
    selected = selected[period["halfjaar"].isna()]
    period = period.loc[selected.index]
    tidy = pd.DataFrame(
        {"label": statline.text(selected[spec.region]), "jaar": period["jaar"]},
        index=selected.index,
    )
    for column, measure in spec.measures.items():
        tidy[measure] = statline.number(selected[column]) * spec.factor
    tidy["voorlopig"] = period["voorlopig"]
    measures = list(spec.measures.values())
    tidy = tidy[tidy[measures].notna().any(axis=1)]
    matched = pd.concat(
        [gebieden.label_codes(rows["label"], int(jaar)) for jaar, rows in tidy.groupby("jaar")]
    )
    tidy = tidy.join(matched)
    unmatched = tidy[(tidy["soort"] == "gemeente") & tidy["code"].isna()]
    niet_gekoppeld = unmatched[["label", "jaar"]].assign(
        tabel=external.snapshot(spec.snapshot).table,
        reden=lambda d: (
            "naam komt niet voor in de gemeentelijke indeling van " + d["jaar"].astype(str)
        ),
    )
    data = tidy[tidy["code"].notna()]
    duplicated = data.duplicated(["code", "jaar"], keep=False)
    if duplicated.any():
        first = data[duplicated].iloc[0]
        raise ValueError(
            f"{spec.snapshot}: meer labels voor {first['code']} in {first['jaar']} "
            f"({sorted(data.loc[duplicated & (data['code'] == first['code']), 'label'])})."
        )
    data = data.rename(columns={"label": "naam"})[["code", "naam", "jaar", *measures, "voorlopig"]]
    data = data.sort_values(["jaar", "code"], ignore_index=True)
    schema(measures).validate(data)
    return Loaded(
        data,
        niet_gekoppeld.reset_index(drop=True),
        delen,
        external.snapshot(spec.snapshot).citation,
    )


def jongeren_jeugdzorg() -> Loaded:
    """Jongeren met jeugdzorg per gemeente and year: 84134NED for 2015–2020, 85099NED from 2021.
    Column ``tabel`` names the table; ``trendbreuk`` is True in 2021, the first year of the new
    table, where a change against the year before is not like for like."""
    old, new = load("jongeren_jeugdzorg_2015"), load("jongeren_jeugdzorg_2021")
    data = pd.concat(
        [
            old.data[old.data["jaar"] < TRENDBREUK_JEUGDZORG].assign(tabel="84134NED"),
            new.data.assign(tabel="85099NED"),
        ],
        ignore_index=True,
    )
    data["trendbreuk"] = data["jaar"] == TRENDBREUK_JEUGDZORG
    return Loaded(
        data,
        pd.concat([old.niet_gekoppeld, new.niet_gekoppeld], ignore_index=True),
        pd.concat({"84134NED": old.delen, "85099NED": new.delen}, names=["tabel"]),
        f"{old.citation} {new.citation}",
    )


def schema(measures: list[str]) -> pa.DataFrameSchema:
    """The tidy table: one row per gemeente and year, GM code, non-negative measures."""
    return pa.DataFrameSchema(
        {
            "code": pa.Column(str, pa.Check.str_matches(r"^GM\d{4}$")),
            "naam": pa.Column(str),
            "jaar": pa.Column(int, pa.Check.in_range(2015, 2030)),
            **{m: pa.Column(float, pa.Check.ge(0), nullable=True, coerce=True) for m in measures},
            "voorlopig": pa.Column(bool),
        },
        unique=["code", "jaar"],
    )
