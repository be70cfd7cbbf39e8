"""Run the notebooks headless with papermill and render the review site in reports/.

python -m helpers.run                       # every notebook, default parameters
python -m helpers.run notebooks/x.ipynb -p jaar 2017
"""

import argparse
import html
import json
import re
import sys
import traceback
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import nbformat
from tqdm import tqdm

from helpers import paths, published

SITE_CSS = """
<style>
.grip-run {font-family: sans-serif; background: #f4f6f8; border: 1px solid #d0d7de;
  padding: .6em 1em; margin: 1em auto; max-width: 1100px; font-size: 90%;}
.grip-run table {border-collapse: collapse;} .grip-run td {padding: 0 1em 0 0;}
body.grip-hide-code .jp-InputArea, body.grip-hide-code .jp-InputPrompt,
body.grip-hide-code .jp-Cell-inputWrapper .jp-Collapser {display: none;}
</style>
"""
TOGGLE = """
<button id="grip-toggle" onclick="document.body.classList.toggle('grip-hide-code');
 this.textContent = document.body.classList.contains('grip-hide-code') ? 'Toon code' : 'Verberg code';">
Toon code</button>
<script>document.body.classList.add('grip-hide-code');</script>
"""


@dataclass
class RunResult:
    notebook: str
    ok: bool
    html: Path | None = None
    error: str = ""


def notebooks(folder: Path = paths.NOTEBOOKS) -> list[Path]:
    return sorted(p for p in folder.glob("*.ipynb") if not p.name.startswith("_"))


def run_one(notebook: Path, out_dir: Path, parameters: dict) -> RunResult:
    """Execute one notebook with papermill, then render it to HTML (code hidden by default)."""
    import papermill

    name = notebook.stem
    executed = out_dir / "executed" / f"{name}.ipynb"
    executed.parent.mkdir(parents=True, exist_ok=True)
    params = {"output_dir": str(out_dir / "tabellen" / name), **parameters}
    try:
        papermill.execute_notebook(
            str(notebook),
            str(executed),
            parameters=params,
            kernel_name="python3",
            cwd=str(notebook.parent),
            progress_bar=False,
            log_output=False,
        )
    except Exception as exc:  # papermill's error carries the notebook's own exception
        reason = (
            getattr(exc, "evalue", None) or "".join(traceback.format_exception_only(exc)).strip()
        )
        ename = getattr(exc, "ename", type(exc).__name__)
        return RunResult(
            name,
            False,
            render(executed, out_dir) if executed.exists() else None,
            f"{ename}: {reason}",
        )
    return RunResult(name, True, render(executed, out_dir))


def render(executed: Path, out_dir: Path) -> Path:
    """HTML page of an executed notebook with the run's parameters and date on top."""
    from nbconvert import HTMLExporter

    nb = nbformat.read(executed, as_version=4)
    # no CDN: the commission must be able to read the pages offline (tables and charts need no JS)
    exporter = HTMLExporter(
        template_name="lab", mathjax_url="", require_js_url="", widget_renderer_url=""
    )
    body, _ = exporter.from_notebook_node(nb)
    body = re.sub(r'<script src="">\s*</script>', "", body)
    meta = nb.metadata.get("papermill", {})
    rows = "".join(
        f"<tr><td>{html.escape(k)}</td><td><code>{html.escape(repr(v))}</code></td></tr>"
        for k, v in meta.get("parameters", {}).items()
    )
    started = meta.get("start_time") or datetime.now().isoformat()
    header = (
        f'<div class="grip-run"><a href="index.html">← overzicht</a> · uitgevoerd op '
        f"{html.escape(started[:19].replace('T', ' '))} · parameters van deze run:"
        f"<table>{rows}</table>{TOGGLE}</div>"
    )
    body = body.replace("</head>", SITE_CSS + "</head>", 1)
    body = re.sub(r"(<body[^>]*>)", lambda m: m.group(1) + header, body, count=1)
    target = out_dir / f"{executed.stem}.html"
    target.write_text(body, encoding="utf-8")
    return target


def _title(notebook: Path) -> str:
    nb = nbformat.read(notebook, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return notebook.stem


def _group(name: str) -> str:
    """Notebooks named after a published source (e.g. monitor_2018_h2_…) are grouped under it."""
    for package in sorted(published.packages(), key=len, reverse=True):
        if name.startswith(package):
            return json.loads(
                (paths.DATA_PUBLISHED / package / "datapackage.json").read_text("utf-8")
            )["title"]
    return "Analyses over de bronnen heen"


def write_index(results: list[RunResult], sources: dict[str, Path], out_dir: Path) -> Path:
    groups: dict[str, list[str]] = {}
    for result in sorted(results, key=lambda r: r.notebook):
        link = (
            f'<a href="{result.html.name}">{html.escape(_title(sources[result.notebook]))}</a>'
            if result.html
            else html.escape(result.notebook)
        )
        status = (
            ""
            if result.ok
            else f' <strong style="color:#b00">mislukt: {html.escape(result.error)}</strong>'
        )
        groups.setdefault(_group(result.notebook), []).append(f"<li>{link}{status}</li>")
    sections = "".join(
        f"<h2>{html.escape(g)}</h2><ul>{''.join(items)}</ul>" for g, items in sorted(groups.items())
    )
    page = (
        '<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8"><title>Grip op het sociaal domein</title>'
        "<style>body{font-family:sans-serif;max-width:900px;margin:2em auto;line-height:1.5}</style></head><body>"
        "<h1>Grip op het sociaal domein — rapportage</h1>"
        f"<p>Uitgevoerd op {datetime.now():%d-%m-%Y %H:%M}. Elk hoofdstuk is een notebook, uitgevoerd op de "
        "standaarddata (gepubliceerde cijfers en synthetische data); de code staat verborgen en is per pagina "
        "zichtbaar te maken.</p>"
        f"{sections}</body></html>"
    )
    index = out_dir / "index.html"
    index.write_text(page, encoding="utf-8")
    return index


def run_all(
    selection: list[Path], out_dir: Path, parameters: dict, workers: int = 2
) -> list[RunResult]:
    out_dir.mkdir(parents=True, exist_ok=True)
    results = []
    with ProcessPoolExecutor(max_workers=workers) as pool:
        futures = {pool.submit(run_one, nb, out_dir, parameters): nb for nb in selection}
        for future in tqdm(as_completed(futures), total=len(futures), desc="notebooks", unit="nb"):
            results.append(future.result())
    write_index(results, {nb.stem: nb for nb in selection}, out_dir)
    return results


def _parse(argv):
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "notebooks", nargs="*", type=Path, help="default: every notebook in notebooks/"
    )
    parser.add_argument(
        "-p",
        "--parameter",
        nargs=2,
        action="append",
        default=[],
        metavar=("NAAM", "WAARDE"),
        help="parameter for every notebook; the value is read as JSON when possible",
    )
    parser.add_argument("-o", "--out", type=Path, default=paths.REPORTS)
    parser.add_argument("-j", "--workers", type=int, default=2)
    return parser.parse_args(argv)


def _value(text: str):
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        return text


def main(argv=None) -> int:
    args = _parse(argv)
    selection = args.notebooks or notebooks()
    results = run_all(selection, args.out, {k: _value(v) for k, v in args.parameter}, args.workers)
    failed = [r for r in results if not r.ok]
    print(
        f"{len(results) - len(failed)} van {len(results)} notebooks gelukt; site: {args.out / 'index.html'}"
    )
    for r in failed:
        print(f"MISLUKT {r.notebook}: {r.error}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
