"""Published figures of the source reports, with their provenance.

Each source document is a folder under ``data/published/`` with tidy CSV files and one
``datapackage.json`` descriptor; a table id is ``<package>/<resource>``.
"""

import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pandas as pd

from helpers import paths
from helpers.data import schemas


@dataclass(frozen=True)
class Provenance:
    package: str
    resource: str
    document: str
    year: int
    section: str
    label: str
    unit: str
    title: str
    gemeente: str
    notes: tuple[str, ...] = ()

    @property
    def table_id(self) -> str:
        return f"{self.package}/{self.resource}"

    @property
    def citation(self) -> str:
        where = (
            self.label
            if "§" in self.label or self.section in self.label
            else f"{self.label}, §{self.section}"
        )
        # The year of publication, unless the title already ends with it.
        document = (
            self.document
            if self.document.endswith(f"({self.year})")
            else f"{self.document}, uitgave {self.year}"
        )
        return f"Bron: {document}, {where}; eenheid: {self.unit}."


@dataclass(frozen=True)
class PublishedTable:
    data: pd.DataFrame
    provenance: Provenance
    descriptor: dict = field(repr=False)

    @property
    def citation(self) -> str:
        return self.provenance.citation

    def select(self, **selector) -> pd.DataFrame:
        """Rows whose columns equal the given values, e.g. select(jaar=2018, pijler="Jeugd")."""
        mask = pd.Series(True, index=self.data.index)
        for column, value in selector.items():
            mask &= self.data[column] == value
        return self.data[mask]

    def value(self, **selector) -> float:
        """The single printed value that matches the selector."""
        rows = self.select(**selector)
        if len(rows) != 1:
            raise KeyError(
                f"{self.provenance.table_id}: {len(rows)} rijen voor {selector}, verwacht precies 1."
            )
        return float(rows["waarde"].iloc[0])


@cache
def _package(name: str, root: Path) -> dict:
    path = root / name / "datapackage.json"
    if not path.exists():
        available = ", ".join(packages(root)) or "geen"
        raise KeyError(f"Geen bron '{name}' in {root}; beschikbaar: {available}.")
    return json.loads(path.read_text(encoding="utf-8"))


def package(name: str, root: Path = paths.DATA_PUBLISHED) -> dict:
    """The descriptor (datapackage.json) of one source document."""
    return _package(name, root)


def known_gaps(
    name: str, sections: tuple[str, ...] = (), root: Path = paths.DATA_PUBLISHED
) -> pd.DataFrame:
    """What the source prints but its text does not hold (tables that were images), optionally
    only for sections starting with one of `sections` (e.g. ("3.",) for chapter 3)."""
    gaps = pd.DataFrame(package(name, root).get("known_gaps", []), columns=["section", "what"])
    gaps["section"] = gaps["section"].astype(str)
    if sections:
        gaps = gaps[gaps["section"].str.startswith(sections)]
    return gaps.rename(columns={"section": "paragraaf", "what": "ontbreekt"}).reset_index(drop=True)


def packages(root: Path = paths.DATA_PUBLISHED) -> list[str]:
    return sorted(p.parent.name for p in root.glob("*/datapackage.json"))


def table_ids(root: Path = paths.DATA_PUBLISHED) -> list[str]:
    return [
        f"{name}/{res['name']}"
        for name in packages(root)
        for res in _package(name, root)["resources"]
    ]


def descriptor(table_id: str, root: Path = paths.DATA_PUBLISHED) -> tuple[dict, dict]:
    """The package descriptor and the resource descriptor of a table."""
    name, _, resource = table_id.partition("/")
    package = _package(name, root)
    for res in package["resources"]:
        if res["name"] == resource:
            return package, res
    available = ", ".join(r["name"] for r in package["resources"])
    raise KeyError(f"Geen tabel '{resource}' in bron '{name}'; beschikbaar: {available}.")


def load(table_id: str, root: Path = paths.DATA_PUBLISHED) -> PublishedTable:
    """Load a published table by id (e.g. ``"monitor_2018/financien_pijlers"``), validated
    against the schema in its descriptor."""
    package, res = descriptor(table_id, root)
    path = root / package["name"] / res["path"]
    raw = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""], encoding="utf-8")
    data = schemas.for_resource(res, source=str(path)).validate(raw)
    source = package["sources"][0]
    provenance = Provenance(
        package=package["name"],
        resource=res["name"],
        document=source["title"],
        year=source["year"],
        section=str(res.get("section", "")),
        label=res.get("label", ""),
        unit=res.get("unit", ""),
        title=res.get("title", res["name"]),
        gemeente=package.get("gemeente", "Maastricht"),
        notes=tuple(res.get("notes", ())),
    )
    return PublishedTable(data=data, provenance=provenance, descriptor=res)


def exceptions(table: PublishedTable) -> pd.DataFrame:
    """The documented inconsistencies of a table's source: where its own arithmetic fails."""
    rows = [
        {
            "controle": e["check"],
            "waar": ", ".join(f"{k} {v}" for k, v in e["key"].items()),
            "volgens_rekensom": e["verwacht"],
            "gedrukt": e["gedrukt"],
            "toelichting": e["reason"],
        }
        for e in table.descriptor.get("exceptions", [])
    ]
    return pd.DataFrame(
        rows, columns=["controle", "waar", "volgens_rekensom", "gedrukt", "toelichting"]
    )
