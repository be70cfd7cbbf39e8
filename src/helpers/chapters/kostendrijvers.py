"""The answer of the cost-driver chapter in words: "complexer of duurder?" from the effects of
`helpers.methods.decompose`, the published view in one sentence, and what a run is based on.

The answer groups the effects (see `decompose` for their definitions):

* meer cliënten: volume;
* complexer: stapeling + mix + intensiteit — more, heavier or longer care per client;
* duurder: tarief — the same unit of care costs more.

Without units the cost per arrangement (prijs) cannot be split into intensiteit and tarief; it
is then reported on its own as "zwaarder of duurder per arrangement". Every sentence names what
it is about (`bron`: the synthetic data or a gemeente's export), so no sentence about synthetic
data can be read as a finding about a gemeente.
"""

import numpy as np
import pandas as pd

from helpers.data import jeugd_series
from helpers.display import fmt
from helpers.methods.decompose import components
from helpers.microdata.protected import MERGED_GROUP

COMPLEXER = ("stapeling", "mix", "intensiteit")
GROUP_LABELS = {
    "volume": "het aantal cliënten (volume)",
    "complexer": "meer, andere of zwaardere hulp per cliënt ({parts})",
    "duurder": "het tarief per eenheid",
    "prijs": "de kosten per arrangement (prijs; zonder eenheden niet te splitsen)",
}
SYNTHETIC_SOURCE = "de synthetische gegevens"

# Per group: what its rise and what its fall means.
VERDICTS = {
    "volume": ("méér cliënten (volume)", "minder cliënten (volume)"),
    "complexer": (
        "complexer: meer, zwaardere of langere hulp per cliënt",
        "minder complex: minder, lichtere of kortere hulp per cliënt",
    ),
    "duurder": ("duurder: hogere tarieven voor dezelfde hulp", "goedkoper: lagere tarieven"),
    "prijs": (
        "duurder per arrangement (zwaardere hulp of hogere tarieven: zonder eenheden niet te "
        "onderscheiden)",
        "goedkoper per arrangement (lichtere hulp of lagere tarieven: zonder eenheden niet te "
        "onderscheiden)",
    ),
}


def source(synthetic: bool, gemeente: str | None) -> str:
    """What the figures of a run describe, for every sentence and chart title: the synthetic
    data, or the export of `gemeente`."""
    return SYNTHETIC_SOURCE if synthetic else f"de export van {gemeente}"


def drivers(effects: pd.Series) -> pd.Series:
    """The effects grouped for the answer: volume, complexer (stapeling + mix + intensiteit)
    and duurder (tarief); without units: volume, complexer (stapeling + mix) and prijs."""
    parts = components(effects)
    complexer = parts[parts.index.isin(COMPLEXER)].sum()
    if "tarief" in parts:
        return pd.Series(
            {"volume": parts["volume"], "complexer": complexer, "duurder": parts["tarief"]}
        )
    return pd.Series({"volume": parts["volume"], "complexer": complexer, "prijs": parts["prijs"]})


def answer(effects: pd.Series, jaar_van: int, jaar_tot: int, bron: str) -> str:
    """A short Dutch answer to "complexer of duurder?" from `decompose.effects()` in euros, each
    sentence naming `bron` (source()): the change, each group of drivers() in € mln, and which
    group weighs most (largest absolute amount). Shares of the change are given only when every
    group moves the same way as the total; when effects offset each other such shares exceed
    100% and the text says so instead."""
    groups = drivers(effects)
    total = effects["totaal"]
    direction = "stegen" if total > 0 else "daalden" if total < 0 else "bleven gelijk"
    with_shares = total != 0 and bool((np.sign(groups) * np.sign(total) >= 0).all())
    parts = ", ".join(c for c in components(effects).index if c in COMPLEXER)
    pieces = [
        fmt.euro_mln(value / 1e6)
        + (f" ({fmt.percent(100 * value / total, 0)})" if with_shares else "")
        + " door "
        + GROUP_LABELS[group].format(parts=parts)
        for group, value in groups.items()
    ]
    listed = ", ".join(pieces[:-1]) + " en " + pieces[-1]
    offset = (
        ""
        if with_shares
        else " De effecten werken tegen elkaar in, dus aandelen in de verandering zeggen weinig."
    )
    main = groups.abs().idxmax()
    rise, fall = VERDICTS[main]
    return (
        f"Tussen {jaar_van} en {jaar_tot} {direction} de kosten in {bron} met "
        f"{fmt.euro_mln(abs(total) / 1e6)}. In {bron} komt van die verandering {listed}."
        f"{offset} Antwoord voor {bron}: vooral {rise if groups[main] >= 0 else fall}."
    )


def answer_published(effects: pd.Series, jaar_van: int, jaar_tot: int) -> str:
    """The published view in one Dutch sentence: the change in realisatie (euros) split into
    the number of jeugdigen (volume) and the cost per jeugdige (prijs of
    decompose.aggregate_published, where stapeling and mix are 0 by construction)."""
    total = effects["totaal"]
    direction = "steeg" if total > 0 else "daalde" if total < 0 else "bleef gelijk"
    return (
        f"Tussen {jaar_van} en {jaar_tot} {direction} de gepubliceerde realisatie van "
        f"{jeugd_series.GEMEENTE} met {fmt.euro_mln(abs(total) / 1e6)}: "
        f"{fmt.euro_mln(effects['volume'] / 1e6)} door het aantal jeugdigen en "
        f"{fmt.euro_mln(effects['prijs'] / 1e6)} door de kosten per jeugdige. Of die kosten per "
        "jeugdige veranderden door complexere of door duurdere hulp, is uit gepubliceerde "
        "totalen niet af te leiden."
    )


def data_statement(
    gemeente: str | None, export: str | None = None, balance: pd.Series | None = None
) -> str:
    """What this run is based on, for the top of the notebook: synthetic data (export None),
    whose findings illustrate the method and describe no gemeente; or the export of `gemeente`
    with its row balance (reading_report.row_balance), for the analyst's own run."""
    if export is None:
        return (
            "Deze uitvoering draait op SYNTHETISCHE (verzonnen) gegevens, niet op de export van "
            f"een gemeente. Ze zijn gekalibreerd op gepubliceerde cijfers van "
            f"{jeugd_series.GEMEENTE}, maar elke bevinding hieronder beschrijft alleen deze "
            f"verzonnen gegevens en illustreert de methode; over de werkelijke jeugdhulp in "
            f"{jeugd_series.GEMEENTE} zegt ze niets."
        )
    return (
        f"Deze uitvoering draait op de eigen export '{export}' van {gemeente}: "
        f"{balance['rijen in bestand']} rijen in het bestand, waarvan {balance['gebruikt']} "
        f"gebruikt en {balance['afgewezen']} afgewezen (zie het afwijzingsrapport). Deze "
        "aantallen zijn niet afgerond en alleen voor de eigen analyse: ze gaan niet mee naar "
        "de weggeschreven tabellen."
    )


def merged_statement(names: list[str], groups: str) -> str:
    """Which groups (`groups`: their plural, e.g. "categorieën") protected.merge_small_groups()
    merged, by name only: their counts are what is protected."""
    if not names:
        return f"Geen {groups} samengevoegd."
    listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " en " + names[-1]
    return f"Samengevoegd tot „{MERGED_GROUP}”: {listed}."
