"""True for any parameters: the chapter notebooks run over their other allowed parameter values,
and every conclusion they generate (a ``narrative.Conclusion``) names the chosen value of each
parameter it is about and no other allowed value of it.

The default run is the committed notebook (nbval re-executes it); its stored conclusions are
checked here without running it again. The other values are run with papermill, once each.
Allowed values come from the data, as in the notebooks' own parameter checks.
"""

import itertools
from pathlib import Path

import nbformat
import papermill as pm
import pytest

from helpers import paths, run
from helpers.chapters import armoede
from helpers.data import published

pytestmark = pytest.mark.notebook


def _years(table_id: str, **selector) -> list[int]:
    table = published.load(table_id)
    return sorted(int(year) for year in table.select(**selector)["jaar"].unique())


def _allowed() -> dict[str, dict[str, list]]:
    """Per notebook: every parameter whose value the data limits, and its allowed values."""
    realisatie = {"stand": "realisatie"}
    visitatie = _years("visitatie_2021/begroting_realisatie")
    tekort = _years("draaiknoppen_2017/financien", grootheid="tekort")
    plan = sorted(published.load("wmo_plan_2024/begroting_taakvelden").data["jaar"].unique())
    reeksen = armoede.indicator_series(
        *(
            published.load(t).data
            for t in (
                "draaiknoppen_2017/armoede_huishoudens",
                "draaiknoppen_2017/armoede_kerncijfers",
                "armoede_aanvalsplan/armoede_indicator",
                "visitatie_2021/kengetallen",
            )
        )
    )
    return {
        "monitor_2018_h2_totaaloverzicht": {
            "jaar": _years("monitor_2018/financien_pijlers", **realisatie)
        },
        "monitor_2018_h3_jeugd": {"jaar": _years("monitor_2018/financien_jeugd", **realisatie)},
        "monitor_2018_h4_onderwijs": {
            "jaar": _years("monitor_2018/financien_onderwijs", **realisatie)
        },
        "monitor_2018_h5_wmo": {"jaar": _years("monitor_2018/financien_wmo", **realisatie)},
        "monitor_2018_h6_participatie_schuldhulp": {
            "jaar": _years("monitor_2018/financien_participatie", **realisatie)
        },
        "draaiknoppen_2017_memo": {
            "jaar_van": tekort,
            "taakstelling_jaar": _years("monitor_2018/financien_pijlers", pijler="Draaiknoppen"),
            "jaar_tot": [y for y in visitatie if y > min(tekort)],
        },
        "armoede_aanvalsplan": {
            "budgetjaar": _years("armoede_aanvalsplan/armoedebudget_2018"),
            "doeljaar": list(range(int(reeksen["jaar"].max()) + 1, 2051)),
        },
        "wmo_plan_2024_begroting": {
            "jaar_van": [int(y) for y in plan[:-1]],
            "jaar_tot": [int(y) for y in plan[1:]],
        },
    }


ALLOWED = _allowed()
# armoede: the doeljaar may be any year up to 2050; one other value is enough to show the text
# follows it (the conclusions are checked against all allowed years all the same).
SAMPLES = {"armoede_aanvalsplan": {"doeljaar": [2040]}}


def _defaults(name: str) -> dict:
    return run.default_parameters(nbformat.read(paths.NOTEBOOKS / f"{name}.ipynb", as_version=4))


def _combinations(name: str) -> list[dict]:
    """Every allowed combination other than the default one (jaar_tot after jaar_van)."""
    defaults = _defaults(name)
    values = {p: SAMPLES.get(name, {}).get(p, v) for p, v in ALLOWED[name].items()}
    values = {p: sorted(set(v) | {defaults[p]}) for p, v in values.items()}
    out = []
    for combination in itertools.product(*values.values()):
        chosen = dict(zip(values, combination, strict=True))
        if chosen.get("jaar_tot", 1) <= chosen.get("jaar_van", 0):
            continue
        if all(chosen[p] == defaults[p] for p in chosen):
            continue
        out.append(chosen)
    return out


RUNS = [(name, chosen) for name in ALLOWED for chosen in _combinations(name)]


def _conclusions(notebook) -> list[tuple[str, dict]]:
    """(text, parameters it is about) of every generated conclusion in the outputs."""
    found = []
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            over = output.get("metadata", {}).get("text/markdown", {}).get("conclusie_over")
            if over is not None:
                found.append((output["data"]["text/markdown"], over))
    return found


def _check(name: str, notebook, chosen: dict) -> None:
    conclusions = _conclusions(notebook)
    assert conclusions, f"{name}: no generated conclusion found"
    for text, over in conclusions:
        for parameter, value in over.items():
            assert value == chosen[parameter], (name, parameter, value, chosen)
            assert str(value) in text, f"{name}: '{text}' does not name {parameter}={value}"
            # another parameter's chosen value may be named (jaar_tot 2025 when jaar_van is 2024)
            chosen_here = {str(v) for v in over.values()}
            others = [v for v in ALLOWED[name][parameter] if str(v) not in chosen_here]
            named = [v for v in others if str(v) in text]
            assert not named, f"{name}: '{text}' names {parameter}={named}, chosen is {value}"


@pytest.mark.parametrize("name", list(ALLOWED))
def test_committed_default_run_names_its_own_values(name):
    notebook = nbformat.read(paths.NOTEBOOKS / f"{name}.ipynb", as_version=4)
    _check(name, notebook, _defaults(name))


@pytest.mark.parametrize(
    ("name", "chosen"), RUNS, ids=[f"{n}-{'-'.join(map(str, c.values()))}" for n, c in RUNS]
)
def test_other_parameter_values_run_and_name_only_the_chosen_values(name, chosen, tmp_path):
    notebook_path = paths.NOTEBOOKS / f"{name}.ipynb"
    executed = pm.execute_notebook(
        notebook_path,
        tmp_path / f"{name}.ipynb",
        parameters=chosen,
        kernel_name="python3",
        cwd=str(Path(notebook_path).parent),
        progress_bar=False,
    )
    _check(name, executed, {**_defaults(name), **chosen})


def test_every_chapter_with_a_parameter_is_swept():
    assert {name for name, _ in RUNS} == set(ALLOWED)
