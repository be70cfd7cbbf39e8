"""Financial control for every gemeente: begroting against realisatie of jeugdzorg (CBS 83454NED)
and Wmo-maatwerkvoorzieningen (84580NED) 2017–2023, cost per client, Iv3 2023 per inwoner against
control groups, and prognoses with a backtest.

All series are carried over to the gemeentelijke indeling of ``INDELING`` (2023, the last year
of the cost series; 2024 has the same gemeenten): a gemeente's figure in an earlier year is the
sum over the gemeenten it was formed from, only when all of them reported
(``gebieden.to_indeling``). Before that, figures that cannot be a gemeente's whole spending are
excluded by the rule in ``finance.implausible``. Everything left out is listed.
"""

import hashlib
import json
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd

from helpers import paths
from helpers.data import external, gebieden, iv3, reeksen, statline
from helpers.display import fmt
from helpers.methods import decompose, finance, forecast, peers
from helpers.notebook import ParameterError

INDELING = 2023
DOMAINS = {
    "jeugdzorg": {
        "kosten": "jeugdzorg_kosten",
        "naam": "jeugdzorg",
        "client": "jeugdige met jeugdzorg",
        "periodes": ((2018, 2020), (2021, 2023)),  # not across the table break of 2020/2021
    },
    "wmo": {
        "kosten": "wmo_uitgaven",
        "naam": "Wmo-maatwerkvoorzieningen",
        "client": "Wmo-cliënt",
        "periodes": ((2018, 2023),),
    },
}
GROUPS = {
    "gemeentegrootte": ("grootteklasse_code", "grootteklasse"),
    "stedelijkheid": ("stedelijkheid", "stedelijkheid_omschrijving"),
}
DOMAIN_LABELS = {domein: spec["naam"] for domein, spec in DOMAINS.items()}
NEDERLAND = "Nederland"
IV3_CITATION = external.snapshot("iv3/2023_jaarrekening").citation
MEASURES = ["begroot", "gerealiseerd"]
CACHE = paths.ROOT / ".build" / "financien"
SNAPSHOTS = [
    "cbs_reeksen/83454ned",
    "cbs_reeksen/84134ned",
    "cbs_reeksen/85099ned",
    "cbs_reeksen/84580ned",
    "cbs_reeksen/85896ned",
    *[f"gebieden/{year}" for year in gebieden.YEARS],
]


@dataclass(frozen=True)
class Dataset:
    """``panel``: domein, code, jaar, begroot, gerealiseerd, clienten, inwoners (indeling 2023);
    the listings of what was left out; completeness of the parts; the gemeenten of 2023."""

    panel: pd.DataFrame
    uitgesloten: pd.DataFrame
    niet_overgezet: pd.DataFrame
    niet_gekoppeld: pd.DataFrame
    delen: pd.DataFrame
    gemeenten: pd.DataFrame
    bronnen: tuple[str, ...]


def _inwoners() -> pd.DataFrame:
    return pd.concat(
        [gebieden.indeling(year)[["inwoners"]].assign(jaar=year) for year in gebieden.YEARS]
    ).reset_index()


@cache
def dataset() -> Dataset:
    """Every series, checked, cleaned by the stated rules and carried over to 2023; cached under
    .build/ keyed on the data checksums and the code that builds it."""
    file = CACHE / f"dataset_{_cache_key('')}.pkl"
    if file.is_file():
        return pd.read_pickle(file)
    built = _build()
    CACHE.mkdir(parents=True, exist_ok=True)
    pd.to_pickle(built, file)
    return built


def _build() -> Dataset:
    inwoners = _inwoners()
    population = gebieden.to_indeling(
        inwoners[inwoners["jaar"] <= INDELING], INDELING, ["inwoners"]
    )[0].drop(columns="voorgangers")
    clients = {"jeugdzorg": reeksen.jongeren_jeugdzorg(), "wmo": reeksen.load("wmo_clienten")}
    panels, excluded, carried, unmatched, sources = [], [], [], [], []
    for domein, spec in DOMAINS.items():
        costs = reeksen.load(spec["kosten"])
        client = clients[domein]
        count = client.data.rename(columns={"jongeren": "clienten"})[["code", "jaar", "clienten"]]
        values = (
            costs.data[["code", "naam", "jaar", *MEASURES]]
            .merge(count, on=["code", "jaar"], how="outer")
            .merge(inwoners, on=["code", "jaar"], how="left")
        )
        values[[*MEASURES, "clienten"]] = values[[*MEASURES, "clienten"]].astype(float)
        flags = finance.implausible(values, MEASURES)
        for measure in MEASURES:
            hit = flags.loc[flags["maatstaf"] == measure, ["code", "jaar"]]
            bad = values.set_index(["code", "jaar"]).index.isin(
                hit.set_index(["code", "jaar"]).index
            )
            values.loc[bad, measure] = np.nan
        names = values.groupby("code")["naam"].first()
        excluded.append(flags.assign(domein=domein, naam=flags["code"].map(names)))
        moved, listing = gebieden.to_indeling(values, INDELING, [*MEASURES, "clienten"])
        moved = moved.merge(population, on=["code", "jaar"], how="left")
        panels.append(moved.assign(domein=domein))
        listing["reden"] = listing["reden"].str.replace("clienten:", "cliënten:")
        carried.append(listing.assign(domein=domein))
        unmatched += [costs.niet_gekoppeld, client.niet_gekoppeld]
        sources += [costs.citation, client.citation]
    gemeenten = gebieden.indeling(INDELING)
    panel = pd.concat(panels, ignore_index=True)
    panel = panel[panel[[*MEASURES, "clienten"]].notna().any(axis=1)].reset_index(drop=True)
    return Dataset(
        panel=panel,
        uitgesloten=pd.concat(excluded, ignore_index=True),
        niet_overgezet=pd.concat(carried, ignore_index=True),
        niet_gekoppeld=pd.concat(unmatched, ignore_index=True),
        delen=completeness(),
        gemeenten=gemeenten,
        bronnen=tuple(dict.fromkeys(sources)),
    )


def completeness() -> pd.DataFrame:
    """Per table and part: rows, rows expected for a complete part, complete, and used."""
    out = []
    for spec in reeksen.SERIES.values():
        delen = reeksen.parts(reeksen.read(spec), spec.dimensions, spec.region)
        key = spec.part if len(spec.part) > 1 else spec.part[0]
        delen = delen.assign(gebruikt=[index == key for index in delen.index])
        delen.index = [" / ".join(np.atleast_1d(i)) for i in delen.index]
        out.append(
            delen.rename_axis("deel")
            .reset_index()
            .assign(tabel=external.snapshot(spec.snapshot).table)
        )
    return pd.concat(out, ignore_index=True)[
        ["tabel", "deel", "rijen", "verwacht", "volledig", "gebruikt"]
    ].drop_duplicates(["tabel", "deel"])


def resolve(gemeente: str, gemeenten: pd.DataFrame) -> str:
    """GM code of the gemeente (name or code) in the indeling of 2023; stops the notebook with
    the reason and the closest names otherwise."""
    try:
        return gebieden.resolve(gemeente, gemeenten["naam"])
    except LookupError as error:
        raise ParameterError(
            f"Parameter gemeente={gemeente!r}: {error} Gebruik een gemeente van de indeling "
            f"{INDELING} (naam of GM-code)."
        ) from None


def group_labels(gemeenten: pd.DataFrame, keuze: str) -> pd.Series:
    """Each gemeente's control group under ``keuze`` (gemeentegrootte or stedelijkheid)."""
    return gemeenten[GROUPS[keuze][1]].astype(str)


def budget_table(data: Dataset, code: str, keuze: str) -> pd.DataFrame:
    """Begroting, realisatie and budget error per domain and year for the gemeente, its control
    group and Nederland. A group is summed as if it were one gemeente, over the members with both
    figures that year; ``gemeenten`` counts them."""
    labels = group_labels(data.gemeenten, keuze)
    panel = data.panel.dropna(subset=MEASURES)
    rows = []
    own_name = data.gemeenten.loc[code, "naam"]
    groups = {
        own_name: panel["code"] == code,
        f"{labels[code]}": panel["code"].map(labels) == labels[code],
        NEDERLAND: pd.Series(True, index=panel.index),
    }
    for name, members in groups.items():
        summed = (
            panel[members]
            .groupby(["domein", "jaar"])
            .agg(
                begroot=("begroot", "sum"),
                gerealiseerd=("gerealiseerd", "sum"),
                gemeenten=("code", "size"),
            )
        )
        rows.append(summed.assign(groep=name).reset_index())
    out = pd.concat(rows, ignore_index=True)
    out["fout_pct"] = finance.budget_error(out["begroot"], out["gerealiseerd"])
    return out[["domein", "groep", "jaar", "gemeenten", "begroot", "gerealiseerd", "fout_pct"]]


def errors_all(data: Dataset) -> pd.DataFrame:
    """Budget error of every gemeente and year (domein, code, naam, jaar, fout_pct)."""
    panel = data.panel.dropna(subset=MEASURES).copy()
    panel["fout_pct"] = finance.budget_error(panel["begroot"], panel["gerealiseerd"])
    panel["naam"] = panel["code"].map(data.gemeenten["naam"])
    return panel.dropna(subset=["fout_pct"])[["domein", "code", "naam", "jaar", "fout_pct"]]


def underbudgeting(errors: pd.DataFrame, code: str) -> pd.DataFrame:
    """Per domain and year: gemeenten, the share that spent more than budgeted, the quartiles of
    the budget error, and the gemeente's own error with its rank (% of gemeenten with a lower
    error)."""
    grouped = errors.groupby(["domein", "jaar"])["fout_pct"]
    out = pd.DataFrame(
        {
            "gemeenten": grouped.size(),
            "onderraming_pct": grouped.apply(lambda s: 100 * (s > 0).mean()),
            "p25": grouped.quantile(0.25),
            "mediaan": grouped.median(),
            "p75": grouped.quantile(0.75),
        }
    )
    own = errors[errors["code"] == code].set_index(["domein", "jaar"])["fout_pct"]
    out["eigen_fout"] = own
    rank = errors.assign(
        rang=errors.groupby(["domein", "jaar"])["fout_pct"].rank(pct=True, method="average")
    )
    out["eigen_positie_pct"] = (
        100 * rank[rank["code"] == code].set_index(["domein", "jaar"])["rang"]
    )
    return out.reset_index()


def underbudgeting_text(summary: pd.DataFrame, naam: str) -> str:
    """Sentences from the numbers: how often gemeenten spent more than budgeted, by how much, and
    where the gemeente stands."""
    lines = []
    for domein, rows in summary.groupby("domein", sort=False):
        share = rows["onderraming_pct"]
        lines.append(
            f"{DOMAINS[domein]['naam'].capitalize()}: in {rows['jaar'].min()}–{rows['jaar'].max()} "
            f"gaf per jaar {fmt.percent(share.min(), 0)} tot {fmt.percent(share.max(), 0)} van de "
            f"gemeenten meer uit dan begroot; de mediane begrotingsfout lag tussen "
            f"{fmt.signed(rows['mediaan'].min())}% en {fmt.signed(rows['mediaan'].max())}% van de "
            "realisatie."
        )
        own = rows.dropna(subset=["eigen_fout"])
        if own.empty:
            lines.append(f"Voor {naam} is er geen jaar met begroting én realisatie.")
            continue
        over = int((own["eigen_fout"] > 0).sum())
        lines.append(
            f"{naam} gaf in {over} van de {len(own)} jaren met beide cijfers meer uit dan begroot; "
            f"de fout lag tussen {fmt.signed(own['eigen_fout'].min())}% en "
            f"{fmt.signed(own['eigen_fout'].max())}%."
        )
    return "\n\n".join(lines)


def maastricht_sources(data: Dataset, code: str, monitor, visitatie) -> pd.DataFrame:
    """Maastricht's begroting and realisatie of jeugd and Wmo as CBS, the Monitor 2018 (table
    2.3) and the visitation report (figure 6) give them, in € mln, side by side. Only Maastricht
    (GM0935): the published reports are Maastricht's; empty for any other gemeente."""
    cbs = data.panel[data.panel["code"] == "GM0935"].set_index(["domein", "jaar"])
    mon = monitor.data[monitor.data["stand"] == "realisatie"]
    mon = mon[mon["pijler"].isin(["Jeugd", "Wmo"]) & mon["grootheid"].isin(["begroting", "lasten"])]
    vis = visitatie.data[visitatie.data["domein"].isin(["Jeugdhulp", "Wmo excl. BW"])]
    vis = vis[vis["grootheid"].isin(["begroting", "realisatie"])]
    rows = []
    for domein, pijler, vis_domein in (
        ("jeugdzorg", "Jeugd", "Jeugdhulp"),
        ("wmo", "Wmo", "Wmo excl. BW"),
    ):
        for year in range(2016, 2020):
            for grootheid, cbs_col, mon_name, vis_name in (
                ("begroting", "begroot", "begroting", "begroting"),
                ("realisatie", "gerealiseerd", "lasten", "realisatie"),
            ):
                value = cbs[cbs_col].get((domein, year), np.nan)
                m = mon[
                    (mon["pijler"] == pijler)
                    & (mon["jaar"] == year)
                    & (mon["grootheid"] == mon_name)
                ]
                v = vis[
                    (vis["domein"] == vis_domein)
                    & (vis["jaar"] == year)
                    & (vis["grootheid"] == vis_name)
                ]
                rows.append(
                    {
                        "domein": DOMAINS[domein]["naam"],
                        "jaar": year,
                        "grootheid": grootheid,
                        "cbs": value / 1e6,
                        "monitor_2018": m["waarde"].iloc[0] if len(m) else np.nan,
                        "visitatie_2021": v["waarde"].iloc[0] if len(v) else np.nan,
                    }
                )
    out = pd.DataFrame(rows)
    if code != "GM0935":
        out = out.iloc[:0]
    out["cbs_min_visitatie"] = out["cbs"] - out["visitatie_2021"]
    out["cbs_min_monitor"] = out["cbs"] - out["monitor_2018"]
    return out.dropna(subset=["cbs", "monitor_2018", "visitatie_2021"], how="all")


def cost_per_client(data: Dataset, code: str, keuze: str) -> pd.DataFrame:
    """Realised cost per client per domain and year for the gemeente, its group and Nederland
    (groups summed over the members with both figures)."""
    labels = group_labels(data.gemeenten, keuze)
    panel = data.panel.dropna(subset=["gerealiseerd", "clienten"])
    panel = panel[panel["clienten"] > 0]
    own_name = data.gemeenten.loc[code, "naam"]
    groups = {
        own_name: panel["code"] == code,
        labels[code]: panel["code"].map(labels) == labels[code],
        NEDERLAND: pd.Series(True, index=panel.index),
    }
    rows = []
    for name, members in groups.items():
        summed = panel[members].groupby(["domein", "jaar"])[["gerealiseerd", "clienten"]].sum()
        rows.append(summed.assign(groep=name).reset_index())
    out = pd.concat(rows, ignore_index=True)
    out["per_client"] = out["gerealiseerd"] / out["clienten"]
    return out


def volume_and_price(data: Dataset, code: str, keuze: str) -> pd.DataFrame:
    """The change in realised cost split exactly into volume (clients) and cost per client
    (additive LMDI on the aggregate), per domain and period, for the gemeente, its group and
    Nederland. Groups hold the same gemeenten in both years (those with both figures in both)."""
    labels = group_labels(data.gemeenten, keuze)
    panel = data.panel.dropna(subset=["gerealiseerd", "clienten"])
    panel = panel[(panel["clienten"] > 0) & (panel["gerealiseerd"] > 0)]
    own_name = data.gemeenten.loc[code, "naam"]
    rows = []
    for domein, spec in DOMAINS.items():
        for van, tot in spec["periodes"]:
            both = panel[(panel["domein"] == domein) & panel["jaar"].isin([van, tot])]
            complete = both.groupby("code")["jaar"].nunique() == 2
            both = both[both["code"].isin(complete.index[complete])]
            groups = {
                own_name: both["code"] == code,
                labels[code]: both["code"].map(labels) == labels[code],
                NEDERLAND: pd.Series(True, index=both.index),
            }
            for name, members in groups.items():
                summed = both[members].groupby("jaar")[["gerealiseerd", "clienten"]].sum()
                if len(summed) < 2:
                    continue
                agg = decompose.aggregate_published(summed["clienten"], summed["gerealiseerd"])
                effects = decompose.effects(agg, van, tot)
                rows.append(
                    {
                        "domein": domein,
                        "periode": f"{van}→{tot}",
                        "groep": name,
                        "gemeenten": both.loc[members, "code"].nunique(),
                        "kosten_van": summed.loc[van, "gerealiseerd"],
                        "kosten_tot": summed.loc[tot, "gerealiseerd"],
                        "volume": effects["volume"],
                        "kosten_per_client": effects["prijs"],
                        "totaal": effects["totaal"],
                    }
                )
    return pd.DataFrame(rows)


# --- Iv3 per inwoner --------------------------------------------------------------------------


def iv3_comparison(gemeenten: pd.DataFrame, code: str) -> pd.DataFrame:
    """Lasten per inwoner per sociaal-domein taakveld (Iv3 jaarrekening 2023) for the gemeente
    and, per class of the Iv3 file (gemeentegrootte, stedelijkheid, centrumfunctie, sociale
    structuur), the gemeenten in the same class, and Nederland: each group weighted by inwoners
    (Σ lasten / Σ inwoners). Columns: taakveld_code, taakveld, groep, klasse, per_inwoner."""
    sociaal = gemeenten[gemeenten["taakveld_code"].str.startswith("6.")].copy()
    sociaal["per_inwoner"] = sociaal["lasten"] / sociaal["inwoners"]
    members_all = sociaal.drop_duplicates("code").set_index("code")
    own = members_all.loc[code]
    names = sociaal.drop_duplicates("taakveld_code").set_index("taakveld_code")["taakveld"]
    rows = [
        sociaal[sociaal["code"] == code][["taakveld_code", "per_inwoner"]].assign(
            groep="gemeente", klasse=own["gemeente"], gemeenten=1
        )
    ]
    for klasse in (*iv3.CLASS_LABELS, None):
        if klasse is not None and pd.isna(own[klasse]):
            continue
        members = members_all if klasse is None else members_all[members_all[klasse] == own[klasse]]
        average = peers.group_average(
            sociaal,
            members.reset_index()[["code", "inwoners"]],
            key="code",
            indicator="taakveld_code",
            value="per_inwoner",
        )
        rows.append(
            average.reset_index()
            .rename(columns={"gemiddelde": "per_inwoner", "n_gemeenten": "gemeenten"})
            .drop(columns="n_ontbrekend")
            .assign(
                groep=NEDERLAND if klasse is None else klasse,
                klasse=NEDERLAND if klasse is None else iv3.CLASS_LABELS[klasse][own[klasse]],
            )
        )
    out = pd.concat(rows, ignore_index=True)
    out["taakveld"] = out["taakveld_code"].map(names)
    return out[["taakveld_code", "taakveld", "groep", "klasse", "gemeenten", "per_inwoner"]]


def group_names(comparison: pd.DataFrame) -> dict[str, str]:
    """Group key -> the reader's name of the group (its class, or Nederland)."""
    return dict(zip(comparison["groep"], comparison["klasse"], strict=False))


def centrum_caveat(comparison: pd.DataFrame) -> pd.DataFrame:
    """How much of the gemeente's difference with each group over the sociaal domein lies in
    taakveld 6.81 (beschermd wonen and opvang, regional tasks of a centrumgemeente): per group,
    the difference per inwoner over all 6.x, over 6.81 and without 6.81."""
    wide = comparison.pivot_table(index="taakveld_code", columns="groep", values="per_inwoner")
    regional = wide.index.str.startswith("6.81")
    diff = wide.sub(wide["gemeente"], axis=0).mul(-1).drop(columns="gemeente")
    return (
        pd.DataFrame(
            {
                "verschil_sociaal_domein": diff.sum(),
                "waarvan_6_81": diff[regional].sum(),
                "verschil_zonder_6_81": diff[~regional].sum(),
            }
        )
        .rename_axis("groep")
        .reset_index()
    )


# --- prognoses ---------------------------------------------------------------------------------


def panels(data: Dataset, domein: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Realisatie and begroting of one domain, wide (gemeenten × years)."""
    rows = data.panel[data.panel["domein"] == domein]
    real = rows.pivot_table(index="code", columns="jaar", values="gerealiseerd")
    budget = rows.pivot_table(index="code", columns="jaar", values="begroot")
    return real, budget.reindex(index=real.index)


# The code whose results are cached: a change in any of it makes a new cache entry.
CODE = (forecast, finance, decompose, gebieden, reeksen, statline, iv3, sys.modules[__name__])


def _cache_key(keuze: str) -> str:
    spec = {
        "snapshots": {s: external.snapshot(s).sha256 for s in SNAPSHOTS},
        "code": [Path(module.__file__).read_text(encoding="utf-8") for module in CODE],
        "keuze": keuze,
    }
    return hashlib.sha256(json.dumps(spec, sort_keys=True).encode()).hexdigest()[:16]


def backtest(data: Dataset, keuze: str) -> pd.DataFrame:
    """Every method's forecast error per domain, target year and gemeente (see
    ``forecast.backtest``), cached under .build/ keyed on the data checksums and the code."""
    file = CACHE / f"backtest_{_cache_key(keuze)}.csv"
    if file.is_file():
        return pd.read_csv(file, dtype={"code": str})
    labels = group_labels(data.gemeenten, keuze)
    out = []
    for domein in DOMAINS:
        real, budget = panels(data, domein)
        out.append(forecast.backtest(real, budget, labels).assign(domein=domein))
    result = pd.concat(out, ignore_index=True)
    CACHE.mkdir(parents=True, exist_ok=True)
    result.to_csv(file, index=False)
    return result


def accuracy(errors: pd.DataFrame) -> pd.DataFrame:
    """``prognose_backtest``: methode, domein, jaar, gemeenten, mape, mdape, bias."""
    out = [forecast.accuracy(rows).assign(domein=d) for d, rows in errors.groupby("domein")]
    table = pd.concat(out, ignore_index=True)
    return table[["methode", "domein", "jaar", "gemeenten", "mape", "mdape", "bias"]]


def summary(errors: pd.DataFrame) -> pd.DataFrame:
    """Per domain and method over all backtest years, on the comparable gemeenten: forecasts,
    MAPE, MdAPE and median error; sorted with the most accurate (MdAPE) first."""
    comparable = errors[errors["vergelijkbaar"]].assign(absolute=lambda d: d["fout"].abs())
    grouped = comparable.groupby(["domein", "methode"])
    out = pd.DataFrame(
        {
            "prognoses": grouped.size(),
            "mape": grouped["absolute"].mean(),
            "mdape": grouped["absolute"].median(),
            "bias": grouped["fout"].median(),
        }
    ).reset_index()
    return out.sort_values(["domein", "mdape"], ignore_index=True)


def verdict(overall: pd.DataFrame, per_year: pd.DataFrame) -> str:
    """Plain sentences from the numbers: which methods would have budgeted better than the
    gemeenten did (lower median absolute error over all years), in how many years."""
    lines = []
    for domein, rows in overall.groupby("domein", sort=False):
        own = rows[rows["methode"] == "begroting"].iloc[0]
        better = rows[(rows["methode"] != "begroting") & (rows["mdape"] < own["mdape"])]
        yearly = per_year[per_year["domein"] == domein].pivot_table(
            index="jaar", columns="methode", values="mdape"
        )
        naam = DOMAINS[domein]["naam"]
        head = (
            f"{naam.capitalize()}: de eigen begrotingen van de gemeenten zaten in de mediaan "
            f"{fmt.percent(own['mdape'])} naast de realisatie (mediane fout "
            f"{fmt.signed(own['bias'])}%, positief = te laag begroot)."
        )
        if better.empty:
            best = rows[rows["methode"] != "begroting"].iloc[0]
            years_better = int((yearly[best["methode"]] < yearly["begroting"]).sum())
            lines.append(
                head + " Geen rekenmethode deed het over alle jaren samen beter. De beste, "
                f"{METHOD_LABELS[best['methode']]}, zat in de mediaan "
                f"{fmt.percent(best['mdape'])} naast de realisatie en was in {years_better} van de "
                f"{len(yearly)} jaren beter dan de eigen begroting."
            )
            continue
        parts = []
        for _, row in better.iterrows():
            years_better = int((yearly[row["methode"]] < yearly["begroting"]).sum())
            parts.append(
                f"{METHOD_LABELS[row['methode']]} ({fmt.percent(row['mdape'])}, beter in "
                f"{years_better} van de {len(yearly)} jaren)"
            )
        lines.append(
            head + " Beter, gemeten aan de mediane absolute fout: " + "; ".join(parts) + "."
        )
    return "\n\n".join(lines)


METHOD_LABELS = {
    "begroting": "eigen begroting",
    "naief": "naïef (laatst bekende realisatie)",
    "drift": "trend (gemiddelde jaarlijkse verandering)",
    "groei": "groei (gemiddelde jaarlijkse groeivoet)",
    "gedempt": "gedempte trend (Holt)",
    "gepoold": "groei gekrompen naar de vergelijkingsgroep",
}


def next_year(data: Dataset, errors: pd.DataFrame, code: str, keuze: str) -> pd.DataFrame:
    """Forecasts for the year after the data (the begroting made with the last realisation
    known), per method, with the prediction interval from the backtest errors."""
    labels = group_labels(data.gemeenten, keuze)
    out = []
    for domein in DOMAINS:
        real, _ = panels(data, domein)
        target = int(real.columns.max()) + forecast.LAG
        made = forecast.forecasts(real, labels).loc[[code]] if code in real.index else None
        if made is None:
            continue
        long = made.rename_axis("code").reset_index().melt("code", var_name="methode")
        long = long.rename(columns={"value": "prognose"}).dropna(subset=["prognose"])
        bounded = forecast.intervals(errors[errors["domein"] == domein], long, target)
        out.append(bounded.assign(domein=domein, jaar=target))
    return pd.concat(out, ignore_index=True) if out else pd.DataFrame()


def own_errors(errors: pd.DataFrame, code: str) -> pd.DataFrame:
    """The gemeente's own forecast errors (% of realisatie) per domain, method and year."""
    own = errors[errors["code"] == code]
    table = own.pivot_table(index=["domein", "methode"], columns="jaar", values="fout")
    table.columns = [str(c) for c in table.columns]
    return table.reset_index()


def maastricht_text(table: pd.DataFrame) -> str:
    """What the side-by-side table of Maastricht's sources shows, from its numbers."""
    lines = []
    for (domein, grootheid), rows in table.groupby(["domein", "grootheid"], sort=False):
        both = rows.dropna(subset=["cbs", "visitatie_2021"])
        if both.empty:
            continue
        gap = both["cbs_min_visitatie"]
        lines.append(
            f"{domein.capitalize()}, {grootheid}: CBS wijkt in {len(both)} jaar af van het "
            f"visitatierapport met {fmt.signed(gap.min())} tot {fmt.signed(gap.max())} € mln."
        )
    return "\n\n".join(lines)


def iv3_wide(comparison: pd.DataFrame) -> pd.DataFrame:
    """Lasten per inwoner per taakveld: one column per group (labelled with the class), and the
    sum over the sociaal domein as the last row."""
    order = list(dict.fromkeys(comparison["klasse"]))
    wide = comparison.pivot_table(
        index=["taakveld_code", "taakveld"], columns="klasse", values="per_inwoner", sort=False
    )[order]
    wide.loc[("6", "Sociaal domein, totaal"), :] = wide.sum()
    wide.columns.name = None
    return wide


def group_sizes(comparison: pd.DataFrame) -> pd.DataFrame:
    """Per group: the class and the number of gemeenten in it."""
    sizes = comparison.groupby(["groep", "klasse"], sort=False)["gemeenten"].max()
    return sizes.reset_index()


def centrum_text(caveat: pd.DataFrame, naam: str) -> str:
    """The centrumgemeente caveat in numbers: how much of each difference lies in 6.81."""
    lines = []
    for _, row in caveat.iterrows():
        lines.append(
            f"Tegen {row['groep']}: {fmt.signed(row['verschil_sociaal_domein'], 0)} euro per "
            f"inwoner over het hele sociaal domein, waarvan {fmt.signed(row['waarvan_6_81'], 0)} op "
            f"taakveld 6.81 (beschermd wonen en opvang); zonder 6.81 "
            f"{fmt.signed(row['verschil_zonder_6_81'], 0)}."
        )
    return (
        f"Verschil van {naam} met de groepen (positief: {naam} geeft meer uit):\n\n"
        + "\n\n".join(f"- {line}" for line in lines)
    )


def maastricht_errors_text(own: pd.DataFrame, naam: str) -> str:
    """Sentences on the gemeente's own begroting errors against the best method's errors."""
    lines = []
    years = [c for c in own.columns if c.isdigit()]
    for domein, rows in own.groupby("domein", sort=False):
        # only the years in which every method has a forecast: averages over the same years
        table = rows.set_index("methode")[years].dropna(axis=1, how="any")
        if "begroting" not in table.index or table.empty:
            continue
        absolute = table.abs().mean(axis=1)
        best = absolute.drop("begroting").idxmin()
        lines.append(
            f"{DOMAINS[domein]['naam'].capitalize()}: de eigen begroting van {naam} zat gemiddeld "
            f"{fmt.percent(absolute['begroting'])} naast de realisatie in de {table.shape[1]} jaar "
            f"waarin elke methode een prognose heeft ({', '.join(table.columns)}); de beste "
            f"rekenmethode voor {naam} in die jaren, {METHOD_LABELS[best]}, "
            f"{fmt.percent(absolute[best])}."
        )
    return "\n\n".join(lines) if lines else f"Voor {naam} zijn er geen jaren om te toetsen."


def coverage(errors: pd.DataFrame) -> pd.DataFrame:
    """Coverage of the prediction intervals per domain, method and year (``forecast.coverage``)."""
    out = [forecast.coverage(rows).assign(domein=d) for d, rows in errors.groupby("domein")]
    return pd.concat(out, ignore_index=True)[["domein", "methode", "jaar", "gemeenten", "dekking"]]
