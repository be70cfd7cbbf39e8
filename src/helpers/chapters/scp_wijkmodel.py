"""Reproducing SCP's *Jeugdhulp in de wijk* (2020): expected use of jeugdhulp zonder verblijf per
wijk in 2017 from the published determinants, compared with SCP's own expected values.

The model is SCP's: a linear multilevel model of the observed % (``perc_jhzv``) on the 26
determinants and the small-wijk flag, with random intercepts for gemeenten (2017) within
jeugdzorgregio's (2017, from CBS *Gebieden in Nederland 2017*). SCP's expected values
(``perc_przv``) and residuals are only used afterwards, to compare: they never enter the design.

What the published file does not allow (and why the reproduction cannot be exact):

* determinants that CBS suppressed (``.``) are known to SCP but not to us: we impute them (see
  ``IMPUTATIONS``);
* the 286 wijken with fewer than 10 users were in SCP's fit with an estimated use that SCP did
  not publish: we fit on the 2.632 wijken with observed use and predict all 2.918;
* the number of jongeren per wijk is not published, so every wijk weighs the same.
"""

import numpy as np
import pandas as pd

from helpers import cache
from helpers.data import external, gebieden, scp
from helpers.display import fmt
from helpers.methods import multilevel

# Imputations of suppressed determinants that are compared; the first is the one used.
IMPUTATIONS = {
    "onderste kwartiel binnen de gemeente": 0.25,
    "gemiddelde binnen de gemeente": None,
}
CHOSEN = "onderste kwartiel binnen de gemeente"
LEVELS = {
    "wijk, gemeente en jeugdzorgregio": True,
    "wijk en gemeente (zonder regio)": False,
}
MODEL_VERSION = 1


def wijken() -> pd.DataFrame:
    """The SCP wijk table with the 2017 jeugdzorgregio of each wijk's gemeente (``regio``)."""
    data = scp.wijkdata()
    regions = gebieden.indeling(2017)["jeugdzorgregio_code"]
    data["regio"] = data["gemeente"].map(regions)
    unknown = data.loc[data["regio"].isna(), "gemeente"].unique()
    if len(unknown):
        raise ValueError(f"Gemeenten van 2017 zonder jeugdzorgregio: {', '.join(unknown)}.")
    return data


def design(data: pd.DataFrame, quantile: float | None = IMPUTATIONS[CHOSEN]) -> pd.DataFrame:
    """The design matrix: a constant and the determinants (suppressed values imputed within the
    gemeente, then standardised). Nothing from SCP's use sheet goes in."""
    X = multilevel.impute_within(data[list(scp.DETERMINANTEN)], data["gemeente"], quantile)
    X = multilevel.standardise(X)
    X.insert(0, "constante", 1.0)
    return X


def _fit(data: pd.DataFrame, quantile: float | None, with_region: bool) -> dict[str, pd.DataFrame]:
    X = design(data, quantile)
    outer = data["regio"] if with_region else None
    fit = multilevel.fit_nested(data["perc_jhzv"], X, data["gemeente"], outer)
    predicted = multilevel.predict(fit, X, data["gemeente"], outer)
    variances = pd.DataFrame(
        {"variantie": [fit.var_outer, fit.var_inner, fit.scale]},
        index=pd.Index(["jeugdzorgregio", "gemeente", "wijk"], name="niveau"),
    )
    return {
        "voorspelling": predicted,
        "coefficienten": fit.coefficients.to_frame(),
        "varianties": variances,
    }


def fitted(
    data: pd.DataFrame, imputation: str = CHOSEN, with_region: bool = True
) -> dict[str, pd.DataFrame]:
    """Predictions per wijk (``vast``, ``verwacht``, ``laag``, ``hoog`` in %), coefficients per
    standard deviation and the variances per level; cached by the data checksums and the model
    specification."""
    parts = {
        "scp": external.snapshot(scp.SNAPSHOT).sha256,
        "gebieden": external.snapshot("gebieden/2017").sha256,
        "imputation": IMPUTATIONS[imputation],
        "with_region": with_region,
        "version": MODEL_VERSION,
    }
    return cache.frames(
        "scp_wijkmodel", parts, lambda: _fit(data, IMPUTATIONS[imputation], with_region)
    )


def agreement(expected: pd.Series, data: pd.DataFrame) -> dict:
    """Correlation and mean absolute difference (pp) with SCP's expected values, over the wijken
    with observed use, and over all wijken."""
    observed = data["perc_jhzv"].notna()
    scp_expected = data["perc_przv"]

    def measures(mask):
        return (
            float(np.corrcoef(expected[mask], scp_expected[mask])[0, 1]),
            float((expected[mask] - scp_expected[mask]).abs().mean()),
            int(mask.sum()),
        )

    corr, mad, n = measures(observed)
    corr_all, mad_all, n_all = measures(pd.Series(True, index=data.index))
    return {
        "correlatie": corr,
        "mad": mad,
        "wijken": n,
        "correlatie_alle": corr_all,
        "mad_alle": mad_all,
        "wijken_alle": n_all,
    }


def sensitivity(data: pd.DataFrame) -> pd.DataFrame:
    """Agreement with SCP for each imputation and for the model with and without the regio
    level (rows), so the reader sees how much each choice matters."""
    rows = []
    for levels, with_region in LEVELS.items():
        for imputation in IMPUTATIONS:
            if not with_region and imputation != CHOSEN:
                continue
            expected = fitted(data, imputation, with_region)["voorspelling"]["verwacht"]
            rows.append({"niveaus": levels, "imputatie": imputation, **agreement(expected, data)})
    return pd.DataFrame(rows)


def differences(expected: pd.Series, data: pd.DataFrame, n: int = 10) -> pd.DataFrame:
    """The ``n`` wijken with observed use whose expected value differs most from SCP's, with the
    number of determinants that were suppressed there."""
    table = data.loc[
        data["perc_jhzv"].notna(), ["wijknaam", "gemeentenaam", "perc_jhzv", "perc_przv"]
    ]
    table = table.assign(
        verwacht=expected,
        verschil=expected - data["perc_przv"],
        onderdrukt=data[list(scp.DETERMINANTEN)].isna().sum(axis=1),
    )
    return table.reindex(table["verschil"].abs().sort_values(ascending=False).index[:n])


def by_suppressed(expected: pd.Series, data: pd.DataFrame) -> pd.DataFrame:
    """Mean absolute difference with SCP by the number of suppressed determinants of a wijk
    (0, 1, 2, 3 or more), over the wijken with observed use."""
    observed = data["perc_jhzv"].notna()
    count = data[list(scp.DETERMINANTEN)].isna().sum(axis=1).clip(upper=3)
    frame = pd.DataFrame({"onderdrukt": count, "afwijking": (expected - data["perc_przv"]).abs()})[
        observed
    ]
    return (
        frame.groupby("onderdrukt")["afwijking"]
        .agg(["size", "mean"])
        .rename(columns={"size": "wijken", "mean": "gemiddelde_afwijking"})
    )


def gemeente_wijken(predicted: pd.DataFrame, data: pd.DataFrame, gemeente: str) -> pd.DataFrame:
    """The wijken of one gemeente (GM code of 2017): observed, expected with interval, SCP's
    expected value, and where the observed value lies (``boven``, ``binnen``, ``onder`` the
    interval, or ``niet gepubliceerd``)."""
    rows = data["gemeente"] == gemeente
    table = data.loc[rows, ["wijknaam", "perc_jhzv", "perc_przv"]].join(
        predicted.loc[rows, ["verwacht", "laag", "hoog"]]
    )
    position = np.select(
        [
            table["perc_jhzv"].isna(),
            table["perc_jhzv"] > table["hoog"],
            table["perc_jhzv"] < table["laag"],
        ],
        ["niet gepubliceerd", "boven", "onder"],
        "binnen",
    )
    return table.assign(verschil=table["perc_jhzv"] - table["verwacht"], ligging=position)


def agreement_text(result: dict, corr_target: float = 0.98, mad_target: float = 0.30) -> str:
    """Dutch conclusion on the agreement with SCP, generated from the numbers."""
    corr, mad = round(result["correlatie"], 3), round(result["mad"], 3)
    corr_ok, mad_ok = corr >= corr_target, mad <= mad_target
    text = (
        f"Over de {fmt.number(result['wijken'])} wijken met waargenomen gebruik is de correlatie "
        f"tussen onze verwachte waarden en die van SCP {fmt.number(corr, 3)} "
        f"({'haalt' if corr_ok else 'haalt niet'} het doel van {fmt.number(corr_target, 2)}) en "
        f"wijken ze gemiddeld {fmt.number(mad, 3)} procentpunt af "
        f"({'binnen' if mad_ok else 'net boven' if mad < mad_target + 0.02 else 'boven'} "
        f"het doel van {fmt.number(mad_target, 2)})."
    )
    if not mad_ok:
        text += (
            " Het verschil zit vooral in wijken waar CBS kenmerken heeft onderdrukt: SCP kende "
            "daar de echte waarden, wij moeten ze schatten (zie de tabel hieronder)."
        )
    return text


def wijk_sentences(table: pd.DataFrame) -> str:
    """One Dutch line per wijk: observed against expected, in plain words."""
    lines = []
    for row in table.itertuples():
        name = row.wijknaam
        interval = f"{fmt.percent(row.laag)} tot {fmt.percent(row.hoog)}"
        if row.ligging == "niet gepubliceerd":
            lines.append(
                f"- **{name}**: gebruik niet gepubliceerd (minder dan 10 jongeren); verwacht "
                f"{fmt.percent(row.verwacht)}."
            )
            continue
        where = {
            "binnen": "binnen de marge die je bij deze kenmerken mag verwachten",
            "boven": "hoger dan de marge die je bij deze kenmerken mag verwachten",
            "onder": "lager dan de marge die je bij deze kenmerken mag verwachten",
        }[row.ligging]
        lines.append(
            f"- **{name}**: {fmt.percent(row.perc_jhzv)} van de jongeren had jeugdhulp zonder "
            f"verblijf; op grond van de kenmerken verwacht {fmt.percent(row.verwacht)} "
            f"(marge {interval}). Verschil {fmt.signed(row.verschil)} procentpunt: {where}."
        )
    return "\n".join(lines)


def gemeente_2017(gemeente: str) -> str | None:
    """GM code of the gemeente in the indeling of 2017, or None when it did not exist then."""
    try:
        return gebieden.resolve(gemeente, gebieden.indeling(2017)["naam"])
    except LookupError:
        return None


def output_table(expected: pd.Series) -> pd.DataFrame:
    """``wijk`` (SCP's wijk code) and ``verwacht`` (%, 3 decimals) for every wijk."""
    return pd.DataFrame({"wijk": expected.index, "verwacht": expected.round(3).to_numpy()})


def margin_text(variances: pd.DataFrame) -> str:
    """How wide the margin of a single wijk is, from the estimated wijk-level variance."""
    sd = float(np.sqrt(variances.loc["wijk", "variantie"]))
    return (
        f"Het model laat wijken rond hun verwachting spreiden met een standaardafwijking van "
        f"{fmt.number(sd, 1)} procentpunt; de marge is de verwachting plus en min "
        f"{fmt.number(multilevel.Z95 * sd, 1)} procentpunt."
    )


def gemeente_section(fit: dict[str, pd.DataFrame], data: pd.DataFrame, naam: str) -> str:
    """The Dutch text on the wijken of one gemeente, or why there are none (a gemeente that did
    not exist in 2017)."""
    code = gemeente_2017(naam)
    if code is None:
        return f"{naam} bestond in 2017 nog niet als gemeente; SCP heeft er geen wijken van."
    table = gemeente_wijken(fit["voorspelling"], data, code)
    return margin_text(fit["varianties"]) + "\n\n" + wijk_sentences(table)
