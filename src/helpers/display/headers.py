"""Tables as the reader sees them: Dutch column headers and Dutch number formats.

Data and method helpers return numbers with code-friendly column names (``verschil_pct``,
``ci_laag``); a chapter shows them with headers a reader understands. ``readable`` formats
columns (Dutch number formats, see ``fmt``): those named in its ``formats`` argument, and every
other numeric column by its name (``DEFAULT_FORMATS``, ``SUFFIX_FORMATS``: ``_pct`` → 14,4%,
``_mln`` → € 34,2 mln, a yes/no column → ja/nee). It renames columns and index levels with
``LABELS`` and, for names not listed, turns ``_pct`` into ``(%)`` and underscores into spaces.
The other functions here show published tables and comparisons of sources as printed.
"""

from collections.abc import Callable, Mapping

import pandas as pd

from helpers.data.published import PublishedTable, exceptions
from helpers.display import fmt

# Columns formatted by name unless the caller names a formatter; only numeric or yes/no columns
# are formatted, so a column a chapter has already rendered as text is left as it is.
DEFAULT_FORMATS: dict[str, Callable] = {"verschil": fmt.signed}
SUFFIX_FORMATS: dict[str, Callable] = {
    "_pctpunt": fmt.signed,
    "_pct": fmt.percent,
    "_mln": fmt.euro_mln,
}

LABELS = {
    "arrangementen_per_client": "arrangementen per cliënt",
    "mediaan_dagen": "mediaan (dagen)",
    "gemiddelde_dagen": "gemiddelde (dagen)",
    "aandeel_langer_dan_jaar": "aandeel langer dan een jaar",
    "aandeel_lasten_pct": "aandeel in de lasten (%)",
    "aandeel_pct": "aandeel (%)",
    "aandeel_som_pct": "aandeel in som (%)",
    "aandeel_totaal_pct": "aandeel in totaal (%)",
    "aandeel_totale_verandering_pct": "aandeel in totale verandering (%)",
    "afronding_klopt": "gedrukt = berekend, afgerond",
    "afwijking_pct": "afwijking (%)",
    "basis_max": "noemer, hoogstens",
    "basis_min": "noemer, minstens",
    "bewegend_bereik": "bewegend bereik",
    "buiten_grenzen": "buiten de grenzen",
    "ci_hoog": "95%-interval hoog",
    "ci_laag": "95%-interval laag",
    "clienten": "cliënten",
    "constant_pct_per_jaar": "constant per jaar (%)",
    "dagen_per_plaatsing": "dagen per plaatsing",
    "eigen_cijfer": "eigen cijfer van",
    "gedrukt_pct": "gedrukt (%)",
    "groep": "vergelijkingsgroep",
    "groep_waarde": "waarde groep",
    "grootste_verschil_pct": "grootste verschil (%)",
    "helling": "helling (per jaar)",
    "helling_pct_gemiddelde": "helling (% van gemiddelde)",
    "in_reeks": "in reeks van 8",
    "kosten_max": "kosten, hoogstens",
    "kosten_min": "kosten, minstens",
    "kosten_per_client": "kosten per cliënt",
    "kwartaal_label": "kwartaal",
    "lasten_mln": "lasten",
    "lineair_per_jaar": "lineair per jaar",
    "p_waarde": "p-waarde",
    "r2": "R²",
    "resultaat_berekend": "resultaat berekend",
    "resultaat_pct_begroting": "resultaat (% van de begroting)",
    "som_delen": "som van de delen",
    "totaal_gedrukt": "totaal gedrukt",
    "totaal_max": "totaal maximaal",
    "totaal_min": "totaal minimaal",
    "verschil_euro": "verschil (€ mln)",
    "verschil_pct": "verschil (%)",
    "verschil_pctpunt": "verschil (procentpunt)",
    "verschil_per_inwoner": "verschil per inwoner (€)",
    "volgens_rekensom": "volgens de rekensom",
}


def label(name) -> str:
    """The reader's header for a column name: 'verschil_pct' -> 'verschil (%)'."""
    if not isinstance(name, str):
        return name
    if name in LABELS:
        return LABELS[name]
    if name.endswith("_pct"):
        return f"{name.removesuffix('_pct').replace('_', ' ')} (%)"
    return name.replace("_", " ")


def default_format(column: pd.Series) -> Callable | None:
    """The formatter a column gets without an explicit one: by name (``DEFAULT_FORMATS``), by
    suffix (``SUFFIX_FORMATS``) for numbers, ja/nee for a yes/no column; None leaves it as is."""
    name = column.name
    if pd.api.types.is_bool_dtype(column):
        return fmt.yes_no
    if not isinstance(name, str) or not pd.api.types.is_numeric_dtype(column):
        return None
    if name in DEFAULT_FORMATS:
        return DEFAULT_FORMATS[name]
    return next((f for suffix, f in SUFFIX_FORMATS.items() if name.endswith(suffix)), None)


def readable(
    df: pd.DataFrame,
    formats: Mapping[str, Callable] | None = None,
    labels: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """df as a reader sees it: the columns named in `formats` rendered with those fmt functions,
    other numeric columns by their name (`default_format`), column and index names in plain
    Dutch (LABELS, overridden by `labels` for this table, e.g. when 'groep' means something else
    in another chapter), and bare row numbers hidden."""
    mapping = {**LABELS, **(labels or {})}

    def rename(name):
        return mapping.get(name, label(name)) if isinstance(name, str) else name

    defaults = {
        name: formatter
        for name in df.columns
        if name not in (formats or {}) and (formatter := default_format(df[name])) is not None
    }
    out = fmt.table(df, {**defaults, **(formats or {})}).rename(columns=rename)
    out.columns.names = [rename(n) for n in out.columns.names]
    bare = (
        out.index.nlevels == 1
        and out.index.name is None
        and pd.api.types.is_integer_dtype(out.index)
    )
    if bare:
        out.index = [""] * len(out)
    else:
        out.index.names = [rename(n) for n in out.index.names]
    return out


def exceptions_table(table: PublishedTable, formatter) -> pd.DataFrame:
    """The documented inconsistencies of a published table for a reader: where (index), the
    result of the arithmetic, the printed figure (both with `formatter`) and the explanation."""
    shown = exceptions(table).drop(columns="controle").set_index("waar")
    for column in ("volgens_rekensom", "gedrukt"):
        shown[column] = shown[column].map(formatter).astype(object)
    return readable(shown)


def claims_table(checked: pd.DataFrame, units) -> pd.DataFrame:
    """A checked claims table (``claims.check``) whose rows have different units, for a reader:
    per row its unit ('%', '€', '€ mln', …), computed value and difference with the decimals of
    the claim (one more for a percentage), the printed figure as printed; index: the claim."""
    units = pd.Series(list(units), index=checked.index)
    decimals = checked["decimalen"] + (units == "%")
    shown = pd.DataFrame(
        {
            column: [
                fmt.as_printed(round(v, d), u)
                for v, d, u in zip(checked[column], decimals, units, strict=True)
            ]
            for column in ("berekend", "gedrukt", "verschil")
        },
        index=checked["bewering"],
    )
    shown["relatie"] = checked["relatie"].to_numpy()
    shown["klopt"] = checked["klopt"].map(fmt.yes_no).to_numpy()
    return shown[["berekend", "relatie", "gedrukt", "verschil", "klopt"]]


def as_printed(source: PublishedTable | pd.DataFrame, unit: str = "") -> pd.DataFrame:
    """A published table (or a long table with ``waarde`` and ``eenheid``) for display: each
    value with its unit and as many decimals as printed; `unit` where there is no ``eenheid``
    column (a published table's own unit by default)."""
    if isinstance(source, PublishedTable):
        source, unit = source.data, unit or source.provenance.unit
    units = source["eenheid"] if "eenheid" in source else pd.Series(unit, index=source.index)
    shown = [fmt.as_printed(v, u) for v, u in zip(source["waarde"], units, strict=True)]
    return source.drop(columns=["waarde", "eenheid"], errors="ignore").assign(waarde=shown)


def _printed_with_unit(value: float, unit: str) -> str:
    if pd.isna(value):
        return "afgeleid"
    if unit in ("1 op de N", "1 op n"):
        return f"1 op de {fmt.number(value, fmt.printed_decimals(value))}"
    return fmt.as_printed(value, unit)


def comparison_table(table: pd.DataFrame) -> pd.DataFrame:
    """Sources side by side (``crosscheck.side_by_side``) for display, index: onderwerp, bron.
    Printed values with their own unit ('afgeleid' for a derived side); compared values and
    differences in the comparison's unit, with the decimals of the most precise side of the
    comparison (at most one: a converted '1 op de 6' is shown as 16,7%)."""
    decimals = (
        table["waarde"]
        .map(lambda v: fmt.printed_decimals(v, maximum=1))
        .groupby(table["vergelijking"])
        .transform("max")
    )
    shown = pd.DataFrame(
        {
            "onderwerp": table["onderwerp"],
            "bron": table["bron"],
            "selectie": table["selectie"],
            "gedrukt": [
                _printed_with_unit(v, u)
                for v, u in zip(table["gedrukt"], table["eenheid_bron"], strict=True)
            ],
            "vergeleken": [
                fmt.as_printed(round(v, d), u)
                for v, u, d in zip(table["waarde"], table["eenheid"], decimals, strict=True)
            ],
            "verschil": [
                fmt.signed(v, d) for v, d in zip(table["verschil"], decimals, strict=True)
            ],
            "verschil_pct": table["verschil_pct"].map(fmt.percent),
        }
    )
    return shown.set_index(["onderwerp", "bron"])


def exceptions_overview_table(overview: pd.DataFrame) -> pd.DataFrame:
    """The overview of documented inconsistencies (``crosscheck.exceptions_overview``) for
    display: source and table label as index, figures in Dutch format with the decimals printed
    (the arithmetic's result with at most three)."""
    shown = fmt.table(overview, {"volgens_rekensom": fmt.printed, "gedrukt": fmt.printed})
    return shown.drop(columns=["tabel"]).set_index(["bron", "label"])


def _common_decimals(*columns: pd.Series) -> list[int]:
    """Per row, the decimals of the most precise of the values (at most one), so that two values
    that differ do not show as equal numbers."""
    return [
        max(fmt.printed_decimals(v, 1) for v in row)
        for row in zip(*(c.fillna(0) for c in columns), strict=True)
    ]


def between_table(pair: pd.DataFrame) -> pd.DataFrame:
    """Two sources against each other (``crosscheck.between``) for display: both values and their
    difference with the decimals of the most precise value in the table (a table printed with
    one decimal shows 66,0, not 66), ja/nee for ``gelijk``."""
    left, right = pair.columns[:2]
    decimals = max(_common_decimals(pair[left], pair[right]), default=0)
    return readable(
        pair,
        {
            left: lambda v: fmt.number(v, decimals),
            right: lambda v: fmt.number(v, decimals),
            "verschil": lambda v: fmt.signed(v, decimals),
        },
    )


def comparison_summary(summary: pd.DataFrame) -> pd.DataFrame:
    """The summary of comparisons (``crosscheck.summary``) for display: lowest and highest value
    with the decimals of the more precise of the two (at most one), so that a 'klein verschil'
    does not show as two equal numbers; the largest difference with two decimals."""
    decimals = _common_decimals(summary["laagste"], summary["hoogste"])
    shown = summary.copy()
    for column in ("laagste", "hoogste"):
        shown[column] = [fmt.number(v, d) for v, d in zip(summary[column], decimals, strict=True)]
    shown["grootste_verschil_pct"] = summary["grootste_verschil_pct"].map(
        lambda v: fmt.percent(v, 2)
    )
    return readable(shown)
