"""The gemeentelijke indeling per year, from CBS *Gebieden in Nederland*, and finding a gemeente.

Each year has its own list of gemeenten (mergers change it every January): 2015 393, 2021 352,
2022 345, 2024 342. ``indeling(jaar)`` gives that year's gemeenten keyed by GM code with the
regions they belong to and the CBS classes used for control groups. Which column holds which
region is recognised from the code prefix of its values (``PV`` provincie, ``JZ``
jeugdzorgregio, …), because the column numbers differ between the yearly tables.

Join on codes, never on names: names are not unique over time and are written differently
between tables. ``resolve`` turns what a user typed (a name or a GM code) into a code, and stops
with the closest names when it finds none.
"""

import difflib
import json
import re
import unicodedata
from functools import cache

import pandas as pd

from helpers import cli
from helpers.assumptions import Assumption
from helpers.data import external, reference, statline

ASSUMPTIONS = (
    Assumption(
        "herindelingen",
        "reeksen worden omgezet naar de indeling van 2023; het cijfer van een samengevoegde gemeente vóór de fusie is de som van de voorgangers, alleen als alle voorgangers rapporteerden; bij gesplitste gemeenten krijgen de ontvangers geen cijfer voor eerdere jaren",
        "de lijst herindelingen 2016–2024 is samengesteld en getoetst aan de data (elke verdwenen code heeft een opvolger; inwoners kloppen binnen 2%)",
        "een gemeente met een splitsing in haar geschiedenis heeft een kortere reeks",
    ),
    Assumption(
        "koppelen",
        "gemeenten worden op CBS-code gekoppeld, nooit op naam",
        "namen verschillen tussen tabellen en jaren",
        "",
    ),
)

YEARS = range(2015, 2025)
# Region indelingen kept from the yearly tables, by the prefix of their codes.
REGIONS = {"PV": "provincie", "JZ": "jeugdzorgregio", "AM": "arbeidsmarktregio", "GG": "ggd_regio"}


@external.cached_table
def indeling(jaar: int) -> pd.DataFrame:
    """Gemeenten of ``jaar``: naam, provincie, jeugdzorgregio, arbeidsmarktregio, ggd_regio
    (code and name each), grootteklasse (code, omschrijving), stedelijkheid (1 zeer sterk – 5
    niet stedelijk, omschrijving), inwoners and omgevingsadressendichtheid; index ``code``."""
    return _indeling(jaar).copy()


@cache
def _indeling(jaar: int) -> pd.DataFrame:
    if jaar not in YEARS:
        raise ValueError(
            f"Geen gemeentelijke indeling voor {jaar}; wel voor {YEARS[0]}–{YEARS[-1]}."
        )
    raw = pd.read_csv(external.path(f"gebieden/{jaar}"), sep=";", dtype=str, encoding="utf-8-sig")
    columns = list(raw.columns)
    out = pd.DataFrame(index=pd.Index(statline.text(raw["Code_1"]), name="code"))
    out["naam"] = statline.text(raw["Naam_2"]).to_numpy()
    for position, column in enumerate(columns):
        if not column.startswith("Code_") or raw[column].iloc[0].strip()[:2] not in REGIONS:
            continue
        values = statline.text(raw[column])
        prefix = values.str.extract(r"^([A-Z]{2})\d", expand=False).dropna().unique()
        if len(prefix) == 1 and prefix[0] in REGIONS:
            name = REGIONS[prefix[0]]
            out[f"{name}_code"] = values.to_numpy()
            out[name] = statline.text(raw[columns[position + 1]]).to_numpy()
    described = [c for c in columns if c.startswith("Omschrijving_")]
    size, urban = described[0], described[1]
    out["grootteklasse_code"] = (
        statline.number(raw[columns[columns.index(size) - 1]]).astype("Int64").to_numpy()
    )
    out["grootteklasse"] = statline.text(raw[size]).to_numpy()
    out["stedelijkheid"] = (
        statline.number(raw[columns[columns.index(urban) - 1]]).astype("Int64").to_numpy()
    )
    out["stedelijkheid_omschrijving"] = statline.text(raw[urban]).to_numpy()
    for prefix, name in (
        ("Inwonertal_", "inwoners"),
        ("Omgevingsadressendichtheid_", "omgevingsadressendichtheid"),
    ):
        column = next(c for c in columns if c.startswith(prefix))
        out[name] = statline.number(raw[column]).to_numpy()
    missing = [name for name in REGIONS.values() if name not in out]
    if missing:
        raise ValueError(f"Gebieden in Nederland {jaar}: geen kolom gevonden voor {missing}.")
    return out


def _key(name: str) -> str:
    """Name for matching what a user typed: no accents, case, quotes or surrounding spaces."""
    plain = unicodedata.normalize("NFKD", name.replace("’", "'")).encode("ascii", "ignore").decode()
    return " ".join(plain.casefold().split())


def resolve(query: str, names: pd.Series) -> str:
    """The GM code for ``query`` (a name such as "Maastricht", "'s-Hertogenbosch", "Súdwest-Fryslân"
    or a code "GM0935"/"0935") among ``names`` (index GM code, values names).

    Raises LookupError naming the candidates when the name is ambiguous, and the closest names
    when there is no match."""
    text = str(query).strip()
    digits = text.upper().removeprefix("GM")
    if digits.isdigit():
        code = "GM" + digits.zfill(4)
        if code in names.index:
            return code
        raise LookupError(f"Gemeentecode '{text}' komt niet voor in de gemeentelijke indeling.")
    keys = names.map(_key)
    found = names.index[keys == _key(text)]
    if len(found) == 0:  # "Bergen" stands for "Bergen (L.)" and "Bergen (NH.)"
        found = names.index[keys.str.startswith(_key(text) + " (")]
    if len(found) == 1:
        return found[0]
    if len(found) > 1:
        listed = ", ".join(f"{names[c]} ({c})" for c in found)
        raise LookupError(f"Gemeente '{text}' is niet eenduidig: {listed}. Geef de GM-code op.")
    close = difflib.get_close_matches(_key(text), list(keys), n=5, cutoff=0.6)
    close += [k for k in keys if _key(text) in k and k not in close][: 5 - len(close)]
    suggestion = ", ".join(names[keys == k].iloc[0] for k in close)
    raise LookupError(
        f"Gemeente '{text}' niet gevonden"
        + (f"; bedoelt u: {suggestion}?" if suggestion else "; geef een naam of GM-code op.")
    )


def _read_mutations() -> tuple[tuple[int, str, tuple[str, ...]], ...]:
    successors: dict[tuple[int, str], list[str]] = {}
    for row in reference.rows("herindelingen"):
        successors.setdefault((int(row["jaar"]), row["van"]), []).append(row["naar"])
    return tuple((jaar, van, tuple(naar)) for (jaar, van), naar in successors.items())


# Gemeentelijke herindelingen 2016–2024 (data/reference/herindelingen.csv): (year of the first
# indeling without the gemeente, its GM code, the GM code(s) of the gemeente(n) it went into: all
# of them for a gemeente divided over several). tests/test_gebieden.py checks the list against the
# indelingen: every code that leaves is listed, every successor exists, the inwoners add up.
MUTATIONS = _read_mutations()


def mutations() -> pd.DataFrame:
    """The herindelingen as a table: ``jaar`` (first indeling without ``van``), ``van``, ``naar``
    (one row per successor) and ``verdeeld`` (the gemeente went to more than one successor)."""
    rows = [(jaar, van, naar, len(to) > 1) for jaar, van, to in MUTATIONS for naar in to]
    return pd.DataFrame(rows, columns=["jaar", "van", "naar", "verdeeld"])


def successors(jaar: int, target: int) -> pd.DataFrame:
    """Where each gemeente of ``jaar`` is in the indeling of ``target`` (>= ``jaar``).

    One row per gemeente of ``jaar`` (index ``code``) with ``naar`` (its gemeente in ``target``)
    and ``verdeeld`` (True when it, or a gemeente it went into before ``target``, was divided over
    several gemeenten: its figures cannot be carried over; ``naar`` is then missing)."""
    return _successors(jaar, target).copy()


@cache
def _successors(jaar: int, target: int) -> pd.DataFrame:
    if target < jaar:
        raise ValueError(
            f"Doeljaar {target} ligt voor {jaar}: herindelingen volgen alleen vooruit."
        )
    codes = _indeling(jaar).index
    out = pd.DataFrame({"naar": codes, "verdeeld": False}, index=codes)
    table = mutations()
    for year in range(jaar + 1, target + 1):
        step = table[table["jaar"] == year].drop_duplicates("van").set_index("van")
        moved = out["naar"].isin(step.index)
        out.loc[moved, "verdeeld"] |= step.loc[out.loc[moved, "naar"], "verdeeld"].to_numpy()
        out.loc[moved, "naar"] = step.loc[out.loc[moved, "naar"], "naar"].to_numpy()
    out["naar"] = out["naar"].astype("string").mask(out["verdeeld"])
    return out


def label_codes(labels: pd.Series, jaar: int) -> pd.DataFrame:
    """GM codes for the region labels of a StatLine table (names as CBS wrote them) in ``jaar``.

    A label matches a gemeente of that year's indeling by its exact name, by its name without
    CBS's qualifier "(gemeente)" ("Utrecht (gemeente)"), or by its name without a province
    qualifier when that is unique ("Beek (L.)" is "Beek" before 2024). Labels of other regions
    (Nederland, "(PV)", "(JZ)", "(CR)", "(LD)") get ``soort`` "andere regio". Returns ``code``
    (missing when nothing matched) and ``soort`` per label, on the index of ``labels``."""
    names = _indeling(jaar)["naam"]
    by_name = pd.Series(names.index, index=names.to_numpy())
    by_name = by_name[~by_name.index.duplicated(keep=False)]
    plain = labels.str.strip()
    without = plain.str.replace(r" \(gemeente\)$", "", regex=True)
    bare_names = names.str.replace(r" \([A-Z]+\.\)$", "", regex=True)
    by_bare = pd.Series(names.index, index=bare_names.to_numpy())
    by_bare = by_bare[~by_bare.index.duplicated(keep=False)]
    bare = without.str.replace(r" \([A-Z]+\.\)$", "", regex=True)
    code = without.map(by_name).fillna(bare.map(by_bare)).astype("string")
    other = (plain == "Nederland") | plain.str.contains(r" \((?:PV|JZ|CR|LD)\)$", regex=True)
    soort = pd.Series("gemeente", index=labels.index).mask(other, "andere regio")
    return pd.DataFrame({"code": code.mask(other), "soort": soort})


@cache
def _receivers_of_divided(jaar: int, target: int) -> frozenset[str]:
    """Gemeenten of ``target`` that took over part of a gemeente divided after ``jaar``."""
    table = mutations()
    divided = table[table["verdeeld"] & table["jaar"].between(jaar + 1, target)]
    receivers = set()
    for year, rows in divided.groupby("jaar"):
        receivers |= set(_successors(year, target).loc[rows["naar"], "naar"].dropna())
    return frozenset(receivers)


def to_indeling(
    values: pd.DataFrame, target: int, columns: list[str], key: str = "code", year: str = "jaar"
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Figures per gemeente and year (each year in its own indeling) carried over to the
    gemeenten of ``target``.

    A gemeente of ``target`` gets, per year and column, the sum over the gemeenten it was formed
    from, but only when every one of them has a value (a merged gemeente's history is neither
    dropped nor counted twice). A gemeente that took over part of a divided gemeente (e.g.
    Leeuwarden in 2018, Tilburg in 2021) has no value for the years before: that part cannot be
    separated. Returns the carried-over table (``key``, ``year``, ``columns``, ``voorgangers``:
    how many gemeenten were summed) and a listing of the values left missing, with the reason."""
    out, listing = [], []
    for jaar, rows in values.groupby(year, sort=True):
        succ = _successors(int(jaar), target)
        unknown = ~rows[key].isin(succ.index)
        if unknown.any():
            raise ValueError(
                f"Jaar {jaar}: code {rows.loc[unknown, key].iloc[0]} (rij {rows.index[unknown][0]})"
                f" komt niet voor in de gemeentelijke indeling van {jaar}."
            )
        expected = succ.groupby("naar").size().rename("voorgangers")
        mapped = rows.assign(naar=rows[key].map(succ["naar"]))
        grouped = mapped.dropna(subset=["naar"]).groupby("naar")
        summed = grouped[columns].sum(min_count=1)
        complete = grouped[columns].count().eq(expected.reindex(summed.index), axis=0)
        receivers = pd.Series(
            summed.index.isin(list(_receivers_of_divided(int(jaar), target))), index=summed.index
        )
        reasons = [
            (mapped.loc[mapped["naar"].isna(), key], "verdeeld over meerdere gemeenten"),
            (summed.index[receivers], "nam een deel van een verdeelde gemeente over"),
        ] + [
            (
                summed.index[~complete[column] & summed[column].notna() & ~receivers],
                f"{column}: niet van alle voorgangers een waarde",
            )
            for column in columns
        ]
        listing += [
            pd.DataFrame({key: list(codes), year: jaar, "reden": why}) for codes, why in reasons
        ]
        summed = summed.where(complete).mask(receivers, axis=0)
        out.append(summed.join(expected).rename_axis(key).reset_index().assign(**{year: jaar}))
    result = pd.concat(out, ignore_index=True)[[key, year, *columns, "voorgangers"]]
    return result, pd.concat(listing, ignore_index=True)


NEDERLAND = "NL01"
# A block of a CBS code-list description, e.g. "Opgeheven per 01-01-2022, overgegaan naar:
# - Purmerend (GM0439), ... 7058 hectare met 4329 woningen en 10703 inwoners".
_CHANGE = re.compile(
    r"^(?P<wat>Opgeheven|Ontstaan|Gemeentelijke herindeling) per (?P<datum>\d{2}-\d{2}-\d{4})"
)
_REGION = re.compile(r"(?P<naam>[^\r\n,-][^\r\n,]*?) \((?P<code>GM\d{4})\)")


@cache
def regio_codes() -> pd.DataFrame:
    """CBS's code list of gemeenten over time (every GM code since 1830 with its title and its
    history of mergers), from the recorded OData v4 response of 03759ned: index ``code``,
    columns ``titel`` and ``omschrijving``. Titles are unique and are the labels CBS prints in
    its tables ("Beek (L.)", "Groningen (gemeente)")."""
    rows = json.loads(
        external.path("cbs/03759ned_v4", "codes-RegioS.json").read_text(encoding="utf-8")
    )["value"]
    frame = pd.DataFrame.from_records(rows)
    frame = frame[frame["Identifier"].str.strip().str.startswith("GM")]
    out = pd.DataFrame(
        {
            "titel": frame["Title"].str.strip().to_numpy(),
            "omschrijving": frame["Description"].fillna("").to_numpy(),
        },
        index=pd.Index(frame["Identifier"].str.strip(), name="code"),
    )
    if not out["titel"].is_unique:
        raise ValueError("CBS-codelijst van gemeenten: titels zijn niet uniek.")
    return out


def codes_for_labels(labels: pd.Series, source: str) -> pd.Series:
    """GM codes for the region labels of a CBS table exported without codes ("Nederland" →
    NL01): an exact match on CBS's own code list, never a fuzzy one. Unknown labels are an error
    naming ``source`` and the rows."""
    lookup = pd.Series(regio_codes().index, index=regio_codes()["titel"])
    clean = statline.text(labels)
    codes = clean.map(lookup).mask(clean == "Nederland", NEDERLAND)
    unknown = codes.isna()
    if unknown.any():
        listed = ", ".join(f"rij {i}: {clean[i]!r}" for i in clean.index[unknown][:10])
        raise LookupError(f"{source}: regio's niet in de CBS-codelijst van gemeenten: {listed}.")
    return codes


@external.cached_table
def wijzigingen(van: int, naar: int) -> pd.DataFrame:
    """Gemeenten in the indeling of one year but not of the other, with the reason CBS records
    in its code list (e.g. "opgeheven per 01-01-2022, overgegaan naar Purmerend (GM0439)").
    Columns: ``code``, ``naam``, ``alleen_in`` (year), ``reden``."""
    old, new = indeling(van), indeling(naar)
    rows = [
        (code, frame.loc[code, "naam"], jaar)
        for frame, other, jaar in ((old, new, van), (new, old, naar))
        for code in frame.index.difference(other.index)
    ]
    out = pd.DataFrame(rows, columns=["code", "naam", "alleen_in"])
    descriptions = regio_codes()["omschrijving"].reindex(out["code"]).fillna("")
    out["reden"] = [_change_between(text, van, naar) for text in descriptions]
    return out.sort_values(["alleen_in", "code"], ignore_index=True)


@external.cached_table
def overgang(van: int, naar: int) -> pd.Series:
    """For every gemeente of ``van`` (``van`` < ``naar``) the code it belongs to in ``naar``:
    itself, or the gemeente it merged into according to CBS's code list. An error for a
    gemeente that disappeared without a recorded successor."""
    old, new = indeling(van), indeling(naar)
    result = pd.Series(old.index, index=old.index, name=f"code_{naar}")
    changes = wijzigingen(van, naar).set_index("code")["reden"]
    for code in old.index.difference(new.index):
        successors = _REGION.findall(changes.get(code, "").partition("overgegaan naar")[2])
        if len(successors) != 1:
            raise LookupError(
                f"Gemeente {old.loc[code, 'naam']} ({code}) staat niet in de indeling van {naar} "
                "en de CBS-codelijst noemt geen enkele opvolger."
            )
        result[code] = successors[0][1]
    return result


def herindelen(counts: pd.DataFrame, van: int, naar: int) -> pd.DataFrame:
    """Counts per gemeente of ``van`` summed to the gemeenten of ``naar`` (merged gemeenten
    added up; ``naam`` from the indeling of ``naar``). Rows that are not gemeenten of ``van``
    (e.g. Nederland) are kept as they are. Only for counts: a ratio cannot be summed. A
    missing count of a merging gemeente makes the sum missing, never a partial sum."""
    mapping = overgang(van, naar)
    is_gemeente = counts.index.isin(mapping.index)
    numeric = counts.select_dtypes("number").columns.drop("jaar", errors="ignore")
    part = counts.loc[is_gemeente, numeric]
    summed = part.groupby(mapping.reindex(part.index).to_numpy()).sum(min_count=1)
    has_missing = part.isna().groupby(mapping.reindex(part.index).to_numpy()).any()
    summed = summed.mask(has_missing)
    summed.insert(0, "naam", indeling(naar)["naam"].reindex(summed.index))
    summed.index.name = counts.index.name
    rest = counts.loc[~is_gemeente, ["naam", *numeric]]
    return pd.concat([rest, summed])


def _change_between(description: str, van: int, naar: int) -> str:
    """The merger of a CBS code-list description that falls after 1 January of the first year and
    on or before 1 January of the second (the indeling of a year is that of 1 January), in Dutch;
    empty when none is recorded."""
    first, last = sorted((van, naar))
    for block in re.split(r"(?:\r?\n){2,}", description):
        match = _CHANGE.match(block.strip())
        day, month, year = map(int, match["datum"].split("-")) if match else (0, 0, 0)
        if match and (first, 1, 1) < (year, month, day) <= (last, 1, 1):
            regions = ", ".join(
                f"{m['naam'].strip()} ({m['code']})" for m in _REGION.finditer(block)
            )
            verb = {
                "Opgeheven": "opgeheven per {datum}, overgegaan naar {regions}",
                "Ontstaan": "ontstaan per {datum} uit {regions}",
                "Gemeentelijke herindeling": "heringedeeld per {datum} met {regions}",
            }[match["wat"]]
            return verb.format(datum=match["datum"], regions=regions)
    return ""


def leden(regio: str, jaar: int) -> pd.DataFrame:
    """The gemeenten of ``jaar`` in a provincie, jeugdzorgregio, arbeidsmarktregio or GGD-regio
    given by code (``JZ41``, ``PV31``) or name ("Zuid-Limburg"); a clear error otherwise."""
    table = indeling(jaar)
    text = str(regio).strip()
    for name in REGIONS.values():
        hit = (table[f"{name}_code"] == text.upper()) | (table[name].map(_key) == _key(text))
        if hit.any():
            return table[hit]
    known = ", ".join(sorted(table["jeugdzorgregio_code"].unique())[:5])
    raise LookupError(
        f"Regio '{text}' niet gevonden in de indeling van {jaar}; geef een code (bijv. {known}, "
        "PV31) of de naam van een provincie of jeugdzorgregio."
    )


def main(argv=None) -> int:
    """``python -m helpers.data.gebieden JZ41 [jaar]``: the GM codes of a region, one a line."""
    import sys

    args = list(sys.argv[1:] if argv is None else argv)
    if not args:
        print("Gebruik: python -m helpers.data.gebieden REGIO [JAAR]", file=sys.stderr)
        return 2

    def members() -> str:
        return "\n".join(leden(args[0], int(args[1]) if len(args) > 1 else 2022).index)

    return cli.exit_code(members, (LookupError, ValueError))


if __name__ == "__main__":
    raise SystemExit(main())
