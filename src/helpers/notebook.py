"""What every notebook does around its analysis: check parameters, show them, save tables."""

from collections.abc import Iterable, Mapping
from pathlib import Path

import pandas as pd


class ParameterError(ValueError):
    """A notebook parameter the data cannot serve."""


def require_choice(name: str, value, available: Iterable) -> None:
    """Stop at once when `value` is not one of `available`, naming what is."""
    options = sorted(set(available))
    if value not in options:
        listed = ", ".join(str(o) for o in options)
        raise ParameterError(
            f"Parameter {name}={value!r} wordt niet gedekt door de data; beschikbaar: {listed}."
        )


def parameters_table(**params) -> pd.DataFrame:
    """The parameters of this run, for display at the top of a chapter."""
    return pd.DataFrame(
        {"parameter": list(params), "waarde": [repr(v) for v in params.values()]}
    ).set_index("parameter")


def save_tables(output_dir: str | Path | None, tables: Mapping[str, pd.DataFrame]) -> list[Path]:
    """Write each table as `<name>.csv` into output_dir (nothing when output_dir is None)."""
    if output_dir is None:
        return []
    folder = Path(output_dir)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, df in tables.items():
        path = folder / f"{name}.csv"
        df.to_csv(path, index=any(name is not None for name in df.index.names))
        written.append(path)
    return written
