"""Dutch sentences generated from numbers, so that what a page concludes follows from the figures
shown, for every parameter value. Methods return numbers; the wording lives here."""

from collections.abc import Mapping

import pandas as pd

from helpers.display import fmt


def trend(result: Mapping) -> str:
    """What a fitted linear trend (``methods.trend.linear_trend``) supports, from its interval
    and p-value: no conclusion when the interval includes 0."""
    level = fmt.percent(100 * (1 - result["alpha"]), 0)
    interval = f"{fmt.signed(result['ci_laag'])} tot {fmt.signed(result['ci_hoog'])} per jaar"
    p_text = f"p = {fmt.number(result['p_waarde'], 2)}"
    if result["ci_laag"] <= 0 <= result["ci_hoog"]:
        return (
            f"Geen conclusie mogelijk: het {level}-interval van de helling ({interval}) "
            f"omvat 0 ({p_text}). Met {int(result['n'])} jaarcijfers is deze reeks niet te "
            "onderscheiden van een reeks zonder trend."
        )
    direction = "stijgend" if result["helling"] > 0 else "dalend"
    return (
        f"Trend {direction}: {fmt.signed(result['helling'])} per jaar, {level}-interval "
        f"{interval} ({p_text}). Met {int(result['n'])} jaarcijfers blijft de omvang onzeker."
    )


def trends(table: pd.DataFrame) -> str:
    """One paragraph per row of ``methods.trend.trends``: '<name>: <conclusion>'."""
    return "\n\n".join(f"{name}: {trend(row)}" for name, row in table.iterrows())


def listing(items) -> str:
    """Dutch enumeration: ['a', 'b', 'c'] -> 'a, b en c'."""
    items = [str(i) for i in items]
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " en " + items[-1]


def deficit_years(saldo: pd.DataFrame) -> str:
    """Per domain (rows of a wide saldo table, one column per year) the years with a tekort
    (saldo < 0)."""
    sentences = []
    for domain, row in saldo.iterrows():
        years = row.index[row < 0].tolist()
        if not years:
            sentences.append(f"{domain} had in geen van de jaren een tekort.")
        elif len(years) == len(row):
            sentences.append(f"{domain} had in alle {len(years)} jaren een tekort.")
        else:
            sentences.append(f"{domain} had een tekort in {listing(years)}.")
    return " ".join(sentences)


def deficit_share_of(shares: pd.DataFrame, parts: list[str]) -> str:
    """Per year with a tekort in the total (a column of ``methods.deficit.shares`` that is
    defined): how much of it the `parts` together carry, and whether that is more than all of
    it (the rest of the domain then had a surplus)."""
    together = shares.loc[parts].sum(min_count=1).dropna()
    if together.empty:
        return "In geen van de jaren had het totaal een tekort."
    names = listing(parts)
    sentences = []
    for year, share in together.items():
        if share > 100:
            sentences.append(
                f"In {year} lag meer dan het hele tekort bij {names} samen "
                f"({fmt.percent(share)}): de rest van het domein had een overschot."
            )
        else:
            sentences.append(f"In {year} lag {fmt.percent(share)} van het tekort bij {names}.")
    return " ".join(sentences)


def largest_growth(growth: pd.Series, what: str) -> str:
    """The year with the largest growth in a series of year-on-year growth rates (%)."""
    year = growth.idxmax()
    return (
        f"De {what} groeide het sterkst naar {year} ({fmt.percent(growth[year])} ten opzichte "
        "van het jaar ervoor)."
    )


def trend_summary(table: pd.DataFrame) -> str:
    """Whether any of the linear trends of ``methods.trend.trends`` is distinguishable from no
    trend (its interval excludes 0)."""
    undecided = (table["ci_laag"] <= 0) & (table["ci_hoog"] >= 0)
    n_years = listing(sorted(set(table["n"].astype(int))))
    if undecided.all():
        return (
            f"Een lineaire trend over {n_years} jaar is bij geen van de domeinen van nul te "
            "onderscheiden."
        )
    clear = listing(table.index[~undecided])
    return f"Een lineaire trend over {n_years} jaar is van nul te onderscheiden bij {clear}."


def _side(index: float, favourable: str) -> str:
    if favourable not in ("hoger", "lager"):
        return ""
    good = (index > 100) == (favourable == "hoger")
    return "; de gunstige kant" if good else "; de ongunstige kant"


def clearest_differences(table: pd.DataFrame, gemeente: str, threshold: float) -> str:
    """The indicators of ``chapters.bijlage2.clearest_differences``, furthest from 100 first,
    each with its index, the group and, where the indicator has one, which side that is."""
    if table.empty:
        return (
            f"Bij geen enkele indicator ligt de index van {gemeente} {fmt.number(threshold)} "
            "punten of meer van 100."
        )
    parts = [
        f"{row['indicator']} (index {fmt.number(row['index'])} tegenover {row['groep']}"
        f"{_side(row['index'], row['gunstig'])})"
        for row in table.to_dict("records")
    ]
    return (
        f"{gemeente} wijkt het duidelijkst af van een vergelijkingsgroep (index minstens "
        f"{fmt.number(threshold)} punten van 100) bij: {listing(parts)}."
    )


def in_words(table: pd.DataFrame, gemeente: str) -> str:
    """Comparisons a source gives only in words (indicator, groep, periode, waarde = 'hoger' or
    'lager', vindplaats): one sentence per indicator."""
    if table.empty:
        return f"Voor {gemeente} zijn er geen vergelijkingen die de bron alleen in woorden geeft."
    sentences = []
    for (indicator, period, where), rows in table.groupby(
        ["indicator", "periode", "vindplaats"], sort=False
    ):
        sides = listing(rows["waarde"] + " dan " + rows["groep"])
        sentences.append(
            f"{indicator.capitalize()} ({period}, {where}): {gemeente} ligt {sides}; alleen in woorden, de "
            "cijfers van de groepen staan niet in de tekst."
        )
    return " ".join(sentences)


def multiples_of_groups(indices: pd.DataFrame, gemeente: str, minimum: float = 150) -> str:
    """The indicators (e.g. Iv3 taakvelden) where the gemeente's index is at least `minimum`
    against every group, with the range of the multiple."""
    lowest = indices.groupby("indicator", sort=False)["index"].min()
    high = lowest[lowest >= minimum]
    if indices["index"].isna().all():
        return f"Voor {gemeente} staan er geen eigen cijfers in de bron."
    if high.empty:
        return (
            f"{gemeente} ligt bij geen enkele indicator op {fmt.number(minimum / 100, 1)} keer of "
            "meer het niveau van alle vergelijkingsgroepen."
        )
    chosen = indices[indices["indicator"].isin(high.index)]["index"] / 100
    return (
        f"{gemeente} ligt bij {listing(high.index)} op {fmt.number(chosen.min(), 1)} tot "
        f"{fmt.number(chosen.max(), 1)} keer het niveau van de vergelijkingsgroepen."
    )


def largest_gap(gap: pd.DataFrame, total: str, gemeente: str, group: str) -> str:
    """The taakveld with the largest difference in euros of ``methods.peers.gap_to_peers``,
    against the sum of all taakvelden (row `total`)."""
    rows = gap.drop(index=total)["verschil_euro"]
    if rows.isna().all():
        return f"Voor {gemeente} staan er geen Iv3-cijfers in de bron: geen scenario."
    largest = rows.abs().idxmax()

    def amount(euros: float) -> str:
        return f"{fmt.euro_mln(abs(euros) / 1e6)} {'meer' if euros > 0 else 'minder'}"

    return (
        f"Tegenover {group} zit het grootste verschil bij {largest}: {amount(rows[largest])}, "
        f"tegen {amount(gap.loc[total, 'verschil_euro'])} over alle taakvelden samen."
    )
