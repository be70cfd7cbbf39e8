"""True for any parameters: the visitation notebooks and bronkritiek over every allowed value.

Each notebook runs with papermill for every allowed parameter value (the years of figure 6, both
Iv3 control groups, every source of bronkritiek). What the notebook generates — its printed
sentences, not the citations — must name the chosen values and no other: no year outside the
chosen period, no control group other than the chosen one in the scenario. A value the data do
not cover stops at once with a Dutch message naming what is available.
"""

import re
from itertools import combinations
from pathlib import Path

import nbformat
import pandas as pd
import papermill as pm
import pytest

from helpers.chapters import bijlage2
from helpers.data import crosscheck, published
from helpers.methods import trend

NOTEBOOKS = Path(__file__).parents[1] / "notebooks"
YEARS = sorted(
    int(y) for y in published.load("visitatie_2021/begroting_realisatie").data["jaar"].unique()
)
PERIODS = [(a, b) for a, b in combinations(YEARS, 2) if b - a + 1 >= trend.MIN_POINTS]
SOURCES = [crosscheck.ALL, *published.packages()]

pytestmark = pytest.mark.notebook


def _run(name: str, tmp_path: Path, **parameters) -> nbformat.NotebookNode:
    return pm.execute_notebook(
        NOTEBOOKS / f"{name}.ipynb",
        tmp_path / f"{name}.ipynb",
        parameters=parameters,
        kernel_name="python3",
        progress_bar=False,
        cwd=str(NOTEBOOKS),
    )


def _printed(notebook: nbformat.NotebookNode) -> list[str]:
    """Every printed line of the run except citations (which name documents and their dates)."""
    lines = [
        line
        for cell in notebook.cells
        if cell.cell_type == "code"
        for output in cell.get("outputs", [])
        if output.get("output_type") == "stream" and output.get("name") == "stdout"
        for line in output["text"].splitlines()
    ]
    return [line for line in lines if line.strip() and not line.startswith("Bron:")]


def _no_machine_text(lines: list[str]) -> None:
    text = "\n".join(lines)
    assert "/work/" not in text and ".venv" not in text and "helpers." not in text


@pytest.mark.parametrize(("jaar_van", "jaar_tot"), PERIODS)
def test_figure_6_conclusions_name_only_the_chosen_years(tmp_path, jaar_van, jaar_tot):
    run = _run(
        "visitatie_2021_begroting_realisatie", tmp_path, jaar_van=jaar_van, jaar_tot=jaar_tot
    )
    lines = _printed(run)
    years = {int(y) for line in lines for y in re.findall(r"\b(20\d\d)\b", line)}
    assert years, "the conclusions name the years they are about"
    assert years <= set(range(jaar_van, jaar_tot + 1)), f"years outside the period: {years}"
    n_years = jaar_tot - jaar_van + 1
    assert any(f"Met {n_years} jaarcijfers" in line for line in lines)
    assert any(f"trend over {n_years} jaar" in line for line in lines)
    assert not any(
        f"Met {n} jaarcijfers" in line for line in lines for n in (2, 3, 4, 5) if n != n_years
    )
    _no_machine_text(lines)


def test_figure_6_refuses_a_period_too_short_for_a_trend(tmp_path):
    with pytest.raises(pm.PapermillExecutionError, match="jaar_tot"):
        _run("visitatie_2021_begroting_realisatie", tmp_path, jaar_van=2018, jaar_tot=2019)


@pytest.mark.parametrize("controlegroep", bijlage2.IV3_GROUPS)
def test_bijlage_ii_scenario_names_only_the_chosen_control_group(tmp_path, controlegroep):
    run = _run("visitatie_2021_bijlage2_controlegroepen", tmp_path, controlegroep=controlegroep)
    lines = _printed(run)
    other = next(g for g in bijlage2.IV3_GROUPS if g != controlegroep)
    scenario = [line for line in lines if line.startswith(("Controlegroep:", "Tegenover"))]
    assert scenario and all(controlegroep in line for line in scenario)
    assert not any(other in line for line in scenario)
    # The conclusions are about the chosen gemeente, named as the data name it.
    assert any(line.startswith("Maastricht wijkt het duidelijkst af") for line in lines)
    # Nothing causal from one gemeente.
    assert not any(re.search(r"\b(komt door|veroorzaakt|leidt tot)\b", line) for line in lines)
    _no_machine_text(lines)


def test_bijlage_ii_for_a_gemeente_without_data_stops_with_the_command(tmp_path):
    with pytest.raises(
        pm.PapermillExecutionError, match="make data-cbs GEMEENTE=Heerlen JAAR=2019"
    ):
        _run("visitatie_2021_bijlage2_controlegroepen", tmp_path, gemeente="Heerlen")


@pytest.mark.parametrize("bron", SOURCES)
def test_bronkritiek_shows_only_what_involves_the_chosen_source(tmp_path, bron):
    output_dir = tmp_path / "tabellen"
    run = _run("bronkritiek", tmp_path, bron=bron, output_dir=str(output_dir))
    compared = pd.read_csv(output_dir / "vergelijkingen.csv")
    exceptions = pd.read_csv(output_dir / "inconsistenties_binnen_bronnen.csv")
    if bron == crosscheck.ALL:
        assert set(compared["tabel"].str.split("/").str[0]) >= {"monitor_2018", "visitatie_2021"}
    else:
        involved = compared.groupby("vergelijking")["tabel"].agg(
            lambda t: t.str.startswith(f"{bron}/").any()
        )
        assert involved.all()
        assert exceptions["tabel"].str.startswith(f"{bron}/").all()
    shown = "\n".join(
        output["data"].get("text/plain", "")
        for cell in run.cells
        if cell.cell_type == "code"
        for output in cell.get("outputs", [])
        if "data" in output
    )
    # Sources are shown by their names, never by their folder names (except in the parameters).
    others = [p for p in published.packages() if p != bron]
    assert not any(re.search(rf"^\s*{p}\b", shown, flags=re.MULTILINE) for p in others)
    _no_machine_text(_printed(run))
