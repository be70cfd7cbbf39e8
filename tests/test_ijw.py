"""helpers.microdata.ijw: iJw eenheid codes and productcategorieën translated to the input
contract, through read_export; unknown codes are clear errors, never guesses."""

import pandas as pd
import pytest

from helpers.microdata import ijw
from helpers.microdata.contract import CATEGORIES, EENHEDEN
from helpers.microdata.reading import ExportError, read_export

COLUMNS = (
    "client_id,jaar,arrangement_id,{code},verwijzer,aanbieder,zorgvorm,leeftijd,begindatum,"
    "einddatum,kosten,eenheden,eenheid"
)
ROWS = [
    "c1,2018,a1,{0},huisarts,p1,ZiN,10,2018-03-01,,1200.50,12,04",
    "c2,2018,a2,{1},gemeente,p2,ZiN,15,2018-01-01,,20000,100,14",
    "c3,2018,a3,{2},huisarts,p1,ZiN,9,2018-01-01,,3000,30,Uur",
]


def write(tmp_path, codes, column="productcategorie", name="export.csv"):
    path = tmp_path / name
    lines = [COLUMNS.format(code=column), *(row.format(*codes) for row in ROWS)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_the_code_lists_are_the_ijw_lists_and_map_into_the_contract():
    assert list(ijw.UNIT_CODES) == ["01", "04", "14", "16", "82", "83", "84"]
    assert set(ijw.UNIT_CODES.values()) == set(EENHEDEN)
    assert list(ijw.PRODUCT_CATEGORIES) == [
        *map(str, range(31, 39)),
        *map(str, range(40, 56)),
    ]
    assert set(ijw.DEFAULT_CATEGORIES.values()) <= set(CATEGORIES)
    assert ijw.DEFAULT_CATEGORIES["41"] == "dagbehandeling"
    assert ijw.DEFAULT_CATEGORIES["43"] == ijw.DEFAULT_CATEGORIES["44"] == "verblijf"
    assert ijw.DEFAULT_CATEGORIES["45"] == "ambulant"
    assert ijw.DEFAULT_CATEGORIES["47"] == "jeugdreclassering"
    assert ijw.DEFAULT_CATEGORIES["48"] == "jeugdbescherming"


def test_productcategorie_and_unit_codes_are_translated_by_default(tmp_path):
    export = read_export(write(tmp_path, ["45", "43", "41"]))
    assert export.rejected.empty
    assert export.data["categorie"].astype(str).tolist() == [
        "ambulant",
        "verblijf",
        "dagbehandeling",
    ]
    # codes (04, 14) and names in any case (Uur) become the contract names
    assert export.data["eenheid"].tolist() == ["uur", "etmaal", "uur"]


def test_an_unknown_productcategorie_stops_with_the_codes_and_rows(tmp_path):
    with pytest.raises(
        ExportError, match=r"export\.csv: kolom 'productcategorie'.*99.*rij\(en\) 3"
    ):
        read_export(write(tmp_path, ["45", "99", "41"]))


def test_local_product_codes_need_a_mapping_file(tmp_path):
    path = write(tmp_path, ["45A48", "43A11", "JZP01"], column="productcode")
    with pytest.raises(ExportError, match="geef een vertaaltabel"):
        read_export(path)
    mapping = tmp_path / "vertaling.csv"
    mapping.write_text(
        "code;categorie\n45A48;ambulant\n43A11;verblijf\nJZP01;gesloten\n", encoding="utf-8"
    )
    data = read_export(path, vertaaltabel=mapping).data
    assert data["categorie"].astype(str).tolist() == ["ambulant", "verblijf", "gesloten"]


def test_a_code_missing_from_the_mapping_is_an_error_not_a_guess(tmp_path):
    path = write(tmp_path, ["45A48", "43A11", "JZP01"], column="productcode")
    mapping = tmp_path / "vertaling.csv"
    mapping.write_text("code,categorie\n45A48,ambulant\n43A11,verblijf\n", encoding="utf-8")
    with pytest.raises(ExportError, match=r"JZP01 \(rij\(en\) 4\)"):
        read_export(path, vertaaltabel=mapping)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("code;categorie\n45A48;crisis\n", r"onbekende categorie \['crisis'\] in rij\(en\) 2"),
        ("code;categorie\n45A48;ambulant\n45A48;verblijf\n", "staat meer dan eens"),
        ("productcode;soort\n45A48;ambulant\n", "mist kolom"),
    ],
)
def test_a_bad_mapping_file_is_refused(tmp_path, content, message):
    mapping = tmp_path / "vertaling.csv"
    mapping.write_text(content, encoding="utf-8")
    with pytest.raises(ijw.CodeError, match=message):
        ijw.read_mapping(mapping)


def test_an_unknown_unit_is_rejected_with_its_row(tmp_path):
    path = write(tmp_path, ["45", "43", "41"])
    path.write_text(path.read_text(encoding="utf-8").replace(",Uur", ",week"), encoding="utf-8")
    export = read_export(path)
    problem = export.rejected.iloc[0]
    assert (problem["rij"], problem["kolom"], problem["waarde"]) == (4, "eenheid", "week")
    assert export.rows_in == len(export.data) + export.rejected["rij"].nunique()


def test_a_mapping_without_a_code_column_is_an_error():
    raw = pd.DataFrame({"categorie": ["ambulant"]})
    assert ijw.translate(raw, "x.csv").equals(raw)
    with pytest.raises(ijw.CodeError, match="heeft geen kolom productcode of productcategorie"):
        ijw.translate(pd.DataFrame({"kosten": ["1"]}), "x.csv", mapping="vertaling.csv")
    with pytest.raises(ijw.CodeError, match="al een kolom categorie"):
        ijw.translate(raw, "x.csv", mapping="vertaling.csv")
