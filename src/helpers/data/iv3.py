"""Iv3 accounts of gemeenten per taakveld (jaarrekening 2023, begrotingen 2023–2025).

The recorded files (see ``data/external/snapshots.json``, ids ``iv3/…``) hold one row per
gemeente and taakveld: baten and lasten (× € 1.000), inwoners and the classes of the
gemeentefonds (gemeentegrootte, stedelijkheid, centrumfunctie, sociale structuur). Gemeenten are
named, not coded: names are matched to GM codes with that year's Gebieden in Nederland (2025 with
2024, the last indeling recorded). The row "Nederland" is the national total and is kept apart.

From the begroting 2025 the sociaal-domein taakvelden are renumbered (6.71a -> 6.711, jeugdhulp
by lokaal/regionaal/landelijk in 6.751–6.763, pgb in 6.791/6.792, …). ``CROSSWALK`` maps each code
of 2025 to the codes before; where the split differs (jeugdhulp, wijkteams) only the cluster
(``CLUSTERS``) is comparable over the break. A test checks the crosswalk against the files.
"""

import pandas as pd
import pandera.pandas as pa

from helpers.data import external, gebieden

FILES = {
    "2023_jaarrekening": 2023,
    "2023_begroting": 2023,
    "2024_begroting": 2024,
    "2025_begroting": 2024,  # indeling used for matching names: the last one recorded
}

CLASSES = {
    "Gemeentegrootte": "gemeentegrootte",
    "Stedelijkheid": "stedelijkheid",
    "Centrumfunctie": "centrumfunctie",
    "Sociale structuur": "sociale_structuur",
}

# The class values as in the files (lower case: 2025 writes "Minderdan5000inwoners"), in Dutch
# as a reader writes them, in their order.
CLASS_LABELS = {
    "gemeentegrootte": {
        "minderdan5000inwoners": "minder dan 5.000 inwoners",
        "5000tot10000inwoners": "5.000 tot 10.000 inwoners",
        "10000tot20000inwoners": "10.000 tot 20.000 inwoners",
        "20000tot50000inwoners": "20.000 tot 50.000 inwoners",
        "50000tot100000inwoners": "50.000 tot 100.000 inwoners",
        "100000tot150000inwoners": "100.000 tot 150.000 inwoners",
        "150000tot250000inwoners": "150.000 tot 250.000 inwoners",
        "250000inwonersofmeer": "250.000 inwoners of meer",
    },
    "stedelijkheid": {
        "zeersterkstedelijk": "zeer sterk stedelijk",
        "sterkstedelijk": "sterk stedelijk",
        "matigstedelijk": "matig stedelijk",
        "weinigstedelijk": "weinig stedelijk",
        "nietstedelijk": "niet stedelijk",
    },
    "centrumfunctie": {
        "sterk": "sterke centrumfunctie",
        "redelijk": "redelijke centrumfunctie",
        "weinig": "weinig centrumfunctie",
        "zonder": "zonder centrumfunctie",
    },
    "sociale_structuur": {
        "goed": "goede sociale structuur",
        "redelijk": "redelijke sociale structuur",
        "matig": "matige sociale structuur",
        "zwak": "zwakke sociale structuur",
    },
}

# Sociaal domein: taakvelden 6.x. Clusters that are comparable over the renumbering of 2025.
CLUSTERS = {
    "Samenkracht en burgerparticipatie": (("6.1",), ("6.1",)),
    "Toegang en wijkteams": (("6.2",), ("6.21", "6.22", "6.23")),
    "Inkomensregelingen": (("6.3",), ("6.3",)),
    "Begeleide participatie, WSW en beschut werk": (("6.4",), ("6.4",)),
    "Arbeidsparticipatie": (("6.5",), ("6.5",)),
    "Wmo: voorzieningen en maatwerk": (
        ("6.6", "6.71", "6.71a", "6.71b", "6.71c", "6.71d"),
        ("6.60", "6.711", "6.712", "6.713", "6.714", "6.791"),
    ),
    "Jeugdhulp": (
        ("6.72", "6.72a", "6.72b", "6.72c", "6.72d", "6.73a", "6.73b", "6.73c")
        + ("6.74a", "6.74b", "6.74c"),
        ("6.751", "6.752", "6.753", "6.761", "6.762", "6.763", "6.792"),
    ),
    "Beschermd wonen en opvang": (("6.81", "6.81a", "6.81b"), ("6.811", "6.812")),
    "Jeugdbescherming en jeugdreclassering": (("6.82", "6.82a", "6.82b"), ("6.821", "6.822")),
    "Coördinatie en beleid": ((), ("6.91", "6.92")),
}

# Code from 2025 -> the code(s) before; "hernummerd" is one to one, "cluster" only comparable as
# part of its cluster, "nieuw" has no predecessor (the costs were booked elsewhere before).
CROSSWALK = (
    ("6.21", ("6.2",), "cluster"),
    ("6.22", ("6.2",), "cluster"),
    ("6.23", ("6.2",), "cluster"),
    ("6.4", ("6.4",), "hernummerd"),
    ("6.60", ("6.6",), "hernummerd"),
    ("6.711", ("6.71a",), "hernummerd"),
    ("6.712", ("6.71b",), "hernummerd"),
    ("6.713", ("6.71c",), "hernummerd"),
    ("6.714", ("6.71d",), "hernummerd"),
    ("6.751", ("6.72a", "6.72b", "6.72c", "6.72d", "6.74a"), "cluster"),
    ("6.752", ("6.72a", "6.72b", "6.72c", "6.72d", "6.74a"), "cluster"),
    ("6.753", ("6.72a", "6.72b", "6.72c", "6.72d", "6.74a"), "cluster"),
    ("6.761", ("6.73a", "6.73b", "6.73c", "6.74b", "6.74c"), "cluster"),
    ("6.762", ("6.73a", "6.73b", "6.73c", "6.74b", "6.74c"), "cluster"),
    ("6.763", ("6.73a", "6.73b", "6.73c", "6.74b", "6.74c"), "cluster"),
    ("6.791", ("6.71", "6.71a", "6.71b", "6.71c", "6.71d"), "cluster"),
    ("6.792", ("6.72", "6.72a", "6.72b", "6.72c", "6.72d"), "cluster"),
    ("6.811", ("6.81a",), "hernummerd"),
    ("6.812", ("6.81b",), "hernummerd"),
    ("6.821", ("6.82a",), "hernummerd"),
    ("6.822", ("6.82b",), "hernummerd"),
    ("6.91", (), "nieuw"),
    ("6.92", (), "nieuw"),
)


def crosswalk() -> pd.DataFrame:
    """The crosswalk as a table: ``code_2025``, ``code_voor_2025`` (one row per old code;
    missing for a new taakveld), ``relatie`` and ``cluster``."""
    cluster_of = {new: name for name, (_, news) in CLUSTERS.items() for new in news}
    rows = [
        (new, old, relation, cluster_of[new])
        for new, olds, relation in CROSSWALK
        for old in (olds or (None,))
    ]
    return pd.DataFrame(rows, columns=["code_2025", "code_voor_2025", "relatie", "cluster"])


def cluster(codes: pd.Series) -> pd.Series:
    """The cluster of each sociaal-domein taakveld code, before or after 2025 (NA outside 6.x)."""
    lookup = {code: name for name, (olds, news) in CLUSTERS.items() for code in olds + news}
    return codes.map(lookup).astype("string")


def load(name: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """One Iv3 file (``2023_jaarrekening``, ``2023_begroting``, ``2024_begroting``,
    ``2025_begroting``) as a tidy table, and the national row apart.

    Columns: ``code`` (GM), ``gemeente``, ``taakveld_code`` (e.g. "6.71a"), ``taakveld`` (name as
    in the file, sometimes cut off with ".."), ``baten``, ``lasten`` (euro), ``inwoners``,
    ``provincie`` and the four classes (values as in ``CLASS_LABELS``)."""
    if name not in FILES:
        raise ValueError(f"Onbekend Iv3-bestand '{name}'; bekend: {', '.join(FILES)}.")
    raw = pd.read_csv(external.path(f"iv3/{name}"), sep=";", dtype={"Gemeenten": str})
    parts = raw["Taakveld"].str.strip().str.extract(r"^(?P<code>\d+\.\d+[a-z]?) (?P<naam>.+)$")
    bad = parts["code"].isna()
    if bad.any():
        raise ValueError(
            f"iv3/{name}: taakveld {raw.loc[bad, 'Taakveld'].iloc[0]!r} (rij "
            f"{raw.index[bad][0]}) heeft geen code zoals '6.71a Naam'."
        )
    tidy = pd.DataFrame(
        {
            "gemeente": raw["Gemeenten"].str.strip(),
            "taakveld_code": parts["code"],
            "taakveld": parts["naam"],
            "baten": raw["Baten"] * 1000,
            "lasten": raw["Lasten"] * 1000,
            "inwoners": raw["Inwonertal"].astype(float),
            "provincie": raw["Provincie"],
            **{new: raw[old].str.lower() for old, new in CLASSES.items()},
        }
    )
    national = tidy["gemeente"] == "Nederland"
    names = tidy.loc[~national, "gemeente"].drop_duplicates()
    codes = gebieden.label_codes(names, FILES[name])
    unmatched = names[codes["code"].isna()]
    if len(unmatched):
        raise ValueError(
            f"iv3/{name}: gemeente(n) {list(unmatched)} niet gevonden in de gemeentelijke "
            f"indeling van {FILES[name]}."
        )
    tidy.insert(0, "code", tidy["gemeente"].map(pd.Series(codes["code"].to_numpy(), names)))
    gemeenten = tidy[~national].reset_index(drop=True)
    SCHEMA.validate(gemeenten)
    return gemeenten, tidy[national].drop(columns="code").reset_index(drop=True)


SCHEMA = pa.DataFrameSchema(
    {
        "code": pa.Column(str, pa.Check.str_matches(r"^GM\d{4}$")),
        "gemeente": pa.Column(str),
        "taakveld_code": pa.Column(str, pa.Check.str_matches(r"^\d+\.\d+[a-z]?$")),
        "taakveld": pa.Column(str),
        "baten": pa.Column(float, nullable=True),
        "lasten": pa.Column(float, nullable=True),
        "inwoners": pa.Column(float, pa.Check.gt(0)),
        "provincie": pa.Column(str),
        "gemeentegrootte": pa.Column(str, pa.Check.isin(list(CLASS_LABELS["gemeentegrootte"]))),
        "stedelijkheid": pa.Column(str, pa.Check.isin(list(CLASS_LABELS["stedelijkheid"]))),
        "centrumfunctie": pa.Column(
            str, pa.Check.isin(list(CLASS_LABELS["centrumfunctie"])), nullable=True
        ),
        "sociale_structuur": pa.Column(str, pa.Check.isin(list(CLASS_LABELS["sociale_structuur"]))),
    },
    unique=["code", "taakveld_code"],
)
