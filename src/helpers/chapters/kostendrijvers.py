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
from helpers.notebook import ParameterError

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


def check_gemeente(gemeente: str | None, data_pad: str | None) -> bool:
    """Stop at once (notebook.ParameterError) unless `gemeente` fits the data: synthetic data
    (data_pad None) belongs to no gemeente, so gemeente stays None; an own export needs the name
    of its gemeente, which has no default, so an export is never shown as Maastricht's. Returns
    whether the published figures of jeugd_series.GEMEENTE belong on this page: with synthetic
    data (calibrated to them) and with that gemeente's own export, never with another's."""
    if data_pad is None:
        if gemeente is not None:
            raise ParameterError(
                f"Parameter gemeente={gemeente!r} hoort bij een eigen export: zonder export "
                "draait dit hoofdstuk op synthetische gegevens, die bij geen gemeente horen. Laat "
                "gemeente leeg (None) of geef ook het pad naar de export op (data_pad)."
            )
        return True
    if not isinstance(gemeente, str) or not gemeente.strip():
        raise ParameterError(
            "Bij een eigen export (data_pad) is de parameter gemeente verplicht: geef de naam "
            "van de gemeente van de export op, bijvoorbeeld -r gemeente Heerlen. Er is bewust "
            "geen standaardwaarde, zodat een export nooit als die van een andere gemeente wordt "
            "getoond."
        )
    return gemeente.strip() == jeugd_series.GEMEENTE


def published_omitted(gemeente: str) -> str:
    """Why the published section is empty on the page of another gemeente's export."""
    return (
        f"De gepubliceerde cijfers in dit deel gaan over {jeugd_series.GEMEENTE}; bij de export "
        f"van {gemeente} worden ze niet getoond en niet weggeschreven."
    )


PUBLISHED_CAVEATS = (
    "Kanttekeningen bij deze gepubliceerde reeks van Maastricht:\n"
    "1. Verschillende cliëntbegrippen. Voor 2015 en 2016 noemt de memo draaiknoppen alleen "
    "ZiN-cliënten (zonder PGB); de Monitor 2018 noemt alle jeugdigen met jeugdhulp (2.865 in "
    "2018, +1,6%). Het aantal voor 2017 is daaruit afgeleid (2.865 / 1,016; door de afronding "
    "van 1,6% ±1,4) en niet gedrukt. De stap 2016→2017 vergelijkt dus ZiN-cliënten met alle "
    "jeugdigen: het volume-effect is daar te groot en de kosten per jeugdige dalen daardoor "
    "schijnbaar. Alleen 2017→2018 vergelijkt hetzelfde begrip.\n"
    "2. Geen cliëntaantal voor 2019. Geen van de bronnen geeft het aantal jeugdigen in 2019; de "
    "sterke stijging van de realisatie in 2019 kan hier dus niet worden ontleed. Er wordt niets "
    "bijgeschat.\n"
    "3. Verschillende realisatiebegrippen. De visitatie en de Monitor 2018 rapporteren "
    "verschillende bedragen voor hetzelfde jaar (tabel hieronder): de visitatie laat 2017→2018 "
    "een daling zien, de Monitor een lichte stijging. De ontleding gebruikt de visitatiereeks, "
    "omdat alleen die 2016–2019 dekt. De bronnen lichten het verschil niet toe; de cijfers staan "
    "hier zoals gedrukt."
)
