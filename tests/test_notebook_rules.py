"""The conventions of notebooks/README.md, checked on every committed notebook (static, fast)."""

import ast
import re

import nbformat
import pytest

from helpers import paths, run
from helpers.data import published

NOTEBOOKS = run.notebooks()


def _cells(notebook):
    return nbformat.read(notebook, as_version=4).cells


def _code(cell) -> str:
    return "\n".join(
        line for line in cell.source.splitlines() if not line.lstrip().startswith(("%", "!"))
    )


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_first_code_cell_is_the_parameters_cell_with_literals_only(notebook):
    first = next(c for c in _cells(notebook) if c.cell_type == "code")
    assert "parameters" in first.metadata.get("tags", []), (
        "first code cell must be tagged 'parameters'"
    )
    for node in ast.parse(first.source).body:
        assert isinstance(node, ast.Assign), (
            f"only assignments in the parameters cell: {ast.unparse(node)}"
        )
        ast.literal_eval(node.value)  # raises for anything but a literal
    assert "output_dir" in run.default_parameters(nbformat.read(notebook, as_version=4))


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_readme_lists_the_notebook_with_its_parameters(notebook):
    readme = (paths.ROOT / "README.md").read_text(encoding="utf-8")
    row = next((r for r in readme.splitlines() if r.startswith(f"| `{notebook.stem}` |")), None)
    assert row, "add the notebook to the table under 'The notebooks' in README.md"
    parameters = run.default_parameters(nbformat.read(notebook, as_version=4))
    listed = row.rstrip(" |").rsplit(" | ", 1)[-1]
    assert not [p for p in parameters if p != "output_dir" and f"`{p}`" not in listed]


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_no_functions_classes_or_lambdas_in_a_notebook(notebook):
    for cell in _cells(notebook):
        if cell.cell_type == "code":
            for node in ast.walk(ast.parse(_code(cell))):
                assert not isinstance(
                    node, ast.FunctionDef | ast.ClassDef | ast.Lambda | ast.AsyncFunctionDef
                ), f"move this to src/helpers/: {cell.source[:80]!r}"


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_committed_with_clean_outputs_of_the_default_run(notebook):
    cells = _cells(notebook)
    assert cells[0].cell_type == "markdown" and cells[0].source.startswith("# "), (
        "starts with a title"
    )
    outputs = [o for c in cells if c.cell_type == "code" for o in c.get("outputs", [])]
    assert outputs, "committed without outputs: nbval would check nothing"
    assert not [o for o in outputs if o["output_type"] == "error"]
    assert not [o for o in outputs if o.get("name") == "stderr"], "warnings or errors on stderr"
    # a chart's text/plain alternative ("<Figure size …>") is not shown when the image is
    texts = [o for o in outputs if "image/png" not in o.get("data", {})]
    shown = "".join(str(o.get("data", {}).get("text/plain", "")) + o.get("text", "") for o in texts)
    assert not re.search(r"<(matplotlib|Axes|Figure)[^>]*>|0x[0-9a-f]{8}", shown), (
        "object reprs in the output"
    )


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_published_table_a_notebook_loads_exists(notebook):
    known = set(published.table_ids())
    source = "".join(c.source for c in _cells(notebook) if c.cell_type == "code")
    for table_id in re.findall(r"published\.load\(\s*[\"']([^\"']+)[\"']", source):
        assert table_id in known, table_id
