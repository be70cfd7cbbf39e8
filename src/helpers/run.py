"""Run the notebooks headless with papermill and render the review site in reports/.

python -m helpers.run                       # every notebook; unchanged runs are reused
python -m helpers.run --force               # re-run every notebook (make reports FORCE=1)
python -m helpers.run notebooks/x.ipynb -p jaar 2017 -o reports/jaar2017
python -m helpers.run notebooks/x.ipynb -g jaar 2017 2018   # batch: one run per value

A run is reused when nothing it depends on changed (helpers.site.cache). The console shows a
progress bar, one line per failed run (notebook, cell, error) and a summary; what the kernels
print (warnings, shutdown messages) goes to a log beside each executed notebook.
"""

import argparse
import ast
import itertools
import json
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from tqdm import tqdm

from helpers import forkkernel, paths
from helpers.site import cache, render

INPUT_NAMES = {"parameter_files": "gegevensbestand", "python": "Python"}


@dataclass(frozen=True)
class Job:
    notebook: Path
    out_dir: Path
    parameters: dict

    @property
    def name(self) -> str:
        return self.notebook.stem

    @property
    def executed(self) -> Path:
        return self.out_dir / "executed" / f"{self.name}.ipynb"

    @property
    def page(self) -> Path:
        return self.out_dir / f"{self.name}.html"

    @property
    def tables(self) -> Path:
        return self.out_dir / "tabellen" / self.name


@dataclass
class RunResult:
    job: Job
    ok: bool
    reused: bool = False
    seconds: float = 0.0
    error: str = ""
    why: list[str] = field(default_factory=list)  # the inputs that changed since the last run

    @property
    def name(self) -> str:
        return self.job.name


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


@contextmanager
def _output_to(log: Path):
    """Send everything written to this process's stdout and stderr — and so by the kernel it
    starts, which inherits them — to `log` ("Kernel is running over TCP without encryption",
    "KeyboardInterrupt caught in kernel" at shutdown, papermill's own logging)."""
    sys.stdout.flush()
    sys.stderr.flush()
    saved = os.dup(1), os.dup(2)
    with log.open("w", encoding="utf-8") as target:
        os.dup2(target.fileno(), 1)
        os.dup2(target.fileno(), 2)
        try:
            yield
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            for fd, original in zip((1, 2), saved, strict=True):
                os.dup2(original, fd)
                os.close(original)


def _failure(exc) -> str:
    """Where and why a notebook stopped: the cell (numbered as in the notebook), its first line
    and the error."""
    if not hasattr(exc, "cell_index"):
        return f"{type(exc).__name__}: {exc}"
    # papermill counts cells in the executed notebook, which has the injected-parameters cell
    # extra: its 0-based index there is the cell's 1-based number in the notebook itself.
    first = next((line for line in exc.source.splitlines() if line.strip()), "")
    return f"cel {exc.cell_index} ({first.strip()[:60]}): {exc.ename}: {exc.evalue}"


def run_one(job: Job) -> RunResult:
    """Execute one notebook with papermill; its key tables go to the job's tables folder."""
    import papermill

    job.executed.parent.mkdir(parents=True, exist_ok=True)
    # relative to the notebook's folder (the kernel's cwd): no machine path in the notebook
    tables = os.path.relpath(job.tables, job.notebook.parent)
    started = time.monotonic()
    with _output_to(job.executed.with_suffix(".log")):
        try:
            papermill.execute_notebook(
                str(job.notebook),
                str(job.executed),
                parameters={"output_dir": tables, **job.parameters},
                kernel_name="python3",
                cwd=str(job.notebook.parent),
                progress_bar=False,
                log_output=False,
                start_timeout=120,
                request_save_on_cell_execute=False,  # one write at the end: faster for many cells
            )
        except Exception as exc:  # papermill's error carries the notebook's own exception
            return RunResult(job, False, seconds=time.monotonic() - started, error=_failure(exc))
    return RunResult(job, True, seconds=time.monotonic() - started)


def execute(todo: list[Job], workers: int) -> list[RunResult]:
    """Run the jobs in parallel, the longest (as last measured) first, with a progress bar; the
    kernels are forked from one process that imported the analysis stack once (forkkernel)."""
    if not todo:
        return []
    todo = sorted(todo, key=lambda job: -cache.last_duration(job.executed))
    results = []
    with (
        forkkernel.zygote(paths.BUILD / "zygote.log"),
        ProcessPoolExecutor(max_workers=min(workers, len(todo))) as pool,
    ):
        futures = [pool.submit(run_one, job) for job in todo]
        for future in tqdm(as_completed(futures), total=len(futures), desc="notebooks", unit="run"):
            results.append(future.result())
    return results


def run_all(todo: list[Job], workers: int, force: bool = False) -> list[RunResult]:
    """Execute what changed (everything with `force`) and reuse the rest."""
    shared = cache.shared_inputs()
    keys = [cache.Key.of(job.notebook, job.parameters, shared) for job in todo]
    reused, stale = [], []
    for job, key in zip(todo, keys, strict=True):
        if not force and cache.is_fresh(job.executed, key):
            reused.append(RunResult(job, True, reused=True))
        else:
            stale.append((job, key))
    # the executed notebook's path identifies a job (results come back from other processes)
    keys_of = {job.executed: key for job, key in stale}
    why = {
        job.executed: ["FORCE"] if force else cache.changed(job.executed, key) for job, key in stale
    }
    executed = execute([job for job, _ in stale], workers)
    for result in executed:
        result.why = why[result.job.executed]
        cache.store(result.job.executed, keys_of[result.job.executed], result.ok, result.seconds)
    return reused + executed


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


def write_site(results: list[RunResult], out_dir: Path) -> Path:
    runs = [render.Run(r.job.executed, r.job.page, r.job.parameters, r.error) for r in results]
    return render.site(runs, out_dir)


def render_site(selection: list[Path], out_dir: Path) -> Path:
    """The site of the notebooks as committed (with the outputs of the default run), without
    executing them."""
    return render.site([render.Run(nb, out_dir / f"{nb.stem}.html") for nb in selection], out_dir)


def _reasons(executed: list[RunResult]) -> str:
    why = {w for r in executed for w in r.why}
    if not why:
        return ""
    if why == {"FORCE"}:
        return " (FORCE=1)"
    first = "eerste run" if cache.NO_RECORD in why else ""
    changed = sorted(INPUT_NAMES.get(w, w) for w in why - {cache.NO_RECORD, "FORCE"})
    parts = [first] * bool(first) + [f"gewijzigd: {', '.join(changed)}"] * bool(changed)
    return f" ({'; '.join(parts)})"


def summary(results: list[RunResult]) -> str:
    executed = [r for r in results if not r.reused]
    failed = [r for r in results if not r.ok]
    return (
        f"{len(results)} notebooks: {len(executed)} uitgevoerd{_reasons(executed)}, "
        f"{len(results) - len(executed)} hergebruikt (niets veranderd), {len(failed)} mislukt"
    )


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
    parser.add_argument("--force", action="store_true", help="re-run even what is unchanged")
    # one more worker than cores: a worker idles while its kernel starts
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
    results = run_all(todo, args.workers, args.force)
    started = time.monotonic()
    index = write_site(results, out)
    print(f"{summary(results)}; site in {time.monotonic() - started:.1f} s: {index}")
    for r in sorted(results, key=lambda r: r.name):
        if not r.ok:
            params = ", ".join(f"{k}={v!r}" for k, v in r.job.parameters.items())
            where = f" ({params})" if params else ""
            print(f"MISLUKT {r.name}{where}: {r.error}", file=sys.stderr)
    return 1 if any(not r.ok for r in results) else 0


def _warm(args, grid: dict, out: Path) -> int:
    from helpers import batch

    if len(args.notebooks) != 1 or len(grid) != 1:
        print("--warm: geef één notebook en één -g NAAM WAARDEN …", file=sys.stderr)
        return 2
    started = time.perf_counter()
    (name, values), fixed = next(iter(grid.items())), {k: _value(v) for k, v in args.parameter}
    results = batch.run(
        args.notebooks[0], out, name, values, fixed, min(args.workers, os.cpu_count() or 1)
    )
    print(batch.summary(results, time.perf_counter() - started))
    return 0 if all(r.ok for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
