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
OPTIONAL_COLUMNS = ("wijk", "eenheden")

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
