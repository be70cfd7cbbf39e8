"""helpers.chapters.kostendrijvers: the answer sentences, the data statement and the parameter
check of the cost-driver chapter, with answers worked out by hand."""

import pandas as pd
import pytest

from helpers.chapters import kostendrijvers as k
from helpers.display import effects
from helpers.methods import decompose
from helpers.microdata import protected
from helpers.notebook import ParameterError

# Effects in euros with units: 1 + (−0,5) + 2 + 3 + 1,5 = 7 mln; prijs = 3 + 1,5.
WITH_UNITS = pd.Series(
    {
        "volume": 1e6,
        "stapeling": -0.5e6,
        "mix": 2e6,
        "intensiteit": 3e6,
        "tarief": 1.5e6,
        "prijs": 4.5e6,
        "totaal": 7e6,
    }
)


WITHOUT_UNITS = pd.Series(
    {"volume": 1e6, "stapeling": 0.5e6, "mix": 0.5e6, "prijs": 2e6, "totaal": 4e6}
)


def test_components_do_not_overlap_and_add_up():
    assert decompose.components(WITH_UNITS).index.to_list() == [
        "volume",
        "stapeling",
        "mix",
        "intensiteit",
        "tarief",
    ]
    assert decompose.components(WITH_UNITS).sum() == WITH_UNITS["totaal"]
    assert decompose.components(WITHOUT_UNITS).index.to_list() == [
        "volume",
        "stapeling",
        "mix",
        "prijs",
    ]


def test_drivers_group_complexity_and_tariff():
    assert k.drivers(WITH_UNITS).to_dict() == {"volume": 1e6, "complexer": 4.5e6, "duurder": 1.5e6}
    assert k.drivers(WITHOUT_UNITS).to_dict() == {"volume": 1e6, "complexer": 1e6, "prijs": 2e6}


def test_answer_with_units_gives_shares_and_the_largest_group():
    text = k.answer(WITH_UNITS, 2018, 2019, k.source(True, None))
    assert text.startswith(
        "Tussen 2018 en 2019 stegen de kosten in de synthetische gegevens met € 7,0 mln. In de "
        "synthetische gegevens komt van die verandering € 1,0 mln"
    )
    # 1/7 = 14%, 4,5/7 = 64%, 1,5/7 = 21%.
    assert "€ 1,0 mln (14%) door het aantal cliënten (volume)" in text
    assert "€ 4,5 mln (64%) door meer, andere of zwaardere hulp per cliënt" in text
    assert "(stapeling, mix, intensiteit)" in text
    assert "€ 1,5 mln (21%) door het tarief per eenheid" in text
    assert text.endswith(
        "Antwoord voor de synthetische gegevens: vooral complexer: meer, zwaardere of langere "
        "hulp per cliënt."
    )


def test_answer_without_units_cannot_tell_heavier_from_dearer():
    text = k.answer(WITHOUT_UNITS, 2017, 2018, k.source(False, "Heerlen"))
    assert "de kosten in de export van Heerlen met" in text
    assert "€ 1,0 mln (25%) door meer, andere of zwaardere hulp per cliënt (stapeling, mix)" in text
    assert "€ 2,0 mln (50%) door de kosten per arrangement" in text
    assert "Antwoord voor de export van Heerlen: vooral duurder per arrangement" in text
    assert "zonder eenheden niet te onderscheiden" in text


def test_answer_omits_shares_when_effects_offset_each_other():
    # A fall of 0,5 mln made of +3 volume and −4 complexer and +0,5 tarief.
    effects = pd.Series(
        {
            "volume": 3e6,
            "stapeling": -1e6,
            "mix": -1e6,
            "intensiteit": -2e6,
            "tarief": 0.5e6,
            "prijs": -1.5e6,
            "totaal": -0.5e6,
        }
    )
    text = k.answer(effects, 2016, 2017, "de synthetische gegevens")
    assert "daalden de kosten in de synthetische gegevens met € 0,5 mln" in text
    assert "%" not in text
    assert "werken tegen elkaar in" in text
    assert text.endswith(
        "Antwoord voor de synthetische gegevens: vooral minder complex: minder, lichtere of "
        "kortere hulp per cliënt."
    )


def test_answer_published_splits_volume_and_cost_per_client():
    effects = pd.Series(
        {"volume": 0.5e6, "stapeling": 0.0, "mix": 0.0, "prijs": -1.7e6, "totaal": -1.2e6}
    )
    text = k.answer_published(effects, 2017, 2018)
    assert text.startswith(
        "Tussen 2017 en 2018 daalde de gepubliceerde realisatie van Maastricht met € 1,2 mln: "
        "€ 0,5 mln door het aantal jeugdigen en € −1,7 mln door de kosten per jeugdige."
    )


def test_data_statement_says_synthetic_or_names_the_export():
    text = k.data_statement(None)
    assert "SYNTHETISCHE" in text and "illustreert de methode" in text
    balance = pd.Series({"rijen in bestand": 10, "gebruikt": 8, "afgewezen": 2})
    text = k.data_statement("Heerlen", "export.csv", balance)
    assert text == (
        "Deze uitvoering draait op de eigen export 'export.csv' van Heerlen: 10 rijen in het "
        "bestand, waarvan 8 gebruikt en 2 afgewezen (zie het afwijzingsrapport). Deze aantallen "
        "zijn niet afgerond en alleen voor de eigen analyse: ze gaan niet mee naar de "
        "weggeschreven tabellen."
    )


@pytest.mark.parametrize(
    ("names", "text"),
    [
        ([], "Geen categorieën samengevoegd."),
        (["b"], f"Samengevoegd tot „{protected.MERGED_GROUP}”: b."),
        (["a", "b", "c"], f"Samengevoegd tot „{protected.MERGED_GROUP}”: a, b en c."),
    ],
)
def test_merged_statement_names_the_groups_only(names, text):
    assert k.merged_statement(names, "categorieën") == text


def test_effects_table_marks_the_split_of_prijs():
    table = effects.effects_table(WITH_UNITS)
    assert table.columns.to_list() == ["effect", "euro", "deel_van", "omschrijving"]
    assert table["omschrijving"].iloc[0] == "Volume (cliënten)"
    # prijs before its two parts, then totaal
    assert table["effect"].to_list() == list(effects.TABLE_ORDER)
    assert effects.TABLE_ORDER.index("prijs") < effects.TABLE_ORDER.index("intensiteit")
    top = table[(table["deel_van"] == "") & (table["effect"] != "totaal")]
    assert top["euro"].sum() == 7e6
    assert table.loc[table["deel_van"] == "prijs", "euro"].sum() == 4.5e6


def test_synthetic_data_belong_to_no_gemeente_and_show_the_published_figures():
    assert k.check_gemeente(None, None) is True
    with pytest.raises(ParameterError, match="synthetische gegevens, die bij geen gemeente"):
        k.check_gemeente("Maastricht", None)


@pytest.mark.parametrize("gemeente", [None, "", "  "])
def test_an_own_export_requires_its_gemeente(gemeente):
    with pytest.raises(ParameterError, match="parameter gemeente verplicht"):
        k.check_gemeente(gemeente, "data/raw/export.csv")


def test_published_maastricht_figures_only_on_maastrichts_own_export():
    assert k.check_gemeente("Maastricht", "data/raw/export.csv") is True
    assert k.check_gemeente("Heerlen", "data/raw/export.csv") is False
    assert "Heerlen" in k.published_omitted("Heerlen")
