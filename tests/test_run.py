"""The batch runner: executes notebooks with parameters, renders pages and an index, and reports
a failing notebook by name and reason without stopping the others."""

import re

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from helpers import run


def _notebook(path, body: str, title: str):
    nb = new_notebook()
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    params = new_code_cell("jaar = 2018\noutput_dir = None")
    params.metadata["tags"] = ["parameters"]
    nb.cells = [new_markdown_cell(f"# {title}"), params, new_code_cell(body)]
    nbformat.write(nb, path)
    return path


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("nb")
    good = _notebook(folder / "goed.ipynb", "print('het jaar is', jaar)", "Een goed hoofdstuk")
    bad = _notebook(
        folder / "fout.ipynb", "raise ValueError(f'geen data voor {jaar}')", "Een fout hoofdstuk"
    )
    out = tmp_path_factory.mktemp("reports")
    code = run.main([str(good), str(bad), "-o", str(out), "-p", "jaar", "2017", "-j", "2"])
    return out, code


def test_failure_gives_nonzero_exit_and_the_other_notebook_still_runs(site):
    out, code = site
    assert code == 1
    assert (out / "goed.html").exists()
    page = (out / "goed.html").read_text("utf-8")
    assert "het jaar is 2017" in page


def test_page_shows_parameters_and_hides_code_by_default(site):
    page = (site[0] / "goed.html").read_text("utf-8")
    assert "uitgevoerd op" in page
    assert "<td>jaar</td><td><code>2017</code></td>" in page
    assert "<td>output_dir</td>" in page
    assert "grip-hide-code" in page and "Toon code" in page


def test_index_links_pages_with_parameters_and_names_the_failure(site):
    index = (site[0] / "index.html").read_text("utf-8")
    assert '<a href="goed.html">Een goed hoofdstuk</a>' in index
    assert "jaar = 2017" in index
    assert "mislukt: ValueError: geen data voor 2017" in index


def test_batch_runs_each_combination_in_its_own_folder(tmp_path):
    nb = _notebook(
        tmp_path / "hoofdstuk.ipynb", "assert jaar != 2016, 'geen 2016'\nprint(gemeente, jaar)", "H"
    )
    # the parameters cell of the fixture has no gemeente: papermill injects it anyway
    out = tmp_path / "batch"
    code = run.main(
        [str(nb), "-o", str(out), "-g", "jaar", "2016", "2017", "-g", "gemeente", "A", "B"]
    )
    assert code == 1
    for gemeente in "AB":
        assert f"{gemeente} 2017" in (
            out / f"jaar-2017_gemeente-{gemeente}" / "hoofdstuk.html"
        ).read_text("utf-8")
    index = (out / "index.html").read_text("utf-8")
    assert index.count("<li>") == 4
    assert index.count("mislukt: AssertionError: geen 2016") == 2
    assert 'href="jaar-2017_gemeente-B/hoofdstuk.html"' in index


def test_jobs_without_grid_keep_one_folder(tmp_path):
    todo = run.jobs([tmp_path / "a.ipynb", tmp_path / "b.ipynb"], tmp_path, {"jaar": 2018})
    assert [(j.notebook.name, j.out_dir, j.parameters) for j in todo] == [
        ("a.ipynb", tmp_path, {"jaar": 2018}),
        ("b.ipynb", tmp_path, {"jaar": 2018}),
    ]


def test_parameter_values_are_read_as_json_when_possible():
    assert run._value("2017") == 2017
    assert run._value("null") is None
    assert run._value("Maastricht") == "Maastricht"


def test_pages_load_nothing_from_a_cdn(site):
    page = (site[0] / "goed.html").read_text("utf-8")
    assert not re.search(r'<(script|link)[^>]+(src|href)="https?://', page)
    assert '<script src=""' not in page


def test_default_parameters_are_the_literals_of_the_parameters_cell(tmp_path):
    nb = nbformat.read(_notebook(tmp_path / "x.ipynb", "pass", "X"), as_version=4)
    assert run.default_parameters(nb) == {"jaar": 2018, "output_dir": None}


def test_index_orders_sources_by_year_and_analyses_last():
    assert run._group("draaiknoppen_2017_memo") < run._group("monitor_2018_h2_totaaloverzicht")
    assert run._group("monitor_2018_h2_totaaloverzicht") < run._group(
        "visitatie_2021_begroting_realisatie"
    )
    assert run._group("kostendrijvers_jeugd") == (9999, "Analyses over de bronnen heen")
