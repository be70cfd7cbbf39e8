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


def _shown(value) -> str:
    if value is None:
        return "geen"
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, str) and ("/" in value or "\\" in value):
        return Path(value).name  # a file of the user's: its name, not where it is on the machine
    return str(value)


def parameters_table(**params) -> pd.DataFrame:
    """The parameters of this run for the reader, shown once at the top of a chapter: values
    (not code), names in words, file names without their folder. Where the key tables are saved
    (`output_dir`) is a setting of the run, not of the chapter, and is left out."""
    shown = {k: v for k, v in params.items() if k != "output_dir"}
    return pd.DataFrame(
        {
            "parameter": [name.replace("_", " ") for name in shown],
            "waarde": [_shown(v) for v in shown.values()],
        }
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


def findings(*sentences: str) -> None:
    """Print the chapter's key findings, one per line; the review site's landing page shows them
    as the chapter's summary. Call it in the code cell tagged `bevindingen`, with two or three
    sentences built from the numbers the chapter computed (formatted with helpers.display.fmt)."""
    for sentence in sentences:
        if "\n" in sentence or not sentence.strip():
            raise ValueError(f"Een bevinding is één niet-lege regel: {sentence!r}")
        print(f"• {sentence.strip()}")
