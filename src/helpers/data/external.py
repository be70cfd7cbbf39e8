"""Recorded snapshots of public data (CBS StatLine, SCP, Iv3), with their origin and checksums.

The machines that run this repository have no internet: public data reaches it as files recorded
elsewhere, kept byte for byte under ``data/external/``. ``data/external/snapshots.json`` describes
each snapshot (producer, table, title, period, where it was recorded from, licence, caveats) and
holds the sha256 of every file. ``path`` hands out a file only after checking its checksum, so an
edited or truncated copy fails loudly instead of changing a figure.
"""

import hashlib
import json
from dataclasses import dataclass
from functools import cache, wraps
from pathlib import Path

from helpers import paths

DESCRIPTOR = paths.DATA_EXTERNAL / "snapshots.json"


class SnapshotError(RuntimeError):
    """A snapshot that is not described, missing or not byte-identical to what was recorded."""


@dataclass(frozen=True)
class Snapshot:
    id: str
    path: str
    producer: str
    table: str
    title: str
    period: str
    recorded_from: dict
    licence: str
    format: str | None
    caveats: list[str]
    sha256: dict[str, str]

    @property
    def citation(self) -> str:
        """One line for under a table: producer, table, title, period, licence."""
        table = f"{self.table}, " if self.table not in ("-", self.title) else ""
        return (
            f"Bron: {self.producer}, {table}{self.title} ({self.period}); licentie {self.licence}."
        )


@cache
def snapshots() -> dict[str, Snapshot]:
    """Every described snapshot by id."""
    entries = json.loads(DESCRIPTOR.read_text(encoding="utf-8"))["snapshots"]
    return {entry["id"]: Snapshot(**entry) for entry in entries}


def snapshot(snapshot_id: str) -> Snapshot:
    """The descriptor of one snapshot; a clear error naming the known ids otherwise."""
    try:
        return snapshots()[snapshot_id]
    except KeyError:
        known = ", ".join(sorted(snapshots()))
        raise SnapshotError(f"Onbekende snapshot '{snapshot_id}'; bekend: {known}.") from None


def sha256(file: Path) -> str:
    return hashlib.sha256(file.read_bytes()).hexdigest()


@cache
def _verified(relative: str, expected: str) -> Path:
    file = paths.DATA_EXTERNAL / relative
    if not file.is_file():
        raise SnapshotError(f"Bestand van een snapshot ontbreekt: data/external/{relative}.")
    actual = sha256(file)
    if actual != expected:
        raise SnapshotError(
            f"data/external/{relative} wijkt af van wat is vastgelegd (sha256 {actual[:12]}… in "
            f"plaats van {expected[:12]}…): herstel het bestand uit de bron, wijzig het niet."
        )
    return file


def path(snapshot_id: str, file: str | None = None) -> Path:
    """The checked path of a snapshot's file (``file`` names one file of a folder snapshot)."""
    entry = snapshot(snapshot_id)
    relative = entry.path if file is None else f"{entry.path}/{file}"
    if relative not in entry.sha256:
        listed = ", ".join(sorted(entry.sha256))
        raise SnapshotError(
            f"Snapshot '{snapshot_id}' heeft geen bestand '{relative}'; wel: {listed}."
        )
    return _verified(relative, entry.sha256[relative])


def cached_table(loader):
    """Decorator for loaders of a snapshot: the file is read and checked once per process, and
    every call returns its own copy, so a caller that changes its table changes nobody else's."""
    read_once = cache(loader)

    @wraps(loader)
    def load(*args):
        return read_once(*args).copy()

    return load
