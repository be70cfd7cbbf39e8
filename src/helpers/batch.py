"""Run one notebook for many parameter values with one warm kernel per worker.

``helpers.run`` starts a fresh kernel for every run (about 3–4 s for the kernel and the imports
of the scientific stack) and renders a page. For hundreds of runs of the same notebook — every
gemeente of Nederland — that start-up dominates. Here each worker starts one kernel, and every
run of that worker executes the notebook's cells (parameters injected the papermill way) in
that kernel: the imports and the national tables (cached by the helpers) are loaded once per
worker. Every cell assigns what it uses, so a run does not depend on the one before it; a run
that fails does not stop the others. Each run writes its executed notebook and its tables
(``output_dir``) to its own folder, as ``helpers.run`` does: ``<out>/<name>-<value>/``, tables
in ``tabellen/<notebook>/`` under it.
"""

import queue
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from multiprocessing import Manager
from pathlib import Path

import nbformat
from tqdm import tqdm


@dataclass(frozen=True)
class Result:
    value: str
    ok: bool
    seconds: float
    error: str = ""


def _worker(notebook: Path, out_dir: Path, name: str, values: list, fixed: dict, progress):
    from jupyter_client.manager import KernelManager
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError
    from papermill.iorw import load_notebook_node
    from papermill.parameterize import parameterize_notebook

    km = KernelManager(kernel_name="python3")
    km.start_kernel(cwd=str(notebook.parent))
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=120)
    results = []
    try:
        for value in values:
            started = time.perf_counter()
            folder = out_dir / f"{name}-{value}"
            params = {**fixed, name: value, "output_dir": str(folder / "tabellen" / notebook.stem)}
            nb = parameterize_notebook(load_notebook_node(str(notebook)), params)
            client = NotebookClient(nb, km=km, kc=kc, timeout=600, kernel_name="python3")
            error = ""
            try:
                client.execute()
            except CellExecutionError as exc:
                error = f"{exc.ename}: {exc.evalue}"
            folder.mkdir(parents=True, exist_ok=True)
            nbformat.write(nb, folder / notebook.name)
            results.append(Result(str(value), not error, time.perf_counter() - started, error))
            progress.put(str(value))
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    return results


def run(
    notebook: Path, out_dir: Path, name: str, values: list, fixed: dict | None = None, workers=2
) -> list[Result]:
    """Execute ``notebook`` once per value of parameter ``name`` (other parameters ``fixed``),
    spread over ``workers`` warm kernels, with a progress bar per run."""
    out_dir = Path(out_dir).resolve()  # the kernel runs in the notebook's folder
    out_dir.mkdir(parents=True, exist_ok=True)
    shares = [share for share in (values[i::workers] for i in range(workers)) if share]
    with Manager() as manager, ProcessPoolExecutor(max_workers=len(shares)) as pool:
        progress = manager.Queue()
        futures = [
            pool.submit(_worker, Path(notebook), out_dir, name, share, fixed or {}, progress)
            for share in shares
        ]
        with tqdm(total=len(values), desc="notebooks", unit="run") as bar:
            while bar.n < len(values):
                try:
                    bar.set_postfix_str(progress.get(timeout=2))
                except queue.Empty:
                    if all(f.done() for f in futures):  # a worker died: its future raises below
                        break
                    continue
                bar.update(1)
        return [result for future in futures for result in future.result()]


def summary(results: list[Result], seconds: float) -> str:
    """Dutch summary of a batch: runs that succeeded, time per run, and each failure."""
    failed = [r for r in results if not r.ok]
    per_run = sum(r.seconds for r in results) / max(len(results), 1)
    lines = [
        f"{len(results) - len(failed)} van {len(results)} runs gelukt in {seconds:.0f} s "
        f"(gemiddeld {per_run:.1f} s per run per kernel)."
    ]
    lines += [f"MISLUKT {r.value}: {r.error}" for r in failed]
    return "\n".join(lines)
