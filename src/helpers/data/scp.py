"""The wijk data of SCP's *Jeugdhulp in de wijk* (SCP-publicatie 2020-1), year 2017.

The published spreadsheet has one row per wijk (2.918 wijken, 388 gemeenten of 2017) in three
sheets that share the column ``wijk`` (SCP's wijk code: gemeentecode followed by the two-digit
wijk number, e.g. ``93500`` is Maastricht wijk 00):

* ``wijk``: wijknaam, gemeentecode, gemnaam_2017;
* ``gebruik``: ``perc_jhzv`` (observed % of jongeren with jeugdhulp zonder verblijf; ``.`` for the
  286 wijken with fewer than 10 users, which SCP estimated and did not publish), ``perc_przv``
  (SCP's expected %) and ``residu`` (observed minus expected);
* ``determinanten``: the 26 wijk characteristics of the model plus the small-wijk flag; ``.`` = not
  published (CBS suppresses shares computed from small counts in its microdata output).

Reading the ``.ods`` takes seconds, so the parsed sheets are cached by the file's checksum.
"""

import pandas as pd

from helpers import cache
from helpers.assumptions import Assumption
from helpers.data import external, statline

ASSUMPTIONS = (
    Assumption(
        "onderdrukte wijkkenmerken",
        "een door CBS onderdrukt kenmerk ('.') krijgt het onderste kwartiel van de andere wijken in dezelfde gemeente",
        "CBS onderdrukt aandelen op kleine aantallen, die eerder laag dan gemiddeld zijn; het gemeentegemiddelde geeft een iets grotere afwijking van SCP",
        "de nagebouwde verwachting wijkt het meest af in wijken met veel onderdrukte kenmerken",
    ),
)

SNAPSHOT = "scp/jeugdhulp_in_de_wijk"
DETERMINANTEN = (
    "perc_sbo_g",
    "perc_vso_g",
    "perc_praktijk_g",
    "perc_hhmk",
    "perc_jong04",
    "perc_1ouder",
    "perc_tienmam",
    "perc_hhmkhgink",
    "perc_kind_sch5",
    "perc_ouderpsy",
    "perc_hhverd",
    "perc_hhbijs",
    "perc_hhwan",
    "groenedruk",
    "grijzedruk",
    "perc_ao",
    "perc_laagopl",
    "gem_gestink",
    "polchrplus",
    "perc_nwmig",
    "perc_antsur",
    "perc_1gez",
    "huur_corp",
    "woonwaarde",
    "afstandhuisarts",
    "samenw",
    "kleinewijk",
)
GEBRUIK = ("perc_jhzv", "perc_przv", "residu")
SHEETS = {
    "wijk": ("wijk", "wijknaam", "gemeentecode", "gemnaam_2017"),
    "gebruik": ("wijk", *GEBRUIK),
    "determinanten": ("wijk", *DETERMINANTEN),
}


class ScpFileError(ValueError):
    """The SCP file does not have the layout this loader was written for."""


def _sheets() -> dict[str, pd.DataFrame]:
    file = external.path(SNAPSHOT)
    parts = {"snapshot": SNAPSHOT, "sha256": external.snapshot(SNAPSHOT).sha256, "version": 1}
    return cache.frames(
        "scp_wijkdata",
        parts,
        lambda: pd.read_excel(file, sheet_name=list(SHEETS), engine="odf", dtype=str),
    )


def parse(sheets: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """One table indexed by ``wijk`` from the three sheets (as text): names, ``gemeente`` (GM code
    of 2017), ``gemeentenaam``, the use columns and the determinants as floats (NA where SCP
    published ``.``). Raises ScpFileError naming sheet, row and column for anything unexpected."""
    for sheet, columns in SHEETS.items():
        found = tuple(sheets[sheet].columns)
        if found != columns:
            raise ScpFileError(f"SCP-blad '{sheet}': kolommen {found}, verwacht {columns}.")
    codes = statline.text(sheets["wijk"]["wijk"])
    for sheet in ("gebruik", "determinanten"):
        other = statline.text(sheets[sheet]["wijk"])
        differs = other.ne(codes) | other.isna()
        if differs.any():
            row = int(differs.idxmax()) + 2  # spreadsheet row: header is row 1
            raise ScpFileError(
                f"SCP-blad '{sheet}', rij {row}, kolom wijk: {other.iloc[row - 2]!r} "
                f"in plaats van {codes.iloc[row - 2]!r} (bladen moeten dezelfde wijken hebben)."
            )
    if codes.duplicated().any():
        raise ScpFileError(f"SCP-blad 'wijk': wijkcode {codes[codes.duplicated()].iloc[0]} dubbel.")
    out = pd.DataFrame(index=pd.Index(codes.to_numpy(), name="wijk"))
    wijk = sheets["wijk"]
    out["wijknaam"] = statline.text(wijk["wijknaam"]).to_numpy()
    out["gemeente"] = ("GM" + statline.text(wijk["gemeentecode"]).str.zfill(4)).to_numpy()
    out["gemeentenaam"] = statline.text(wijk["gemnaam_2017"]).to_numpy()
    for sheet, columns in (("gebruik", GEBRUIK), ("determinanten", DETERMINANTEN)):
        for column in columns:
            try:
                values = statline.number(sheets[sheet][column])
            except ValueError as error:
                raise ScpFileError(f"SCP-blad '{sheet}': {error}") from None
            out[column] = values.astype(float).to_numpy()
    return out


def wijkdata() -> pd.DataFrame:
    """The SCP wijk table (see ``parse``), checksum-verified."""
    return parse(_sheets())
