"""Source criticism: the same quantity as reported by several sources, side by side.

Which quantities are compared is data, not code: ``data/published/vergelijkingen.json`` lists per
comparison an ``id``, ``thema``, ``onderwerp``, ``eenheid``, ``verklaring`` (the likely reason for a
difference) and two or more ``kanten``: a published table id plus a ``selectie`` (column → value)
that must match exactly one row. The first side is the reference for the differences. A side may
carry a ``factor`` (e.g. −1 to set a printed *tekort* beside a signed *saldo*); a side printed in
another unit is converted only where the conversion is exact (``1 op de N`` → 100/N %).

A side can also be *derived* from several rows of its table: ``plus`` and ``min`` list further
selections (each merged over ``selectie``, so only the columns that differ need naming) whose
values are added or subtracted, e.g. Wmo excluding Beschermd Wonen = 'Lasten Wmo totaal' minus
the Beschermd Wonen posts. A derived side has no printed value (``gedrukt`` is empty) and is
marked ``afgeleid``.

Data only: the display of these tables is in ``helpers.display.headers``.
"""

import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from helpers import paths
from helpers.data import published

COMPARISONS_PATH = paths.DATA_PUBLISHED / "vergelijkingen.json"
ALL = "alle"
SIDE_COLUMNS = [
    "vergelijking",
    "thema",
    "onderwerp",
    "kant",
    "bron",
    "tabel",
    "selectie",
    "gedrukt",
    "eenheid_bron",
    "factor",
    "afgeleid",
    "waarde",
    "eenheid",
    "verklaring",
    "bronvermelding",
]

_CONVERSIONS: dict[tuple[str, str], Callable[[float], float]] = {
    ("1 op de N", "%"): lambda n: 100 / n,
    ("1 op n", "%"): lambda n: 100 / n,
    ("op de 10", "%"): lambda x: 10 * x,
    ("€", "€ mln"): lambda x: x / 1e6,
}


class CrosscheckError(ValueError):
    """A comparison that cannot be resolved against the published tables."""


@dataclass(frozen=True)
class Side:
    table_id: str
    selector: dict
    factor: float = 1.0
    plus: tuple[dict, ...] = ()
    minus: tuple[dict, ...] = ()

    @property
    def derived(self) -> bool:
        return bool(self.plus or self.minus)

    def terms(self) -> list[tuple[int, dict]]:
        """(sign, full selector) of every row the side adds up; the first is ``selectie``."""
        return [
            (1, self.selector),
            *((1, self.selector | extra) for extra in self.plus),
            *((-1, self.selector | extra) for extra in self.minus),
        ]


@dataclass(frozen=True)
class Comparison:
    id: str
    theme: str
    subject: str
    unit: str
    explanation: str
    sides: tuple[Side, ...]


@dataclass(frozen=True)
class Comparisons:
    """The comparisons of a file, and the short name of every source for display."""

    source_names: dict[str, str]
    items: tuple[Comparison, ...]
    path: Path

    def involving(self, source: str) -> "Comparisons":
        """Only the comparisons with a side from `source`: a package ('visitatie_2021') or one
        table ('visitatie_2021/begroting_realisatie'); all of them for ``ALL``."""
        if source == ALL:
            return self
        items = tuple(
            c
            for c in self.items
            if any(s.table_id == source or s.table_id.startswith(f"{source}/") for s in c.sides)
        )
        return Comparisons(self.source_names, items, self.path)


def _require(mapping: dict, keys: tuple[str, ...], where: str) -> None:
    missing = [k for k in keys if k not in mapping]
    if missing:
        raise CrosscheckError(f"{where}: ontbrekende sleutel(s) {', '.join(missing)}.")


def load_comparisons(path: str | Path | None = None) -> Comparisons:
    """Read and check the structure of a comparisons file (default: the committed one)."""
    path = Path(path) if path is not None else COMPARISONS_PATH
    if not path.exists():
        raise CrosscheckError(f"Geen vergelijkingenbestand {path}.")
    raw = json.loads(path.read_text(encoding="utf-8"))
    _require(raw, ("bronnen", "vergelijkingen"), str(path))
    items = []
    for number, entry in enumerate(raw["vergelijkingen"], start=1):
        where = f"{path}: vergelijking {entry.get('id', f'nr. {number}')}"
        _require(entry, ("id", "thema", "onderwerp", "eenheid", "verklaring", "kanten"), where)
        if len(entry["kanten"]) < 2:
            raise CrosscheckError(f"{where}: minstens twee kanten nodig.")
        for side in entry["kanten"]:
            _require(side, ("tabel", "selectie"), where)
        sides = tuple(
            Side(
                s["tabel"],
                dict(s["selectie"]),
                float(s.get("factor", 1.0)),
                tuple(dict(t) for t in s.get("plus", ())),
                tuple(dict(t) for t in s.get("min", ())),
            )
            for s in entry["kanten"]
        )
        items.append(
            Comparison(
                entry["id"],
                entry["thema"],
                entry["onderwerp"],
                entry["eenheid"],
                entry["verklaring"],
                sides,
            )
        )
    ids = pd.Series([c.id for c in items])
    if ids.duplicated().any():
        doubles = ", ".join(sorted(set(ids[ids.duplicated()])))
        raise CrosscheckError(f"{path}: dubbele id's: {doubles}.")
    return Comparisons(dict(raw["bronnen"]), tuple(items), path)


def convert(value: float, unit: str, target: str) -> float:
    """A printed value in the comparison's unit. A described unit counts as its base unit:
    '% van de huishoudens' is a %, 'aantal gemeenten' an aantal."""
    base = "%" if unit.startswith("% ") else "aantal" if unit.startswith("aantal ") else unit
    if base == target:
        return value
    if (base, target) not in _CONVERSIONS:
        raise CrosscheckError(f"Geen omrekening van eenheid '{unit}' naar '{target}'.")
    return _CONVERSIONS[base, target](value)


def short_label(label: str) -> str:
    """A table's label without its quoted title or parenthesised remark:
    "tabel §3.6 'Financieel resultaat Jeugdhulp 2018'" -> "tabel §3.6"."""
    return re.split(r" '| \(", label, maxsplit=1)[0].rstrip(",")


def _selector_text(side: Side) -> str:
    def text(selector: Mapping) -> str:
        return ", ".join(f"{k} {v}" for k, v in selector.items())

    extra = [(" + ", t) for t in side.plus] + [(" − ", t) for t in side.minus]
    return text(side.selector) + "".join(sign + text(term) for sign, term in extra)


def _resolve(side: Side, table: published.PublishedTable, where: str) -> tuple[float, str]:
    unknown = sorted(set().union(*(s for _sign, s in side.terms())) - set(table.data.columns))
    if unknown:
        raise CrosscheckError(
            f"{where}: kolom(men) {', '.join(unknown)} niet in {side.table_id}; "
            f"beschikbaar: {', '.join(table.data.columns)}."
        )
    total, units = 0.0, set()
    for sign, selector in side.terms():
        rows = table.select(**selector)
        if len(rows) != 1:
            shown = ", ".join(f"{k} {v}" for k, v in selector.items())
            raise CrosscheckError(
                f"{where}: {len(rows)} rijen in {side.table_id} voor {shown}, verwacht precies 1."
            )
        units.add(rows["eenheid"].iloc[0] if "eenheid" in rows else table.provenance.unit)
        total += sign * float(rows["waarde"].iloc[0])
    if len(units) > 1:
        raise CrosscheckError(
            f"{where}: een afgeleide kant telt rijen met verschillende eenheden op "
            f"({', '.join(sorted(units))})."
        )
    return total, units.pop()


def side_by_side(comparisons: Comparisons, root: Path = paths.DATA_PUBLISHED) -> pd.DataFrame:
    """One row per side of every comparison: the printed value, the value in the comparison's
    unit, and the absolute and relative difference with the first side (the reference)."""
    tables = {}
    rows = []
    for comparison in comparisons.items:
        for number, side in enumerate(comparison.sides, start=1):
            where = f"{comparisons.path.name}: vergelijking {comparison.id}, kant {number}"
            try:
                if side.table_id not in tables:
                    tables[side.table_id] = published.load(side.table_id, root)
            except KeyError as exc:
                raise CrosscheckError(f"{where}: {exc.args[0]}") from None
            table = tables[side.table_id]
            printed, unit = _resolve(side, table, where)
            try:
                value = convert(printed, unit, comparison.unit) * side.factor
            except CrosscheckError as exc:
                raise CrosscheckError(f"{where}: {exc}") from None
            name = comparisons.source_names.get(table.provenance.package, table.provenance.package)
            rows.append(
                {
                    "vergelijking": comparison.id,
                    "thema": comparison.theme,
                    "onderwerp": comparison.subject,
                    "kant": number,
                    "bron": f"{name}, {short_label(table.provenance.label)}"
                    + (" (afgeleid)" if side.derived else ""),
                    "tabel": side.table_id,
                    "selectie": _selector_text(side),
                    "gedrukt": float("nan") if side.derived else printed,
                    "eenheid_bron": unit,
                    "factor": side.factor,
                    "afgeleid": side.derived,
                    "waarde": value,
                    "eenheid": comparison.unit,
                    "verklaring": comparison.explanation,
                    "bronvermelding": table.citation,
                }
            )
    out = pd.DataFrame(rows, columns=SIDE_COLUMNS)
    reference = out.groupby("vergelijking", sort=False)["waarde"].transform("first")
    is_reference = out["kant"] == 1
    out["verschil"] = (out["waarde"] - reference).mask(is_reference)
    out["verschil_pct"] = (100 * out["verschil"] / reference.abs().where(reference != 0)).mask(
        is_reference
    )
    return out


def between(table: pd.DataFrame, left: str, right: str) -> pd.DataFrame:
    """Two tables of the comparisons (``side_by_side``) against each other, one row per
    comparison with a printed side in both (index: onderwerp, in the order of the file): the two
    values, named after their source, ``verschil`` (right − left) and ``gelijk``."""
    printed = table[~table["afgeleid"]]
    values = {}
    for table_id in (left, right):
        sides = printed[printed["tabel"] == table_id]
        doubles = sides.loc[sides["vergelijking"].duplicated(), "vergelijking"]
        if not doubles.empty:
            raise CrosscheckError(
                f"Vergelijking(en) {', '.join(doubles.unique())} hebben meer dan één gedrukte "
                f"kant uit {table_id}; kies er één."
            )
        if sides.empty:
            raise CrosscheckError(f"Geen vergelijking met een gedrukte kant uit {table_id}.")
        values[sides["bron"].iloc[0]] = sides.set_index("vergelijking")[["onderwerp", "waarde"]]
    (left_name, left_values), (right_name, right_values) = values.items()
    out = left_values.join(right_values["waarde"].rename(right_name), how="inner")
    out = out.rename(columns={"waarde": left_name}).set_index("onderwerp")
    out["verschil"] = (out[right_name] - out[left_name]).round(6)
    out["gelijk"] = out["verschil"] == 0
    return out


def summary(table: pd.DataFrame, threshold_pct: float) -> pd.DataFrame:
    """Per comparison: number of sources, lowest and highest value, the largest relative
    difference with the reference, and a verdict: 'gelijk' (all values equal), 'klein verschil'
    (within threshold_pct of the reference) or 'wijkt af'."""
    if not threshold_pct >= 0:
        raise ValueError(f"De drempel moet een percentage ≥ 0 zijn, niet {threshold_pct!r}.")
    out = table.groupby("vergelijking", sort=False).agg(
        thema=("thema", "first"),
        onderwerp=("onderwerp", "first"),
        eenheid=("eenheid", "first"),
        bronnen=("kant", "size"),
        laagste=("waarde", "min"),
        hoogste=("waarde", "max"),
        grootste_verschil_pct=("verschil_pct", lambda s: s.abs().max()),
        verklaring=("verklaring", "first"),
    )
    small = out["grootste_verschil_pct"] <= threshold_pct
    out["oordeel"] = (
        pd.Series("wijkt af", index=out.index)
        .mask(small, "klein verschil")
        .mask(out["laagste"] == out["hoogste"], "gelijk")
    )
    return out


def exceptions_overview(
    source_names: Mapping[str, str] | None = None,
    root: Path = paths.DATA_PUBLISHED,
    package: str = ALL,
) -> pd.DataFrame:
    """Every documented inconsistency within a source (the ``exceptions`` of every table),
    grouped by source document; only those of `package` unless it is ``ALL``."""
    names = source_names or {}
    frames = []
    table_ids = published.table_ids(root)
    if package != ALL:
        table_ids = [t for t in table_ids if t.startswith(f"{package}/")]
    for table_id in table_ids:
        package, resource = published.descriptor(table_id, root)
        if resource.get("exceptions"):
            table = published.load(table_id, root)
            frames.append(
                published.exceptions(table).assign(
                    bron=names.get(package["name"], package["name"]),
                    tabel=table_id,
                    label=short_label(table.provenance.label),
                )
            )
    columns = [
        "bron",
        "tabel",
        "label",
        "controle",
        "waar",
        "volgens_rekensom",
        "gedrukt",
        "toelichting",
    ]
    if not frames:
        return pd.DataFrame(columns=columns)
    return pd.concat(frames, ignore_index=True)[columns]
