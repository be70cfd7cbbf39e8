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
import unicodedata
from functools import cache

import pandas as pd

from helpers.data import external, statline

YEARS = range(2015, 2025)
# Region indelingen kept from the yearly tables, by the prefix of their codes.
REGIONS = {"PV": "provincie", "JZ": "jeugdzorgregio", "AM": "arbeidsmarktregio", "GG": "ggd_regio"}


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


# Gemeentelijke herindelingen 2016–2024: (year of the first indeling without the gemeente, its GM
# code, the GM code(s) of the gemeente(n) it went into). A gemeente divided over several
# gemeenten lists them all. Every code that leaves the Gebieden tables is listed, every successor
# exists in that year's indeling, and the inwoners add up: tests/test_gebieden.py checks all three.
MUTATIONS = (
    (2016, "GM0241", ("GM1945",)),  # Groesbeek -> Berg en Dal (new name and code)
    (2016, "GM0381", ("GM1942",)),  # Bussum -> Gooise Meren
    (2016, "GM0424", ("GM1942",)),  # Muiden
    (2016, "GM0425", ("GM1942",)),  # Naarden
    (2016, "GM0478", ("GM0385",)),  # Zeevang -> Edam-Volendam
    (2016, "GM1921", ("GM1940",)),  # De Friese Meren -> De Fryske Marren (new name and code)
    (2017, "GM0844", ("GM1948",)),  # Schijndel -> Meierijstad
    (2017, "GM0846", ("GM1948",)),  # Sint-Oedenrode
    (2017, "GM0860", ("GM1948",)),  # Veghel
    (2018, "GM0007", ("GM1950",)),  # Bellingwedde -> Westerwolde
    (2018, "GM0048", ("GM1950",)),  # Vlagtwedde
    (2018, "GM0018", ("GM1952",)),  # Hoogezand-Sappemeer -> Midden-Groningen
    (2018, "GM0040", ("GM1952",)),  # Slochteren
    (2018, "GM1987", ("GM1952",)),  # Menterwolde
    (2018, "GM0063", ("GM1949",)),  # het Bildt -> Waadhoeke
    (2018, "GM0070", ("GM1949",)),  # Franekeradeel
    (2018, "GM1908", ("GM1949",)),  # Menameradiel
    (2018, "GM0081", ("GM0080",)),  # Leeuwarderadeel -> Leeuwarden
    (2018, "GM0140", ("GM0080", "GM1900", "GM1949")),  # Littenseradiel: divided
    (2018, "GM0196", ("GM0299",)),  # Rijnwaarden -> Zevenaar
    (2019, "GM0005", ("GM1966",)),  # Bedum -> Het Hogeland
    (2019, "GM1663", ("GM1966",)),  # De Marne
    (2019, "GM1651", ("GM1966",)),  # Eemsmond
    (2019, "GM0053", ("GM1966", "GM1969")),  # Winsum: divided (Ezinge to Westerkwartier)
    (2019, "GM0015", ("GM1969",)),  # Grootegast -> Westerkwartier
    (2019, "GM0022", ("GM1969",)),  # Leek
    (2019, "GM0025", ("GM1969",)),  # Marum
    (2019, "GM0056", ("GM1969",)),  # Zuidhorn
    (2019, "GM0009", ("GM0014",)),  # Ten Boer -> Groningen
    (2019, "GM0017", ("GM0014",)),  # Haren
    (2019, "GM0058", ("GM1970",)),  # Dongeradeel -> Noardeast-Fryslân
    (2019, "GM0079", ("GM1970",)),  # Kollumerland en Nieuwkruisland
    (2019, "GM1722", ("GM1970",)),  # Ferwerderadiel
    (2019, "GM0236", ("GM1960",)),  # Geldermalsen -> West Betuwe
    (2019, "GM0304", ("GM1960",)),  # Neerijnen
    (2019, "GM0733", ("GM1960",)),  # Lingewaal
    (2019, "GM0545", ("GM1961",)),  # Leerdam -> Vijfheerenlanden
    (2019, "GM0620", ("GM1961",)),  # Vianen
    (2019, "GM0707", ("GM1961",)),  # Zederik
    (2019, "GM0689", ("GM1978",)),  # Giessenlanden -> Molenlanden
    (2019, "GM1927", ("GM1978",)),  # Molenwaard
    (2019, "GM0738", ("GM1959",)),  # Aalburg -> Altena
    (2019, "GM0870", ("GM1959",)),  # Werkendam
    (2019, "GM0874", ("GM1959",)),  # Woudrichem
    (2019, "GM0584", ("GM1963",)),  # Oud-Beijerland -> Hoeksche Waard
    (2019, "GM0585", ("GM1963",)),  # Binnenmaas
    (2019, "GM0588", ("GM1963",)),  # Korendijk
    (2019, "GM0611", ("GM1963",)),  # Cromstrijen
    (2019, "GM0617", ("GM1963",)),  # Strijen
    (2019, "GM0881", ("GM1954",)),  # Onderbanken -> Beekdaelen
    (2019, "GM0951", ("GM1954",)),  # Nuth
    (2019, "GM0962", ("GM1954",)),  # Schinnen
    (2019, "GM0576", ("GM0575",)),  # Noordwijkerhout -> Noordwijk
    (2019, "GM0393", ("GM0394",)),  # Haarlemmerliede en Spaarnwoude -> Haarlemmermeer
    (2021, "GM0003", ("GM1979",)),  # Appingedam -> Eemsdelta
    (2021, "GM0010", ("GM1979",)),  # Delfzijl
    (2021, "GM0024", ("GM1979",)),  # Loppersum
    (2021, "GM0788", ("GM0757", "GM0824", "GM0855", "GM0865")),  # Haaren: divided
    (2022, "GM0370", ("GM0439",)),  # Beemster -> Purmerend
    (2022, "GM0398", ("GM1980",)),  # Heerhugowaard -> Dijk en Waard
    (2022, "GM0416", ("GM1980",)),  # Langedijk
    (2022, "GM0756", ("GM1982",)),  # Boxmeer -> Land van Cuijk
    (2022, "GM1684", ("GM1982",)),  # Cuijk
    (2022, "GM0786", ("GM1982",)),  # Grave
    (2022, "GM0815", ("GM1982",)),  # Mill en Sint Hubert
    (2022, "GM1702", ("GM1982",)),  # Sint Anthonis
    (2022, "GM0856", ("GM1991",)),  # Uden -> Maashorst
    (2022, "GM1685", ("GM1991",)),  # Landerd
    (2023, "GM0457", ("GM0363",)),  # Weesp -> Amsterdam (24 March 2022)
    (2023, "GM0501", ("GM1992",)),  # Brielle -> Voorne aan Zee
    (2023, "GM0530", ("GM1992",)),  # Hellevoetsluis
    (2023, "GM0614", ("GM1992",)),  # Westvoorne
)


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
