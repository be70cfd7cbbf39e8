"""Open an export file: recognise what it really is, find its header row and read its records.

What a file is follows from its content, not only from its name: a renamed file (a CSV called
.xlsx, a zip archive, a web page saved as .xls, binary garbage) is refused with a Dutch message
that says what it is and what to do. The header may sit below an Excel title row; column names
are recognised whatever their case and surrounding spaces. A CSV is separated by `;`, `,` or a
tab (whichever splits the header into contract columns), in UTF-8 or else Windows-1252. A stray
quote that merges lines into one record is detected by comparing records with physical lines.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from helpers.microdata.contract import OPTIONAL_COLUMNS, REQUIRED_COLUMNS
from helpers.microdata.errors import ExportError

CONTRACT_COLUMNS = REQUIRED_COLUMNS + OPTIONAL_COLUMNS
SUFFIX_KIND = {
    ".csv": "text",
    ".txt": "text",
    ".tsv": "text",
    ".xlsx": "xlsx",
    ".parquet": "parquet",
    ".pq": "parquet",
}
KIND_NAME = {
    "text": "tekst (CSV)",
    "xlsx": "een Excel-werkmap (.xlsx)",
    "parquet": "een Parquet-bestand",
    "xls": "een Excel-bestand in het oude formaat (.xls)",
    "zip": "een zip-archief",
    "html": "een webpagina of XML-bestand (geen echte Excel-werkmap)",
    "binary": "geen tekst en geen Excel- of Parquet-bestand (onleesbare binaire gegevens)",
}
KIND_FIX = {
    "text": "Geef het bestand de extensie .csv.",
    "xlsx": "Geef het bestand de extensie .xlsx.",
    "parquet": "Geef het bestand de extensie .parquet.",
    "xls": "Open het in Excel en sla het op als Excel-werkmap (.xlsx) of als CSV (UTF-8).",
    "zip": "Pak het archief uit en lees het exportbestand zelf in.",
    "html": "Open het in Excel en sla het op als Excel-werkmap (.xlsx) of als CSV (UTF-8).",
    "binary": "Exporteer opnieuw als CSV (UTF-8), Excel-werkmap (.xlsx) of Parquet.",
}
SEPARATORS = (";", "\t", ",")
SEPARATOR_NAME = {";": "puntkomma", "\t": "tab", ",": "komma"}
# Title rows above the header: how far down the header is looked for, and how many contract
# column names a row must hold to count as the header.
HEADER_SEARCH_ROWS = 20
HEADER_MIN_COLUMNS = 3
SNIFF_BYTES = 65536


@dataclass
class Table:
    """The records of an export as read, before any check of their values.

    frame: one row per record; text columns from a CSV, typed columns as the reader gave them.
    header_row: the row of the header as a user sees it (line in a text file, row in Excel);
        the first record is header_row + 1.
    separator: the separator of a CSV; None for Excel and Parquet.
    """

    frame: pd.DataFrame
    header_row: int = 1
    separator: str | None = None


def column_key(name) -> str:
    """A column name as it is matched against the contract: case, surrounding spaces and
    quotes ignored, inner spaces and hyphens as underscores ('Client ID ' -> 'client_id')."""
    return re.sub(r"[\s-]+", "_", str(name).strip().strip('"').strip().lower())


def content_kind(path: Path, head: bytes) -> str:
    """What the file is by its content (head: its first bytes): text, xlsx, parquet, xls,
    zip, damaged (a zip archive that cannot be opened), html or binary."""
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(path) as archive:
                names = archive.namelist()
        except zipfile.BadZipFile:
            return "damaged"
        return "xlsx" if "xl/workbook.xml" in names else "zip"
    if head.startswith(b"PAR1"):
        return "parquet"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "xls"
    if b"\x00" in head:
        return "binary"
    if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
        return "html"
    return "text"


def read_table(path: Path) -> Table:
    """Read an export file into a Table, or raise ExportError with a Dutch message."""
    name = path.name
    suffix = path.suffix.lower()
    if suffix not in SUFFIX_KIND:
        raise ExportError(
            f"{name}: onbekend bestandstype '{suffix}'; gebruik .csv, .parquet of .xlsx."
        )
    if not path.is_file():
        raise ExportError(f"{name}: bestand niet gevonden ({path}).")
    with path.open("rb") as handle:
        head = handle.read(SNIFF_BYTES)
    if not head.strip():
        raise ExportError(f"{name}: het bestand is leeg.")
    kind = content_kind(path, head)
    if kind == "damaged":
        raise ExportError(
            f"{name}: het bestand is beschadigd of onvolledig (een Excel-werkmap of zip-archief "
            "dat niet compleet is) en daardoor niet te lezen. Exporteer het opnieuw."
        )
    if kind != SUFFIX_KIND[suffix]:
        raise ExportError(
            f"{name}: de naam eindigt op '{suffix}', maar de inhoud is {KIND_NAME[kind]}. "
            f"{KIND_FIX[kind]}"
        )
    if kind == "text":
        return _read_text(path)
    try:
        if kind == "parquet":
            return Table(pd.read_parquet(path))
        return _read_excel(path)
    except ExportError:
        raise
    except Exception as err:  # a reader failure means the file is damaged; its text is English
        raise ExportError(
            f"{name}: het bestand is {KIND_NAME[kind]}, maar beschadigd of onvolledig en daardoor "
            "niet te lezen. Exporteer het opnieuw."
        ) from err


def _header_position(rows: list[list[str]]) -> int | None:
    """Index of the first row holding at least HEADER_MIN_COLUMNS contract column names."""
    for index, cells in enumerate(rows):
        if len({column_key(c) for c in cells} & set(CONTRACT_COLUMNS)) >= HEADER_MIN_COLUMNS:
            return index
    return None


def _find_header(lines: list[str]) -> tuple[int, str]:
    """The header line (index) and separator of a CSV, looking below title lines."""
    for separator in SEPARATORS:
        index = _header_position([line.split(separator) for line in lines])
        if index is not None:
            # The separator that splits the header into the most contract columns wins.
            best = max(
                SEPARATORS,
                key=lambda s: len(
                    {column_key(c) for c in lines[index].split(s)} & set(CONTRACT_COLUMNS)
                ),
            )
            return index, best
    index = next((i for i, line in enumerate(lines) if line.strip()), 0)
    return index, max(SEPARATORS, key=lines[index].count)


def _read_text(path: Path) -> Table:
    raw = path.read_bytes()
    head = raw[:SNIFF_BYTES].decode("utf-8-sig", errors="replace")
    index, separator = _find_header(head.split("\n")[:HEADER_SEARCH_ROWS])
    for encoding in ("utf-8-sig", "cp1252", "latin-1"):
        try:
            frame = pd.read_csv(
                io.BytesIO(raw),
                sep=separator,
                skiprows=index,
                dtype=str,
                keep_default_na=False,
                skip_blank_lines=False,
                encoding=encoding,
            )
            break
        except UnicodeDecodeError:
            continue
        except pd.errors.ParserError as err:
            raise ExportError(_parser_message(path.name, str(err), separator)) from err
    lines = raw.count(b"\n") + (not raw.endswith(b"\n")) - index - 1
    _check_merged_lines(frame, lines, index + 1, separator, path.name)
    return Table(frame, header_row=index + 1, separator=separator)


def _parser_message(name: str, error: str, separator: str) -> str:
    """The pandas parser error in Dutch, with the line a user sees in a text editor."""
    fields = re.search(r"Expected (\d+) fields in line (\d+), saw (\d+)", error)
    if fields:
        expected, line, saw = fields.groups()
        return (
            f"{name}: regel {line} heeft {saw} velden, de kopregel {expected}. Waarschijnlijk "
            f"staat in die regel een {SEPARATOR_NAME[separator]} in een waarde zonder "
            "aanhalingstekens, of een los aanhalingsteken. Herstel die regel en lees opnieuw in."
        )
    quote = re.search(r"EOF inside string starting at row (\d+)", error)
    if quote:
        return (
            f'{name}: het aanhalingsteken (") in regel {int(quote.group(1)) + 1} wordt nooit '
            "gesloten, waardoor alle regels daarna in één waarde terechtkomen. Verwijder het "
            "losse aanhalingsteken of sluit het, en lees opnieuw in."
        )
    return (
        f"{name}: het bestand is als tekst (CSV) niet te lezen; controleer het scheidingsteken "
        f"({SEPARATOR_NAME[separator]}) en de aanhalingstekens."
    )


def _check_merged_lines(
    frame: pd.DataFrame, lines: int, header_row: int, separator: str, name: str
) -> None:
    """Refuse a CSV in which a quote merges lines into one record (records < physical lines).

    A line break inside a quoted value is legitimate in a free-text column outside the
    contract, unless a continued line looks like a record of its own (as many separators as a
    record has): then rows would be lost without a trace. In a contract column a line break is
    never legitimate."""
    if lines <= len(frame):
        return
    text = frame.columns[frame.dtypes.map(pd.api.types.is_string_dtype).to_numpy()]
    for column in text:
        values = frame[column]
        broken = values.str.contains("\n", regex=False, na=False)
        if not broken.any():
            continue
        continued = values[broken].str.split("\n").str[1:]
        looks_like_records = continued.map(
            lambda parts: any(p.count(separator) >= len(frame.columns) - 1 for p in parts)
        )
        offending = (
            broken.index[broken]
            if column_key(column) in CONTRACT_COLUMNS
            else looks_like_records.index[looks_like_records]
        )
        if len(offending):
            first = offending[0]
            extra = frame.apply(
                lambda c: c.str.count("\n") if pd.api.types.is_string_dtype(c) else 0
            )
            before = int(extra.sum(axis=1).iloc[:first].sum())
            span = int(values[first].count("\n")) + 1
            raise ExportError(
                f"{name}: rij {header_row + 1 + first} (regel {header_row + 1 + first + before} "
                f'in het bestand) loopt over {span} regels, doordat een aanhalingsteken (") niet '
                f"op de juiste plek wordt gesloten: de regels daarna zijn in kolom '{column}' "
                "van die rij terechtgekomen in plaats van eigen rijen te vormen. Het bestand "
                f"heeft {lines} regels met gegevens, maar er zijn {len(frame)} rijen gelezen. "
                "Verwijder het losse aanhalingsteken of zet de hele waarde tussen "
                "aanhalingstekens, en lees opnieuw in."
            )


def _read_excel(path: Path) -> Table:
    sheet = pd.read_excel(path, sheet_name=0, header=None, dtype=object)
    if sheet.empty:
        return Table(sheet)
    top = sheet.head(HEADER_SEARCH_ROWS).astype("str").to_numpy().tolist()
    index = _header_position(top)
    if index is None:
        index = int(sheet.notna().any(axis=1).to_numpy().argmax())
    header = sheet.iloc[index]
    # Excel delivers every cell as an object; give columns of numbers or dates their type.
    frame = sheet.iloc[
        index + 1 :, (header.notna() | sheet.iloc[index + 1 :].notna().any()).to_numpy()
    ]
    frame = frame.reset_index(drop=True).apply(_excel_column)
    frame.columns = ["" if pd.isna(c) else str(c) for c in header[frame.columns]]
    return Table(frame, header_row=index + 1)


def _excel_column(values: pd.Series) -> pd.Series:
    kind = pd.api.types.infer_dtype(values, skipna=True)
    if kind in ("integer", "floating", "mixed-integer-float"):
        return pd.to_numeric(values)
    if kind in ("datetime", "datetime64", "date"):
        return pd.to_datetime(values)
    return values
