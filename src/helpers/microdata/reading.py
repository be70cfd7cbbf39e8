"""Read and validate a municipality's arrangement export (the input contract in `contract`).

`read_export` loads CSV (`;`, `,` or tab; UTF-8, Windows-1252 or latin-1), Parquet or Excel
(.xlsx, first sheet) and returns the usable rows together with a rejection report. Nothing is
dropped silently: every input row is used (in `Export.data`, or netted as a credit into a row
there: `Export.netted`) or rejected (`Export.rejected`), so
`rows_in == rows_used + rejected["rij"].nunique()`. `require_usable` is the hard stop: it
refuses an export with too much rejected before any analysis runs.

The steps, each in its own module:
- `files`: what the file really is (a renamed or damaged file gets a Dutch message), the header
  row (below Excel title rows; names in any case, with spaces), the separator, and records that
  a stray quote merged;
- `identifiers`: a column of BSNs or names refuses the file; no message shows a value of it;
- `notation`: numbers and dates as written in Dutch and English, decided per column; NULL,
  empty and year 9999 as "no end";
- `credits`: negative costs netted per arrangement and year;
- the contract schema below (types, code lists, leeftijd 0–23, one row per arrangement per
  year, einddatum not before begindatum), and `plausibility` (years, dates against jaar, one
  client per arrangement, cents; cost outliers listed for review in `Export.review`).

Row numbers ("rij") follow what a user sees when opening the file in Excel or a text editor:
the header is row 1 (or the row below the title rows), the first data row the next. Parquet
files are numbered as if written to CSV with a header. In a CSV with a line break inside a
quoted value (allowed only in a column outside the contract), rij counts records, not lines.
Categorie, verwijzer and zorgvorm must match the contract lists exactly (case included):
unknown spellings are rejected, never mapped. The report never shows the value of an
identifier column (client_id, arrangement_id): the row number finds it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import pandera.pandas as pa
from pandera.errors import SchemaErrors

from helpers.display import fmt
from helpers.microdata import ijw, plausibility
from helpers.microdata.contract import (
    CATEGORIES,
    EENHEDEN,
    OPTIONAL_COLUMNS,
    REQUIRED_COLUMNS,
    VERWIJZERS,
    ZORGVORMEN,
)
from helpers.microdata.credits import net_credits
from helpers.microdata.errors import ColumnError, ExportError, UnusableExportError
from helpers.microdata.files import column_key, read_table
from helpers.microdata.identifiers import ID_COLUMNS, identifier_problem, passes_elfproef
from helpers.microdata.notation import as_codes, clean_text, parse_dates, parse_numbers

__all__ = [
    "Export",
    "ExportError",
    "UnusableExportError",
    "as_categories",
    "contract_schema",
    "passes_elfproef",
    "read_export",
    "require_usable",
]

REPORT_COLUMNS = ("bestand", "rij", "kolom", "waarde", "reden")

INTEGER_COLUMNS = ("jaar", "leeftijd")
NUMBER_COLUMNS = ("kosten", "eenheden")
DATE_COLUMNS = ("begindatum", "einddatum")
CODED_COLUMNS = ("categorie", "verwijzer", "zorgvorm", "eenheid")
TYPED_COLUMNS = INTEGER_COLUMNS + NUMBER_COLUMNS + DATE_COLUMNS
CONTRACT_COLUMNS = REQUIRED_COLUMNS + OPTIONAL_COLUMNS
NULLABLE_COLUMNS = ("einddatum", *OPTIONAL_COLUMNS)
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
CODE_LISTS = {
    "categorie": CATEGORIES,
    "verwijzer": VERWIJZERS,
    "zorgvorm": ZORGVORMEN,
    "eenheid": EENHEDEN,
}
# Columns whose text is a name of an organisation or a place, not searched for person names.
NAMED_PLACES = ("aanbieder", "wijk")
AGE_RANGE = (0, 23)  # Jeugdwet: jeugdhulp until 18, extended until 23

# The hard stop (require_usable): the most that may be rejected, of the rows and of the euros
# (absolute amounts), in the export as a whole and in each of its years.
MAX_REJECTED_ROWS = 0.05
MAX_REJECTED_EUROS = 0.05
MAX_REASONS_SHOWN = 10

REASON_MISSING = "verplichte waarde ontbreekt"
REASON_EMPTY_ROW = "lege rij"
REASON_NOT_INTEGER = "geen geheel getal"
REASON_NOT_NUMBER = "geen getal (bijvoorbeeld 1234,56 of 1.234,56)"
REASON_NOT_DATE = "geen geldige datum (verwacht bijvoorbeeld 31-12-2018 of 2018-12-31)"
REASON_NEGATIVE = "negatief; moet 0 of meer zijn"
REASON_CREDIT_ALONE = (
    "negatief bedrag (creditering) dat niet te verrekenen is: er is niet precies één rij met "
    "kosten van 0 of meer van hetzelfde arrangement in hetzelfde jaar"
)
REASON_AGE = f"leeftijd buiten {AGE_RANGE[0]}–{AGE_RANGE[1]} jaar"
REASON_END_BEFORE_BEGIN = "einddatum ligt vóór begindatum"
REASON_DUPLICATE = "combinatie arrangement_id en jaar komt vaker voor"
REASON_ENDED_BEFORE_YEAR = "arrangement eindigde vóór het jaar waarin de kosten zijn geboekt"
REASON_BEGAN_AFTER_YEAR = "arrangement begon na het jaar waarin de kosten zijn geboekt"
REASON_SEVERAL_CLIENTS = "arrangement_id komt voor bij meer dan één client_id"
REASON_NETTED_INTO_REJECTED = "creditering verrekend met een rij die is afgewezen"


@dataclass
class Export:
    """Result of `read_export`.

    data: the rows that passed, typed (jaar/leeftijd int64, kosten/eenheden float64, dates
        datetime64[ns], ids and codes as categoricals: codes with their contract list as in
        `as_categories`, ids and wijk with the values that occur, in order of first appearance),
        credits netted in; contract columns only, see `ignored_columns`.
    rejected: one line per problem, columns bestand, rij, kolom, waarde, reden.
    source: file name.
    rows_in: data rows in the file.
    ignored_columns: columns in the file that are not part of the contract (not loaded).
    netted: credit rows netted into a row of `data`: rij, verrekend_met (its rij), kosten.
    review: rows of `data` to check by hand (cost outliers), columns as `rejected`.
    yearly: per year of the export (NaN: a row without a valid year of the export) the rows and
        euros (sum of absolute kosten) in the file and rejected: the basis of `require_usable`.
    """

    data: pd.DataFrame
    rejected: pd.DataFrame
    source: str
    rows_in: int
    ignored_columns: tuple[str, ...] = ()
    netted: pd.DataFrame = field(default_factory=pd.DataFrame)
    review: pd.DataFrame = field(default_factory=pd.DataFrame)
    yearly: pd.DataFrame = field(default_factory=pd.DataFrame)

    @property
    def rows_used(self) -> int:
        """Rows of the file in `data`, directly or netted into a row there."""
        return len(self.data) + len(self.netted)


# --- the schema of typed data ---------------------------------------------------------------


def _numeric(values: pd.Series) -> pd.Series:
    if not pd.api.types.is_numeric_dtype(values):
        return pd.Series(False, index=values.index)
    return pd.Series(np.isfinite(values.to_numpy(dtype="float64")), index=values.index)


def _whole(values: pd.Series) -> pd.Series:
    numeric = _numeric(values)
    return numeric & (values % 1 == 0) if numeric.any() else numeric


def _date(values: pd.Series) -> pd.Series:
    return pd.Series(pd.api.types.is_datetime64_any_dtype(values), index=values.index)


def _end_not_before_begin(df: pd.DataFrame) -> pd.Series:
    return ~(df["einddatum"] < df["begindatum"])


def _unique_arrangement_year(df: pd.DataFrame) -> pd.Series:
    keys = df[["arrangement_id", "jaar"]]
    return ~(keys.duplicated(keep=False) & keys.notna().all(axis=1))


def _allowed(values: tuple[str, ...], what: str) -> pa.Check:
    return pa.Check.isin(values, error=f"onbekende {what}; toegestaan: {', '.join(values)}")


# Frame-level checks and the column a failure is reported under.
_FRAME_CHECK_COLUMN = {REASON_END_BEFORE_BEGIN: "einddatum", REASON_DUPLICATE: "arrangement_id"}


def contract_schema() -> pa.DataFrameSchema:
    """The input contract as a pandera schema, for typed data (`Export.data`, or a frame made by
    `synthetic`): whole numbers, numbers, dates, code lists, leeftijd 0–23, kosten and eenheden
    ≥ 0, einddatum not before begindatum, one row per arrangement_id and jaar. Columns outside
    the contract are allowed; optional columns may be absent."""
    checks = {
        **{c: [pa.Check(_whole, error=REASON_NOT_INTEGER)] for c in INTEGER_COLUMNS},
        **{c: [pa.Check(_numeric, error=REASON_NOT_NUMBER)] for c in NUMBER_COLUMNS},
        **{c: [pa.Check(_date, error=REASON_NOT_DATE)] for c in DATE_COLUMNS},
        **{c: [_allowed(CODE_LISTS[c], c)] for c in CODED_COLUMNS},
    }
    checks["leeftijd"].append(pa.Check.in_range(*AGE_RANGE, error=REASON_AGE))
    for column in NUMBER_COLUMNS:
        checks[column].append(pa.Check.ge(0, error=REASON_NEGATIVE))
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


# --- from the file to typed values ----------------------------------------------------------


def _contract_names(raw: pd.DataFrame, name: str) -> pd.DataFrame:
    """Columns named as in the contract whatever their case and spaces; others as in the file."""
    names = [
        column_key(c) if column_key(c) in CONTRACT_COLUMNS else str(c).strip() for c in raw.columns
    ]
    doubles = sorted({n for n in names if names.count(n) > 1})
    if doubles:
        raise ExportError(
            f"{name}: kolom(men) {', '.join(doubles)} komen meer dan eens voor (ook met andere "
            "hoofdletters of spaties). Laat elke kolom één keer in de export staan."
        )
    return raw.set_axis(names, axis="columns")


def _check_columns(raw: pd.DataFrame, name: str) -> None:
    missing = [c for c in REQUIRED_COLUMNS if c not in raw.columns]
    if missing:
        raise ExportError(
            f"{name}: verplichte kolom(men) ontbreken: {', '.join(missing)}. Gevonden kolommen: "
            f"{', '.join(map(str, raw.columns))}."
        )


def _is_typed(values: pd.Series) -> bool:
    return pd.api.types.is_numeric_dtype(values) or pd.api.types.is_datetime64_any_dtype(values)


def _clean(values: pd.Series, column: str) -> pd.Series:
    """Ids and codes as cleaned categoricals; other text cleaned; typed values as they are."""
    if column in CATEGORICAL_COLUMNS:
        return as_codes(clean_text(values))
    return values if _is_typed(values) else clean_text(values)


def _check_identifiers(rows: pd.DataFrame, name: str) -> None:
    for column in rows.columns:
        if column in TYPED_COLUMNS + CODED_COLUMNS or pd.api.types.is_datetime64_any_dtype(
            rows[column]
        ):
            continue
        values = rows[column]
        distinct = (
            pd.Series(values.cat.categories)
            if isinstance(values.dtype, pd.CategoricalDtype)
            else pd.Series(values.dropna().unique())
        )
        problem = identifier_problem(
            column, column_key(column), distinct, search_names=column not in NAMED_PLACES
        )
        if problem:
            raise ExportError(f"{name}: {problem}")


def _parse(rows: pd.DataFrame, separator: str | None) -> tuple[pd.DataFrame, dict]:
    """Typed values of the contract columns, and per typed column a mask of the values that
    could not be read (an einddatum that means "no end" is read, as NaT)."""
    values = rows[[c for c in CONTRACT_COLUMNS if c in rows.columns]].copy()
    unread = {}
    for column in TYPED_COLUMNS:
        if column not in values.columns:
            continue
        given = rows[column]
        no_end = pd.Series(False, index=rows.index)
        if column in DATE_COLUMNS:
            parsed, no_end = parse_dates(given, column, open_end=column == "einddatum")
        else:
            parsed = (
                given.astype("float64")
                if _is_typed(given)
                else parse_numbers(given, column, separator)
            )
            parsed = parsed.where(np.isfinite(parsed))
        values[column] = parsed
        unread[column] = given.notna() & parsed.isna() & ~no_end
    return values, unread


def _problems(mask, column: str, reason) -> pd.DataFrame:
    """Report lines (position, kolom, reden) for the rows in mask; reason: one text, or a Series
    of texts for the rows in mask."""
    positions = np.flatnonzero(np.asarray(mask, dtype=bool))
    reasons = reason.to_numpy() if isinstance(reason, pd.Series) else reason
    return pd.DataFrame({"pos": positions, "kolom": column, "reden": reasons})


def _schema_problems(values: pd.DataFrame, unread: dict) -> pd.DataFrame:
    """The contract schema's failures on values, as report lines; a value that could not be
    read is already reported and is not reported again as missing."""
    try:
        contract_schema().validate(values, lazy=True)
    except SchemaErrors as err:
        failures = err.failure_cases
    else:
        return _problems([], "", "")
    failures = failures[failures["index"].notna()]
    frame_level = failures["check"].isin(list(_FRAME_CHECK_COLUMN))
    failures = pd.concat(
        [
            failures[~frame_level],
            failures[frame_level]
            .drop_duplicates(["index", "check"])
            .assign(column=lambda f: f["check"].map(_FRAME_CHECK_COLUMN)),
        ]
    )
    lines = pd.DataFrame(
        {
            "pos": failures["index"].astype("int64").to_numpy(),
            "kolom": failures["column"].to_numpy(),
            "reden": failures["check"].replace({"not_nullable": REASON_MISSING}).to_numpy(),
        }
    )
    already = np.zeros(len(lines), dtype=bool)
    for column, mask in unread.items():
        here = (lines["kolom"] == column).to_numpy()
        already[here] = mask.to_numpy()[lines["pos"].to_numpy()[here]]
    return lines[~already]


def _explain(
    lines: pd.DataFrame, rows: pd.DataFrame, values: pd.DataFrame, rij: np.ndarray, into: np.ndarray
) -> None:
    """Add to the reasons what a user needs to find the problem (in place); rows: the values
    as in the file, values: typed."""
    pos = lines["pos"].to_numpy()
    end = (lines["reden"] == REASON_END_BEFORE_BEGIN).to_numpy()
    lines.loc[end, "reden"] += (
        " (" + rows["begindatum"].iloc[pos[end]].astype("str").to_numpy() + ")"
    )
    duplicate = (lines["reden"] == REASON_DUPLICATE).to_numpy()
    if duplicate.any():
        keys = values[["arrangement_id", "jaar"]].iloc[pos[duplicate]]
        groups = keys["arrangement_id"].cat.codes.astype("int64") * 10_000 + keys["jaar"]
        listed = plausibility.listed_rows(groups, pd.Series(rij[pos[duplicate]]))
        lines.loc[duplicate, "reden"] += (
            " (jaar "
            + keys["jaar"].astype("int64").astype("str").to_numpy()
            + "; "
            + listed.to_numpy()
            + ")"
        )
    negative_cost = ((lines["kolom"] == "kosten") & (lines["reden"] == REASON_NEGATIVE)).to_numpy()
    if negative_cost.any():
        netted = into >= 0
        absorbed = (
            pd.Series(rij[netted])
            .groupby(into[netted])
            .agg(lambda r: ", ".join(map(str, sorted(r))))
        )
        credits_of = pd.Series(pos[negative_cost], dtype="int64").map(absorbed)
        lines.loc[negative_cost, "reden"] = np.where(
            credits_of.notna(),
            "blijft negatief na verrekening met de creditering(en) in rij "
            + credits_of.astype("str"),
            REASON_CREDIT_ALONE,
        )


def _row_checks(values: pd.DataFrame, judged: pd.Series, first: int, last: int, rij) -> list:
    """Plausibility of rows (judged: the rows taking part) as report lines."""
    jaar = values["jaar"].where(judged)
    stray, reason = plausibility.stray_years(jaar, first, last)
    several = plausibility.several_clients(
        values["arrangement_id"].where(judged), values["client_id"]
    )
    lines = [
        _problems(stray, "jaar", reason),
        _problems(
            plausibility.ended_before_year(values["einddatum"], jaar),
            "einddatum",
            REASON_ENDED_BEFORE_YEAR,
        ),
        _problems(
            plausibility.began_after_year(values["begindatum"], jaar),
            "begindatum",
            REASON_BEGAN_AFTER_YEAR,
        ),
    ]
    if several.any():
        listed = plausibility.listed_rows(
            values["arrangement_id"][several].cat.codes, pd.Series(rij[several.to_numpy()])
        )
        lines.append(
            _problems(several, "arrangement_id", REASON_SEVERAL_CLIENTS + " (" + listed + ")")
        )
    return lines


def _categorical(values: pd.DataFrame) -> pd.DataFrame:
    """The CATEGORICAL_COLUMNS of the used rows with the categories `as_categories` gives."""
    for column in [c for c in CATEGORICAL_COLUMNS if c in values.columns]:
        if column in CODE_LISTS:
            values[column] = values[column].cat.set_categories(CODE_LISTS[column])
        else:
            values[column] = values[column].cat.remove_unused_categories()
    return values


def _typed(values: pd.DataFrame) -> pd.DataFrame:
    data = values.copy()
    for column in INTEGER_COLUMNS:
        data[column] = data[column].astype("int64")
    for column in DATE_COLUMNS:
        data[column] = data[column].astype("datetime64[ns]")
    return _categorical(data).reset_index(drop=True)


def as_categories(data: pd.DataFrame) -> pd.DataFrame:
    """The CATEGORICAL_COLUMNS present in `data` as pandas categoricals: categorie, verwijzer
    and zorgvorm with their contract list as categories (in contract order, also the ones that
    do not occur), as `read_export` delivers them; the ids and wijk with their distinct values
    (sorted; `read_export` keeps them in order of first appearance, which is cheaper for a
    million ids). Missing values stay missing; a code outside its contract list raises
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


def _report(lines: pd.DataFrame, rows: pd.DataFrame, rij: np.ndarray, name: str) -> pd.DataFrame:
    """Report lines as bestand, rij, kolom, waarde, reden (waarde: the value as in the file,
    empty for identifier columns), ordered by row and column."""
    pos = lines["pos"].to_numpy()
    waarde = np.full(len(lines), "", dtype=object)
    for column in set(lines["kolom"]) - {"", *ID_COLUMNS}:
        here = (lines["kolom"] == column).to_numpy()
        waarde[here] = rows[column].iloc[pos[here]].astype("str").fillna("").to_numpy()
    report = pd.DataFrame(
        {
            "bestand": name,
            "rij": rij[pos],
            "kolom": lines["kolom"].to_numpy(),
            "waarde": waarde,
            "reden": lines["reden"].to_numpy(),
        }
    )
    order = {c: i for i, c in enumerate(rows.columns)}
    return report.sort_values(
        ["rij", "kolom"], key=lambda s: s.map(order) if s.name == "kolom" else s, kind="stable"
    ).reset_index(drop=True)


def _yearly(jaar: pd.Series, kosten: pd.Series, rejected: np.ndarray) -> pd.DataFrame:
    euros = kosten.abs().fillna(0.0)
    frame = pd.DataFrame(
        {
            "jaar": jaar,
            "rows": 1,
            "rows_rejected": rejected.astype("int64"),
            "euros": euros,
            "euros_rejected": euros.where(rejected, 0.0),
        }
    )
    return frame.groupby("jaar", dropna=False).sum()


def _raise_first(report: pd.DataFrame, header_row: int) -> None:
    first = report.iloc[0]
    value = f" (waarde '{first['waarde']}')" if first["waarde"] else ""
    raise ExportError(
        f"{first['bestand']}, rij {first['rij']} (kopregel is rij {header_row}), kolom "
        f"'{first['kolom']}': {first['reden']}{value}. In totaal {len(report)} probleem/problemen "
        f"in {report['rij'].nunique()} rij(en); gebruik on_error='report' voor het volledige "
        "overzicht."
    )


def read_export(path, *, on_error: str = "report", vertaaltabel=None) -> Export:
    """Read and validate an arrangement export.

    on_error="report" (default): rows with problems go to `Export.rejected`, one line per
    problem; on_error="raise": the first problem raises ExportError naming file, row, column
    and reason. Problems with the file as a whole (unreadable or renamed, empty, a missing
    required column, a column of BSNs or names, a column whose notation is mixed or ambiguous,
    merged lines, costs in cents, a gap in the years) always raise ExportError.
    iJw codes (eenheid, productcategorie or productcode with `vertaaltabel`) are translated to
    the contract first: helpers.microdata.ijw.
    """
    if on_error not in ("report", "raise"):
        raise ValueError(f"on_error moet 'report' of 'raise' zijn, niet {on_error!r}.")
    path = Path(path)
    name = path.name
    table = read_table(path)
    raw = table.frame
    if any(raw.index.names):  # a Parquet file written from a frame with a named index
        raw = raw.reset_index()
    # Row numbers are positions in the file, whatever index a Parquet file carries.
    raw = _contract_names(raw.reset_index(drop=True), name)
    if raw.empty:
        raise ExportError(f"{name}: het bestand bevat geen gegevensrijen.")
    try:
        raw = ijw.translate(raw, name, vertaaltabel)
    except ijw.CodeError as err:
        raise ExportError(str(err)) from err
    _check_columns(raw, name)
    rows = pd.DataFrame({c: _clean(raw[c], c) for c in raw.columns})
    _check_identifiers(rows, name)
    rij = np.arange(len(rows)) + table.header_row + 1

    empty = rows.isna().all(axis=1)
    try:
        values, unread = _parse(rows, table.separator)
        problem = plausibility.cents_problem(values["kosten"])
        if problem:
            raise ColumnError(problem)
        jaar = values["jaar"].where(values["jaar"] % 1 == 0)
        first, last = plausibility.export_years(jaar[~empty])
    except ColumnError as err:
        raise ExportError(f"{name}: {err}") from err

    in_years = jaar.between(first, last)
    kosten_in = values["kosten"]
    netting = net_credits(
        values["kosten"],
        values.get("eenheden"),
        values["arrangement_id"],
        jaar,
        eligible=~empty & kosten_in.notna() & in_years & values["arrangement_id"].notna(),
    )
    values["kosten"] = netting.kosten
    if netting.eenheden is not None:
        values["eenheden"] = netting.eenheden
    judged = ~empty & ~pd.Series(netting.netted, index=rows.index)

    unread_lines = [
        _problems(
            mask & judged,
            column,
            REASON_NOT_DATE
            if column in DATE_COLUMNS
            else REASON_NOT_INTEGER
            if column in INTEGER_COLUMNS
            else REASON_NOT_NUMBER,
        )
        for column, mask in unread.items()
    ]
    schema_lines = _schema_problems(values[judged], unread)
    _explain(schema_lines, rows, values, rij, netting.into)
    lines = pd.concat(
        [
            _problems(empty, "", REASON_EMPTY_ROW),
            *unread_lines,
            schema_lines,
            *_row_checks(values, judged, first, last, rij),
        ],
        ignore_index=True,
    )
    rejected = np.zeros(len(rows), dtype=bool)
    rejected[lines["pos"].to_numpy()] = True
    lost = netting.netted & (netting.into >= 0) & rejected[np.maximum(netting.into, 0)]
    lines = pd.concat(
        [
            lines,
            _problems(
                lost,
                "kosten",
                REASON_NETTED_INTO_REJECTED
                + " (rij "
                + pd.Series(rij[netting.into[lost]]).astype("str")
                + ")",
            ),
        ],
        ignore_index=True,
    )
    rejected |= lost
    report = _report(lines, rows, rij, name)
    if on_error == "raise" and len(report):
        _raise_first(report, table.header_row)

    used = ~rejected & judged.to_numpy()
    data = _typed(values[used])
    outlier, reason = plausibility.cost_outliers(data["kosten"], data["categorie"])
    used_pos = np.flatnonzero(used)
    review = _report(
        _problems(outlier, "kosten", reason).assign(pos=lambda f: used_pos[f["pos"]]),
        rows,
        rij,
        name,
    )
    kept = netting.netted & ~rejected
    return Export(
        data=data,
        rejected=report,
        source=name,
        rows_in=len(rows),
        ignored_columns=tuple(c for c in rows.columns if c not in CONTRACT_COLUMNS),
        netted=pd.DataFrame(
            {"rij": rij[kept], "verrekend_met": rij[netting.into[kept]], "kosten": kosten_in[kept]}
        ).reset_index(drop=True),
        review=review,
        yearly=_yearly(jaar.where(in_years), kosten_in, rejected),
    )


# --- the hard stop ----------------------------------------------------------------------------


def _share(part: float, whole: float) -> float:
    return part / whole if whole else 0.0


def require_usable(
    export: Export,
    max_rejected_rows: float = MAX_REJECTED_ROWS,
    max_rejected_euros: float = MAX_REJECTED_EUROS,
) -> Export:
    """Stop before any analysis when too much of the export was rejected: more than
    max_rejected_rows of the rows or max_rejected_euros of the euros (absolute kosten), in the
    export as a whole or in any of its years, or every row of a year. Raises
    UnusableExportError with the rejection report summed per column and reason and what to do;
    returns the export when it is usable."""
    yearly = export.yearly
    findings = []
    for jaar, year in [("het hele bestand", yearly.sum()), *yearly.iterrows()]:
        if isinstance(jaar, float) and np.isnan(jaar):
            continue
        where = jaar if isinstance(jaar, str) else f"jaar {int(jaar)}"
        rows = _share(year["rows_rejected"], year["rows"])
        euros = _share(year["euros_rejected"], year["euros"])
        if year["rows_rejected"] == year["rows"]:
            findings.append(f"{where}: alle {fmt.number(year['rows'])} rijen zijn afgewezen")
        elif rows > max_rejected_rows or euros > max_rejected_euros:
            findings.append(
                f"{where}: {fmt.number(year['rows_rejected'])} van {fmt.number(year['rows'])} "
                f"rijen afgewezen ({fmt.percent(100 * rows)}) en "
                f"{fmt.euro(year['euros_rejected'])} van {fmt.euro(year['euros'])} "
                f"({fmt.percent(100 * euros)})"
            )
    if not findings:
        return export
    report = export.rejected
    reasons = (
        report.assign(reden=report["reden"].str.split(" (", n=1, regex=False).str[0])
        .groupby(["kolom", "reden"])["rij"]
        .agg(rijen="nunique", voorbeeld=lambda r: ", ".join(map(str, sorted(set(r))[:3])))
        .sort_values("rijen", ascending=False)
        .head(MAX_REASONS_SHOWN)
    )
    listed = [
        f"  - {f'kolom {kolom}: ' if kolom else ''}{reden}: {fmt.number(r['rijen'])} rij(en), "
        f"bijvoorbeeld rij {r['voorbeeld']}"
        for (kolom, reden), r in reasons.iterrows()
    ]
    raise UnusableExportError(
        "\n".join(
            [
                f"{export.source}: er is te veel afgewezen om de analyse betrouwbaar te laten "
                f"zijn (grens: {fmt.percent(100 * max_rejected_rows, 0)} van de rijen en "
                f"{fmt.percent(100 * max_rejected_euros, 0)} van de euro's, in het hele bestand "
                "en in elk jaar). De analyse is niet uitgevoerd.",
                *[f"- {finding}." for finding in findings],
                "Afgewezen rijen per kolom en reden:",
                *listed,
                "Herstel deze rijen in de export (of in de query die haar maakt) en lees het "
                "bestand opnieuw in; het volledige overzicht met rijnummers staat in het "
                "afwijzingsrapport (export.rejected).",
            ]
        )
    )
