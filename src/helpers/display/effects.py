"""The cost-driver decomposition (helpers.methods.decompose) as tables for the reader."""

import numpy as np
import pandas as pd

from helpers.display import fmt
from helpers.methods.decompose import EFFECT_LABELS

TABLE_ORDER = ("volume", "stapeling", "mix", "prijs", "intensiteit", "tarief", "totaal")


def effects_table(effects: pd.Series) -> pd.DataFrame:
    """The decomposition as a table (decompositie.csv): effect, euro, deel_van, omschrijving.

    One row for volume, stapeling, mix and prijs; with units also intensiteit and tarief,
    marked deel_van = "prijs" because they split prijs; then totaal. So the rows without
    deel_van, totaal excluded, add up to totaal, and so do decompose.components()."""
    order = [e for e in TABLE_ORDER if e in effects]
    table = effects[order].rename("euro").rename_axis("effect").reset_index()
    table["deel_van"] = np.where(table["effect"].isin(["intensiteit", "tarief"]), "prijs", "")
    table["omschrijving"] = table["effect"].map(EFFECT_LABELS)
    return table


def cross_check(lmdi: pd.Series, shapley: pd.Series) -> pd.DataFrame:
    """decompose.effects() by LMDI and by Shapley side by side, with verschil = LMDI − Shapley
    and verschil_pct of the total change."""
    table = pd.DataFrame({"lmdi": lmdi, "shapley": shapley})
    table["verschil"] = table["lmdi"] - table["shapley"]
    table["verschil_pct"] = 100 * table["verschil"] / lmdi["totaal"] if lmdi["totaal"] else np.nan
    return table.rename_axis("effect")


def multiplicative_table(factors: pd.Series) -> pd.DataFrame:
    """decompose.lmdi_multiplicative() factors D with verandering_pct = 100·(D − 1), and a
    row totaal with their product (= C(jaar_tot)/C(jaar_van))."""
    factors = pd.concat([factors, pd.Series({"totaal": factors.prod()})])
    return pd.DataFrame({"factor": factors, "verandering_pct": 100 * (factors - 1)}).rename_axis(
        "effect"
    )


def group_effects(table: pd.DataFrame) -> pd.DataFrame:
    """Effects per group (decompose.effects with per_group=True) with a column totaal, largest
    rise first."""
    return table.assign(totaal=table.sum(axis=1)).sort_values("totaal", ascending=False)


def calibration_display(report: pd.DataFrame) -> pd.DataFrame:
    """synthetic.calibration_report() for display, per grootheid and jaar: doel and
    synthetisch (counts without decimals, small figures — inzet, € mln, % — with two),
    herkomst of the doel (gepubliceerd, or afgeleid with how) and the afwijking in %."""

    def figure(x):
        return fmt.number(x, 0 if abs(x) >= 100 else 2)

    return report.set_index(["grootheid", "jaar"]).assign(
        doel=report["doel"].map(figure).to_numpy(),
        synthetisch=report["synthetisch"].map(figure).to_numpy(),
        afwijking_pct=report["afwijking_pct"].map(lambda x: fmt.percent(x, 2)).to_numpy(),
    )[["doel", "herkomst", "synthetisch", "afwijking_pct"]]
