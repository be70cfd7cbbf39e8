"""Execution cache: a run is reused when nothing it depends on has changed.

The key of a run is a sha256 over everything that can change its outputs: the notebook's cells
(type, source and tags; outputs and execution metadata are left out, so committing a re-executed
notebook does not invalidate it), the run's parameters, the helpers' code (the site package and
the runner excepted: they render, they do not compute), every data file under data/ except the
git-ignored client exports in data/raw/ (a file passed as a parameter is hashed itself), the
pinned requirements and the Python version. The key is stored as JSON beside the executed
notebook; `make reports FORCE=1` ignores it.
"""

import hashlib
import json
import sys
from dataclasses import dataclass
from pathlib import Path

from helpers import paths

NO_RECORD = "geen eerdere run"
NOT_COMPUTING = ("site", "run.py")  # parts of helpers that only run and render notebooks


def _digest(files: list[Path], root: Path) -> str:
    h = hashlib.sha256()
    for path in sorted(files):
        h.update(path.relative_to(root).as_posix().encode())
        h.update(hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()


def shared_inputs(root: Path = paths.ROOT) -> dict[str, str]:
    """Hashes of the inputs every notebook shares; computed once per `make reports`."""
    helpers = root / "src" / "helpers"
    code = [
        p for p in helpers.rglob("*.py") if p.relative_to(helpers).parts[0] not in NOT_COMPUTING
    ]
    data = [
        p
        for p in (root / "data").rglob("*")
        if p.is_file() and p.relative_to(root / "data").parts[0] != "raw"
    ]
    requirements = [p for p in (root / "requirements.txt", root / "pyproject.toml") if p.exists()]
    return {
        "helpers": _digest(code, root),
        "data": _digest(data, root),
        "requirements": _digest(requirements, root),
        "python": sys.version,
    }


def _text(source) -> str:
    return "".join(source) if isinstance(source, list) else source


def notebook_digest(notebook: Path) -> str:
    """What a notebook asks the kernel to do: its cells without outputs or execution metadata."""
    nb = json.loads(notebook.read_text(encoding="utf-8"))
    cells = [
        (c["cell_type"], _text(c["source"]), sorted(c.get("metadata", {}).get("tags", [])))
        for c in nb["cells"]
    ]
    kernel = nb.get("metadata", {}).get("kernelspec", {}).get("name")
    return hashlib.sha256(json.dumps([kernel, cells]).encode()).hexdigest()


def parameter_files(parameters: dict) -> dict[str, str]:
    """A parameter naming an existing file (e.g. data_pad) is an input: hash its content."""
    found = {}
    for name, value in parameters.items():
        if isinstance(value, str) and Path(value).is_file():
            found[name] = hashlib.sha256(Path(value).read_bytes()).hexdigest()
    return found


@dataclass(frozen=True)
class Key:
    inputs: dict

    @classmethod
    def of(cls, notebook: Path, parameters: dict, shared: dict[str, str]) -> "Key":
        return cls(
            {
                **shared,
                "notebook": notebook_digest(notebook),
                "parameters": json.dumps(parameters, sort_keys=True, default=str),
                "parameter_files": parameter_files(parameters),
            }
        )

    @property
    def digest(self) -> str:
        return hashlib.sha256(json.dumps(self.inputs, sort_keys=True).encode()).hexdigest()


def record_path(executed: Path) -> Path:
    return executed.with_suffix(".cache.json")


def is_fresh(executed: Path, key: Key) -> bool:
    """True when the executed notebook exists and was made, successfully, from the same inputs."""
    record = record_path(executed)
    if not (executed.exists() and record.exists()):
        return False
    stored = json.loads(record.read_text(encoding="utf-8"))
    return stored.get("digest") == key.digest and stored.get("ok", False)


def changed(executed: Path, key: Key) -> list[str]:
    """Which inputs differ from the stored run (for the summary); all when there is none."""
    record = record_path(executed)
    if not record.exists():
        return [NO_RECORD]
    stored = json.loads(record.read_text(encoding="utf-8")).get("inputs", {})
    return sorted(name for name, value in key.inputs.items() if stored.get(name) != value)


def store(executed: Path, key: Key, ok: bool, seconds: float) -> None:
    record_path(executed).write_text(
        json.dumps(
            {"digest": key.digest, "ok": ok, "seconds": round(seconds, 1), "inputs": key.inputs},
            indent=1,
        ),
        encoding="utf-8",
    )


def last_duration(executed: Path) -> float:
    """Seconds the previous run took (to start the longest runs first); 0 when unknown."""
    record = record_path(executed)
    if not record.exists():
        return 0.0
    return json.loads(record.read_text(encoding="utf-8")).get("seconds", 0.0)
