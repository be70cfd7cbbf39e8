"""The batch runner and the review site: notebooks run with parameters; a failing notebook is
reported by name, cell and error without stopping the others; the console stays quiet; unchanged
runs are reused and a changed notebook is re-run; pages carry the site's navigation, findings,
contents, figure captions and source notes."""

import json
import os
import subprocess
import sys

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from helpers import paths, run
from helpers.site import cache, chapters, render


def _notebook(path, body: str, title: str, findings: str | None = None):
    nb = new_notebook()
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    params = new_code_cell("jaar = 2018\noutput_dir = None")
    params.metadata["tags"] = ["parameters"]
    nb.cells = [new_markdown_cell(f"# {title}\n\nInleiding."), params, new_code_cell(body)]
    if findings:
        cell = new_code_cell(findings)
        cell.metadata["tags"] = [chapters.FINDINGS_TAG]
        nb.cells += [new_markdown_cell("## Kernbevindingen"), cell]
    nbformat.write(nb, path)
    return path


def _cli(*args, cwd=paths.ROOT):
    """The runner as `make reports` starts it, with what it prints."""
    env = {**os.environ, "PYTHONWARNINGS": "default"}
    return subprocess.run(
        [sys.executable, "-m", "helpers.run", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=600,
    )


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("nb")
    good = _notebook(
        folder / "goed.ipynb",
        "print('het jaar is', jaar)",
        "Een goed hoofdstuk",
        findings="print(f'• Het gekozen jaar is {jaar}.')\nprint('• Een tweede bevinding.')",
    )
    bad = _notebook(
        folder / "fout.ipynb", "raise ValueError(f'geen data voor {jaar}')", "Een fout hoofdstuk"
    )
    out = tmp_path_factory.mktemp("reports")
    done = _cli(good, bad, "-o", out, "-p", "jaar", "2017", "-j", "2")
    return out, done


def test_failure_gives_nonzero_exit_and_the_other_notebook_still_runs(site):
    out, done = site
    assert done.returncode == 1
    assert "het jaar is 2017" in (out / "goed.html").read_text("utf-8")


def test_a_failure_is_one_line_naming_notebook_cell_and_error(site):
    _, done = site
    lines = [line for line in done.stderr.splitlines() if "MISLUKT" in line]
    assert lines == [
        "MISLUKT fout (jaar=2017): cel 3 (raise ValueError(f'geen data voor {jaar}')): "
        "ValueError: geen data voor 2017"
    ]


def test_console_shows_progress_and_summary_but_no_kernel_noise(site):
    _, done = site
    console = done.stdout + done.stderr
    assert "notebooks: 100%" in console
    assert "2 notebooks: 2 uitgevoerd (eerste run), 0 hergebruikt" in done.stdout
    for noise in ("without encryption", "KeyboardInterrupt", "Traceback", "WARNING"):
        assert noise not in console


def test_kernel_output_goes_to_a_log_beside_the_executed_notebook(site):
    out, _ = site
    assert (out / "executed" / "goed.log").exists()


def test_page_has_navigation_findings_and_hidden_code_but_no_parameter_reprs(site):
    out, _ = site
    page = (out / "goed.html").read_text("utf-8")
    assert '<nav class="hoofdstukken"' in page
    assert 'href="goed.html" aria-current="page"' in page and 'href="fout.html"' in page
    assert '<ul class="bevindingen">' in page and "<li>Het gekozen jaar is 2017.</li>" in page
    assert 'class="code-verborgen"' in page and 'id="code-knop"' in page
    assert "Uitgevoerd op" in page
    assert "output_dir" not in page.split('<article class="hoofdstuk"')[0]
    assert str(out) not in page, "a machine path on the page"


def test_index_summarises_each_chapter_and_names_the_failure(site):
    out, _ = site
    index = (out / "index.html").read_text("utf-8")
    assert '<a href="goed.html">Een goed hoofdstuk</a>' in index
    assert "<li>Het gekozen jaar is 2017.</li>" in index
    assert "<li>Een tweede bevinding.</li>" in index
    assert "Mislukt: cel 3" in index and "ValueError: geen data voor 2017" in index
    assert "Analyses over de bronnen heen" in index
    assert "jaar = 2017" in index


def test_pages_load_nothing_from_a_cdn(site):
    for page in site[0].glob("*.html"):
        text = page.read_text("utf-8")
        assert "<script src=" not in text.replace('<script src="rapport-paginas.js">', "")
        assert "<link" not in text
        assert "https://" not in text.split("<article")[0], page.name


def test_report_document_holds_every_chapter_with_its_contents(site):
    out, _ = site
    report = (out / render.REPORT).read_text("utf-8")
    assert report.count('<article class="hoofdstuk"') == 2
    listed = json.loads((out / render.CHAPTERS).read_text("utf-8"))
    assert [c["title"] for c in listed] == ["Een fout hoofdstuk", "Een goed hoofdstuk"]
    assert all(f'href="#{c["anchor"]}"' in report for c in listed)


def test_unchanged_run_is_reused_a_changed_notebook_rerun_and_force_reruns_all(tmp_path):
    nb = _notebook(tmp_path / "hoofdstuk.ipynb", "print('eerste versie')", "H")
    out = tmp_path / "reports"
    assert _cli(nb, "-o", out).returncode == 0
    again = _cli(nb, "-o", out)
    assert "1 notebooks: 0 uitgevoerd, 1 hergebruikt" in again.stdout
    assert "notebooks:" not in again.stderr, "no progress bar when nothing runs"

    changed = nbformat.read(nb, as_version=4)
    changed.cells[0].source = "# H\n\nEen nieuwe inleiding."
    nbformat.write(changed, nb)
    rerun = _cli(nb, "-o", out)
    assert "1 uitgevoerd (gewijzigd: notebook), 0 hergebruikt" in rerun.stdout
    assert "Een nieuwe inleiding." in (out / "hoofdstuk.html").read_text("utf-8")

    forced = _cli(nb, "-o", out, "--force")
    assert "1 uitgevoerd (FORCE=1), 0 hergebruikt" in forced.stdout


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
        page = out / f"jaar-2017_gemeente-{gemeente}" / "hoofdstuk.html"
        text = page.read_text("utf-8")
        assert f"{gemeente} 2017" in text
        assert (
            'href="../index.html"' in text
            and 'href="../jaar-2017_gemeente-A/hoofdstuk.html"' in text
        )
    index = (out / "index.html").read_text("utf-8")
    assert index.count('<article class="samenvatting">') == 4
    assert index.count("AssertionError: geen 2016") == 2
    assert 'href="jaar-2017_gemeente-B/hoofdstuk.html"' in index


# ----- the parts, without a kernel ----------------------------------------------------------


@pytest.mark.parametrize("notebook", run.notebooks(), ids=lambda p: p.stem)
def test_every_notebook_has_one_findings_cell_with_two_or_three_generated_findings(notebook):
    nb = nbformat.read(notebook, as_version=4)
    cells = [c for c in nb.cells if chapters.FINDINGS_TAG in c.metadata.get("tags", [])]
    assert len(cells) == 1, "one code cell tagged 'bevindingen' (notebooks/README.md)"
    assert cells[0].cell_type == "code" and "notebook.findings(" in cells[0].source
    assert 2 <= len(chapters.findings(nb)) <= 3


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


def test_default_parameters_are_the_literals_of_the_parameters_cell(tmp_path):
    nb = nbformat.read(_notebook(tmp_path / "x.ipynb", "pass", "X"), as_version=4)
    assert run.default_parameters(nb) == {"jaar": 2018, "output_dir": None}


def test_notebook_digest_ignores_outputs_but_not_markdown(tmp_path):
    path = _notebook(tmp_path / "x.ipynb", "print(1)", "X")
    before = cache.notebook_digest(path)
    nb = nbformat.read(path, as_version=4)
    nb.cells[2].outputs = [new_output("stream", name="stdout", text="1\n")]
    nb.cells[2].execution_count = 7
    nbformat.write(nb, path)
    assert cache.notebook_digest(path) == before
    nb.cells[0].source += " Meer tekst."
    nbformat.write(nb, path)
    assert cache.notebook_digest(path) != before


def _project(root):
    (root / "src" / "helpers" / "site").mkdir(parents=True)
    (root / "data" / "published").mkdir(parents=True)
    (root / "data" / "raw").mkdir()
    (root / "src" / "helpers" / "methods.py").write_text("x = 1\n")
    (root / "src" / "helpers" / "site" / "render.py").write_text("y = 1\n")
    (root / "data" / "published" / "t.csv").write_text("a\n1\n")
    (root / "requirements.txt").write_text("pandas==3.1.1\n")
    return root


def test_shared_inputs_follow_helpers_data_and_requirements_but_not_site_or_raw(tmp_path):
    root = _project(tmp_path)
    before = cache.shared_inputs(root)
    (root / "src" / "helpers" / "site" / "render.py").write_text("y = 2\n")
    (root / "data" / "raw" / "export.csv").write_text("client_id\n1\n")
    assert cache.shared_inputs(root) == before
    (root / "data" / "external").mkdir()
    (root / "data" / "external" / "cbs.csv").write_text("b\n2\n")
    assert cache.shared_inputs(root)["data"] != before["data"]
    (root / "src" / "helpers" / "methods.py").write_text("x = 2\n")
    assert cache.shared_inputs(root)["helpers"] != before["helpers"]
    (root / "requirements.txt").write_text("pandas==3.1.2\n")
    assert cache.shared_inputs(root)["requirements"] != before["requirements"]


def test_a_run_is_fresh_only_for_the_same_inputs_and_a_success(tmp_path):
    nb = _notebook(tmp_path / "x.ipynb", "pass", "X")
    executed = tmp_path / "executed" / "x.ipynb"
    executed.parent.mkdir()
    executed.write_text("{}")
    key = cache.Key.of(nb, {"jaar": 2017}, {"helpers": "h", "data": "d"})
    assert not cache.is_fresh(executed, key)
    cache.store(executed, key, ok=True, seconds=3.0)
    assert cache.is_fresh(executed, key)
    assert not cache.is_fresh(
        executed, cache.Key.of(nb, {"jaar": 2018}, {"helpers": "h", "data": "d"})
    )
    assert cache.changed(
        executed, cache.Key.of(nb, {"jaar": 2017}, {"helpers": "H", "data": "d"})
    ) == ["helpers"]
    cache.store(executed, key, ok=False, seconds=3.0)
    assert not cache.is_fresh(executed, key), "a failed run is never reused"


def test_a_parameter_naming_a_file_makes_its_content_an_input(tmp_path):
    export = tmp_path / "export.csv"
    export.write_text("a\n1\n")
    first = cache.parameter_files({"data_pad": str(export), "jaar": 2018})
    export.write_text("a\n2\n")
    assert list(first) == ["data_pad"]
    assert cache.parameter_files({"data_pad": str(export)}) != first


def test_notebooks_are_grouped_by_source_in_order_of_publication_and_analyses_last():
    assert chapters.group("draaiknoppen_2017_memo") < chapters.group(
        "monitor_2018_h2_totaaloverzicht"
    )
    assert chapters.group("monitor_2018_h2_totaaloverzicht") < chapters.group(
        "visitatie_2021_begroting_realisatie"
    )
    assert chapters.group("kostendrijvers_jeugd") == chapters.ANALYSES
    assert chapters.group("jeugdhulp_gemeenten_2022") == chapters.ANALYSES
    assert chapters.group("monitor_2018x") == chapters.ANALYSES, "a prefix ends at an underscore"


def test_findings_are_the_printed_lines_of_the_tagged_cell_without_bullets():
    nb = new_notebook()
    cell = new_code_cell("...")
    cell.metadata["tags"] = ["bevindingen"]
    cell.outputs = [new_output("stream", name="stdout", text="• Eerste.\n\n• Tweede.\n")]
    other = new_code_cell("print('geen bevinding')")
    other.outputs = [new_output("stream", name="stdout", text="geen bevinding\n")]
    nb.cells = [other, cell]
    assert chapters.findings(nb) == ["Eerste.", "Tweede."]


def test_sections_carry_the_anchor_nbconvert_gives_the_heading():
    nb = new_notebook()
    nb.cells = [
        new_markdown_cell("# Titel\n\n## 2.1 Indicaties *per* pijler\n\n```\n## geen kop\n```"),
        new_markdown_cell("### Hoeveel is „17%”?"),
    ]
    found = chapters.sections(nb)
    assert [(s.level, s.text) for s in found] == [
        (2, "2.1 Indicaties per pijler"),
        (3, "Hoeveel is „17%”?"),
    ]
    assert found[0].anchor == "2.1-Indicaties-per-pijler"


def test_source_lines_become_notes_under_the_table_that_follows():
    table = new_output("execute_result", data={"text/html": "<table></table>", "text/plain": "t"})
    printed = new_output("stream", name="stdout", text="Bron: A, tabel 1.\nToelichting.\n")
    moved = render.notes_under_tables([printed, table])
    assert [o.get("text", "table") for o in moved] == [
        "Toelichting.\n",
        "table",
        "Bron: A, tabel 1.",
    ]
    assert moved[2]["grip_note"]
    alone = render.notes_under_tables([new_output("stream", name="stdout", text="Bron: B.\n")])
    assert [o["text"] for o in alone] == ["Bron: B."]
