"""The committed monitor 2018 chapter notebooks read as Dutch for a reader: no snake_case headers,
no object reprs, nothing on stderr, no truncated cells."""

import re
from pathlib import Path

import nbformat
import pytest

NOTEBOOKS = sorted(Path(__file__).parents[1].joinpath("notebooks").glob("monitor_2018_h*.ipynb"))
HEADER = re.compile(r"<th[^>]*>(.*?)</th>", re.S)
ADDRESS = re.compile(r"0x[0-9a-f]{6,}")
# Parameter names are what a user passes to papermill (-p output_dir ...): shown as they are.
PARAMETERS = {"gemeente", "jaar", "output_dir"}


def outputs(path: Path):
    for cell in nbformat.read(path, as_version=4).cells:
        yield from cell.get("outputs", [])


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_table_headers_have_no_code_names(path):
    headers = {
        h.strip()
        for out in outputs(path)
        for h in HEADER.findall(out.get("data", {}).get("text/html", ""))
    }
    assert headers, "geen tabellen gevonden"
    assert not [h for h in headers - PARAMETERS if "_" in h]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_no_reprs_stderr_or_truncation(path):
    for out in outputs(path):
        assert not (out.output_type == "stream" and out.name == "stderr"), out.text
        html = out.get("data", {}).get("text/html", "")
        plain = out.get("data", {}).get("text/plain", "")
        assert not ADDRESS.search(plain) and "<Axes" not in plain and plain != "[]"
        assert "..." not in html, "afgekapte tekst in een tabel"
