"""Jeugdhulp per gemeente: the chapter helpers on the recorded CBS data, and the notebook end to
end with papermill for gemeenten with an apostrophe, with diacritics, a tiny one with secret
cells, and an unknown name."""

from pathlib import Path

import pandas as pd
import papermill as pm
import pytest

from helpers.chapters import jeugdhulp_gemeenten as jg
from helpers.data import jeugdzorg
from helpers.notebook import ParameterError

NOTEBOOK = Path(__file__).parents[1] / "notebooks" / "jeugdhulp_gemeenten_2022.ipynb"


def test_unknown_and_ambiguous_names_stop_with_candidates():
    with pytest.raises(ParameterError, match="Maastricht"):
        jg.gemeente_code("Maastrict")
    with pytest.raises(ParameterError, match="niet eenduidig"):
        jg.gemeente_code("Bergen")
    assert jg.gemeente_code("Súdwest-Fryslân") == "GM1900"


def test_unknown_group_kind_stops():
    with pytest.raises(ParameterError, match="groepen"):
        jg.groepen("GM0935", ["buurt"])


def test_nederland_is_the_cbs_figure_and_groups_are_pooled():
    groups = jg.groepen("GM0935", ["jeugdzorgregio"])
    table = jg.indicatoren("GM0935", groups)
    assert table.loc["Nederland", "jeugdhulp"] == 13.2
    assert table.loc["Maastricht", "jeugdhulp"] == 17.1
    region = table.loc["jeugdzorgregio: Zuid-Limburg", "jeugdhulp"]
    rates = jeugdzorg.indicatoren_2022()["jeugdhulp"].reindex(
        groups["jeugdzorgregio: Zuid-Limburg"]
    )
    assert rates.min() <= region <= rates.max()


def test_indicatoren_csv_has_the_agreed_columns_and_names():
    table = jg.indicatoren("GM0088", jg.groepen("GM0088", ["provincie"]))
    csv = jg.indicatoren_csv(table)
    assert list(csv.columns) == ["regio", "indicator", "waarde"]
    assert set(csv["indicator"]) == set(jeugdzorg.NAMES)
    own = csv[csv["regio"] == "Schiermonnikoog"].set_index("indicator")["waarde"]
    assert own["jeugdhulp"] == 11.4 and own.drop("jeugdhulp").isna().all()


def test_text_for_a_tiny_gemeente_says_geheim_and_never_zero():
    code = "GM0088"
    table = jg.indicatoren(code, jg.groepen(code, jg.GROEPEN))
    text = jg.verhaal(code, table, jg.rang(code), jg.posities(code))
    assert text.count("geheim") == 4 and "0,0%" not in text
    assert "kleiner dan wat bij dit aantal jongeren door toeval" in text  # 11,4% vs 13,2%
    mix = jg.samenstelling(code, jg.groepen(code, []), jeugdzorg.VERWIJZERS, "trajecten")
    assert mix.loc["Schiermonnikoog", "gemeentelijke_toegang"] == 50.0  # 10 of 20
    assert mix.loc["Schiermonnikoog", ["huisarts", "jeugdarts"]].isna().all()
    assert "geheim" in jg.verhaal_samenstelling(mix, jeugdzorg.LABELS)


def test_text_for_maastricht_follows_its_funnel_positions():
    code = "GM0935"
    table = jg.indicatoren(code, jg.groepen(code, []))
    positions = jg.posities(code)
    text = jg.verhaal(code, table, jg.rang(code), positions)
    assert positions["jeugdhulp"] == "boven de 99,8%-grens"
    assert "17,1%, hoger dan Nederland (13,2%); het percentage ligt boven de 99,8%-grens" in text
    assert "Rang 17 van 345" in text


def test_monitor_and_bijlage_ii_only_for_maastricht():
    groups = jg.groepen("GM0935", [])
    mix = jg.samenstelling("GM0935", groups, jeugdzorg.VERWIJZERS, "trajecten")
    monitor = jg.monitor_2018("GM0935", mix)
    assert monitor["Monitor 2018 (%)"].tolist() == [47, 27, 11, 8]
    assert jg.monitor_2018("GM0917", mix) is None
    bijlage = jg.bijlage2("GM0935", jg.kengetallen("GM0935", groups))
    assert bijlage.loc["inwoners", "Bijlage II"] == 118_636
    assert bijlage.loc["inwoners", "CBS"] == 121_151
    assert jg.bijlage2("GM0917", None) is None


def test_a_gemeente_formed_in_2022_gets_its_predecessors_counts():
    table = jg.ontwikkeling("GM1980")  # Dijk en Waard = Heerhugowaard + Langedijk
    counts = jeugdzorg.jongeren(2021)["jongeren"]
    assert table.loc["jongeren met jeugdzorg", 2021] == counts["GM0398"] + counts["GM0416"]
    assert pd.isna(table.loc["jongeren met jeugdhulp (%)", 2021])


def run(tmp_path: Path, gemeente: str) -> Path:
    output_dir = tmp_path / "tabellen"
    tmp_path.mkdir(parents=True, exist_ok=True)
    pm.execute_notebook(
        NOTEBOOK,
        tmp_path / "uitvoer.ipynb",
        parameters={"gemeente": gemeente, "output_dir": str(output_dir)},
        kernel_name="python3",
        cwd=str(NOTEBOOK.parent),
        progress_bar=False,
    )
    return output_dir


@pytest.mark.notebook
def test_notebook_runs_for_a_name_with_an_apostrophe(tmp_path):
    output_dir = run(tmp_path, "’s-Hertogenbosch")
    csv = pd.read_csv(output_dir / "indicatoren.csv")
    assert list(csv.columns) == ["regio", "indicator", "waarde"]
    assert "'s-Hertogenbosch" in set(csv["regio"]) and "Nederland" in set(csv["regio"])
    for name in ("rang", "verwijzers", "leeftijd", "huishouden", "ontwikkeling", "kengetallen"):
        assert (output_dir / f"{name}.csv").exists()


@pytest.mark.notebook
def test_notebook_for_a_tiny_gemeente_shows_secret_cells_as_geheim(tmp_path):
    output_dir = run(tmp_path, "Schiermonnikoog")
    csv = pd.read_csv(output_dir / "indicatoren.csv")
    own = csv[csv["regio"] == "Schiermonnikoog"].set_index("indicator")["waarde"]
    assert own.isna().sum() == 4 and (own.dropna() > 0).all()
    executed = (tmp_path / "uitvoer.ipynb").read_text(encoding="utf-8")
    assert "geheim" in executed


@pytest.mark.notebook
def test_notebook_with_diacritics_and_the_unknown_name_stop(tmp_path):
    output_dir = run(tmp_path / "a", "Sudwest-Fryslan")
    assert "Súdwest-Fryslân" in set(pd.read_csv(output_dir / "indicatoren.csv")["regio"])
    with pytest.raises(pm.PapermillExecutionError, match="niet gevonden; bedoelt u"):
        run(tmp_path / "b", "Maastrict")
