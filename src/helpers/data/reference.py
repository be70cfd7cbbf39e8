"""Reference lists compiled by this project (``data/reference/``, described in its README): the
CBS tables the CBS client fetches, the gemeentelijke herindelingen and the iJw code lists.

Values are read as text, as written, so codes keep their leading zeros ("01", "GM0003").
"""

import csv
import json

from helpers import paths


def rows(name: str) -> list[dict[str, str]]:
    """The rows of ``data/reference/<name>.csv``, each a dict by column name."""
    with (paths.DATA_REFERENCE / f"{name}.csv").open(newline="", encoding="utf-8") as file:
        return list(csv.DictReader(file))


def document(name: str):
    """The content of ``data/reference/<name>.json``."""
    return json.loads((paths.DATA_REFERENCE / f"{name}.json").read_text(encoding="utf-8"))
