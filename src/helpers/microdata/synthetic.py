"""Synthetic arrangement-level jeugdhulp data, calibrated to published Maastricht figures.

The default run of every notebook uses this dataset instead of real client data. It is
**synthetic**: no row describes a real jeugdige. It follows the input contract
(:mod:`helpers.microdata.contract`): one row per arrangement per calendar year. ``DESCRIPTION`` says the
same in Dutch for the notebooks.

Calibration (every figure read from ``data/published``; :func:`calibration_targets` lists them
with their source, :func:`calibration_report` compares a frame with them):

* jeugdigen (unique clients in a year, all categories and zorgvormen) 2018 (Monitor 2018 §3.1)
  and 2017, derived from the printed growth 2017→2018;
* ZiN-cliënten 2015 and 2016 (memo draaiknoppen). A client is either a ZiN or a PGB client, so
  all jeugdigen = ZiN-cliënten / (1 − PGB share of that year);
* inzet per jeugdige (arrangement-year rows per client) 2017 and 2018;
* PGB share of clients 2018;
* verwijzers 2018 as a share of the arrangements that started in 2018 (team Jeugd →
  ``gemeente``, justitieel verwijzer → ``justitie``);
* "Arrangementen (ZiN)" 2017 and 2018 (Monitor 2018 §3.6): the sum of ``kosten`` of ZiN rows
  outside ``jeugdbescherming``, ``jeugdreclassering`` and ``gesloten``, which the source books
  on separate lines (Jeugdbescherming, JeugdzorgPlus). 2016 and 2019 follow the envelope of the
  visitation report (realisatie Jeugdhulp 2016–2019): cost 2016 = cost 2017 × realisatie 2016 /
  realisatie 2017 and cost 2019 = cost 2018 × realisatie 2019 / realisatie 2018.

Counts, shares and inzet are met exactly by construction (whole numbers, largest remainder);
costs are met by a yearly factor on the units of the hulp categories.

Assumptions (not in the sources; the constants below are the only place they live):

* PGB share of clients 2015 / 2016 / 2017 = 8 / 6 / 5% (the source: "vanaf 2015 fors
  gedaald"), 2019 as 2018;
* inzet per jeugdige 2015 and 2016 as 2017; the verwijzer shares of 2018 hold in every year and
  the share the source leaves unnamed is split jeugdarts 3 : medisch specialist 2 : overig 2;
* 2015 has no cost figure: it takes the calibration factor of 2016;
* tarieven are indexed 1% a year 2016–2018; PGB tarieven are 75% of ZiN tarieven;
* category mix, tarieven, units, durations, ages, wijken and providers are plausible, not
  published (``CATEGORY_PARAMS`` and the flow constants).

Planted story 2018 → 2019 (a decomposition should recover it): ZiN arrangement costs rise with
the envelope (about +22%) while volume stays almost level. Exactly as planted:

* jeugdigen +0,5% (``PLANTED_CLIENT_GROWTH``); inzet per jeugdige unchanged;
* mix (share of arrangement-years): ``verblijf`` 7,0% → 8,5%, ``ambulant`` 61,3% → 59,8%; other
  shares unchanged (``PLANTED_SHARES``);
* tarief (kosten per eenheid): +3,0% in every category (``PLANTED_TARIEF_GROWTH``);
* intensiteit (eenheden per day in care): ``verblijf`` +22%, ``dagbehandeling`` +10%
  (``PLANTED_INTENSITY``), relative to the other hulp categories. On top of that the cost
  calibration factor moves all hulp categories alike; for the default seed its 2019/2018 ratio
  is within 1% of 1 (tested), so the other categories' intensity is practically unchanged.

Units per arrangement also depend on how many days an arrangement was in care (duur), which is
random; so cost per arrangement per category follows the plan closely but not exactly.

Client flows: each year a client continues with a probability that falls with age (never past
22), former clients return after a gap, and new clients flow in to reach the year's number of
jeugdigen. Arrangements carry over a year boundary (same ``arrangement_id``) with a
category-specific probability, so a share lasts longer than a year; arrangements in the first
year partly started before it (never before the Jeugdwet, 1 January 2015). ``einddatum`` is
empty for arrangements still running at the end of the last year.
"""

from functools import cache

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from helpers.assumptions import Assumption
from helpers.data import published
from helpers.microdata.contract import CATEGORIES, EENHEDEN, VERWIJZERS, ZORGVORMEN

ASSUMPTIONS = (
    Assumption(
        "synthetische gegevens",
        "de standaardgegevens zijn verzonnen arrangementen, gekalibreerd op gepubliceerde cijfers van Maastricht (2015–2018) met een ingebouwd verhaal voor 2019",
        "echte cliëntgegevens mogen niet in de repository; de methode moet zichtbaar werken",
        "uitkomsten op deze gegevens zeggen niets over de werkelijke jeugdhulp in Maastricht",
    ),
    Assumption(
        "PGB-aandeel",
        "het aandeel PGB in cliënten 2015–2017 is aangenomen (8%, 6%, 5%), niet gepubliceerd",
        "de bronnen tellen ZiN-cliënten apart",
        "de volume- en intensiteitseffecten 2015–2016 zijn daardoor een artefact van de kalibratie",
    ),
)

JEUGDWET_START = np.datetime64("2015-01-01")
MAX_AGE = 22
CALIBRATED_YEARS = range(2015, 2020)

# Hulp categories make up "Arrangementen (ZiN)"; the others are booked on separate lines.
HULP_CATEGORIES = ("ambulant", "dagbehandeling", "verblijf", "pleegzorg", "overig")
PGB_CATEGORIES = ("ambulant", "dagbehandeling", "overig")

# Per category: share of arrangement-years 2015–2018, unit (helpers.microdata.contract.EENHEDEN),
# full-year units (eenheden_per_jaar: an etmaal unit counts days in care, 365 a year), tarief 2015
# (€ per eenheid), probability that an arrangement carries over a year boundary while its client
# stays in care, and the ages at 1 January for which the category can start. gesloten: its share
# gives about 7 placements a year and its tarief per etmaal is JeugdzorgPlus 2018 / zorgdagen 2018
# of the Monitor (`_year_parameters`, GESLOTEN_TARIEF_YEAR); pleegzorg and jeugdbescherming
# carry over most and their clients stay in care longer (LONG_CARE), so they last years.
CATEGORY_PARAMS = pd.DataFrame(
    {
        "aandeel": [0.613, 0.100, 0.070, 0.050, 0.080, 0.015, 0.0015, 0.0705],
        "eenheid": ["uur", "dagdeel", "etmaal", "etmaal", "etmaal", "etmaal", "etmaal", "uur"],
        "eenheden_per_jaar": [80.0, 360.0, 365.0, 365.0, 365.0, 365.0, 365.0, 40.0],
        "tarief": [95.0, 60.0, 222.0, 55.0, 17.0, 13.8, np.nan, 80.0],
        "doorloop": [0.45, 0.55, 0.65, 0.90, 0.85, 0.50, 0.20, 0.30],
        "leeftijd_min": [0, 0, 0, 0, 0, 12, 12, 0],
        "leeftijd_max": [22, 22, 22, 20, 17, 22, 19, 22],
    },
    index=pd.Index(CATEGORIES, name="categorie"),
)
LONG_CARE = ("pleegzorg", "jeugdbescherming")
CONTINUE_PROB_LONG = 0.85
GESLOTEN_TARIEF_YEAR = 2018
TARIEF_INDEX = {2015: 1.00, 2016: 1.01, 2017: 1.0201, 2018: 1.030301}
PGB_TARIEF_FACTOR = 0.75

PLANTED_YEAR = 2019
PLANTED_CLIENT_GROWTH = 0.005
PLANTED_SHARES = {"verblijf": 0.085, "ambulant": 0.598}
PLANTED_TARIEF_GROWTH = 0.03
PLANTED_INTENSITY = {"verblijf": 1.22, "dagbehandeling": 1.10}

PGB_SHARE_ASSUMED = {2015: 0.08, 2016: 0.06, 2017: 0.05}
OTHER_VERWIJZERS = {"jeugdarts": 3, "medisch specialist": 2, "overig": 2}

# Flows. Continuation and return probabilities per year; ages at entry skewed to 4–17.
CONTINUE_PROB = 0.55
CONTINUE_PROB_ADULT = 0.35
RETURN_PROB = 0.06
RUNNING_IN_SHARE = 0.5
ENTRY_AGE_WEIGHTS = np.array(
    [3, 4, 5, 6, 8, 9, 10, 10, 10, 10, 10, 10, 10, 11, 11, 11, 10, 9, 5, 3, 2, 1.5, 1.0]
)
NOISE_SIGMA = 0.5

N_PROVIDERS = 60
# The three gecertificeerde instellingen of the region carry out all JB/JR (Monitor 2018 §3.3);
# JeugdzorgPlus has two providers; the rest share a long-tailed market.
PROVIDER_POOLS = {
    "jeugdbescherming": np.arange(0, 3),
    "jeugdreclassering": np.arange(0, 3),
    "gesloten": np.arange(3, 5),
}
OPEN_MARKET = np.arange(5, N_PROVIDERS)

# Wijken of Maastricht; the five with the highest share of jeugdigen in jeugdhulp (Monitor 2018
# §3.1) get twice the weight of the others.
WIJKEN_HIGH_USE = ("Nazareth", "Caberg", "Malpertuis", "Pottenberg", "Malberg")
WIJKEN_OTHER = (
    "Binnenstad", "Jekerkwartier", "Wyck", "Céramique", "Sint Pieter", "Villapark", "Biesland",
    "Campagne", "Wolder", "Mariaberg", "Belfort", "Daalhof", "Oud Caberg/Lanakerveld",
    "Brusselsepoort", "Boschpoort", "Frontenkwartier", "Limmel", "Borgharen", "Itteren",
    "Wittevrouwenveld", "Scharn", "Heer", "De Heeg", "Amby", "Heugem", "Randwyck", "Vroendaal",
    "Sint Maartenspoort", "Statenkwartier", "Dousberg-Hazendans",
)  # fmt: skip
WIJKEN = WIJKEN_HIGH_USE + WIJKEN_OTHER
WIJK_WEIGHTS = np.r_[np.full(len(WIJKEN_HIGH_USE), 2.0), np.ones(len(WIJKEN_OTHER))]


def _pct(x: float) -> str:
    return f"{x * 100:+.1f}%".replace(".", ",")


def _share(x: float) -> str:
    return f"{x * 100:.1f}%".replace(".", ",")


DESCRIPTION = (
    "Let op: dit zijn synthetische (verzonnen) arrangementgegevens, geen echte cliënten. De "
    "gegevens zijn gekalibreerd op gepubliceerde cijfers van Maastricht: het aantal ZiN-cliënten "
    "2015–2016 (memo draaiknoppen), het aantal jeugdigen met jeugdhulp 2017–2018, de inzet per "
    "jeugdige, het aandeel PGB en de verwijzers (Monitor 2018) en de kosten van arrangementen "
    "ZiN 2017–2018 (Monitor 2018); 2016 en 2019 volgen de realisatie jeugdhulp uit het "
    "visitatierapport (2021). In 2019 is bewust een verhaal ingebouwd: de uitgaven stijgen met "
    "de realisatie mee (ca. 22%) terwijl het aantal jeugdigen nagenoeg gelijk blijft "
    f"({_pct(PLANTED_CLIENT_GROWTH)}) en de inzet per jeugdige niet verandert. De stijging komt "
    f"door prijs en mix: tarieven {_pct(PLANTED_TARIEF_GROWTH)} in alle categorieën, "
    f"intensiteit verblijf {_pct(PLANTED_INTENSITY['verblijf'] - 1)} en dagbehandeling "
    f"{_pct(PLANTED_INTENSITY['dagbehandeling'] - 1)}, en het aandeel verblijf in de "
    f"arrangementen stijgt van {_share(CATEGORY_PARAMS.loc['verblijf', 'aandeel'])} naar "
    f"{_share(PLANTED_SHARES['verblijf'])} (ambulant van "
    f"{_share(CATEGORY_PARAMS.loc['ambulant', 'aandeel'])} naar "
    f"{_share(PLANTED_SHARES['ambulant'])})."
)


PRIORITY_VERWIJZERS = ("justitie", "gecertificeerde instelling")

T_CLIENTS = "jeugdigen met jeugdhulp"
T_ZIN_CLIENTS = "ZiN-cliënten"
T_INZET = "inzet per jeugdige"
T_PGB = "aandeel PGB in cliënten (%)"
T_COST = "kosten arrangementen ZiN (€ mln)"
T_VERWIJZER = "aandeel verwijzer {} in gestarte arrangementen (%)"
T_GESLOTEN_TARIEF = "kosten gesloten plaatsing per zorgdag (€)"
# Source label → contract value.
VERWIJZER_LABELS = {
    "team Jeugd": "gemeente",
    "huisarts": "huisarts",
    "justitieel verwijzer": "justitie",
    "gecertificeerde instelling": "gecertificeerde instelling",
}


# --------------------------------------------------------------------------- calibration targets


def calibration_targets() -> pd.DataFrame:
    """The figures the synthetic data is calibrated to: grootheid, jaar, waarde, herkomst, bron.

    Every value is read from ``data/published``; herkomst is "gepubliceerd" for a figure as
    printed and "afgeleid" for one computed from printed figures, which ``bron`` explains."""
    return _calibration_targets().copy()


@cache
def _calibration_targets() -> pd.DataFrame:
    zin = published.load("draaiknoppen_2017/jeugd_zin_clienten")
    kern = published.load("monitor_2018/jeugd_kerncijfers")
    fin = published.load("monitor_2018/financien_jeugd")
    verw = published.load("monitor_2018/jeugd_verwijzers")
    env = published.load("visitatie_2021/begroting_realisatie")

    rows = [(T_ZIN_CLIENTS, jaar, float(w), zin.citation) for jaar, w in _pairs(zin.data)]
    jzplus = fin.value(post="JeugdzorgPlus", stand="realisatie", jaar=GESLOTEN_TARIEF_YEAR)
    days = kern.value(grootheid="zorgdagen gesloten plaatsingen", jaar=GESLOTEN_TARIEF_YEAR)
    clients_2018 = kern.value(grootheid="jeugdigen met jeugdhulp", jaar=2018)
    growth = kern.value(grootheid="groei jeugdigen met jeugdhulp", jaar=2018)
    rows += [
        (T_CLIENTS, 2018, clients_2018, kern.citation),
        (
            T_CLIENTS,
            2017,
            clients_2018 / (1 + growth / 100),
            f"Afgeleid: 2018 / (1 + groei 2018 in %). {kern.citation}",
        ),
        (T_INZET, 2017, kern.value(grootheid="inzet per jeugdige", jaar=2017), kern.citation),
        (T_INZET, 2018, kern.value(grootheid="inzet per jeugdige", jaar=2018), kern.citation),
        (T_PGB, 2018, kern.value(grootheid="aandeel PGB in cliënten", jaar=2018), kern.citation),
    ]

    def cost(jaar: int) -> float:
        return fin.value(post="Arrangementen (ZiN)", stand="realisatie", jaar=jaar)

    def envelope(jaar: int) -> float:
        return env.value(domein="Jeugdhulp", grootheid="realisatie", jaar=jaar)

    derived = "Afgeleid: {a} × realisatie jeugdhulp {j} / realisatie {b}. {c} {e}"
    rows += [
        (T_COST, 2017, cost(2017), fin.citation),
        (T_COST, 2018, cost(2018), fin.citation),
        (
            T_COST,
            2016,
            cost(2017) * envelope(2016) / envelope(2017),
            derived.format(a=2017, j=2016, b=2017, c=fin.citation, e=env.citation),
        ),
        (
            T_COST,
            2019,
            cost(2018) * envelope(2019) / envelope(2018),
            derived.format(a=2018, j=2019, b=2018, c=fin.citation, e=env.citation),
        ),
    ]
    for label, code in VERWIJZER_LABELS.items():
        share = verw.value(verwijzer=label, jaar=2018)
        rows.append((T_VERWIJZER.format(code), 2018, share, verw.citation))
    rows.append(
        (
            T_GESLOTEN_TARIEF,
            GESLOTEN_TARIEF_YEAR,
            jzplus * 1e6 / days,
            f"Afgeleid: JeugdzorgPlus {GESLOTEN_TARIEF_YEAR} (€ mln, {fin.citation}) / zorgdagen "
            f"gesloten plaatsingen {GESLOTEN_TARIEF_YEAR} ({kern.citation})",
        )
    )
    table = pd.DataFrame(rows, columns=["grootheid", "jaar", "waarde", "bron"])
    herkomst = np.where(table["bron"].str.startswith("Afgeleid"), "afgeleid", "gepubliceerd")
    return table.assign(herkomst=herkomst)[["grootheid", "jaar", "waarde", "herkomst", "bron"]]


def _pairs(data: pd.DataFrame) -> list[tuple[int, float]]:
    return list(zip(data["jaar"].astype(int), data["waarde"].astype(float), strict=True))


def _year_parameters() -> pd.DataFrame:
    """Per year: jeugdigen, inzet per jeugdige, PGB share, ZiN cost target (NaN if none)."""
    t = _calibration_targets()
    value = t.set_index(["grootheid", "jaar"])["waarde"]
    pgb_2018 = value[(T_PGB, 2018)] / 100
    pgb = pd.Series({**PGB_SHARE_ASSUMED, 2018: pgb_2018, 2019: pgb_2018})
    clients = pd.Series(
        {
            2015: value[(T_ZIN_CLIENTS, 2015)] / (1 - pgb[2015]),
            2016: value[(T_ZIN_CLIENTS, 2016)] / (1 - pgb[2016]),
            2017: value[(T_CLIENTS, 2017)],
            2018: value[(T_CLIENTS, 2018)],
            2019: value[(T_CLIENTS, 2018)] * (1 + PLANTED_CLIENT_GROWTH),
        }
    )
    inzet = pd.Series(
        {
            2015: value[(T_INZET, 2017)],
            2016: value[(T_INZET, 2017)],
            2017: value[(T_INZET, 2017)],
            2018: value[(T_INZET, 2018)],
            2019: value[(T_INZET, 2018)],
        }
    )
    cost = value[T_COST].reindex(CALIBRATED_YEARS) * 1e6
    return pd.DataFrame({"jeugdigen": clients, "inzet": inzet, "pgb": pgb, "kosten": cost})


def _verwijzer_shares() -> pd.Series:
    t = _calibration_targets()
    named = {
        code: t.loc[t["grootheid"] == T_VERWIJZER.format(code), "waarde"].item()
        for code in VERWIJZER_LABELS.values()
    }
    rest = 100 - sum(named.values())
    weights = sum(OTHER_VERWIJZERS.values())
    other = {code: rest * w / weights for code, w in OTHER_VERWIJZERS.items()}
    return pd.Series({**named, **other}).reindex(VERWIJZERS) / 100


def _category_shares(jaar: int) -> np.ndarray:
    shares = CATEGORY_PARAMS["aandeel"].copy()
    if jaar >= PLANTED_YEAR:
        shares.update(pd.Series(PLANTED_SHARES))
    return shares.to_numpy()


@cache
def _tarieven() -> np.ndarray:
    """Tarief per eenheid in 2015 prices per category: CATEGORY_PARAMS, with gesloten from the
    derived JeugdzorgPlus target (T_GESLOTEN_TARIEF) deflated to 2015."""
    value = _calibration_targets().set_index(["grootheid", "jaar"])["waarde"]
    gesloten = value[(T_GESLOTEN_TARIEF, GESLOTEN_TARIEF_YEAR)] / TARIEF_INDEX[GESLOTEN_TARIEF_YEAR]
    return CATEGORY_PARAMS["tarief"].fillna({"gesloten": gesloten}).to_numpy()


def _unit_codes() -> np.ndarray:
    """Per category the position of its unit in EENHEDEN."""
    return np.array([EENHEDEN.index(unit) for unit in CATEGORY_PARAMS["eenheid"]])


def _tarief_index(jaar: int) -> float:
    if jaar >= PLANTED_YEAR:
        return TARIEF_INDEX[PLANTED_YEAR - 1] * (1 + PLANTED_TARIEF_GROWTH)
    return TARIEF_INDEX[jaar]


def _intensity(jaar: int) -> np.ndarray:
    factors = pd.Series(1.0, index=CATEGORY_PARAMS.index)
    if jaar >= PLANTED_YEAR:
        factors.update(pd.Series(PLANTED_INTENSITY))
    return factors.to_numpy()


# --------------------------------------------------------------------------- the generator


def apportion(shares, total: int) -> np.ndarray:
    """Whole counts summing to ``total`` in proportion to ``shares`` (largest remainder)."""
    shares = np.asarray(shares, dtype=float)
    exact = shares / shares.sum() * total
    counts = np.floor(exact).astype(np.int64)
    short = total - counts.sum()
    counts[np.argsort(-(exact - counts), kind="stable")[:short]] += 1
    return counts


class _Population:
    """Clients and arrangements, grown year by year (vectorised within a year)."""

    def __init__(self, rng: np.random.Generator):
        self.rng = rng
        self.birth = np.empty(0, dtype=np.int64)  # jaar − leeftijd
        self.pgb = np.empty(0, dtype=bool)
        self.wijk = np.empty(0, dtype=np.int64)
        self.last_year = np.empty(0, dtype=np.int64)
        self.arr = {
            k: np.empty(0, dtype=d)
            for k, d in [
                ("client", np.int64),
                ("cat", np.int64),
                ("verwijzer", np.int64),
                ("aanbieder", np.int64),
                ("begin", "datetime64[D]"),
                ("end", "datetime64[D]"),
                ("noise", float),
            ]
        }
        self.rows_arr: list[np.ndarray] = []
        self.rows_year: list[np.ndarray] = []

    def add_clients(self, n: int, jaar: int, n_pgb: int) -> np.ndarray:
        rng = self.rng
        ages = rng.choice(MAX_AGE + 1, size=n, p=_entry_age_p())
        pgb = np.zeros(n, dtype=bool)
        pgb[rng.choice(n, size=n_pgb, replace=False)] = True
        wijk = rng.choice(len(WIJKEN), size=n, p=WIJK_WEIGHTS / WIJK_WEIGHTS.sum())
        first = len(self.birth)
        self.birth = np.r_[self.birth, jaar - ages]
        self.pgb = np.r_[self.pgb, pgb]
        self.wijk = np.r_[self.wijk, wijk]
        self.last_year = np.r_[self.last_year, np.full(n, jaar)]
        return np.arange(first, first + n)

    def active_clients(self, jaar: int, n_target: int, pgb_share: float, cont: np.ndarray):
        """Continuing + returning + new clients, exactly ``n_target`` of them."""
        rng = self.rng
        age = jaar - self.birth
        former = np.flatnonzero((self.last_year < jaar - 1) & (age <= MAX_AGE))
        returning = former[rng.random(len(former)) < RETURN_PROB]
        stay = np.r_[cont, returning]
        if len(stay) > n_target:
            stay = rng.choice(stay, size=n_target, replace=False)
        n_new = n_target - len(stay)
        n_pgb = int(np.clip(round(pgb_share * n_target) - self.pgb[stay].sum(), 0, n_new))
        active = np.r_[stay, self.add_clients(n_new, jaar, n_pgb)]
        self.last_year[active] = jaar
        return np.sort(active)

    def new_arrangements(
        self, jaar: int, first_year: bool, owners: np.ndarray, cat_counts: np.ndarray, verw_p
    ) -> np.ndarray:
        rng = self.rng
        m = len(owners)
        age = jaar - self.birth[owners]
        pgb = self.pgb[owners]
        cat = np.full(m, -1)
        # Constrained categories first, each from the arrangements still free and eligible.
        order = ["gesloten", "jeugdreclassering", "jeugdbescherming", "pleegzorg", "verblijf"]
        for name in order:
            c = CATEGORIES.index(name)
            row = CATEGORY_PARAMS.loc[name]
            pool = np.flatnonzero(
                (cat < 0) & ~pgb & (age >= row["leeftijd_min"]) & (age <= row["leeftijd_max"])
            )
            take = min(cat_counts[c], len(pool))
            cat[rng.choice(pool, size=take, replace=False)] = c
        free = np.flatnonzero(cat < 0)
        rest = [CATEGORIES.index(name) for name in PGB_CATEGORIES]
        rest_counts = apportion(cat_counts[rest] + 1e-9, len(free))
        cat[rng.permutation(free)] = np.repeat(rest, rest_counts)

        verw = self._verwijzers(cat, verw_p)
        aanbieder = rng.choice(OPEN_MARKET, size=m, p=_zipf(len(OPEN_MARKET)))
        for name, pool in PROVIDER_POOLS.items():
            hit = cat == CATEGORIES.index(name)
            aanbieder[hit] = rng.choice(pool, size=hit.sum())

        jan1 = np.datetime64(f"{jaar}-01-01")
        days = _days_in_year(jaar)
        begin = jan1 + rng.integers(0, days, size=m).astype("timedelta64[D]")
        if first_year:
            # Arrangements running into the first year started up to two years earlier.
            running = rng.random(m) < RUNNING_IN_SHARE
            earlier = jan1 - rng.integers(1, 2 * 365, size=running.sum()).astype("timedelta64[D]")
            begin[running] = np.maximum(earlier, JEUGDWET_START)
        first = len(self.arr["client"])
        new = {
            "client": owners,
            "cat": cat,
            "verwijzer": verw,
            "aanbieder": aanbieder,
            "begin": begin,
            "end": np.full(m, np.datetime64("NaT"), dtype="datetime64[D]"),
            "noise": rng.lognormal(-(NOISE_SIGMA**2) / 2, NOISE_SIGMA, size=m),
        }
        for key, values in new.items():
            self.arr[key] = np.r_[self.arr[key], values]
        return np.arange(first, first + m)

    def _verwijzers(self, cat: np.ndarray, verw_p: np.ndarray) -> np.ndarray:
        """Exact verwijzer counts; justitie and the GIs refer mostly to JB, JR and gesloten."""
        rng = self.rng
        m = len(cat)
        counts = apportion(verw_p, m)
        verw = np.full(m, -1)
        jb = cat == CATEGORIES.index("jeugdbescherming")
        justice = np.isin(cat, [CATEGORIES.index(c) for c in ("jeugdreclassering", "gesloten")])
        for name, priority in zip(PRIORITY_VERWIJZERS, (justice, jb), strict=True):
            v = VERWIJZERS.index(name)
            free = np.flatnonzero(verw < 0)
            key = priority[free] + rng.random(len(free))
            verw[free[np.argsort(-key)[: counts[v]]]] = v
        others = [v for v, name in enumerate(VERWIJZERS) if name not in PRIORITY_VERWIJZERS]
        free = np.flatnonzero(verw < 0)
        verw[rng.permutation(free)] = np.repeat(others, counts[others])
        return verw

    def close_year(self, jaar: int, active: np.ndarray, arrs: np.ndarray, last: bool):
        """Decide who continues and which arrangements carry over; end the others in ``jaar``."""
        rng = self.rng
        age_next = jaar + 1 - self.birth[active]
        p = np.where(age_next >= 18, CONTINUE_PROB_ADULT, CONTINUE_PROB)
        long_care = [CATEGORIES.index(c) for c in LONG_CARE]
        in_long_care = np.isin(
            active, self.arr["client"][arrs][np.isin(self.arr["cat"][arrs], long_care)]
        )
        p = np.where(in_long_care, CONTINUE_PROB_LONG, p)
        cont = active[(rng.random(len(active)) < p) & (age_next <= MAX_AGE)]
        cat = self.arr["cat"][arrs]
        client_cont = np.isin(self.arr["client"][arrs], cont)
        in_age = (
            jaar + 1 - self.birth[self.arr["client"][arrs]]
            <= CATEGORY_PARAMS["leeftijd_max"].to_numpy()[cat]
        )
        carry_p = CATEGORY_PARAMS["doorloop"].to_numpy()[cat]
        carry = client_cont & in_age & (rng.random(len(arrs)) < carry_p)
        self.end_in_year(arrs[~carry], jaar)
        return (None if last else cont), arrs[carry]

    def end_in_year(self, arrs: np.ndarray, jaar: int) -> None:
        """Give arrangements an einddatum in ``jaar``, on or after their begindatum."""
        start = np.maximum(self.arr["begin"][arrs], np.datetime64(f"{jaar}-01-01"))
        span = (np.datetime64(f"{jaar}-12-31") - start).astype(np.int64) + 1
        offset = np.floor(self.rng.random(len(arrs)) * span).astype("timedelta64[D]")
        self.arr["end"][arrs] = start + offset

    def frame(self, years, params: pd.DataFrame) -> pd.DataFrame:
        rows = np.concatenate(self.rows_arr)
        jaar = np.concatenate(self.rows_year)
        a = {k: v[rows] for k, v in self.arr.items()}
        client = a["client"]
        zin = ~self.pgb[client]
        jan1 = (jaar - 1970).astype("datetime64[Y]").astype("datetime64[D]")
        dec31 = (jaar - 1970 + 1).astype("datetime64[Y]").astype("datetime64[D]") - 1
        end = np.where(np.isnat(a["end"]), dec31, np.minimum(a["end"], dec31))
        active_days = (end - np.maximum(a["begin"], jan1)).astype(np.int64) + 1
        year_days = (dec31 - jan1).astype(np.int64) + 1

        cp = CATEGORY_PARAMS
        years_arr = np.asarray(list(years))
        year_pos = np.searchsorted(years_arr, jaar)
        intensity = np.stack([_intensity(y) for y in years_arr])[year_pos, a["cat"]]
        # Normalise the noise per category and year (weighted by days in care), so that units
        # per day in care are exactly the planted intensity times the calibration factor.
        weighted = pd.DataFrame({"w": a["noise"] * active_days, "d": active_days})
        sums = weighted.groupby([a["cat"], jaar]).transform("sum")
        noise = a["noise"] * (sums["d"] / sums["w"]).to_numpy()
        units = (
            cp["eenheden_per_jaar"].to_numpy()[a["cat"]]
            * intensity
            * active_days
            / year_days
            * noise
        )
        tarief_index = np.array([_tarief_index(y) for y in years_arr])[year_pos]
        tarief = _tarieven()[a["cat"]] * tarief_index * np.where(zin, 1.0, PGB_TARIEF_FACTOR)
        hulp = np.isin(a["cat"], [CATEGORIES.index(c) for c in HULP_CATEGORIES])
        factors = _factors(units * tarief, jaar, zin & hulp, years_arr, params["kosten"])
        units = np.round(np.where(hulp, units * factors[year_pos], units), 2)
        kosten = np.round(units * tarief, 2)

        df = pd.DataFrame(
            {
                "client_id": _ids("J", client, 6),
                "jaar": jaar.astype(np.int64),
                "arrangement_id": _ids("T", rows, 7),
                "categorie": np.asarray(CATEGORIES, dtype=object)[a["cat"]],
                "verwijzer": np.asarray(VERWIJZERS, dtype=object)[a["verwijzer"]],
                "aanbieder": _ids("A", a["aanbieder"] + 1, 2),
                "zorgvorm": np.where(zin, ZORGVORMEN[0], ZORGVORMEN[1]).astype(object),
                "leeftijd": (jaar - self.birth[client]).astype(np.int64),
                "wijk": np.asarray(WIJKEN, dtype=object)[self.wijk[client]],
                "begindatum": a["begin"].astype("datetime64[ns]"),
                "einddatum": a["end"].astype("datetime64[ns]"),
                "kosten": kosten,
                "eenheden": units,
                "eenheid": cp["eenheid"].to_numpy()[a["cat"]],
            }
        )
        df = df.sort_values(["jaar", "client_id", "arrangement_id"], ignore_index=True)
        df.attrs["kalibratiefactor"] = dict(zip(years_arr.tolist(), factors.tolist(), strict=True))
        return df


def _factors(cost, jaar, calibrated_rows, years_arr, targets: pd.Series) -> np.ndarray:
    """Per year the factor on hulp units that makes ZiN hulp costs equal the target; a year
    without a target takes the factor of the nearest year that has one."""
    raw = pd.Series(np.where(calibrated_rows, cost, 0.0)).groupby(jaar).sum()
    wanted = targets.reindex(years_arr)
    factor = (wanted / raw.reindex(years_arr)).to_numpy()
    known = np.flatnonzero(~np.isnan(factor))
    if len(known) == 0:
        raise ValueError("Geen enkel jaar met een gepubliceerd kostencijfer om op te kalibreren.")
    nearest = known[np.abs(np.arange(len(years_arr))[:, None] - known[None, :]).argmin(axis=1)]
    return factor[nearest]


def _entry_age_p() -> np.ndarray:
    return ENTRY_AGE_WEIGHTS / ENTRY_AGE_WEIGHTS.sum()


def _zipf(n: int, exponent: float = 0.9) -> np.ndarray:
    w = 1.0 / np.arange(1, n + 1) ** exponent
    return w / w.sum()


def _days_in_year(jaar: int) -> int:
    return int((np.datetime64(f"{jaar + 1}-01-01") - np.datetime64(f"{jaar}-01-01")).astype(int))


def _ids(prefix: str, numbers: np.ndarray, width: int) -> pd.api.extensions.ExtensionArray:
    text = pc.utf8_lpad(pc.cast(pa.array(numbers), pa.string()), width=width, padding="0")
    return pd.array(pc.binary_join_element_wise(prefix, text, ""), dtype="str")


def generate(seed: int = 2019, years=range(2015, 2020), scale: float = 1.0) -> pd.DataFrame:
    """A synthetic arrangement export following the input contract (see the module docstring
    for what it is calibrated to and which story is planted). Deterministic for a given seed.

    ``scale`` multiplies the number of jeugdigen and the cost targets (``scale=0.02`` gives a
    tiny municipality with few clients per cell)."""
    years = list(years)
    if not years or years != list(range(years[0], years[-1] + 1)):
        raise ValueError(f"years moet een aaneengesloten reeks jaren zijn, niet {years}.")
    if years[0] < CALIBRATED_YEARS[0] or years[-1] > CALIBRATED_YEARS[-1]:
        raise ValueError(
            f"Synthetische data bestaat alleen voor {CALIBRATED_YEARS[0]}–"
            f"{CALIBRATED_YEARS[-1]}, gevraagd: {years[0]}–{years[-1]}."
        )
    if not scale > 0:
        raise ValueError(f"scale moet groter dan 0 zijn, niet {scale}.")
    params = _year_parameters().loc[years]
    params["kosten"] *= scale
    verw_p = _verwijzer_shares().to_numpy()
    pop = _Population(np.random.default_rng(seed))
    cont = np.empty(0, dtype=np.int64)
    carried = np.empty(0, dtype=np.int64)
    for i, jaar in enumerate(years):
        p = params.loc[jaar]
        n_clients = max(1, round(p["jeugdigen"] * scale))
        active = pop.active_clients(jaar, n_clients, p["pgb"], cont)
        dropped = ~np.isin(pop.arr["client"][carried], active)
        pop.end_in_year(carried[dropped], jaar - 1)
        carried = carried[~dropped]
        n_arr = round(p["inzet"] * n_clients)
        without = active[~np.isin(active, pop.arr["client"][carried])]
        n_extra = n_arr - len(carried) - len(without)
        if n_extra < 0:
            raise ValueError(
                f"{jaar}: inzet per jeugdige {p['inzet']} is te laag voor de doorlopende "
                f"arrangementen ({len(carried)}) en de cliënten zonder arrangement ({len(without)})."
            )
        owners = np.r_[without, pop.rng.choice(active, size=n_extra)]
        target = apportion(_category_shares(jaar), n_arr)
        have = np.bincount(pop.arr["cat"][carried], minlength=len(CATEGORIES))
        need = np.maximum(target - have, 0)
        new_counts = apportion(need + 1e-9, len(owners))
        new = pop.new_arrangements(jaar, i == 0, owners, new_counts, verw_p)
        arrs = np.r_[carried, new]
        pop.rows_arr.append(arrs)
        pop.rows_year.append(np.full(len(arrs), jaar))
        cont, carried = pop.close_year(jaar, active, arrs, last=jaar == years[-1])
    return pop.frame(years, params)


def calibration_report(df: pd.DataFrame) -> pd.DataFrame:
    """Each calibration target next to the same figure measured in ``df``: grootheid, jaar,
    doel, herkomst (gepubliceerd or afgeleid, see calibration_targets), synthetisch and
    afwijking_pct (100 × (synthetisch − doel) / doel)."""
    targets = _calibration_targets()
    measured = _measure(df)
    report = targets.rename(columns={"waarde": "doel"})[["grootheid", "jaar", "doel", "herkomst"]]
    report["synthetisch"] = measured.reindex(
        pd.MultiIndex.from_frame(report[["grootheid", "jaar"]])
    ).to_numpy()
    report["afwijking_pct"] = 100 * (report["synthetisch"] / report["doel"] - 1)
    return report


def _measure(df: pd.DataFrame) -> pd.Series:
    """The calibration figures of an arrangement frame, indexed by (grootheid, jaar)."""
    by_year = df.groupby("jaar")
    clients = by_year["client_id"].nunique()
    zin = df["zorgvorm"] == "ZiN"
    hulp = df["categorie"].isin(HULP_CATEGORIES)
    gesloten = df[df["categorie"] == "gesloten"].groupby("jaar")[["kosten", "eenheden"]].sum()
    started = df[df["begindatum"].dt.year == df["jaar"]]
    verwijzers = 100 * started.groupby("jaar")["verwijzer"].value_counts(normalize=True)
    parts = {
        T_CLIENTS: clients,
        T_ZIN_CLIENTS: df[zin].groupby("jaar")["client_id"].nunique(),
        T_INZET: by_year.size() / clients,
        T_PGB: 100 * df[~zin].groupby("jaar")["client_id"].nunique() / clients,
        T_COST: df[zin & hulp].groupby("jaar")["kosten"].sum() / 1e6,
        T_GESLOTEN_TARIEF: gesloten["kosten"] / gesloten["eenheden"],
    }
    parts |= {
        T_VERWIJZER.format(code): verwijzers.xs(code, level="verwijzer")
        for code in VERWIJZERS
        if code in verwijzers.index.get_level_values("verwijzer")
    }
    return pd.concat(parts, names=["grootheid", "jaar"]).astype(float)


def generate_at_scale(n_rows: int, seed: int = 0) -> pd.DataFrame:
    """A large frame with the columns of :func:`generate`, for benchmarks: arrangements of one
    to three consecutive years, drawn independently (no client flows, no calibration); text
    columns are categoricals. About 75 bytes per row; 10 million rows take well under a
    minute."""
    if n_rows < 1:
        raise ValueError(f"n_rows moet minstens 1 zijn, niet {n_rows}.")
    rng = np.random.default_rng(seed)
    first, last = CALIBRATED_YEARS[0], CALIBRATED_YEARS[-1]
    n_clients = n_rows // 8 + 1
    duration = rng.choice([1, 2, 3], size=n_rows, p=[0.6, 0.3, 0.1])
    # Just enough arrangements to fill n_rows; the last one is cut short if need be.
    n_arrangements = int(np.searchsorted(np.cumsum(duration), n_rows)) + 1
    duration = duration[:n_arrangements]
    start = first + rng.integers(0, last - first + 2 - duration)
    arr = np.repeat(np.arange(n_arrangements), duration)[:n_rows]
    offset = np.arange(n_rows) - (np.cumsum(duration) - duration)[arr]
    jaar = start[arr] + offset
    client = rng.integers(0, n_clients, size=n_arrangements)[arr]
    birth = first - rng.choice(MAX_AGE + 1, size=n_clients, p=_entry_age_p())
    wijk = rng.choice(len(WIJKEN), size=n_clients, p=WIJK_WEIGHTS / WIJK_WEIGHTS.sum())
    cat = rng.choice(len(CATEGORIES), size=n_arrangements, p=_category_shares(first))[arr]

    def jan1(years):
        return (years - 1970).astype("datetime64[Y]").astype("datetime64[D]")

    begin = jan1(start) + rng.integers(0, 365, size=n_arrangements).astype("timedelta64[D]")
    end_year = start + duration - 1
    end = np.maximum(
        jan1(end_year) + rng.integers(0, 365, size=n_arrangements).astype("timedelta64[D]"),
        begin,
    )
    end[(end_year == last) & (rng.random(n_arrangements) < 0.5)] = np.datetime64("NaT")
    units = CATEGORY_PARAMS["eenheden_per_jaar"].to_numpy()[cat] * rng.random(len(arr))
    kosten = units * _tarieven()[cat]

    def categorical(codes, labels):
        return pd.Categorical.from_codes(codes, dtype=pd.CategoricalDtype(pd.Index(labels)))

    return pd.DataFrame(
        {
            "client_id": categorical(client, _ids("J", np.arange(n_clients), 7)),
            "jaar": jaar.astype(np.int64),
            "arrangement_id": categorical(arr, _ids("T", np.arange(n_arrangements), 8)),
            "categorie": categorical(cat, CATEGORIES),
            "verwijzer": categorical(rng.integers(0, len(VERWIJZERS), size=len(arr)), VERWIJZERS),
            "aanbieder": categorical(
                rng.integers(0, N_PROVIDERS, size=len(arr)),
                _ids("A", np.arange(1, N_PROVIDERS + 1), 2),
            ),
            "zorgvorm": categorical((rng.random(n_clients) < 0.04)[client].astype(int), ZORGVORMEN),
            "leeftijd": np.clip(jaar - birth[client], 0, MAX_AGE).astype(np.int64),
            "wijk": categorical(wijk[client], WIJKEN),
            "begindatum": begin[arr].astype("datetime64[ns]"),
            "einddatum": end[arr].astype("datetime64[ns]"),
            "kosten": np.round(kosten, 2),
            "eenheden": np.round(units, 2),
            "eenheid": categorical(_unit_codes()[cat], EENHEDEN),
        }
    )


# --------------------------------------------------------------------------- the planted story


def _days_in_care_per_arrangement(df: pd.DataFrame, years: list[int]) -> pd.DataFrame:
    """Mean days in care within the year per arrangement, per categorie (rows) and jaar."""
    rows = df[df["jaar"].isin(years)]
    jan1 = pd.to_datetime(rows["jaar"].astype(str) + "-01-01")
    dec31 = pd.to_datetime(rows["jaar"].astype(str) + "-12-31")
    end = rows["einddatum"].fillna(dec31).clip(upper=dec31)
    days = (end - rows["begindatum"].clip(lower=jan1)).dt.days + 1
    return days.groupby([rows["categorie"], rows["jaar"]], observed=True).mean().unstack()


def planted_story(df: pd.DataFrame) -> pd.DataFrame:
    """What the generator built into PLANTED_YEAR − 1 → PLANTED_YEAR (from its parameters)
    next to what the decomposition finds in `df` (a frame of `generate`), per onderdeel and
    categorie: ingebouwd_pct, teruggevonden_pct (the change of the decomposition's factor,
    decompose.factor_changes, on the protected counts the notebook uses), verschil_pct and a
    toelichting of the difference.

    Why they differ: counts are rounded to 5 before the decomposition (disclosure control);
    tarief per eenheid mixes ZiN and PGB tarieven; intensiteit is built in per day in care and
    multiplied by the yearly cost calibration factor for the hulp categories, while the
    decomposition measures units per arrangement, which also move with the days in care per
    arrangement (random durations)."""
    from helpers.methods import decompose
    from helpers.microdata import protected

    before, after = PLANTED_YEAR - 1, PLANTED_YEAR
    found = decompose.factor_changes(protected.aggregate(df), before, after)
    found = found.groupby(level="categorie").first() if found.index.nlevels > 1 else found
    params = _year_parameters()
    factor = df.attrs["kalibratiefactor"]
    calibration = factor[after] / factor[before]
    hulp = CATEGORY_PARAMS.index.isin(HULP_CATEGORIES)
    planted_units = _intensity(after) / _intensity(before) * np.where(hulp, calibration, 1.0)
    days = _days_in_care_per_arrangement(df, [before, after])
    days_change = (days[after] / days[before]).reindex(CATEGORY_PARAMS.index) - 1
    rounded = "aantallen vóór de ontleding afgerond op vijftallen (afscherming)"
    kalibratie = f"; met de kalibratiefactor van de kosten ({_pct(calibration - 1)})"
    rows = [
        ("cliënten", "alle", PLANTED_CLIENT_GROWTH, found["volume"].iloc[0], rounded),
        (
            "arrangementen per cliënt",
            "alle",
            params.loc[after, "inzet"] / params.loc[before, "inzet"] - 1,
            found["stapeling"].iloc[0],
            rounded,
        ),
    ]
    shares = _category_shares(after) / _category_shares(before) - 1
    tariff = _tarief_index(after) / _tarief_index(before) - 1
    present = [(i, c) for i, c in enumerate(CATEGORIES) if c in found.index]
    rows += [
        ("aandeel in de arrangementen", c, shares[i], found.loc[c, "mix"], rounded)
        for i, c in present
    ]
    rows += [
        (
            "eenheden per arrangement",
            c,
            planted_units[i] - 1,
            found.loc[c, "intensiteit"],
            "ingebouwd per dag in zorg"
            + (kalibratie if hulp[i] else "")
            + f"; dagen in zorg per arrangement {_pct(days_change[c])} (toeval)",
        )
        for i, c in present
    ]
    rows += [
        (
            "tarief per eenheid",
            c,
            tariff,
            found.loc[c, "tarief"],
            "ZiN- en PGB-tarief (PGB 75%) samen; kosten afgerond op centen",
        )
        for _, c in present
    ]
    table = pd.DataFrame(
        rows, columns=["onderdeel", "categorie", "ingebouwd", "teruggevonden", "toelichting"]
    ).set_index(["onderdeel", "categorie"])
    pct = 100 * table[["ingebouwd", "teruggevonden"]]
    return pd.DataFrame(
        {
            "ingebouwd_pct": pct["ingebouwd"],
            "teruggevonden_pct": pct["teruggevonden"],
            "verschil_pct": pct["teruggevonden"] - pct["ingebouwd"],
            "toelichting": table["toelichting"],
        }
    )
