"""helpers.batch: one warm kernel runs a notebook for several values; a failing run does not
stop the others, and every run gets its own folder and parameters."""

from pathlib import Path

import nbformat
import pytest

from helpers import batch

pytestmark = pytest.mark.notebook


@pytest.fixture
def notebook(tmp_path):
    nb = nbformat.v4.new_notebook()
    parameters = nbformat.v4.new_code_cell("x = 1\noutput_dir = None")
    parameters.metadata["tags"] = ["parameters"]
    nb.cells = [
        parameters,
        nbformat.v4.new_code_cell(
            "import pathlib\n"
            "pathlib.Path(output_dir).mkdir(parents=True)\n"
            "pathlib.Path(output_dir, 'y.txt').write_text(str(10 / x))"
        ),
    ]
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    path = tmp_path / "nb" / "toets.ipynb"
    path.parent.mkdir()
    nbformat.write(nb, path)
    return path


def test_each_value_runs_in_its_own_folder_and_a_failure_does_not_stop_the_rest(
    notebook, tmp_path, monkeypatch
):
    monkeypatch.chdir(tmp_path)  # a relative output folder is relative to here, not the notebook
    results = batch.run(notebook, Path("uit"), "x", [1, 0, 4], workers=1)
    out = tmp_path / "uit"
    assert [(r.value, r.ok) for r in results] == [("1", True), ("0", False), ("4", True)]
    assert "ZeroDivisionError" in results[1].error
    assert (out / "x-1" / "tabellen" / "toets" / "y.txt").read_text() == "10.0"
    assert (out / "x-4" / "tabellen" / "toets" / "y.txt").read_text() == "2.5"
    assert (out / "x-0" / "toets.ipynb").exists()  # the failed run's notebook shows the error
    text = batch.summary(results, 12.0)
    assert text.startswith("2 van 3 runs gelukt in 12 s") and "MISLUKT 0: ZeroDivisionError" in text
