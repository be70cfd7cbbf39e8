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

import pandas as pd

from helpers.data import external, statline

YEARS = range(2015, 2025)
# Region indelingen kept from the yearly tables, by the prefix of their codes.
REGIONS = {"PV": "provincie", "JZ": "jeugdzorgregio", "AM": "arbeidsmarktregio", "GG": "ggd_regio"}


def indeling(jaar: int) -> pd.DataFrame:
    """Gemeenten of ``jaar``: naam, provincie, jeugdzorgregio, arbeidsmarktregio, ggd_regio
    (code and name each), grootteklasse (code, omschrijving), stedelijkheid (1 zeer sterk – 5
    niet stedelijk, omschrijving), inwoners and omgevingsadressendichtheid; index ``code``."""
    if jaar not in YEARS:
        raise ValueError(
            f"Geen gemeentelijke indeling voor {jaar}; wel voor {YEARS[0]}–{YEARS[-1]}."
        )
    raw = pd.read_csv(external.path(f"gebieden/{jaar}"), sep=";", dtype=str, encoding="utf-8-sig")
    columns = list(raw.columns)
    out = pd.DataFrame(index=pd.Index(statline.text(raw["Code_1"]), name="code"))
    out["naam"] = statline.text(raw["Naam_2"]).to_numpy()
    for position, column in enumerate(columns):
        if not column.startswith("Code_") or column == "Code_1":
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
