"""Results that are slow to compute, kept under ``.build/cache`` (git-ignored) by their inputs.

A result is stored under a key made of everything it depends on: the checksums of the data
files and the specification of the computation (model, imputation, folds, seed, version). A
changed input gives a new key, so a stale result is never read. Results are stored as Parquet
and always handed out as read back from disk, so a fresh computation and a cached one give
byte-identical numbers.
"""

import hashlib
import json
import os
from collections.abc import Callable, Mapping
from pathlib import Path

import pandas as pd

from helpers import paths

CACHE = paths.ROOT / ".build" / "cache"


def key(parts: Mapping) -> str:
    """A short hash of ``parts`` (JSON-serialisable; order of keys does not matter)."""
    text = json.dumps(parts, sort_keys=True, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:20]


def frames(
    name: str,
    parts: Mapping,
    compute: Callable[[], Mapping[str, pd.DataFrame]],
    folder: Path | None = None,
) -> dict[str, pd.DataFrame]:
    """The tables ``compute()`` returns, computed once per ``parts`` and read from disk after."""
    where = (folder or CACHE) / f"{name}-{key(parts)}"
    done = where / "_complete"
    if not done.is_file():
        where.mkdir(parents=True, exist_ok=True)
        for item, table in compute().items():
            temporary = where / f".{item}.{os.getpid()}.parquet"
            table.to_parquet(temporary)
            os.replace(temporary, where / f"{item}.parquet")  # atomic: parallel runs are safe
        done.write_text(json.dumps(parts, sort_keys=True, default=str), encoding="utf-8")
    return {file.stem: pd.read_parquet(file) for file in sorted(where.glob("[!.]*.parquet"))}
