"""iStandaarden iJw codes in an export: the unit (eenheid) and the productcategorie, translated
to the input contract (helpers.microdata.contract).

Source: Zorginstituut Nederland, iStandaarden, *Codelijst iJw release 3.2*
(https://www.istandaarden.nl/ijw/releases/release-ijw-3.2), lists WJ756 "Eenheid" and JZ020
"Productcategorie", kept in data/reference/ (ijw_eenheden.csv, ijw_productcategorieen.csv). Codes
31–38 are the productcategorieën of 2015, still found in older exports.

Units: an export may give the WJ756 code ("04") or its name ("uur"); both become the contract
name (contract.EENHEDEN). Categories: an export without `categorie` may instead give
`productcategorie` (JZ020, e.g. 45) or a local `productcode`, translated by a mapping file
(CSV with columns `code` and `categorie`; `,` or `;`) or, for `productcategorie`, by
DEFAULT_CATEGORIES. Every code must be in the mapping: an unknown code stops the reading with a
message that names the codes and the first rows, never a guess.
"""

from pathlib import Path

import pandas as pd

from helpers.assumptions import Assumption
from helpers.data import reference
from helpers.microdata.contract import CATEGORIES

ASSUMPTIONS = (
    Assumption(
        "iJw-productcategorieën",
        "standaardvertaling van productcategorie (JZ020) naar categorie; pleegzorg en gesloten hebben sinds 2016 geen eigen code (vallen onder 43/44) en vragen een eigen vertaaltabel; crisis, vervoer en maatwerk vallen onder overig",
        "Codelijst iJw release 3.2 (iStandaarden)",
        "een gemeente met eigen productcodes levert een vertaaltabel mee",
    ),
)

# WJ756 Eenheid: code -> contract name; JZ020 Productcategorie: code -> (name in the code list,
# default contract categorie). The defaults and why: data/reference/README.md.
UNIT_CODES = {row["code"]: row["eenheid"] for row in reference.rows("ijw_eenheden")}
PRODUCT_CATEGORIES = {
    row["code"]: (row["naam"], row["categorie"]) for row in reference.rows("ijw_productcategorieen")
}
DEFAULT_CATEGORIES = {code: categorie for code, (_, categorie) in PRODUCT_CATEGORIES.items()}
CODE_COLUMNS = ("productcode", "productcategorie")


class CodeError(ValueError):
    """Codes in an export or a mapping file that cannot be translated."""


def _rows(mask: pd.Series) -> str:
    """The first rows of `mask` as a user sees them in the file (header is row 1)."""
    rows = (mask.to_numpy().nonzero()[0] + 2)[:5]
    more = f" (en nog {mask.sum() - 5})" if mask.sum() > 5 else ""
    return ", ".join(map(str, rows)) + more


def read_mapping(path) -> dict[str, str]:
    """A mapping file: CSV with columns `code` and `categorie` (`,` or `;`), one row per code;
    every categorie from the contract list, no code twice."""
    path = Path(path)
    if not path.is_file():
        raise CodeError(f"{path.name}: vertaaltabel niet gevonden ({path}).")
    table = pd.read_csv(path, sep=None, engine="python", dtype=str, keep_default_na=False)
    table.columns = table.columns.str.strip().str.lower()
    missing = [c for c in ("code", "categorie") if c not in table]
    if missing:
        raise CodeError(f"{path.name}: de vertaaltabel mist kolom(men) {', '.join(missing)}.")
    table = table.apply(lambda column: column.str.strip())
    unknown = ~table["categorie"].isin(CATEGORIES)
    if unknown.any():
        raise CodeError(
            f"{path.name}: onbekende categorie {sorted(set(table.loc[unknown, 'categorie']))} "
            f"in rij(en) {_rows(unknown)}; toegestaan: {', '.join(CATEGORIES)}."
        )
    twice = table["code"].duplicated(keep=False)
    if twice.any():
        raise CodeError(
            f"{path.name}: code {sorted(set(table.loc[twice, 'code']))} staat meer dan eens in "
            f"de vertaaltabel (rij(en) {_rows(twice)})."
        )
    return dict(zip(table["code"], table["categorie"], strict=True))


def translate(raw: pd.DataFrame, name: str, mapping=None) -> pd.DataFrame:
    """An export as read (text) with its iJw codes in contract terms: eenheid codes become names,
    and without a `categorie` column one is made from `productcode` or `productcategorie` with
    `mapping` (a path to a mapping file, or None for DEFAULT_CATEGORIES). An unknown code, or
    a mapping without a code column to apply it to, raises CodeError naming `name`."""
    if "eenheid" in raw:
        text = raw["eenheid"].astype("string").str.strip()
        unit = text.str.zfill(2).map(UNIT_CODES).fillna(text.str.lower())
        raw = raw.assign(eenheid=unit.where(text.notna() & (text != "")))
    codes = next((c for c in CODE_COLUMNS if c in raw), None)
    if mapping is not None and ("categorie" in raw or codes is None):
        raise CodeError(
            f"{name}: een vertaaltabel is opgegeven, maar het bestand heeft "
            + (
                "al een kolom categorie; laat de vertaaltabel weg of lever de codes zonder "
                "categorie."
                if "categorie" in raw
                else f"geen kolom {' of '.join(CODE_COLUMNS)}."
            )
        )
    if "categorie" in raw or codes is None:
        return raw
    table = DEFAULT_CATEGORIES if mapping is None else read_mapping(mapping)
    if mapping is None and codes == "productcode":
        raise CodeError(
            f"{name}: kolom 'productcode' bevat lokale productcodes; geef een vertaaltabel "
            "(code → categorie) op, of lever de kolom 'productcategorie' of 'categorie'."
        )
    text = raw[codes].astype("string").str.strip()
    if mapping is None:
        text = text.str.zfill(2)
    categorie = text.map(table)
    unknown = categorie.isna()
    if unknown.any():
        listed = sorted(set(text[unknown].fillna("(leeg)")))
        raise CodeError(
            f"{name}: kolom '{codes}' bevat code(s) zonder categorie: {', '.join(listed[:10])} "
            f"(rij(en) {_rows(unknown)}). Vul de vertaaltabel aan of corrigeer de codes."
        )
    return raw.assign(categorie=categorie.astype(object))
