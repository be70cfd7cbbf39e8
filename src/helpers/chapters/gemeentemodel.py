"""Expected use of jeugdhulp for every gemeente: the share of jongeren with jeugdhulp in natura
modelled on population characteristics with a beta regression, judged out of sample against
naive baselines, with a 95% prediction interval per gemeente from a fit without that gemeente.

Fits are cached by the checksums of the data and the model specification (predictors, folds,
seed, draws), so a re-run reads the same numbers back.
"""

import numpy as np
import pandas as pd

from helpers import cache
from helpers.data import external, gebieden, published
from helpers.data import jeugdhulp_kenmerken as jk
from helpers.methods import multilevel, proportions

FOLDS, SEED, VERSION = 10, 0, 1
METHODS = {
    "verwacht": "model (beta-regressie op kenmerken)",
    "landelijk": "landelijk percentage",
    "klasse": "gemiddelde van de grootteklasse",
}


def model_input(jaar: int) -> dict:
    """Outcome (share), design ``X`` (constant + standardised characteristics), precision design
    ``Z`` (constant + ln jongeren 0–24), size and class per gemeente that has all of them, and the
    gemeenten left out with the reason."""
    outcome = jk.jeugdhulp(jaar)["percentage"] / 100
    traits = jk.kenmerken(jaar)
    columns = list(jk.LABELS)
    missing_traits = traits[columns].isna().any(axis=1)
    reasons = pd.Series(
        np.where(outcome.isna(), "percentage geheim (CBS)", "kenmerk ontbreekt"), index=traits.index
    )[outcome.isna() | missing_traits]
    keep = outcome.notna() & ~missing_traits
    X = multilevel.standardise(traits.loc[keep, columns])
    X.insert(0, "constante", 1.0)
    Z = pd.DataFrame({"constante": 1.0, "ln_jongeren": np.log(traits.loc[keep, "jongeren"])})
    return {
        "y": outcome[keep],
        "X": X,
        "Z": Z,
        "size": traits.loc[keep, "jongeren"],
        "klasse": traits.loc[keep, "grootteklasse"],
        "traits": traits,
        "left_out": pd.DataFrame({"naam": traits.loc[reasons.index, "naam"], "reden": reasons}),
        "nederland": jk.jeugdhulp(jaar).attrs["nederland"],
    }


def _compute(data: dict) -> dict[str, pd.DataFrame]:
    table = proportions.cross_validated(
        data["y"], data["X"], data["Z"], data["size"], data["klasse"], k=FOLDS, seed=SEED
    )
    full = proportions.fit(data["y"], data["X"], data["Z"])
    names = list(data["X"].columns) + [f"precisie_{c}" for c in data["Z"].columns]
    return {
        "kruisvalidatie": table,
        "parameters": pd.DataFrame(
            {"waarde": full.params}, index=pd.Index(names, name="parameter")
        ),
    }


def results(jaar: int, data: dict) -> dict[str, pd.DataFrame]:
    """Cross-validated predictions per gemeente (shares) and the parameters of the fit on all."""
    parts = {
        "outcome": external.snapshot(jk.OUTCOME).sha256,
        "kwb": external.snapshot(jk.KWB).sha256,
        "gebieden": external.snapshot(f"gebieden/{jaar}").sha256,
        "jaar": jaar,
        "predictors": list(jk.LABELS),
        "folds": FOLDS,
        "seed": SEED,
        "version": VERSION,
    }
    return cache.frames("gemeentemodel", parts, lambda: _compute(data))


def gemeenten_table(table: pd.DataFrame, traits: pd.DataFrame) -> pd.DataFrame:
    """One row per gemeente: naam, werkelijk, verwacht, pi_laag, pi_hoog (all in %)."""
    out = (table[["werkelijk", "verwacht", "pi_laag", "pi_hoog"]] * 100).round(2)
    out.insert(0, "gemeente", traits.loc[out.index, "naam"])
    return out.reset_index(drop=True)


def errors(table: pd.DataFrame) -> pd.DataFrame:
    """Out-of-sample error of the model and the baselines, in percentage points."""
    return proportions.errors(table * 100, METHODS)


def drivers(parameters: pd.DataFrame, data: dict, code: str) -> pd.DataFrame:
    """Per characteristic for one gemeente: its value, the average over all gemeenten, and how
    many percentage points its expected use would fall if that characteristic were average."""
    beta = parameters["waarde"][data["X"].columns]
    effect = proportions.contributions(beta, data["X"], code) * 100
    traits = data["traits"].loc[data["X"].index, list(jk.LABELS)]
    return pd.DataFrame(
        {
            "kenmerk": [jk.LABELS[c] for c in effect.index],
            "waarde": traits.loc[code, effect.index].to_numpy(),
            "gemiddelde": traits[effect.index].mean().to_numpy(),
            "bijdrage": effect.to_numpy(),
        }
    ).sort_values("bijdrage", key=abs, ascending=False, ignore_index=True)


def resolve(gemeente: str, jaar: int) -> str:
    """GM code of a name or code among the gemeenten of ``jaar`` (LookupError otherwise)."""
    return gebieden.resolve(gemeente, gebieden.indeling(jaar)["naam"])


def cost_per_jeugdige() -> dict:
    """Maastricht 2018 (published): zorgkosten (arrangementen ZiN and PGB, realisatie) per jeugdige
    with jeugdhulp, and the number of inwoners under 18 (1 January 2019)."""
    finance = published.load("monitor_2018/financien_jeugd")
    kern = published.load("monitor_2018/jeugd_kerncijfers")
    visitatie = published.load("visitatie_2021/kengetallen")
    zorg = sum(
        finance.value(post=post, jaar=2018, stand="realisatie")
        for post in ("Arrangementen (ZiN)", "Persoonsgebonden budget (PGB)")
    )
    jeugdigen = kern.value(grootheid="jeugdigen met jeugdhulp", jaar=2018)
    return {
        "zorgkosten_mln": zorg,
        "jeugdigen": jeugdigen,
        "per_jeugdige": zorg * 1e6 / jeugdigen,
        "jongeren": visitatie.value(indicator="inwoners jonger dan 18 jaar", groep="Maastricht"),
        "bronnen": [finance.citation, kern.citation, visitatie.citation],
    }


def gap_in_euros(werkelijk: float, verwacht: float, grens: float, cost: dict) -> dict:
    """What a gap in percentage points means in jongeren and euros at Maastricht's published
    cost per jeugdige: to the expected value, and to the nearest bound of the interval."""
    jongeren = cost["jongeren"]
    to_expected = (werkelijk - verwacht) / 100 * jongeren
    beyond = max(werkelijk - grens, 0.0) / 100 * jongeren if werkelijk > verwacht else 0.0
    return {
        "jongeren_verschil": to_expected,
        "euro_verschil": to_expected * cost["per_jeugdige"],
        "jongeren_buiten_interval": beyond,
        "euro_buiten_interval": beyond * cost["per_jeugdige"],
    }
