"""Generated arrangement exports for the reading tests (written into pytest's tmp_path)."""

from helpers.microdata.contract import REQUIRED_COLUMNS

HEADER = ",".join(REQUIRED_COLUMNS)
GOOD = [
    "c1,2018,a1,ambulant,huisarts,p1,ZiN,10,2018-03-01,,1200.50",
    "c1,2019,a1,ambulant,huisarts,p1,ZiN,11,2018-03-01,2019-06-30,600",
    "c2,2018,a2,verblijf,gecertificeerde instelling,p2,PGB,15,01-07-2018,31-12-2018,0",
]


def row(
    client="c1",
    jaar=2018,
    arrangement="a1",
    categorie="ambulant",
    leeftijd=10,
    begin="2018-03-01",
    end="",
    kosten="100",
    sep=",",
):
    """One data line in the column order of HEADER."""
    fields = [client, jaar, arrangement, categorie, "huisarts", "p1", "ZiN", leeftijd, begin, end]
    return sep.join(map(str, [*fields, kosten]))


def write_csv(tmp_path, lines, name="export.csv", header=HEADER, encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(("\n".join([header, *lines]) + "\n").encode(encoding))
    return path


def assert_balanced(export):
    """rows in = rows used (directly or netted as a credit) + rows rejected."""
    assert export.rows_in == export.rows_used + export.rejected["rij"].nunique()
    assert export.rows_used >= len(export.data)
