"""Read and validate a municipality's arrangement export (the input contract in `contract`).

`read_export` loads CSV (`,` or `;`; UTF-8, Windows-1252 or latin-1), Parquet or Excel (.xlsx,
first sheet), checks it against `contract_schema()` and returns the usable rows together with a
rejection report. Nothing is dropped silently: every input row ends up either in `Export.data`
or in `Export.rejected`, so `rows_in == len(data) + rejected["rij"].nunique()`.

Row numbers ("rij") follow what a user sees when opening the file in Excel or a text editor: the
header is row 1, so the first data row is row 2. Parquet files are numbered the same way, as if
written to CSV with a header. In a CSV with a line break inside a quoted field, rij counts
records (plus the header), not physical lines.

Accepted values: dates as ISO `2018-03-01` or Dutch `01-03-2018` (an empty einddatum means the
arrangement is still running); numbers with a decimal point or a decimal comma (`1234,56`, no
thousands separators); surrounding whitespace is stripped. Categorie, verwijzer and zorgvorm
must match the contract lists exactly (case included): unknown spellings are rejected, never
mapped.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pandera.pandas as pa
from pandera.errors import SchemaErrors

from helpers.microdata import ijw
from helpers.microdata.contract import (
    CATEGORIES,
    EENHEDEN,
    OPTIONAL_COLUMNS,
    REQUIRED_COLUMNS,
    VERWIJZERS,
    ZORGVORMEN,
)

REPORT_COLUMNS = ("bestand", "rij", "kolom", "waarde", "reden")
FIRST_DATA_ROW = 2  # header is row 1, as in Excel

INTEGER_COLUMNS = ("jaar", "leeftijd")
NUMBER_COLUMNS = ("kosten", "eenheden")
DATE_COLUMNS = ("begindatum", "einddatum")
CODED_COLUMNS = ("categorie", "verwijzer", "zorgvorm", "eenheid")
TYPED_COLUMNS = INTEGER_COLUMNS + NUMBER_COLUMNS + DATE_COLUMNS
NULLABLE_COLUMNS = ("einddatum", "wijk", "eenheden", "eenheid")
CONTRACT_COLUMNS = REQUIRED_COLUMNS + OPTIONAL_COLUMNS
# Ids and codes repeat a lot: as categoricals they take less memory and group without hashing.
CATEGORICAL_COLUMNS = (
    "client_id",
    "arrangement_id",
    "categorie",
    "verwijzer",
    "aanbieder",
    "zorgvorm",
    "wijk",
)
CODE_LISTS = {"categorie": CATEGORIES, "verwijzer": VERWIJZERS, "zorgvorm": ZORGVORMEN}

BSN_NAME_PARTS = ("bsn", "burgerservicenummer", "sofinummer", "sofi_nummer")
# A random 8/9-digit pseudonym passes the elfproef about 1 time in 11; a column where at least
# half of the values pass is almost certainly made of real BSNs.
BSN_SHARE = 0.5

REASON_MISSING = "verplichte waarde ontbreekt"
REASON_EMPTY_ROW = "lege rij"
REASON_NOT_INTEGER = "geen geheel getal"
REASON_NOT_NUMBER = "geen getal (gebruik bijvoorbeeld 1234.56 of 1234,56)"
REASON_NOT_DATE = "geen geldige datum (verwacht JJJJ-MM-DD of DD-MM-JJJJ)"
REASON_NEGATIVE = "negatief; moet 0 of meer zijn"
REASON_END_BEFORE_BEGIN = "einddatum ligt vóór begindatum"
REASON_DUPLICATE = "combinatie arrangement_id en jaar komt vaker voor"


class ExportError(ValueError):
    """An export that cannot be used (as a whole, or with on_error='raise' because of a row)."""


@dataclass
class Export:
    """Result of `read_export`.

    data: the rows that passed, typed (jaar/leeftijd int64, kosten/eenheden float64, dates
        datetime64[ns], ids and codes as categoricals: see `as_categories`); contract columns
        only, see `ignored_columns`.
    rejected: one line per problem, columns bestand, rij, kolom, waarde, reden.
    source: file name.
    rows_in: data rows in the file.
    ignored_columns: columns in the file that are not part of the contract (not loaded).
    """

    data: pd.DataFrame
    rejected: pd.DataFrame
    source: str
    rows_in: int
    ignored_columns: tuple[str, ...] = ()


# --- parsers: vectorised, accept text (as read from CSV) as well as already-typed columns -----


def _text(values: pd.Series) -> pd.Series:
    """Values as stripped text; empty text becomes missing."""
    text = values.astype("str").str.strip()
    return text.mask(text == "")


def _per_distinct(values: pd.Series, parse) -> pd.Series:
    """Apply a text parser once per distinct value: exports repeat dates and years a lot."""
    codes, distinct = pd.factorize(_text(values))
    parsed = parse(pd.Series(distinct, dtype="str"))
    return pd.Series(parsed.array.take(codes, allow_fill=True), index=values.index)


def _text_to_number(text: pd.Series) -> pd.Series:
    text = text.where(~text.str.fullmatch(r"-?\d+,\d+", na=False), text.str.replace(",", "."))
    return pd.to_numeric(text, errors="coerce").astype("float64")


def _text_to_date(text: pd.Series) -> pd.Series:
    # Excel cells holding a date arrive as datetime objects, whose text carries a midnight time.
    text = text.str.removesuffix(" 00:00:00")
    iso = pd.to_datetime(text, format="%Y-%m-%d", errors="coerce")
    return iso.fillna(pd.to_datetime(text, format="%d-%m-%Y", errors="coerce"))


def to_number(values: pd.Series) -> pd.Series:
    """Numbers as float64; unparsable or non-finite values become NaN."""
    if pd.api.types.is_numeric_dtype(values):
        numbers = values.astype("float64")
    else:
        numbers = _per_distinct(values, _text_to_number)
    return numbers.where(np.isfinite(numbers))


def to_integer(values: pd.Series) -> pd.Series:
    """Whole numbers as float64 (so that NaN can mark the unparsable ones)."""
    numbers = to_number(values)
    return numbers.where(numbers % 1 == 0)


def to_date(values: pd.Series) -> pd.Series:
    """Dates from ISO `2018-03-01` or Dutch `01-03-2018` text; unparsable values become NaT."""
    if pd.api.types.is_datetime64_any_dtype(values):
        return values
    return _per_distinct(values, _text_to_date)


# --- the schema -----------------------------------------------------------------------------


def _parses(parser):
    return lambda values: parser(values).notna()


def _not_negative(values: pd.Series) -> pd.Series:
    return ~(to_number(values) < 0)


def _end_not_before_begin(df: pd.DataFrame) -> pd.Series:
    return ~(to_date(df["einddatum"]) < to_date(df["begindatum"]))


def _duplicate_keys(df: pd.DataFrame) -> pd.Series:
    keys = pd.DataFrame({"arrangement_id": df["arrangement_id"], "jaar": to_integer(df["jaar"])})
    return keys.duplicated(keep=False) & keys.notna().all(axis=1)


def _unique_arrangement_year(df: pd.DataFrame) -> pd.Series:
    return ~_duplicate_keys(df)


def _allowed(values: tuple[str, ...], what: str) -> pa.Check:
    return pa.Check.isin(values, error=f"onbekende {what}; toegestaan: {', '.join(values)}")


# Frame-level checks and the column a failure is reported under.
_FRAME_CHECK_COLUMN = {REASON_END_BEFORE_BEGIN: "einddatum", REASON_DUPLICATE: "arrangement_id"}


def contract_schema() -> pa.DataFrameSchema:
    """The input contract as a pandera schema.

    It validates both a freshly read export (text values) and `Export.data` (typed values):
    the checks parse values the same way `read_export` does. Columns outside the contract are
    allowed; optional columns may be absent.
    """
    checks = {
        **{c: [pa.Check(_parses(to_integer), error=REASON_NOT_INTEGER)] for c in INTEGER_COLUMNS},
        **{c: [pa.Check(_parses(to_number), error=REASON_NOT_NUMBER)] for c in NUMBER_COLUMNS},
        **{c: [pa.Check(_parses(to_date), error=REASON_NOT_DATE)] for c in DATE_COLUMNS},
        "categorie": [_allowed(CATEGORIES, "categorie")],
        "verwijzer": [_allowed(VERWIJZERS, "verwijzer")],
        "zorgvorm": [_allowed(ZORGVORMEN, "zorgvorm")],
        "eenheid": [_allowed(EENHEDEN, "eenheid")],
    }
    for column in ("leeftijd", *NUMBER_COLUMNS):
        checks[column].append(pa.Check(_not_negative, error=REASON_NEGATIVE))
    columns = {
        name: pa.Column(
            checks=checks.get(name),
            nullable=name in NULLABLE_COLUMNS,
            required=name in REQUIRED_COLUMNS,
        )
        for name in CONTRACT_COLUMNS
    }
    return pa.DataFrameSchema(
        columns,
        checks=[
            pa.Check(_end_not_before_begin, error=REASON_END_BEFORE_BEGIN),
            pa.Check(_unique_arrangement_year, error=REASON_DUPLICATE),
        ],
        strict=False,
    )


# --- reading --------------------------------------------------------------------------------


def _read_csv(path: Path) -> pd.DataFrame:
    raw = path.read_bytes()
    if not raw.strip():
        raise ExportError(f"{path.name}: het bestand is leeg.")
    for encoding in ("utf-8-sig", "cp1252", "latin-1"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    header = text.lstrip().partition("\n")[0]
    separator = ";" if header.count(";") > header.count(",") else ","
    return pd.read_csv(
        io.StringIO(text),
        sep=separator,
        dtype=str,
        keep_default_na=False,
        skip_blank_lines=False,
    )


def _read_file(path: Path) -> pd.DataFrame:
    suffix = path.suffix.lower()
    readers = {
        ".csv": _read_csv,
        ".txt": _read_csv,
        ".parquet": pd.read_parquet,
        ".pq": pd.read_parquet,
        ".xlsx": lambda p: pd.read_excel(p, sheet_name=0, dtype=object),
    }
    if suffix not in readers:
        raise ExportError(
            f"{path.name}: onbekend bestandstype '{suffix}'; gebruik .csv, .parquet of .xlsx."
        )
    if not path.is_file():
        raise ExportError(f"{path.name}: bestand niet gevonden ({path}).")
    try:
        return readers[suffix](path)
    except ExportError:
        raise
    except Exception as err:  # any reader failure means the file as a whole is unusable
        raise ExportError(
            f"{path.name}: het bestand is niet te lezen ({str(err).strip()})."
        ) from err


def _check_columns(raw: pd.DataFrame, name: str) -> None:
    missing = [c for c in REQUIRED_COLUMNS if c not in raw.columns]
    if missing:
        present = {c.lower(): c for c in raw.columns}
        hints = [f"'{present[c]}'" for c in missing if c in present]
        hint = (
            f" Wel gevonden: {', '.join(hints)} (kolomnamen zijn hoofdlettergevoelig)."
            if hints
            else ""
        )
        raise ExportError(f"{name}: verplichte kolom(men) ontbreken: {', '.join(missing)}.{hint}")


def passes_elfproef(values: pd.Series) -> pd.Series:
    """True where a value is an 8- or 9-digit number passing the BSN elfproef."""
    text = _text(values).str.zfill(9)
    candidate = text.str.fullmatch(r"\d{9}", na=False)
    numbers = text[candidate].astype("int64").to_numpy()
    digits = numbers[:, None] // 10 ** np.arange(8, -1, -1) % 10
    valid = (digits @ np.array([9, 8, 7, 6, 5, 4, 3, 2, -1]) % 11 == 0) & (numbers > 0)
    result = pd.Series(False, index=values.index)
    result[candidate] = valid
    return result


def _check_no_bsn(raw: pd.DataFrame, name: str) -> None:
    for column in raw.columns:
        if any(part in column.lower() for part in BSN_NAME_PARTS):
            raise ExportError(
                f"{name}: kolom '{column}' lijkt een burgerservicenummer te bevatten. "
                "Lever alleen gepseudonimiseerde gegevens aan (client_id, nooit een BSN)."
            )
    for column in raw.columns.difference(TYPED_COLUMNS + CODED_COLUMNS, sort=False):
        values = raw[column].dropna()
        if len(values) and passes_elfproef(values).mean() >= BSN_SHARE:
            raise ExportError(
                f"{name}: de waarden in kolom '{column}' zijn 9-cijferige nummers die de "
                "elfproef halen en lijken daarmee burgerservicenummers. Lever alleen "
                "gepseudonimiseerde gegevens aan (client_id, nooit een BSN)."
            )


def _normalise(raw: pd.DataFrame) -> pd.DataFrame:
    """Strip text; keep columns that a Parquet/Excel reader already typed."""
    typed = {
        c
        for c in raw.columns
        if c in TYPED_COLUMNS
        and (pd.api.types.is_numeric_dtype(raw[c]) or pd.api.types.is_datetime64_any_dtype(raw[c]))
    }
    return pd.DataFrame({c: raw[c] if c in typed else _text(raw[c]) for c in raw.columns})


def _report(failures: pd.DataFrame, rows: pd.DataFrame, name: str) -> pd.DataFrame:
    """Turn pandera failure cases into report lines (one per problem)."""
    frame_level = failures["check"].isin(list(_FRAME_CHECK_COLUMN))
    failures = pd.concat(
        [
            failures[~frame_level],
            failures[frame_level]
            .drop_duplicates(["index", "check"])
            .assign(column=lambda f: f["check"].map(_FRAME_CHECK_COLUMN)),
        ]
    )
    index = failures["index"].to_numpy()
    report = pd.DataFrame(
        {
            "bestand": name,
            "rij": index + FIRST_DATA_ROW,
            "kolom": failures["column"].to_numpy(),
            "reden": failures["check"].replace({"not_nullable": REASON_MISSING}).to_numpy(),
        }
    )
    report["waarde"] = failures["failure_case"].astype("str").fillna("").to_numpy()
    # A frame-level failure case is a whole row; show the value of its own column instead.
    for column in _FRAME_CHECK_COLUMN.values():
        own = (report["kolom"] == column) & report["reden"].isin(list(_FRAME_CHECK_COLUMN))
        report.loc[own, "waarde"] = rows[column].astype("str").fillna("").to_numpy()[index[own]]

    end = report["reden"] == REASON_END_BEFORE_BEGIN
    report.loc[end, "reden"] += " (" + rows["begindatum"].astype("str").to_numpy()[index[end]] + ")"

    duplicate = report["reden"] == REASON_DUPLICATE
    if duplicate.any():
        keys = pd.DataFrame(
            {
                "arrangement_id": rows["arrangement_id"].to_numpy()[index[duplicate]],
                "jaar": to_integer(rows["jaar"]).to_numpy()[index[duplicate]],
                "rij": report.loc[duplicate, "rij"].to_numpy(),
            }
        )
        same = keys.groupby(["arrangement_id", "jaar"])["rij"].transform(
            lambda r: ", ".join(map(str, sorted(r)))
        )
        report.loc[duplicate, "reden"] += (
            " (jaar " + keys["jaar"].astype("int64").astype("str") + "; rijen " + same + ")"
        ).to_numpy()
    return report


def as_categories(data: pd.DataFrame) -> pd.DataFrame:
    """The CATEGORICAL_COLUMNS present in `data` as pandas categoricals, as `read_export`
    delivers them: categorie, verwijzer and zorgvorm with their contract list as categories (in
    contract order, also the ones that do not occur), the ids and wijk with their distinct
    values (sorted). Missing values stay missing; a code outside its contract list raises
    ValueError instead of becoming missing."""
    columns = [c for c in CATEGORICAL_COLUMNS if c in data.columns]
    for column in CODE_LISTS.keys() & set(columns):
        unknown = data[column].notna() & ~data[column].isin(CODE_LISTS[column])
        if unknown.any():
            raise ValueError(
                f"Kolom '{column}' bevat waarden buiten de lijst van het invoercontract: "
                f"{sorted(data.loc[unknown, column].astype('str').unique())}."
            )
    return data.astype({c: pd.CategoricalDtype(CODE_LISTS.get(c)) for c in columns})


def _typed(rows: pd.DataFrame) -> pd.DataFrame:
    data = rows[[c for c in CONTRACT_COLUMNS if c in rows.columns]].copy()
    for column in data.columns:
        if column in INTEGER_COLUMNS:
            data[column] = to_integer(data[column]).astype("int64")
        elif column in NUMBER_COLUMNS:
            data[column] = to_number(data[column])
        elif column in DATE_COLUMNS:
            data[column] = to_date(data[column]).astype("datetime64[ns]")
    # The other columns are text already (_normalise).
    return as_categories(data).reset_index(drop=True)


def _raise_first(report: pd.DataFrame) -> None:
    first = report.iloc[0]
    value = f" (waarde '{first['waarde']}')" if first["waarde"] else ""
    raise ExportError(
        f"{first['bestand']}, rij {first['rij']} (kopregel is rij 1), kolom "
        f"'{first['kolom']}': {first['reden']}{value}. In totaal {len(report)} probleem/problemen "
        f"in {report['rij'].nunique()} rij(en); gebruik on_error='report' voor het volledige "
        "overzicht."
    )


def read_export(path, *, on_error: str = "report", vertaaltabel=None) -> Export:
    """Read and validate an arrangement export.

    on_error="report" (default): rows with problems go to `Export.rejected`, one line per
    problem; on_error="raise": the first problem raises ExportError naming file, row, column
    and reason. Problems with the file as a whole (unreadable, empty, missing required column,
    a column that looks like a BSN, an iJw code without a categorie) always raise ExportError.
    iJw codes (eenheid, productcategorie or productcode with `vertaaltabel`) are translated to
    the contract first: helpers.microdata.ijw.
    """
    if on_error not in ("report", "raise"):
        raise ValueError(f"on_error moet 'report' of 'raise' zijn, niet {on_error!r}.")
    path = Path(path)
    raw = _read_file(path)
    if any(raw.index.names):  # a Parquet file written from a frame with a named index
        raw = raw.reset_index()
    # Row numbers are positions in the file, whatever index a Parquet file carries.
    raw = raw.reset_index(drop=True)
    raw.columns = raw.columns.astype("str").str.strip()
    if raw.empty:
        raise ExportError(f"{path.name}: het bestand bevat geen gegevensrijen.")
    try:
        raw = ijw.translate(raw, path.name, vertaaltabel)
    except ijw.CodeError as err:
        raise ExportError(str(err)) from err
    _check_columns(raw, path.name)
    rows = _normalise(raw)
    _check_no_bsn(rows, path.name)

    empty = rows.isna().all(axis=1)
    report = pd.DataFrame(
        {
            "bestand": path.name,
            "rij": rows.index[empty] + FIRST_DATA_ROW,
            "kolom": "",
            "waarde": "",
            "reden": REASON_EMPTY_ROW,
        }
    )
    try:
        contract_schema().validate(rows[~empty], lazy=True)
    except SchemaErrors as err:
        report = pd.concat([report, _report(err.failure_cases, rows, path.name)])
    order = {c: i for i, c in enumerate(rows.columns)}
    report = (
        report.sort_values(["rij", "kolom"], key=lambda s: s.map(order) if s.name == "kolom" else s)
        .reset_index(drop=True)
        .loc[:, list(REPORT_COLUMNS)]
    )
    if on_error == "raise" and len(report):
        _raise_first(report)
    used = ~rows.index.isin(report["rij"] - FIRST_DATA_ROW)
    return Export(
        data=_typed(rows[used]),
        rejected=report,
        source=path.name,
        rows_in=len(rows),
        ignored_columns=tuple(c for c in rows.columns if c not in CONTRACT_COLUMNS),
    )
