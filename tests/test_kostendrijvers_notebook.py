"""notebooks/kostendrijvers_jeugd.ipynb end to end with papermill: the decomposition it writes
adds up and equals the change in cost computed independently from the same data; it runs for
other years and on a real-format export; years outside the data stop it at once."""

from pathlib import Path

import pandas as pd
import papermill as pm
import pytest

from helpers.microdata import synthetic

NOTEBOOK = Path(__file__).parents[1] / "notebooks" / "kostendrijvers_jeugd.ipynb"

pytestmark = pytest.mark.notebook


def run(tmp_path: Path, **parameters) -> Path:
    output_dir = tmp_path / "tabellen"
    pm.execute_notebook(
        NOTEBOOK,
        tmp_path / "uitvoer.ipynb",
        parameters={"output_dir": str(output_dir), **parameters},
        kernel_name="python3",
        cwd=str(NOTEBOOK.parent),
        progress_bar=False,
    )
    return output_dir


def change_in_cost(data: pd.DataFrame, jaar_van: int, jaar_tot: int) -> float:
    per_year = data.groupby("jaar")["kosten"].sum()
    return per_year[jaar_tot] - per_year[jaar_van]


def check_decomposition(output_dir: Path, expected_change: float) -> pd.DataFrame:
    table = pd.read_csv(output_dir / "decompositie.csv", keep_default_na=False)
    assert table.columns[:2].to_list() == ["effect", "euro"]
    effects = table.set_index("effect")["euro"]
    assert effects.index.to_list() == [
        "volume",
        "stapeling",
        "mix",
        "prijs",
        "intensiteit",
        "tarief",
        "totaal",
    ]
    total = effects["totaal"]
    assert total == pytest.approx(expected_change, abs=0.01)
    top_level = effects[["volume", "stapeling", "mix", "prijs"]].sum()
    with_units = effects[["volume", "stapeling", "mix", "intensiteit", "tarief"]].sum()
    assert top_level == pytest.approx(total, abs=0.01)
    assert with_units == pytest.approx(total, abs=0.01)
    assert set(table.loc[table["deel_van"] == "prijs", "effect"]) == {"intensiteit", "tarief"}
    return table


def test_default_run_writes_a_decomposition_that_adds_up(tmp_path):
    output_dir = run(tmp_path)
    data = synthetic.generate(seed=2019)
    check_decomposition(output_dir, change_in_cost(data, 2018, 2019))
    per_category = pd.read_csv(output_dir / "effecten_per_categorie.csv", index_col="categorie")
    assert per_category["totaal"].sum() == pytest.approx(change_in_cost(data, 2018, 2019), abs=0.01)
    chained = pd.read_csv(output_dir / "effecten_keten.csv", index_col="periode")
    assert chained.loc["totaal 2015→2019", "totaal"] == pytest.approx(
        change_in_cost(data, 2015, 2019), abs=0.01
    )
    # Counts from client-level data are disclosure-controlled: multiples of 5.
    flows = pd.read_csv(output_dir / "stromen.csv", index_col="jaar")
    assert (flows["clienten"] % 5 == 0).all()


def test_runs_for_another_pair_of_years(tmp_path):
    output_dir = run(tmp_path, jaar_van=2016, jaar_tot=2019)
    check_decomposition(output_dir, change_in_cost(synthetic.generate(seed=2019), 2016, 2019))


def test_runs_on_a_real_format_export(tmp_path):
    export = synthetic.generate(scale=0.05)
    path = tmp_path / "export.csv"
    export.to_csv(path, sep=";", index=False)
    output_dir = run(tmp_path, data_pad=str(path), gemeente="Heerlen")
    check_decomposition(output_dir, change_in_cost(export, 2018, 2019))
    executed = (tmp_path / "uitvoer.ipynb").read_text(encoding="utf-8")
    assert "eigen export 'export.csv' van Heerlen" in executed
    assert "de kosten in de export van Heerlen met" in executed
    assert "SYNTHETISCHE" not in executed
    assert not (output_dir / "gepubliceerd.csv").exists()


def test_an_own_export_without_gemeente_stops_at_once(tmp_path):
    path = tmp_path / "export.csv"
    synthetic.generate(scale=0.02).to_csv(path, sep=";", index=False)
    with pytest.raises(pm.PapermillExecutionError, match="parameter gemeente verplicht"):
        run(tmp_path, data_pad=str(path))


def test_synthetic_data_belong_to_no_gemeente(tmp_path):
    with pytest.raises(pm.PapermillExecutionError, match="synthetische gegevens, die bij geen"):
        run(tmp_path, gemeente="Heerlen")


def test_years_outside_the_data_stop_at_once_naming_the_available_years(tmp_path):
    with pytest.raises(pm.PapermillExecutionError, match=r"2015, 2016, 2017, 2018, 2019"):
        run(tmp_path, jaar_van=2012)
