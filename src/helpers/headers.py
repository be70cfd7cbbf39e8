"""Tables as the reader sees them: Dutch column headers instead of code names.

Helpers return tables with code-friendly column names (``verschil_pct``, ``ci_laag``); a chapter
shows them with headers a reader understands. ``readable`` renames columns and index levels with
``LABELS`` and, for names not listed, turns ``_pct`` into ``(%)`` and underscores into spaces.
"""

import pandas as pd

from helpers import fmt
from helpers.published import PublishedTable, exceptions

LABELS = {
    "volgens_rekensom": "volgens rekensom",
    "helling": "helling (per jaar)",
    "ci_laag": "95%-interval laag",
    "ci_hoog": "95%-interval hoog",
    "p_waarde": "p-waarde",
    "r2": "R²",
    "helling_pct_gemiddelde": "helling (% van gemiddelde)",
    "eigen_cijfer": "eigen cijfer van",
    "groep_waarde": "waarde groep",
    "groep": "vergelijkingsgroep",
    "verschil_euro": "verschil (€ mln)",
    "verschil_per_inwoner": "verschil per inwoner (€)",
    "totaal_min": "totaal minimaal",
    "totaal_max": "totaal maximaal",
    "lineair_per_jaar": "lineair per jaar",
    "constant_pct_per_jaar": "constant per jaar (%)",
    "aandeel_som_pct": "aandeel in som (%)",
    "aandeel_totaal_pct": "aandeel in totaal (%)",
    "aandeel_totale_verandering_pct": "aandeel in totale verandering (%)",
    "grootste_verschil_pct": "grootste verschil (%)",
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


def readable(df: pd.DataFrame, labels: dict[str, str] | None = None) -> pd.DataFrame:
    """df with reader headers for its columns and index levels; `labels` overrides LABELS for
    this table (e.g. 'groep' means something else in another chapter)."""
    mapping = {**LABELS, **(labels or {})}

    def rename(name):
        return mapping.get(name, label(name)) if isinstance(name, str) else name

    out = df.rename(columns=rename)
    out.columns.names = [rename(n) for n in out.columns.names]
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
