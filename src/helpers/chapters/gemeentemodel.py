"""Expected use of jeugdhulp for every gemeente: the share of jongeren with jeugdhulp in natura
modelled on population characteristics with a beta regression, judged out of sample against
naive baselines, with a 95% prediction interval per gemeente from a fit without that gemeente.

Fits are cached by the checksums of the data and the model specification (predictors, folds,
seed, draws), so a re-run reads the same numbers back.
"""

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from helpers import cache
from helpers.assumptions import Assumption
from helpers.data import external, gebieden, published
from helpers.data import jeugdhulp_kenmerken as jk
from helpers.display import fmt
from helpers.methods import multilevel, proportions
from helpers.notebook import ParameterError

ASSUMPTIONS = (
    Assumption(
        "verwacht gebruik per gemeente",
        "bètaregressie van het aandeel jongeren met jeugdhulp op bevolkingskenmerken; intervallen zonder de gemeente zelf geschat, inclusief onzekerheid van de coëfficiënten",
        "het aandeel ligt tussen 0 en 1 en de spreiding hangt af van het aantal jongeren",
        "het verschil tussen werkelijk en verwacht is het deel dat de kenmerken niet verklaren, geen oordeel over beleid",
    ),
    Assumption(
        "jaren van de kenmerken",
        "kenmerken uit KWB 2021 bij uitkomsten van 2022",
        "er zijn geen vastgelegde kenmerken van 2022",
        "",
    ),
)

FOLDS, SEED, VERSION = 10, 0, 1
MAASTRICHT = "GM0935"
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


def errors_text(errs: pd.DataFrame, coverage: float, n: int) -> str:
    """Dutch conclusion on the out-of-sample comparison and the coverage of the intervals."""
    model = errs.iloc[0]
    best_baseline = errs.iloc[1:]["mae"].idxmin()
    baseline = errs.loc[best_baseline]
    better = round(model["mae"], 2) < round(baseline["mae"], 2)
    text = (
        f"Buiten de steekproef (tienvoudige kruisvalidatie, {fmt.number(n)} gemeenten) zit het model "
        f"gemiddeld {fmt.number(model['mae'], 2)} procentpunt naast het werkelijke percentage; de "
        f"beste eenvoudige vergelijking ({best_baseline}) {fmt.number(baseline['mae'], 2)} procentpunt. "
    )
    text += (
        "De kenmerken verklaren dus een deel van de verschillen, maar lang niet alles."
        if better
        else "Het model doet het niet beter dan die eenvoudige vergelijking."
    )
    text += (
        f" Van de gemeenten ligt {fmt.percent(coverage * 100)} binnen hun eigen 95%-interval "
        f"(berekend zonder die gemeente); bij goed gekalibreerde intervallen is dat ongeveer 95%."
    )
    return text


def gemeente_text(naam: str, row: pd.Series) -> str:
    """Dutch conclusion for one gemeente: observed against expected and its interval (in %)."""
    position = (
        "boven"
        if row["werkelijk"] > row["pi_hoog"]
        else "onder"
        if row["werkelijk"] < row["pi_laag"]
        else "binnen"
    )
    return (
        f"In {naam} had {fmt.percent(row['werkelijk'])} van de jongeren tot 18 jaar jeugdhulp in "
        f"natura. Op grond van de kenmerken van de bevolking zou je {fmt.percent(row['verwacht'])} "
        f"verwachten, met een 95%-interval van {fmt.percent(row['pi_laag'])} tot "
        f"{fmt.percent(row['pi_hoog'])}. Het werkelijke percentage ligt {position} dat interval"
        + (
            ": het verschil valt binnen wat gemeenten met vergelijkbare kenmerken onderling laten zien."
            if position == "binnen"
            else ": de kenmerken in dit model verklaren dit verschil niet."
        )
        + " Het verschil zegt niets over goed of slecht beleid; het is het deel dat deze kenmerken "
        "niet verklaren (registratie, aanbod, regionale functie en beleid spelen allemaal mee)."
    )


def euro_text(naam: str, gap: dict, cost: dict) -> str:
    """Dutch text on what the gap means in jongeren and euros (Maastricht's published cost)."""
    direction = "meer" if gap["jongeren_verschil"] > 0 else "minder"
    text = (
        f"Met {fmt.number(cost['jongeren'])} inwoners jonger dan 18 jaar (1 januari 2019) betekent "
        f"het verschil met de verwachting ongeveer {fmt.number(abs(gap['jongeren_verschil']))} "
        f"jongeren {direction} met jeugdhulp. Tegen de zorgkosten per jeugdige van 2018 "
        f"({fmt.euro(cost['per_jeugdige'], 0)}: {fmt.euro_mln(cost['zorgkosten_mln'])} voor "
        f"{fmt.number(cost['jeugdigen'])} jeugdigen) is dat in de orde van "
        f"{fmt.euro_mln(abs(gap['euro_verschil']) / 1e6)} per jaar."
    )
    if gap["jongeren_buiten_interval"] > 0:
        text += (
            f" Alleen het deel boven de bovengrens van het interval is "
            f"{fmt.euro_mln(gap['euro_buiten_interval'] / 1e6)}."
        )
    else:
        text += (
            f" Omdat {naam} binnen het interval ligt, is dit bedrag geen 'te veel': het valt binnen "
            "de spreiding tussen vergelijkbare gemeenten."
        )
    return text


def gemeente_code(gemeente: str, jaar: int) -> str:
    """GM code of the ``gemeente`` parameter, or a ParameterError saying what is allowed."""
    try:
        return resolve(gemeente, jaar)
    except LookupError as error:
        raise ParameterError(f"Parameter gemeente={gemeente!r}: {error}") from None


def euro_section(code: str, naam: str, row: pd.Series) -> str:
    """The euro translation for Maastricht (published cost per jeugdige); for another gemeente a
    sentence saying that no cost per jeugdige is published here."""
    if code != MAASTRICHT:
        return (
            f"Voor {naam} zijn in de bronnen van dit onderzoek geen kosten per jeugdige "
            "gepubliceerd; een bedrag bij het verschil wordt daarom niet berekend."
        )
    cost = cost_per_jeugdige()
    gap = gap_in_euros(row["werkelijk"], row["verwacht"], row["pi_hoog"], cost)
    return euro_text(naam, gap, cost) + "\n\n" + "\n\n".join(cost["bronnen"])


def scatter(table: pd.DataFrame, x: str, y: str, *, xlabel: str, ylabel: str, title: str):
    """Observed against expected (one dot per unit) with the line y = x."""
    fig, ax = plt.subplots(figsize=(6, 6))
    ax.scatter(table[x], table[y], s=8, alpha=0.5)
    low, high = table[[x, y]].min().min(), table[[x, y]].max().max()
    ax.plot([low, high], [low, high], color="grey", linewidth=1)
    ax.set(xlabel=xlabel, ylabel=ylabel, title=title)
    ax.xaxis.set_major_formatter(fmt.axis_formatter(fmt.percent))
    ax.yaxis.set_major_formatter(fmt.axis_formatter(fmt.percent))
    return fig


def require_modelled(code: str, naam: str, data: dict) -> None:
    """Stop with a ParameterError when the gemeente could not be modelled, saying why."""
    if code in data["left_out"].index:
        reason = data["left_out"].loc[code, "reden"]
        raise ParameterError(f"Parameter gemeente={naam!r}: niet in het model ({reason}).")


def left_out_text(data: dict) -> str:
    """Which gemeenten are not in the model and why (or that all are)."""
    left_out = data["left_out"]
    if left_out.empty:
        return f"Alle {fmt.number(len(data['y']))} gemeenten zitten in het model."
    listed = "; ".join(f"{row.naam} ({row.reden})" for row in left_out.itertuples())
    return f"{fmt.number(len(data['y']))} gemeenten zitten in het model; niet meegenomen: {listed}."
