"""CBS StatLine open data with a local cache.

API choice: the OData v4 service (``datasets.cbs.nl/odata/v1/CBS/{table}``) through ``requests``,
not ``cbsodata`` (OData v3). v4 returns one long format for every table (``Observations`` with
``Measure``, one column per dimension, ``Value``/``ValueAttribute``) and code lists
(``MeasureCodes``, ``<Dimensie>Codes``) with stable codes *and* titles, so codes such as GM0935
are never replaced by titles; paging is a plain ``@odata.nextLink`` instead of v3's 10.000-cell
limit. Format and paging as in CBS's "Snelstartgids OData v4" and the example repository
statistiekcbs/CBS-Open-Data-v4 (Python/basics.py).

Measures and fixed dimension members are named in ``TABLES`` (read from
``data/reference/cbs_tabellen.json``) by their CBS *title* and resolved to codes through the
table's code lists when data is fetched, so a title that CBS renames gives a clear error listing
the titles that do exist instead of silently wrong numbers.

Every response is cached as ``<cache>/<table>/<entity>-<hash>.parquet`` with a JSON sidecar
(url, filter, table id, fetched_at, rows). Without network the cache is used; ``offline=True``
never touches the network.
"""

import argparse
import hashlib
import json
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
import requests
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

from helpers import cli
from helpers.data import gebieden, reference
from helpers.methods import peers
from helpers.paths import DATA_CBS

BASE_URL = "https://datasets.cbs.nl/odata/v1/CBS"
TIMEOUT = (10, 120)  # seconds: connect, read
OFFLINE_MESSAGE = (
    "CBS StatLine is niet bereikbaar ({reden}); gebruik de cache in data/cbs/ of de "
    "gepubliceerde cijfers in data/published/."
)


class CbsOfflineError(ConnectionError):
    """CBS StatLine could not be reached."""


class CbsCacheMissError(LookupError):
    """The cache lacks a response that is needed offline."""


@dataclass(frozen=True)
class Table:
    """A CBS table this project relies on.

    ``measures`` maps our name to the CBS measure title; ``fixed`` maps a dimension to the title
    of the member to select (usually the total). ``verified`` says what was checked in
    documentation; everything else is an assumption to confirm on the first live fetch.
    """

    id: str
    title: str
    used_for: str
    measures: Mapping[str, str]
    verified: str
    region: str = "RegioS"
    period: str = "Perioden"
    fixed: Mapping[str, str] = field(default_factory=dict)


TABLES = {key: Table(**entry) for key, entry in reference.document("cbs_tabellen").items()}

# Bijlage II-style indicators: (name, numerator, multiplier to the unit, unit). The numerator
# is a measure of TABLES; every indicator is divided by inwoners.
INDICATORS = (
    ("kosten jeugdzorg per inwoner", "kosten_jeugdzorg", 1_000, "euro per inwoner"),
    ("jongeren met jeugdhulp per 1000 inwoners", "jongeren_jeugdhulp", 1_000, "per 1000 inwoners"),
    ("Wmo-cliënten per 1000 inwoners", "wmo_clienten", 1_000, "per 1000 inwoners"),
    ("bijstandsuitkeringen per 1000 inwoners", "bijstand", 1_000, "per 1000 inwoners"),
)
INDICATOR_TABLES = ("kerncijfers", "jeugdzorg_kosten", "jongeren_jeugdzorg", "wmo", "bijstand")


def session_with_retries(total: int = 4, backoff_factor: float = 1.0) -> requests.Session:
    """A session that retries GETs on connection errors, 429 and 5xx with exponential backoff."""
    retry = Retry(
        total=total,
        backoff_factor=backoff_factor,
        status_forcelist=(429, 500, 502, 503, 504),
        allowed_methods=frozenset({"GET"}),
        respect_retry_after_header=True,
    )
    session = requests.Session()
    session.mount("https://", HTTPAdapter(max_retries=retry))
    session.headers["Accept"] = "application/json"
    return session


def odata_filter(filters: Mapping[str, str | Sequence[str]]) -> str | None:
    """OData ``$filter`` from ``{column: code or codes}``; several codes of one column are OR-ed."""
    clauses = []
    for column, codes in sorted(filters.items()):
        values = [codes] if isinstance(codes, str) else list(codes)
        if not values:
            raise ValueError(f"Filter op '{column}' heeft geen waarden.")
        quoted = [f"{column} eq '{v.replace(chr(39), chr(39) * 2)}'" for v in values]
        clauses.append(quoted[0] if len(quoted) == 1 else "(" + " or ".join(quoted) + ")")
    return " and ".join(clauses) or None


def cache_path(cache_dir: Path, table_id: str, entity: str, filter_text: str | None) -> Path:
    """Where a response is cached: one file per table, entity and filter."""
    digest = hashlib.sha256(f"{entity}|{filter_text or ''}".encode()).hexdigest()[:16]
    return Path(cache_dir) / table_id / f"{entity}-{digest}.parquet"


def fetch(
    table_id: str,
    filters: Mapping[str, str | Sequence[str]] | None = None,
    *,
    entity: str = "Observations",
    refresh: bool = False,
    offline: bool = False,
    cache_dir: Path | None = None,
    session: requests.Session | None = None,
) -> pd.DataFrame:
    """One entity of a CBS table (``Observations`` or a code list), from the cache when present.

    ``filters`` selects codes per column, e.g. ``{"Perioden": "2019JJ00", "Measure": [...]}``.
    ``refresh=True`` fetches again and overwrites the cache; ``offline=True`` only reads the cache.
    """
    cache_dir = Path(cache_dir or DATA_CBS)
    filter_text = odata_filter(filters or {})
    path = cache_path(cache_dir, table_id, entity, filter_text)
    if path.exists() and not refresh:
        return pd.read_parquet(path)
    if offline:
        raise CbsCacheMissError(
            f"Geen CBS-gegevens in de cache voor {table_id}/{entity} met filter "
            f"{filter_text or '(geen)'} ({path})."
        )
    url = f"{BASE_URL}/{table_id}/{entity}"
    rows = _get_all(session or session_with_retries(), url, filter_text)
    frame = parse(rows, f"{url} ($filter={filter_text})")
    path.parent.mkdir(parents=True, exist_ok=True)
    frame.to_parquet(path, index=False)
    sidecar = {
        "url": url,
        "filter": filter_text,
        "table_id": table_id,
        "entity": entity,
        "fetched_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "rows": len(frame),
    }
    path.with_suffix(".json").write_text(json.dumps(sidecar, indent=2), encoding="utf-8")
    return frame


def parse(rows: list[dict], source: str) -> pd.DataFrame:
    """Rows of an OData v4 response as a DataFrame: keys stripped of CBS's padding spaces,
    ``Value`` numeric. A ``Value`` that is text but no number is an error naming the row."""
    frame = pd.DataFrame.from_records(rows)
    text = frame.select_dtypes(include=["object", "string"]).columns.drop("Value", errors="ignore")
    frame[text] = frame[text].apply(lambda col: col.str.strip())
    if "Value" in frame:
        raw = frame["Value"]
        numbers = pd.to_numeric(raw.astype("string").str.strip(), errors="coerce")
        bad = numbers.isna() & raw.notna() & (raw.astype("string").str.strip() != "")
        if bad.any():
            row = bad.idxmax()
            raise ValueError(
                f"{source}: rij {row}, kolom Value: '{raw[row]}' is geen getal "
                f"(Measure {frame.at[row, 'Measure'] if 'Measure' in frame else '?'})."
            )
        frame["Value"] = numbers.astype("float64")
    return frame


def codes(table_id: str, dimension: str, **kwargs) -> pd.DataFrame:
    """The code list of a dimension (``Measure`` gives the measures), with Identifier and Title."""
    return fetch(table_id, entity=f"{dimension}Codes", **kwargs)


def code_for_title(code_list: pd.DataFrame, title: str, what: str) -> str:
    """The Identifier whose Title is ``title`` (case-insensitive); a clear error otherwise."""
    match = code_list[code_list["Title"].str.casefold() == title.casefold()]
    if len(match) != 1:
        found = "meerdere" if len(match) else "geen"
        raise LookupError(
            f"{what}: {found} code met titel '{title}'. Beschikbaar: "
            f"{sorted(code_list['Title'])[:30]}"
        )
    return match["Identifier"].iloc[0]


def gemeente_code(gemeente: str, code_list: pd.DataFrame) -> str:
    """GM-code of a gemeente given by name (e.g. 'Maastricht', "'s-Hertogenbosch") or code
    ('GM0935', '0935') in a CBS region code list, through the repository's one lookup
    (``gebieden.resolve``): accents, apostrophes and CBS suffixes such as "(gemeente)" or
    "(L.)" are handled; ambiguous names and unknown names stop with the candidates."""
    gm = code_list[code_list["Identifier"].str.startswith("GM")]
    return gebieden.resolve(gemeente, gm.set_index("Identifier")["Title"])


def year_filters(key: str, jaar: int, **kwargs) -> dict[str, str | list[str]]:
    """The filter of one table for one year, all regions: resolves measure and member titles."""
    table = TABLES[key]
    measures = codes(table.id, "Measure", **kwargs)
    filters: dict[str, str | list[str]] = {
        table.period: f"{jaar}JJ00",
        "Measure": [
            code_for_title(measures, title, f"{table.id} onderwerp")
            for title in table.measures.values()
        ],
    }
    for dimension, title in table.fixed.items():
        members = codes(table.id, dimension, **kwargs)
        filters[dimension] = code_for_title(members, title, f"{table.id} {dimension}")
    return filters


def fetch_year(key: str, jaar: int, **kwargs) -> pd.DataFrame:
    """Wide frame of one table for one year: a row per region, a column per measure (our names)."""
    table = TABLES[key]
    filters = year_filters(key, jaar, **kwargs)
    observations = fetch(table.id, filters, **kwargs)
    names = dict(zip(filters["Measure"], table.measures, strict=True))
    doubled = observations.duplicated([table.region, "Measure"])
    if doubled.any():
        row = observations[doubled].iloc[0]
        raise ValueError(
            f"{table.id}: meer dan één waarde voor {row[table.region]} / {row['Measure']}; een "
            "dimensie is niet vastgelegd in TABLES[…].fixed."
        )
    wide = observations.pivot(index=table.region, columns="Measure", values="Value")
    return wide.rename(columns=names).rename_axis(index="gemeente_code", columns=None)


def gemeenten(jaar: int, **kwargs) -> pd.DataFrame:
    """All gemeenten in a year with inwoners, omgevingsadressendichtheid, stedelijkheid and
    grootteklasse, and the Bijlage II indicators; from the cache when ``offline=True``."""
    wide = pd.concat([fetch_year(key, jaar, **kwargs) for key in INDICATOR_TABLES], axis=1)
    wide = wide[wide.index.str.startswith("GM")].rename(
        columns={"oad": "omgevingsadressendichtheid"}
    )
    names = codes(TABLES["kerncijfers"].id, TABLES["kerncijfers"].region, **kwargs)
    wide.insert(0, "gemeente", wide.index.map(names.set_index("Identifier")["Title"]))
    wide["stedelijkheid"] = peers.stedelijkheid(wide["omgevingsadressendichtheid"])
    wide["grootteklasse"] = peers.grootteklasse(wide["inwoners"])
    for name, measure, multiplier, _unit in INDICATORS:
        wide[name] = wide[measure] * multiplier / wide["inwoners"]
    return wide.reset_index()


def indicators(gemeente: str, jaar: int, *, cache_dir: Path | None = None) -> pd.DataFrame:
    """Bijlage II-style indicators of one gemeente (name or GM-code) from the cache only.

    Returns one row per indicator: ``indicator``, ``waarde``, ``eenheid``.
    """
    try:
        names = codes(
            TABLES["kerncijfers"].id,
            TABLES["kerncijfers"].region,
            offline=True,
            cache_dir=cache_dir,
        )
        code = gemeente_code(gemeente, names)
        frame = gemeenten(jaar, offline=True, cache_dir=cache_dir).set_index("gemeente_code")
    except CbsCacheMissError as exc:
        raise CbsCacheMissError(
            f"De CBS-cache mist gegevens voor {gemeente} {jaar}: vul hem met "
            f"`make data-cbs GEMEENTE={gemeente} JAAR={jaar}`. ({exc})"
        ) from exc
    if code not in frame.index:
        raise CbsCacheMissError(
            f"Geen CBS-cijfers voor {gemeente} ({code}) in {jaar}; controleer het jaar of vul de "
            f"cache met `make data-cbs GEMEENTE={gemeente} JAAR={jaar}`."
        )
    row = frame.loc[code]
    units = {
        "inwoners": "aantal",
        "omgevingsadressendichtheid": "adressen per km²",
        "stedelijkheid": "CBS-klasse (1 = zeer sterk stedelijk … 5 = niet stedelijk)",
        "grootteklasse": "CBS-klasse (1-8)",
    } | {name: unit for name, _m, _x, unit in INDICATORS}
    return pd.DataFrame(
        {
            "indicator": list(units),
            "waarde": row[list(units)].astype(float).to_numpy(),
            "eenheid": list(units.values()),
        }
    )


def _get_all(session: requests.Session, url: str, filter_text: str | None) -> list[dict]:
    """All rows of an OData v4 entity, following ``@odata.nextLink``."""
    rows: list[dict] = []
    params = {"$filter": filter_text} if filter_text else None
    next_url: str | None = url
    while next_url:
        try:
            response = session.get(next_url, params=params, timeout=TIMEOUT)
            response.raise_for_status()
        except (requests.ConnectionError, requests.Timeout) as exc:
            raise CbsOfflineError(OFFLINE_MESSAGE.format(reden=type(exc).__name__)) from exc
        except requests.HTTPError as exc:
            raise CbsOfflineError(
                OFFLINE_MESSAGE.format(reden=f"HTTP {exc.response.status_code} voor {next_url}")
            ) from exc
        payload = response.json()
        rows.extend(payload["value"])
        next_url = payload.get("@odata.nextLink")
        params = None  # the next link carries the query itself
    return rows


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m helpers.data.cbs", description="Vul de CBS-cache (data/cbs/)."
    )
    sub = parser.add_subparsers(dest="command", required=True)
    fill = sub.add_parser("fetch", help="haal de tabellen voor één gemeente en jaar op")
    fill.add_argument("--gemeente", required=True, help="naam of GM-code, bijv. Maastricht")
    fill.add_argument("--jaar", required=True, type=int)
    fill.add_argument("--cache", type=Path, default=DATA_CBS, help="cachemap (standaard data/cbs)")
    fill.add_argument("--refresh", action="store_true", help="opnieuw ophalen, cache overschrijven")
    args = parser.parse_args(argv)
    kwargs = {"cache_dir": args.cache, "refresh": args.refresh, "session": session_with_retries()}

    def fill() -> str:
        names = codes(TABLES["kerncijfers"].id, TABLES["kerncijfers"].region, **kwargs)
        code = gemeente_code(args.gemeente, names)
        gemeenten(args.jaar, **kwargs)
        return f"CBS-cache gevuld voor {args.gemeente} ({code}), {args.jaar}, in {args.cache}."

    return cli.exit_code(fill, (CbsOfflineError, LookupError, ValueError))


if __name__ == "__main__":
    sys.exit(main())
