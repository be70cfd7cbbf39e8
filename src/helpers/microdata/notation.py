"""How numbers and dates are written in an export, decided per column from the whole column.

Numbers. A value can be read the Dutch way (decimal comma, thousands dot: `1.234,56`, `12.345`)
or the English way (decimal point, thousands comma: `1,234.56`, `1234.56`). A value that only one
convention can read (`1,5`, `1.234,56`, `1.234.567` are Dutch; `1.5`, `1,234.56` are English)
decides the column. Values both read alike (`2018`, `0`) decide nothing. Values both read
differently (`12.345`, `12,345`: a thousands separator or three decimals) follow the deciding
values; when there are none, the separator of the file decides: in a `;`-separated file (what
Excel writes with Dutch settings) the dot groups thousands and the comma is the decimal sign;
in any other file the column is ambiguous and refused. A column in which both conventions occur
is refused. A leading `€` is allowed.

Dates: `2018-03-01` (ISO, optionally with a time), `1-3-2018`, `01-03-2018`, `01/03/2018` and
`01.03.2018` (day first); a time of day is ignored. A column of slashed dates that can only be
month first (`12/31/2018`) is refused rather than read day first. Years outside 1900–2199 are
not valid dates, except the open-end sentinel: a date in year 9999 (`9999-12-31`, `31-12-9999`)
means "no end" where an end date is expected, just like an empty value or `NULL`.
"""

from __future__ import annotations

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from helpers.microdata.errors import ColumnError

# [0-9] rather than \d, and no \s: pandas then runs the patterns in Arrow (RE2), not in Python.
NL_NUMBER = r"-?[0-9]{1,3}(?:[.][0-9]{3})+(?:,[0-9]+)?|-?[0-9]+(?:,[0-9]+)?"
EN_NUMBER = r"-?[0-9]{1,3}(?:,[0-9]{3})+(?:[.][0-9]+)?|-?[0-9]+(?:[.][0-9]+)?"
DUTCH_SEPARATORS = (";",)
MISSING_WORDS = ("null", "(null)", "none", "nan", "nat", "n/a", "#n/a")

TIME = r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?"
ISO_DATE = rf"(?P<y1>\d{{4}})-(?P<m1>\d{{1,2}})-(?P<d1>\d{{1,2}}){TIME}"
DAY_FIRST_DATE = rf"(?P<d2>\d{{1,2}})(?P<sep>[-/.])(?P<m2>\d{{1,2}})(?P=sep)(?P<y2>\d{{4}}){TIME}"
FIRST_YEAR, LAST_YEAR = 1900, 2199
OPEN_END_YEAR = 9999


def per_distinct(values: pd.Series, parse) -> pd.Series:
    """Apply a parser of text once per distinct value (exports repeat values a lot); `parse`
    returns a Series or DataFrame aligned with the distinct values."""
    if isinstance(values.dtype, pd.CategoricalDtype):
        codes, distinct = values.cat.codes.to_numpy(), values.cat.categories
    else:
        codes, distinct = pd.factorize(values)
    parsed = parse(pd.Series(distinct, dtype="str"))
    if isinstance(parsed, pd.DataFrame):
        return pd.DataFrame(
            {c: parsed[c].array.take(codes, allow_fill=True) for c in parsed}, index=values.index
        )
    return pd.Series(parsed.array.take(codes, allow_fill=True), index=values.index)


def clean_text(values: pd.Series) -> pd.Series:
    """Text values stripped, with empty text and the words for missing (NULL, None, NaN, n/a,
    any case) as missing."""
    text = values if pd.api.types.is_string_dtype(values) else values.astype("str")
    text = text.str.strip()
    return text.mask((text == "") | text.str.lower().isin(MISSING_WORDS))


def as_codes(text: pd.Series) -> pd.Series:
    """Text as a categorical, its categories in order of first appearance (one pass of
    hashing; sorting a million distinct ids would cost more than the rest of reading)."""
    codes, uniques = pd.factorize(text)
    dtype = pd.CategoricalDtype(pd.Index(uniques, dtype="str"))
    return pd.Series(
        pd.Categorical.from_codes(codes, dtype=dtype, validate=False), index=text.index
    )


def _to_float(text: pd.Series) -> pd.Series:
    """Text that is a plain number (or missing) as float64, converted by Arrow in C++."""
    return pd.Series(pc.cast(pa.array(text), pa.float64()), index=text.index, dtype="float64")


def _dutch(text: pd.Series) -> pd.Series:
    return _to_float(text.str.replace(".", "", regex=False).str.replace(",", ".", regex=False))


def _english(text: pd.Series) -> pd.Series:
    return _to_float(text.str.replace(",", "", regex=False))


def _example(text: pd.Series, mask: pd.Series) -> str:
    return str(text[mask].iloc[0])


def parse_numbers(values: pd.Series, column: str, separator: str | None) -> pd.Series:
    """A text column as float64 under the one convention the whole column allows (module
    docstring); values that convention cannot read become NaN. Raises ColumnError when the
    column mixes conventions or cannot be decided."""
    text = values
    if text.str.startswith("€").any():
        text = text.str.removeprefix("€").str.strip()
    whole = text.str.fullmatch("-?[0-9]+")
    if (whole | text.isna()).all():  # whole numbers only: nothing to decide
        return _to_float(text)
    nl_ok = text.str.fullmatch(NL_NUMBER)
    en_ok = text.str.fullmatch(EN_NUMBER)
    dutch = nl_ok & ~en_ok
    english = en_ok & ~nl_ok
    if dutch.any() and english.any():
        raise ColumnError(
            f"kolom '{column}' mengt twee schrijfwijzen van getallen: "
            f"'{_example(values, dutch)}' is Nederlands (decimale komma), "
            f"'{_example(values, english)}' Engels (decimale punt). Eén kolom moet één "
            "schrijfwijze hebben: exporteer de kolom opnieuw, bij voorkeur zonder "
            "duizendtalscheiding (1234,56)."
        )
    # Both conventions read a value that is not a whole number, differently: 12.345, 12,345.
    differ = nl_ok & en_ok & ~whole
    if differ.any() and not (dutch.any() or english.any()) and separator not in DUTCH_SEPARATORS:
        example = text[differ].iloc[0:1]
        raise ColumnError(
            f"kolom '{column}': een waarde als '{_example(values, differ)}' kan met een punt "
            f"of komma als duizendtalscheiding {_dutch(example).iloc[0]:.15g} betekenen, en als "
            f"decimaalteken {_english(example).iloc[0]:.15g}; de kolom zelf beslist het niet. "
            "Exporteer getallen zonder duizendtalscheiding (1234,56 of 1234.56), of sla het "
            "bestand op als CSV met puntkomma's (Nederlandse instellingen van Excel)."
        )
    if english.any():
        return _english(text.where(en_ok))
    return _dutch(text.where(nl_ok))


def _date_parts(text: pd.Series) -> pd.DataFrame:
    """Per value: the date (NaT if not valid), its year, day and month fields as written, and
    whether it is written with slashes."""
    parts = text.str.extract(f"^(?:{ISO_DATE}|{DAY_FIRST_DATE})$")
    fields = pd.DataFrame(
        {
            "year": parts["y1"].fillna(parts["y2"]),
            "month": parts["m1"].fillna(parts["m2"]),
            "day": parts["d1"].fillna(parts["d2"]),
        }
    ).apply(pd.to_numeric)
    valid = fields["year"].between(FIRST_YEAR, LAST_YEAR)
    fields["date"] = pd.to_datetime(fields.where(valid), errors="coerce").astype("datetime64[ns]")
    fields["slash"] = parts["sep"].eq("/").fillna(False).astype(bool)
    return fields


def parse_dates(values: pd.Series, column: str, *, open_end: bool) -> tuple[pd.Series, pd.Series]:
    """A date column as datetime64[ns], and a mask of the values that mean "no end" (only when
    open_end: a date in year 9999). Values that are not a valid date become NaT. Raises
    ColumnError for a column of month-first dates."""
    if pd.api.types.is_datetime64_any_dtype(values):
        years = values.dt.year
        valid = years.between(FIRST_YEAR, LAST_YEAR)
        return values.where(valid).astype("datetime64[ns]"), (years == OPEN_END_YEAR) & open_end
    parts = per_distinct(values, _date_parts)
    slash = parts["slash"].fillna(False).astype(bool)
    month_first = slash & (parts["month"] > 12) & (parts["day"] <= 12)
    if month_first.any() and not (slash & (parts["day"] > 12)).any():
        raise ColumnError(
            f"kolom '{column}' heeft datums met de maand vóór de dag (Amerikaans, zoals "
            f"'{_example(values, month_first)}'). Exporteer datums als JJJJ-MM-DD of "
            "DD-MM-JJJJ."
        )
    return parts["date"].astype("datetime64[ns]"), (parts["year"] == OPEN_END_YEAR) & open_end
