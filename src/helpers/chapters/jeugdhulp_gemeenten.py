"""Jeugdhulp per gemeente compared with its control groups (2021–2022), on recorded CBS data.

Everything the notebook ``jeugdhulp_gemeenten_2022`` shows is computed here: the gemeente from
a name or code, the control groups derived from the indeling 2022, the five 85098NED indicators
with the rank and the group values, the denominators of the funnel plots, the mix of verwijzers,
age and household, 2021 → 2022, the Bijlage II kengetallen, and the Dutch text that describes
the numbers. A cell CBS kept secret stays missing (shown as "geheim"), never 0.

Denominators. 85098NED gives percentages, not counts. The funnel plots need the number of
jongeren each percentage is taken of; the recorded data has no population by single year of
age. Jongeren tot 18 jaar: CBS's count of jongeren under 18 met jeugdzorg divided by the
jeugdhulp percentage (about 2% too high, because jeugdzorg also counts jongeren with only
jeugdbescherming or jeugdreclassering); where either is secret, the age bands of the
Kerncijfers wijken en buurten 2022 spread evenly over their years, (0–14) + 3/10 × (15–24), which
overstates the under-18s of student cities. Jongeren van 12 tot 23 jaar: 3/15 × (0–14) + 8/10 ×
(15–24). For verblijf the base is the number of jongeren met jeugdzorg (CBS count), for JB met
verblijf the estimated number of jongeren met jeugdbescherming. The estimates set only the
width of the limits; the percentages themselves are CBS's.
"""

from functools import cache

import pandas as pd

from helpers.data import external, gebieden, jeugdzorg, kerncijfers, published
from helpers.display import fmt
from helpers.methods import funnel, peers
from helpers.notebook import ParameterError

JAAR = 2022
GROEPEN = tuple(peers.DERIVED_GROUPS)
GEHEIM = "geheim"
MAASTRICHT = "GM0935"


def gemeente_code(gemeente: str) -> str:
    """The GM code of a gemeente of 2022 given by name or code; stops with a Dutch message
    naming the candidates (ambiguous) or the closest names (unknown)."""
    try:
        return gebieden.resolve(gemeente, gebieden.indeling(JAAR)["naam"])
    except LookupError as exc:
        raise ParameterError(f"Parameter gemeente={gemeente!r}: {exc}") from None


def groepen(code: str, soorten) -> dict[str, pd.Index]:
    """The control groups of the gemeente (see ``peers.derived_groups``); a clear stop for an
    unknown kind."""
    try:
        return peers.derived_groups(gebieden.indeling(JAAR), code, list(soorten))
    except ValueError as exc:
        raise ParameterError(f"Parameter groepen: {exc}") from None


def leden(groups: dict[str, pd.Index]) -> pd.DataFrame:
    """Per group its number of gemeenten and, for groups up to 40, their names."""
    names = gebieden.indeling(JAAR)["naam"]
    rows = [
        (
            name,
            len(codes),
            ", ".join(sorted(names[codes])) if len(codes) <= 40 else "(alle gemeenten)",
        )
        for name, codes in groups.items()
    ]
    return pd.DataFrame(rows, columns=["groep", "gemeenten", "leden"]).set_index("groep")


@external.cached_table
def noemers() -> pd.DataFrame:
    """Estimated denominator of every indicator per gemeente and for Nederland (see the module
    text); columns are the indicator names."""
    kwb = kerncijfers.kwb(JAAR)
    young, older = kwb["inwoners_0_15"].astype(float), kwb["inwoners_15_25"].astype(float)
    rates = jeugdzorg.indicatoren_2022()
    counts = jeugdzorg.jongeren(JAAR)
    under_18 = counts[["leeftijd_0_4", "leeftijd_4_12", "leeftijd_12_18"]].sum(axis=1, skipna=False)
    implied = under_18.astype(float) / (rates["jeugdhulp"].astype(float) / 100)
    tot_18 = implied.reindex(kwb.index).fillna(young + 0.3 * older)
    tot_12_22 = 0.2 * young + 0.8 * older
    counts = counts["jongeren"].astype(float)
    out = pd.DataFrame(
        {
            "jeugdhulp": tot_18,
            "jeugdhulp_met_verblijf": counts.reindex(kwb.index),
            "jeugdbescherming": tot_18,
            "jeugdbescherming_met_verblijf": (
                rates["jeugdbescherming"].astype(float).reindex(kwb.index) / 100 * tot_18
            ),
            "jeugdreclassering": tot_12_22,
        }
    )
    return out


def indicatoren(code: str, groups: dict[str, pd.Index]) -> pd.DataFrame:
    """The five indicators (%) for the gemeente and each group: a row per region with the
    number of gemeenten used and left out (secret). Nederland is CBS's own national figure."""
    rates = jeugdzorg.indicatoren_2022()
    bases = noemers()
    values = rates[list(jeugdzorg.NAMES)].astype(float)
    rows = [pd.Series(values.loc[code], name=rates.loc[code, "naam"])]
    used = {rates.loc[code, "naam"]: ("", "")}
    for name, members in groups.items():
        if name == "Nederland":
            rows.append(pd.Series(values.loc[gebieden.NEDERLAND], name=name))
            used[name] = ("alle", "")
            continue
        pooled = peers.pooled_rate(values, bases, members)
        rows.append(pd.Series(pooled["waarde"], name=name))
        used[name] = (pooled["n_gemeenten"].min(), pooled["n_ontbrekend"].max())
    table = pd.DataFrame(rows)
    table.index.name = "regio"
    table["gemeenten_gebruikt"] = [used[r][0] for r in table.index]
    table["gemeenten_geheim"] = [used[r][1] for r in table.index]
    return table


def indicatoren_csv(table: pd.DataFrame) -> pd.DataFrame:
    """``indicatoren.csv``: columns regio, indicator, waarde (%, empty when secret)."""
    long = (
        table[list(jeugdzorg.NAMES)]
        .reset_index()
        .melt(id_vars="regio", var_name="indicator", value_name="waarde")
    )
    return long.sort_values(["regio", "indicator"], kind="stable", ignore_index=True)


def rang(code: str) -> pd.DataFrame:
    """Per indicator the gemeente's value, its rank among the gemeenten with a value (1 =
    highest) and their number; the rank is missing when CBS kept the value secret."""
    rates = jeugdzorg.indicatoren_2022()
    gemeenten = rates.index.isin(gebieden.indeling(JAAR).index)
    values = rates.loc[gemeenten, list(jeugdzorg.NAMES)].astype(float)
    ranks = values.rank(ascending=False, method="min")
    return pd.DataFrame(
        {
            "waarde": values.loc[code],
            "rang": ranks.loc[code].astype("Int64"),
            "van": values.notna().sum(),
        }
    )


def trechter(indicator: str) -> tuple[pd.DataFrame, float]:
    """Per gemeente of 2022 its rate (fraction), denominator and position against the limits
    around the national rate; with that national rate."""
    data, p0 = _trechter(indicator)
    return data.copy(), p0


@cache
def _trechter(indicator: str) -> tuple[pd.DataFrame, float]:
    rates = jeugdzorg.indicatoren_2022()
    gemeenten = gebieden.indeling(JAAR).index
    p0 = float(rates.loc[gebieden.NEDERLAND, indicator]) / 100
    data = pd.DataFrame(
        {
            "naam": rates["naam"].reindex(gemeenten),
            "waarde": rates[indicator].reindex(gemeenten).astype(float) / 100,
            "n": noemers()[indicator].reindex(gemeenten),
        }
    )
    data["positie"] = funnel.position(data["waarde"], data["n"], p0)
    return data, p0


def posities(code: str) -> pd.Series:
    """The gemeente's position in the funnel plot of every indicator."""
    return pd.Series({name: trechter(name)[0].loc[code, "positie"] for name in jeugdzorg.NAMES})


def samenstelling(code: str, groups: dict[str, pd.Index], columns, total: str) -> pd.DataFrame:
    """Shares (%) of ``columns`` (verwijzers, age bands or households) in ``total`` (trajecten
    or jongeren), for the gemeente and each group. A secret cell gives no share (it is not 0);
    a group's share of a category is pooled over the members whose count of that category is
    published (Σ count / Σ total of those members). Nederland is CBS's national row."""
    counts = jeugdzorg.jongeren(JAAR)[[*columns, total]].astype(float)
    rows, used = [], []
    own = counts.loc[code]
    rows.append((own[list(columns)] / own[total] * 100).rename(_name(code)))
    used.append("")
    for name, members in groups.items():
        part = counts.loc[[gebieden.NEDERLAND] if name == "Nederland" else members]
        present = part[list(columns)].notna() & part[[total]].notna().to_numpy()
        shares = (
            part[list(columns)].where(present).sum()
            / part[[total]].to_numpy().T.dot(present.to_numpy()).ravel()
        )
        rows.append((shares * 100).rename(name))
        n = present.sum()
        used.append(
            "alle"
            if name == "Nederland"
            else f"{n.min()}–{n.max()} van {len(members)}"
            if n.min() != n.max()
            else f"{n.min()} van {len(members)}"
        )
    table = pd.DataFrame(rows)
    table.index.name = "regio"
    table["gemeenten_gebruikt"] = used
    return table


def monitor_2018(code: str, verwijzers: pd.DataFrame) -> pd.DataFrame | None:
    """For a gemeente with a published Monitor 2018 (Maastricht): its printed verwijzer shares
    beside the CBS shares of 2022 of the nearest CBS category; None for other gemeenten."""
    table = published.load("monitor_2018/jeugd_verwijzers")
    if code != MAASTRICHT:
        return None
    cbs_category = {
        "team Jeugd": "gemeentelijke_toegang",
        "huisarts": "huisarts",
        "justitieel verwijzer": "rechter_ovj",
        "gecertificeerde instelling": "gecertificeerde_instelling",
    }
    printed = table.data.set_index("verwijzer")["waarde"]
    own = verwijzers.iloc[0]
    return pd.DataFrame(
        {
            "Monitor 2018 (%)": printed,
            "CBS-categorie": [jeugdzorg.LABELS[cbs_category[v]] for v in printed.index],
            f"CBS {JAAR} (%)": [own[cbs_category[v]] for v in printed.index],
        }
    ).rename_axis("verwijzer in de Monitor")


def ontwikkeling(code: str) -> pd.DataFrame:
    """2021 → 2022 for the gemeente: the five indicators (85098NED, one release, 2022
    definitive) and the counts of jongeren met jeugdzorg and trajecten. A gemeente formed on
    1 January 2022 has no 2021 row; its predecessors' counts are summed (percentages cannot be
    summed and stay missing)."""
    reeks = jeugdzorg.indicatoren_reeks()
    rows = {}
    for name in jeugdzorg.NAMES:
        rows[jeugdzorg.LABELS[name] + " (%)"] = [
            _get(reeks, (code, 2021), name),
            _get(reeks, (code, 2022), name),
        ]
    counts_2021 = _jongeren_2021_in_2022()
    counts_2022 = jeugdzorg.jongeren(JAAR)
    for name, label in (("jongeren", "jongeren met jeugdzorg"), ("trajecten", "trajecten")):
        rows[label] = [_get(counts_2021, code, name), _get(counts_2022, code, name)]
    table = pd.DataFrame(rows, index=[2021, 2022]).T
    table.index.name = "maat"
    table["verschil"] = table[2022] - table[2021]
    return table


def kengetallen(code: str, groups: dict[str, pd.Index]) -> pd.DataFrame:
    """The Bijlage II kengetallen from the Kerncijfers wijken en buurten 2021 (bijstand, Wmo,
    sociaal minimum) and 2022 (inwoners, jongeren, huishoudens, dichtheid), for the gemeente
    and its groups. Counts of 2021 are added up to the gemeenten of 2022; group rates are pooled
    (Σ count / Σ inwoners); the group's sociaal-minimum percentage is weighted by huishoudens
    (CBS leaves student households out of that base, so this is an approximation)."""
    k22 = kerncijfers.kwb(JAAR)
    k21 = kerncijfers.kwb(2021)
    k21_2022 = _kwb_2021_in_2022()
    # a gemeente unchanged since 2021 keeps CBS's own percentage; a merged one has none
    osm = k21["sociaal_minimum_pct"].reindex(k21_2022.index)
    kolommen = {}
    for name, members in {_name(code): pd.Index([code]), **groups}.items():
        a, b = k22.reindex(members), k21_2022.reindex(members)
        w = b["huishoudens"].where(osm.reindex(members).notna())
        kolommen[name] = {
            "inwoners (1 januari 2022)": a["inwoners"].sum(),
            "jongeren tot 18 jaar (afgeleid, 2022)": noemers()["jeugdhulp"].reindex(members).sum(),
            "huishoudens (2022)": a["huishoudens"].sum(),
            "omgevingsadressendichtheid (2022, adressen per km²)": _density(a),
            "stedelijkheid (2022)": a["stedelijkheid"].iloc[0] if len(members) == 1 else pd.NA,
            "personen met bijstand per 1.000 inwoners (KWB 2021)": _per_1000(b, "bijstand"),
            "Wmo-cliënten per 1.000 inwoners (KWB 2021)": _per_1000(b, "wmo_clienten"),
            "huishoudens onder of rond het sociaal minimum (%, KWB 2021)": (
                (osm.reindex(members) * w).sum() / w.sum() if w.sum() > 0 else pd.NA
            ),
        }
    table = pd.DataFrame(kolommen)
    # Nederland: CBS's national row where the copy has it (the pooled gemeenten otherwise)
    national = {
        "inwoners (1 januari 2022)": k22.loc[gebieden.NEDERLAND, "inwoners"],
        "huishoudens (2022)": k22.loc[gebieden.NEDERLAND, "huishoudens"],
        "omgevingsadressendichtheid (2022, adressen per km²)": k22.loc[
            gebieden.NEDERLAND, "omgevingsadressendichtheid"
        ],
        "personen met bijstand per 1.000 inwoners (KWB 2021)": k21.loc[
            gebieden.NEDERLAND, "bijstand_per_1000"
        ],
        "huishoudens onder of rond het sociaal minimum (%, KWB 2021)": k21.loc[
            gebieden.NEDERLAND, "sociaal_minimum_pct"
        ],
    }
    table.loc[list(national), "Nederland"] = list(national.values())
    table.index.name = "kengetal"
    return table


def bijlage2(code: str, table: pd.DataFrame) -> pd.DataFrame | None:
    """For Maastricht: the kengetallen Bijlage II printed beside the recorded CBS values, with
    the difference of year and definition; None for other gemeenten."""
    if code != MAASTRICHT:
        return None
    printed = published.load("visitatie_2021/kengetallen").data
    own = table.iloc[:, 0]
    nl = table["Nederland"]

    def value(indicator, groep):
        row = printed[(printed["indicator"] == indicator) & (printed["groep"] == groep)]
        return row["waarde"].iloc[0], row["periode"].iloc[0]

    rows = [
        (
            "inwoners",
            *value("inwoners", "Maastricht"),
            own["inwoners (1 januari 2022)"],
            "1 januari 2022",
            "andere peildatum",
        ),
        (
            "inwoners jonger dan 18 jaar",
            *value("inwoners jonger dan 18 jaar", "Maastricht"),
            own["jongeren tot 18 jaar (afgeleid, 2022)"],
            "2022 (afgeleid)",
            "andere peildatum; afgeleid: jongeren onder 18 met jeugdzorg gedeeld door het "
            "percentage jongeren met jeugdhulp (CBS publiceert dit aantal niet in deze tabellen)",
        ),
        (
            "omgevingsadressendichtheid",
            *value("omgevingsadressendichtheid", "Maastricht"),
            own["omgevingsadressendichtheid (2022, adressen per km²)"],
            "2022",
            "Bijlage II noemt geen jaar; met 2.500 of meer valt Maastricht nu in 'zeer sterk "
            "stedelijk', in Bijlage II in 'sterk stedelijk'",
        ),
        (
            "omgevingsadressendichtheid Nederland",
            *value("omgevingsadressendichtheid", "Nederland"),
            nl["omgevingsadressendichtheid (2022, adressen per km²)"],
            "2022",
            "Bijlage II noemt geen jaar",
        ),
        (
            "bijstandsontvangers per 1.000 inwoners",
            *value("bijstandsontvangers", "Maastricht"),
            own["personen met bijstand per 1.000 inwoners (KWB 2021)"],
            "KWB 2021",
            "ander jaar; Bijlage II noemt de bron en de noemer niet (de KWB telt personen met "
            "bijstand, afgerond op tientallen, per inwoner van alle leeftijden)",
        ),
    ]
    return pd.DataFrame(
        rows,
        columns=["kengetal", "Bijlage II", "periode Bijlage II", "CBS", "periode CBS", "verschil"],
    ).set_index("kengetal")


def verhaal(code: str, table: pd.DataFrame, ranks: pd.DataFrame, positions: pd.Series) -> str:
    """Dutch text, one line per indicator, generated from the numbers shown: the value, the
    national figure, the funnel position and the rank; "geheim" where CBS kept it secret."""
    name = _name(code)
    own, nl = table.iloc[0], table.loc["Nederland"]
    lines = []
    for indicator in jeugdzorg.INDICATOREN:
        value = own[indicator.name]
        if pd.isna(value):
            lines.append(
                f"- **{indicator.label.capitalize()}**: geheim. CBS publiceert voor {name} geen "
                "percentage omdat de aantallen te klein zijn; een vergelijking is niet mogelijk."
            )
            continue
        diff = value - nl[indicator.name]
        side = "hoger dan" if diff > 0.05 else "lager dan" if diff < -0.05 else "gelijk aan"
        where = positions[indicator.name]
        meaning = {
            funnel.POSITIONS[2]: "het verschil met Nederland is kleiner dan wat bij dit aantal "
            "jongeren door toeval kan ontstaan",
            funnel.POSITIONS[0]: f"het percentage ligt {where}: het verschil is vrijwel zeker "
            "geen toeval",
            funnel.POSITIONS[4]: f"het percentage ligt {where}: het verschil is vrijwel zeker "
            "geen toeval",
        }.get(
            where,
            f"het percentage ligt {where} maar binnen de 99,8%-grenzen: een aanwijzing, geen "
            "zekerheid (van 345 gemeenten ligt ongeveer 1 op de 20 door toeval buiten de "
            "95%-grenzen)",
        )
        groups = table.drop(index=[table.index[0], "Nederland"])[indicator.name].dropna()
        higher = int((value > groups + 0.05).sum())
        lower = int((value < groups - 0.05).sum())
        n = len(groups)
        versus = (
            ""
            if not n
            else f" Hoger dan alle {n} vergelijkingsgroepen."
            if higher == n
            else f" Lager dan alle {n} vergelijkingsgroepen."
            if lower == n
            else f" Ten opzichte van de {n} vergelijkingsgroepen: hoger dan {higher}, lager dan "
            f"{lower}, gelijk aan {n - higher - lower}."
        )
        lines.append(
            f"- **{indicator.label.capitalize()}** ({indicator.basis}): {_pct(value)}, "
            f"{side} Nederland ({_pct(nl[indicator.name])}); {meaning}.{versus} Rang "
            f"{ranks.loc[indicator.name, 'rang']} van {ranks.loc[indicator.name, 'van']} "
            "gemeenten (1 = hoogste)."
        )
    return "\n".join(lines)


def verhaal_samenstelling(table: pd.DataFrame, labels: dict) -> str:
    """The largest category of the gemeente and of Nederland, or why it cannot be said."""
    own, nl = table.iloc[0], table.loc["Nederland"]
    columns = [c for c in table.columns if c in labels]
    published_shares = own[columns].astype(float).dropna()
    top_nl = nl[columns].astype(float).idxmax()
    national = f"in Nederland is dat '{labels[top_nl]}' ({_pct(nl[top_nl])})."
    if published_shares.empty:
        return f"Voor {table.index[0]} zijn alle aantallen geheim; {national}"
    top = published_shares.idxmax()
    secret = len(columns) - len(published_shares)
    return (
        f"In {table.index[0]} is '{labels[top]}' "
        + (
            f"de grootste van de gepubliceerde groepen ({_pct(own[top])}; {secret} "
            f"{'aantal is' if secret == 1 else 'aantallen zijn'} geheim, een geheim aantal is "
            "niet 0); "
            if secret
            else f"de grootste groep ({_pct(own[top])}); "
        )
        + national
    )


def leesbaar(table: pd.DataFrame, labels: dict) -> pd.DataFrame:
    """Percentages as text with "geheim" for secret cells, Dutch headers."""
    out = table.copy()
    for column in out.columns:
        if column in labels:
            out[column] = out[column].map(_pct)
    return out.rename(
        columns=labels
        | {"gemeenten_gebruikt": "gemeenten gebruikt", "gemeenten_geheim": "gemeenten geheim"}
    )


@external.cached_table
def _jongeren_2021_in_2022() -> pd.DataFrame:
    return gebieden.herindelen(jeugdzorg.jongeren(2021).drop(columns="jaar"), 2021, JAAR)


@external.cached_table
def _kwb_2021_in_2022() -> pd.DataFrame:
    counts = ["naam", "inwoners", "huishoudens", "bijstand", "wmo_clienten"]
    return gebieden.herindelen(kerncijfers.kwb(2021)[counts], 2021, JAAR)


def _pct(x) -> str:
    return GEHEIM if pd.isna(x) else fmt.percent(float(x))


def _name(code: str) -> str:
    return gebieden.indeling(JAAR).loc[code, "naam"]


def _get(frame: pd.DataFrame, key, column):
    return frame[column].get(key, pd.NA)


def _per_1000(frame: pd.DataFrame, column: str):
    has = frame[column].notna()
    return (
        frame.loc[has, column].sum() / frame.loc[has, "inwoners"].sum() * 1000
        if has.any()
        else pd.NA
    )


def _density(frame: pd.DataFrame):
    """One gemeente: its own density; a group: weighted by inwoners (an approximation of the
    density of the group, which CBS does not publish)."""
    if len(frame) == 1:
        return frame["omgevingsadressendichtheid"].iloc[0]
    w = frame["inwoners"]
    return (frame["omgevingsadressendichtheid"] * w).sum() / w.sum()


def basis_tabel() -> pd.DataFrame:
    """Per indicator: what the percentage is taken of and where that was established."""
    return pd.DataFrame(
        [(i.label, i.basis, i.basis_bron) for i in jeugdzorg.INDICATOREN],
        columns=["indicator", "percentage van", "vastgesteld uit"],
    ).set_index("indicator")


def x_label(indicator: str) -> str:
    """The x-axis of a funnel plot: the denominator of the indicator."""
    basis = next(i.basis for i in jeugdzorg.INDICATOREN if i.name == indicator)
    return f"aantal {basis.removeprefix('alle ')} (schatting, logaritmische schaal)"


@external.cached_table
def trechter_overzicht() -> pd.DataFrame:
    """Per indicator the number of gemeenten in each position against the limits, and those
    without a published percentage."""
    rows = {}
    for indicator in jeugdzorg.INDICATOREN:
        data, _ = trechter(indicator.name)
        counts = data["positie"].value_counts().reindex(list(funnel.POSITIONS), fill_value=0)
        rows[indicator.label] = {**counts.to_dict(), "geheim": int(data["positie"].isna().sum())}
    table = pd.DataFrame(rows).T
    table.index.name = "indicator"
    return table


# Comparisons with a printed table, which exists for Maastricht only: per published table the text
# for any other gemeente, and the text above the comparison (followed by the citation).
VERGELIJKING_TEKSTEN = {
    "monitor_2018/jeugd_verwijzers": (
        "De Monitor Sociaal Domein 2018 met verwijzers per categorie is alleen voor Maastricht "
        "gepubliceerd; voor deze gemeente is er geen vergelijking met de Monitor.",
        "Maastricht: de aandelen van de Monitor Sociaal Domein 2018 (§3.2, aandeel van de "
        "ondersteuningsvragen in 2018) naast de CBS-aandelen van de trajecten in 2022 van de "
        "categorie die er het dichtst bij komt. De definities verschillen: de Monitor telt "
        "ondersteuningsvragen, CBS trajecten; 'justitieel verwijzer' in de Monitor is ruimer dan "
        "'rechter of officier van justitie' bij CBS (jeugdbescherming loopt bij CBS via de "
        "gecertificeerde instelling). De vier aandelen van de Monitor tellen op tot 93%.",
    ),
    "visitatie_2021/kengetallen": (
        "Bijlage II van het visitatierapport gaat over Maastricht; voor deze gemeente zijn er "
        "geen gedrukte kengetallen om naast de CBS-cijfers te zetten.",
        "Maastricht: de kengetallen zoals Bijlage II ze drukte (visitatierapport 2021) naast de "
        "CBS-cijfers hierboven. De verschillen komen door een ander jaar of een andere definitie; "
        "de kolom 'verschil' zegt welke.",
    ),
}


def vergelijking_tekst(bron: str, table: pd.DataFrame | None) -> str:
    """The text above the comparison with the printed table ``bron`` (a key of
    VERGELIJKING_TEKSTEN); ``table`` is None for a gemeente it does not cover."""
    geen, inleiding = VERGELIJKING_TEKSTEN[bron]
    if table is None:
        return geen
    return f"{inleiding} {published.load(bron).citation}"


def verhaal_ontwikkeling(table: pd.DataFrame) -> str:
    """Dutch sentence on 2021 → 2022 of jeugdhulp and of the number of jongeren met jeugdzorg."""
    parts = []
    for maat, unit in (
        ("jongeren met jeugdhulp (%)", "procentpunt"),
        ("jongeren met jeugdzorg", ""),
    ):
        row = table.loc[maat]
        if pd.isna(row[2021]) or pd.isna(row[2022]):
            parts.append(f"voor '{maat}' is een van beide jaren geheim of niet beschikbaar")
            continue
        word = (
            "steeg" if row["verschil"] > 0 else "daalde" if row["verschil"] < 0 else "bleef gelijk"
        )
        amount = (
            f" met {fmt.number(abs(float(row['verschil'])), 1 if unit else 0)}"
            f"{' ' + unit if unit else ''}"
            if row["verschil"] != 0
            else ""
        )
        parts.append(f"'{maat}' {word}{amount}")
    return (
        "Van 2021 naar 2022: "
        + "; ".join(parts)
        + ". Een verschil van één jaar kan toeval of een registratiewijziging zijn."
    )


def leesbaar_ontwikkeling(table: pd.DataFrame) -> pd.DataFrame:
    out = pd.DataFrame(index=table.index)
    for column in table.columns:
        out[str(column)] = [
            _value(v, percent="%" in maat)
            for maat, v in zip(table.index, table[column], strict=True)
        ]
    return out


def leesbaar_wijzigingen(table: pd.DataFrame) -> pd.DataFrame:
    return table.rename(columns={"alleen_in": "alleen in indeling"}).set_index("code")


def leesbaar_kengetallen(table: pd.DataFrame) -> pd.DataFrame:
    decimals = {"per 1.000": 1, "(%": 1}
    out = table.copy().astype(object)
    for kengetal in table.index:
        places = next((d for key, d in decimals.items() if key in kengetal), 0)
        out.loc[kengetal] = [
            fmt.MISSING if pd.isna(v) else fmt.number(float(v), places) for v in table.loc[kengetal]
        ]
    return out


def leesbaar_bijlage2(table: pd.DataFrame) -> pd.DataFrame:
    out = table.copy().astype(object)
    places = [fmt.printed_decimals(float(v), 1) for v in table["Bijlage II"]]
    for column in ("Bijlage II", "CBS"):
        out[column] = [fmt.number(float(v), d) for v, d in zip(table[column], places, strict=True)]
    return out


def leesbaar_monitor(table: pd.DataFrame) -> pd.DataFrame:
    out = table.copy().astype(object)
    out["Monitor 2018 (%)"] = table["Monitor 2018 (%)"].map(fmt.printed_percent)
    out[f"CBS {JAAR} (%)"] = table[f"CBS {JAAR} (%)"].map(_pct)
    return out


def _value(x, percent: bool) -> str:
    if pd.isna(x):
        return GEHEIM
    return fmt.number(float(x), 1) if percent else fmt.number(float(x))
