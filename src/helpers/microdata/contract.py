"""The input contract for a municipality's arrangement-level export (one row per arrangement
per calendar year). See README, section 'Eigen data'."""

REQUIRED_COLUMNS = (
    "client_id",
    "jaar",
    "arrangement_id",
    "categorie",
    "verwijzer",
    "aanbieder",
    "zorgvorm",
    "leeftijd",
    "begindatum",
    "einddatum",
    "kosten",
)
OPTIONAL_COLUMNS = ("wijk", "eenheden", "eenheid")

CATEGORIES = (
    "ambulant",
    "dagbehandeling",
    "verblijf",
    "pleegzorg",
    "jeugdbescherming",
    "jeugdreclassering",
    "gesloten",
    "overig",
)

# CBS categories of the Beleidsinformatie Jeugd.
VERWIJZERS = (
    "gemeente",
    "huisarts",
    "jeugdarts",
    "gecertificeerde instelling",
    "medisch specialist",
    "justitie",
    "overig",
)

ZORGVORMEN = ("ZiN", "PGB")

# The unit of `eenheden`: the names of the iJw list WJ756 "Eenheid" (helpers.microdata.ijw, where
# the codes 01, 04, 14, 16, 82, 83 and 84 are translated to these names).
EENHEDEN = ("minuut", "uur", "etmaal", "dagdeel", "stuks (output)", "euro", "stuks (inspanning)")
