"""Run the notebooks headless with papermill and render the review site in reports/.

python -m helpers.run                       # every notebook, default parameters
python -m helpers.run notebooks/x.ipynb -p jaar 2017
    python -m helpers.run notebooks/x.ipynb -g jaar 2017 2018   # batch: one run per value
"""

import argparse
import ast
import html
import itertools
import json
import os
import re
import sys
import traceback
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import nbformat
from tqdm import tqdm

from helpers import paths
from helpers.data import published

SITE_CSS = """
<style>
.grip-run {font-family: sans-serif; background: #f4f6f8; border: 1px solid #d0d7de;
  padding: .6em 1em; margin: 1em auto; max-width: 1100px; font-size: 90%;}
.grip-run table {border-collapse: collapse;} .grip-run td {padding: 0 1em 0 0;}
body.grip-hide-code .jp-CodeCell .jp-Cell-inputWrapper,
body.grip-hide-code .jp-OutputPrompt {display: none;}
</style>
"""
TOGGLE = """
<button id="grip-toggle" onclick="document.body.classList.toggle('grip-hide-code');
 this.textContent = document.body.classList.contains('grip-hide-code') ? 'Toon code' : 'Verberg code';">
Toon code</button>
<script>document.body.classList.add('grip-hide-code');</script>
"""


@dataclass(frozen=True)
class Job:
    notebook: Path
    out_dir: Path
    parameters: dict


@dataclass
class RunResult:
    job: Job
    ok: bool
    started: datetime
    html: Path | None = None
    error: str = ""

    @property
    def name(self) -> str:
        return self.job.notebook.stem


def notebooks(folder: Path = paths.NOTEBOOKS) -> list[Path]:
    return sorted(p for p in folder.glob("*.ipynb") if not p.name.startswith("_"))


def jobs(
    selection: list[Path], out_dir: Path, parameters: dict, grid: dict[str, list] | None = None
) -> list[Job]:
    """One job per notebook; with a grid, one per notebook and combination of grid values, each
    combination in its own folder (e.g. out_dir/jaar-2017_gemeente-Heerlen/)."""
    if not grid:
        return [Job(nb, out_dir, dict(parameters)) for nb in selection]
    names = list(grid)
    result = []
    for values in itertools.product(*(grid[n] for n in names)):
        combination = dict(zip(names, values, strict=True))
        label = "_".join(f"{k}-{v}" for k, v in combination.items())
        result += [Job(nb, out_dir / label, {**parameters, **combination}) for nb in selection]
    return result


def run_one(job: Job) -> RunResult:
    """Execute one notebook with papermill, then render it to HTML (code hidden by default)."""
    import papermill

    started = datetime.now()
    executed = job.out_dir / "executed" / f"{job.notebook.stem}.ipynb"
    executed.parent.mkdir(parents=True, exist_ok=True)
    params = {"output_dir": str(job.out_dir / "tabellen" / job.notebook.stem), **job.parameters}
    try:
        papermill.execute_notebook(
            str(job.notebook),
            str(executed),
            parameters=params,
            kernel_name="python3",
            cwd=str(job.notebook.parent),
            progress_bar=False,
            log_output=False,
            start_timeout=120,
            request_save_on_cell_execute=False,  # one write at the end: much faster for many cells
        )
    except Exception as exc:  # papermill's error carries the notebook's own exception
        reason = (
            getattr(exc, "evalue", None) or "".join(traceback.format_exception_only(exc)).strip()
        )
        ename = getattr(exc, "ename", type(exc).__name__)
        page = render(executed, job.out_dir) if executed.exists() else None
        return RunResult(job, False, started, page, f"{ename}: {reason}")
    return RunResult(job, True, started, render(executed, job.out_dir))


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
        for k, v in {**default_parameters(nb), **meta.get("parameters", {})}.items()
    )
    when = (
        f"uitgevoerd op {datetime.fromisoformat(meta['start_time']):%d-%m-%Y %H:%M}"
        if meta.get("start_time")
        else "opgeslagen uitvoer van de standaardrun"
    )
    header = (
        f'<div class="grip-run"><a href="index.html">← overzicht</a> · {when} · parameters:'
        f"<table>{rows}</table>{TOGGLE}</div>"
    )
    body = body.replace("</head>", SITE_CSS + "</head>", 1)
    body = re.sub(r"(<body[^>]*>)", lambda m: m.group(1) + header, body, count=1)
    target = out_dir / f"{executed.stem}.html"
    target.write_text(body, encoding="utf-8")
    return target


def default_parameters(nb) -> dict:
    """The literals of the cell tagged `parameters`."""
    for cell in nb.cells:
        if "parameters" in cell.metadata.get("tags", []):
            tree = ast.parse(cell.source)
            return {
                target.id: ast.literal_eval(node.value)
                for node in tree.body
                if isinstance(node, ast.Assign)
                for target in node.targets
                if isinstance(target, ast.Name)
            }
    return {}


def render_site(selection: list[Path], out_dir: Path) -> list[RunResult]:
    """Render notebooks as committed (with the outputs of the default run), without executing."""
    out_dir.mkdir(parents=True, exist_ok=True)
    results = [
        RunResult(Job(nb, out_dir, {}), True, datetime.now(), render(nb, out_dir))
        for nb in selection
    ]
    write_index(results, out_dir)
    return results


def _title(notebook: Path) -> str:
    nb = nbformat.read(notebook, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return notebook.stem


def _group(name: str) -> tuple[int, str]:
    """Notebooks named after a published source (e.g. monitor_2018_h2_…) are grouped under it;
    groups are ordered by the source's year, analyses across the sources last."""
    for package in sorted(published.packages(), key=len, reverse=True):
        if name.startswith(package):
            descriptor = published.package(package)
            return descriptor["sources"][0]["year"], descriptor["title"]
    return 9999, "Analyses over de bronnen heen"


def write_index(results: list[RunResult], out_dir: Path) -> Path:
    """The review site's front page: one entry per run, grouped by source, with its parameters,
    the date of the run and, for a failed run, the reason."""
    groups: dict[str, list[str]] = {}
    for result in sorted(
        results, key=lambda r: (r.name, sorted(r.job.parameters.items(), key=str))
    ):
        title = html.escape(_title(result.job.notebook))
        link = (
            f'<a href="{result.html.relative_to(out_dir).as_posix()}">{title}</a>'
            if result.html
            else title
        )
        params = ", ".join(f"{k} = {v!r}" for k, v in result.job.parameters.items())
        meta = f' <span class="meta">{result.started:%d-%m-%Y %H:%M}{" · " + html.escape(params) if params else ""}</span>'
        status = (
            ""
            if result.ok
            else f' <strong class="fout">mislukt: {html.escape(result.error)}</strong>'
        )
        groups.setdefault(_group(result.name), []).append(f"<li>{link}{meta}{status}</li>")
    sections = "".join(
        f"<h2>{html.escape(title)}</h2><ul>{''.join(items)}</ul>"
        for (_year, title), items in sorted(groups.items())
    )
    page = (
        '<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8"><title>Grip op het sociaal domein</title>'
        "<style>body{font-family:sans-serif;max-width:900px;margin:2em auto;line-height:1.5}"
        ".meta{color:#555;font-size:85%}.fout{color:#b00}</style></head><body>"
        "<h1>Grip op het sociaal domein — rapportage</h1>"
        "<p>Elk hoofdstuk is een notebook, uitgevoerd op de standaarddata (gepubliceerde cijfers en "
        "synthetische data) tenzij de parameters anders zeggen. De code staat verborgen en is per pagina "
        "zichtbaar te maken met de knop „Toon code”.</p>"
        f"{sections}</body></html>"
    )
    index = out_dir / "index.html"
    index.write_text(page, encoding="utf-8")
    return index


def run_all(todo: list[Job], out_dir: Path, workers: int = 2) -> list[RunResult]:
    out_dir.mkdir(parents=True, exist_ok=True)
    results = []
    with ProcessPoolExecutor(max_workers=workers) as pool:
        futures = [pool.submit(run_one, job) for job in todo]
        for future in tqdm(as_completed(futures), total=len(futures), desc="notebooks", unit="run"):
            results.append(future.result())
    write_index(results, out_dir)
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
    parser.add_argument(
        "-g",
        "--grid",
        nargs="+",
        action="append",
        default=[],
        metavar=("NAAM", "WAARDE"),
        help="run every notebook once per value (several -g: every combination), each in its own folder",
    )
    parser.add_argument(
        "-o", "--out", type=Path, default=None, help="default: reports/ (reports/batch/ with -g)"
    )
    # one more worker than cores: a worker idles while its kernel starts and while it renders
    parser.add_argument("-j", "--workers", type=int, default=(os.cpu_count() or 1) + 1)
    parser.add_argument(
        "--warm",
        action="store_true",
        help="one notebook, one -g: one warm kernel per worker, no HTML (helpers.batch)",
    )
    return parser.parse_args(argv)


def _value(text: str):
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        return text


def main(argv=None) -> int:
    args = _parse(argv)
    grid = {g[0]: [_value(v) for v in g[1:]] for g in args.grid}
    out = args.out or (paths.REPORTS / "batch" if grid else paths.REPORTS)
    if args.warm:
        return _warm(args, grid, out)
    todo = jobs(args.notebooks or notebooks(), out, {k: _value(v) for k, v in args.parameter}, grid)
    results = run_all(todo, out, args.workers)
    failed = [r for r in results if not r.ok]
    print(
        f"{len(results) - len(failed)} van {len(results)} runs gelukt; site: {out / 'index.html'}"
    )
    for r in failed:
        params = ", ".join(f"{k}={v!r}" for k, v in r.job.parameters.items())
        print(f"MISLUKT {r.name} ({params}): {r.error}", file=sys.stderr)
    return 1 if failed else 0


def _warm(args, grid: dict, out: Path) -> int:
    from helpers import batch

    if len(args.notebooks) != 1 or len(grid) != 1:
        print("--warm: geef één notebook en één -g NAAM WAARDEN …", file=sys.stderr)
        return 2
    started = datetime.now()
    (name, values), fixed = next(iter(grid.items())), {k: _value(v) for k, v in args.parameter}
    results = batch.run(
        args.notebooks[0], out, name, values, fixed, min(args.workers, os.cpu_count() or 1)
    )
    print(batch.summary(results, (datetime.now() - started).total_seconds()))
    return 0 if all(r.ok for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
