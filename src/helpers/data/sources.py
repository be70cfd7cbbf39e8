"""Where two sources print a figure for the same thing: side by side, with the difference.

The visitation report (figuur 6, cijfers bij aanmelding, 2020) and the Monitor Sociaal Domein
2018 (jaarcijfers, begin 2019) both report Maastricht's jeugdhulp and Wmo spending for 2017 and
2018. They do not agree on every number; the comparison shows the differences instead of
choosing one, with the likely reason for each line.
"""

import pandas as pd

BW_POSTS = ("Beschermd Wonen ZiN", "Beschermd Wonen ZiN - incidenteel", "Beschermd Wonen PGB")

REASON_MOMENT = (
    "zelfde domein; ander moment en mogelijk andere toerekening: de visitatie gebruikt de "
    "cijfers die de gemeente bij aanmelding (2020) opgaf, de monitor de jaarcijfers van begin 2019"
)
REASON_WMO_TOTAL = (
    "andere afbakening: de monitor geeft Wmo totaal inclusief Beschermd Wonen, de visitatie "
    "Wmo exclusief Beschermd Wonen (Wmo oud + begeleiding)"
)
REASON_WMO_DERIVED = (
    "benadering van dezelfde afbakening (Wmo totaal min de posten Beschermd Wonen, afgeleid, "
    "niet gedrukt); rest: moment en toerekening (uitvoeringskosten, innovatie en mantelzorg "
    "zitten in het blok begeleiding en beschermd wonen)"
)
REASON_TOTAL = (
    "andere afbakening: tabel 2.3 telt de individuele voorzieningen (Jeugd, Onderwijs, Wmo incl. "
    "Beschermd Wonen, Participatie incl. uitkeringen I-deel); wat het 'sociaal domein' van de "
    "visitatie omvat, staat niet in de bron"
)


def wmo_excl_bw(financien_wmo: pd.DataFrame) -> pd.Series:
    """Wmo lasten excluding Beschermd Wonen per year (stand realisatie), derived from Monitor
    §5.5: 'Lasten Wmo totaal' minus the Beschermd Wonen posts (ZiN, ZiN incidenteel, PGB)."""
    realised = financien_wmo[financien_wmo["stand"] == "realisatie"]
    total = realised[realised["post"] == "Lasten Wmo totaal"].set_index("jaar")["waarde"]
    bw = realised[realised["post"].isin(BW_POSTS)].groupby("jaar")["waarde"].sum()
    missing = total.index.difference(bw.index)
    if len(missing):
        raise ValueError(f"financien_wmo: geen posten Beschermd Wonen voor jaar {list(missing)}.")
    return (total - bw.reindex(total.index)).rename("waarde")


def monitor_counterparts(
    pijlers: pd.DataFrame, jeugd: pd.DataFrame, wmo: pd.DataFrame
) -> pd.DataFrame:
    """The Monitor 2018 figures that correspond to rows of figuur 6 (stand realisatie), long:
    domein, grootheid, jaar, vindplaats, waarde, reden."""
    pijlers = pijlers[pijlers["stand"] == "realisatie"]
    jeugd = jeugd[jeugd["stand"] == "realisatie"]

    def pick(frame, column, value, domein, grootheid, vindplaats, reden):
        rows = frame[frame[column] == value]
        return rows[["jaar", "waarde"]].assign(
            domein=domein, grootheid=grootheid, vindplaats=vindplaats, reden=reden
        )

    jeugd_pijler = pijlers[pijlers["pijler"] == "Jeugd"]
    parts = [
        pick(
            jeugd_pijler,
            "grootheid",
            "begroting",
            "Jeugdhulp",
            "begroting",
            "tabel 2.3",
            REASON_MOMENT,
        ),
        pick(
            jeugd_pijler,
            "grootheid",
            "lasten",
            "Jeugdhulp",
            "realisatie",
            "tabel 2.3",
            REASON_MOMENT,
        ),
        pick(jeugd, "post", "Totaal", "Jeugdhulp", "realisatie", "tabel §3.6", REASON_MOMENT),
        pick(
            jeugd_pijler, "grootheid", "resultaat", "Jeugdhulp", "saldo", "tabel 2.3", REASON_MOMENT
        ),
        pick(jeugd, "post", "Resultaat", "Jeugdhulp", "saldo", "tabel §3.6", REASON_MOMENT),
        pick(
            pijlers[pijlers["pijler"] == "Wmo"],
            "grootheid",
            "lasten",
            "Wmo excl. BW",
            "realisatie",
            "tabel 2.3 (Wmo totaal)",
            REASON_WMO_TOTAL,
        ),
        wmo_excl_bw(wmo)
        .reset_index()
        .assign(
            domein="Wmo excl. BW",
            grootheid="realisatie",
            vindplaats="§5.5, afgeleid: Wmo totaal − posten Beschermd Wonen",
            reden=REASON_WMO_DERIVED,
        ),
        pick(
            pijlers[pijlers["pijler"] == "Totaal"],
            "grootheid",
            "lasten",
            "Sociaal domein",
            "realisatie",
            "tabel 2.3 (totaal individuele voorzieningen)",
            REASON_TOTAL,
        ),
    ]
    columns = ["domein", "grootheid", "jaar", "vindplaats", "waarde", "reden"]
    return pd.concat(parts, ignore_index=True)[columns]


def side_by_side(visitatie: pd.DataFrame, monitor: pd.DataFrame) -> pd.DataFrame:
    """Each Monitor figure next to the visitation figure for the same domein, grootheid and jaar,
    with verschil = visitatie − monitor and verschil_pct (relative to the monitor figure)."""
    keys = ["domein", "grootheid", "jaar"]
    merged = monitor.rename(columns={"waarde": "monitor"}).merge(
        visitatie[keys + ["waarde"]].rename(columns={"waarde": "visitatie"}),
        on=keys,
        how="left",
        validate="many_to_one",
    )
    unmatched = merged["visitatie"].isna()
    if unmatched.any():
        first = merged[unmatched].iloc[0]
        raise ValueError(
            f"Geen visitatiecijfer voor {first['domein']} {first['grootheid']} {first['jaar']}."
        )
    merged["verschil"] = merged["visitatie"] - merged["monitor"]
    merged["verschil_pct"] = (
        100 * merged["verschil"] / merged["monitor"].abs().where(merged["monitor"] != 0)
    )
    return merged[
        keys + ["visitatie", "monitor", "vindplaats", "verschil", "verschil_pct", "reden"]
    ]
