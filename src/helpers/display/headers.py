"""Tables as the reader sees them: Dutch column headers instead of code names.

Helpers return tables with code-friendly column names (``verschil_pct``, ``ci_laag``); a chapter
shows them with headers a reader understands. ``readable`` formats the named columns (Dutch number
formats, see ``fmt``), renames columns and index levels with ``LABELS`` and, for names not listed,
turns ``_pct`` into ``(%)`` and underscores into spaces.
"""

from collections.abc import Callable, Mapping

import pandas as pd

from helpers.data.published import PublishedTable, exceptions
from helpers.display import fmt

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


def readable(
    df: pd.DataFrame,
    formats: Mapping[str, Callable] | None = None,
    labels: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """df as a reader sees it: the columns named in `formats` rendered with those fmt functions,
    column and index names in plain Dutch (LABELS, overridden by `labels` for this table, e.g.
    when 'groep' means something else in another chapter), and bare row numbers hidden."""
    mapping = {**LABELS, **(labels or {})}

    def rename(name):
        return mapping.get(name, label(name)) if isinstance(name, str) else name

    out = fmt.table(df, formats or {}).rename(columns=rename)
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
