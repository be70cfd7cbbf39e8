"""Sentences for the reader, written from the numbers: a conclusion that depends on the data or
on a parameter is generated here, so it holds for every allowed parameter value.

A :class:`Conclusion` shows as Markdown in a notebook and as the same text under nbval; it
records which parameters it is about (``over``), so a test can run a notebook over all allowed
values and check that each generated sentence names the chosen value and no other.
"""

import numpy as np
import pandas as pd

from helpers.display import fmt
from helpers.methods import indicators, rounding


class Conclusion:
    """A generated sentence (Markdown) and the parameters (name -> value) it is about."""

    def __init__(self, text: str, **over):
        self.text = text
        self.over = {name: _plain(value) for name, value in over.items()}

    def _repr_markdown_(self):
        return self.text, {"conclusie_over": self.over}

    def __repr__(self) -> str:
        return self.text


def _plain(value):
    return value.item() if isinstance(value, np.generic) else value


def _join(items) -> str:
    """['a', 'b', 'c'] -> 'a, b en c'."""
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " en " + items[-1]


def _moved(change, up: str = "stegen", down: str = "daalden", same: str = "bleven gelijk") -> str:
    rounded = round(change, 1)
    return up if rounded > 0 else down if rounded < 0 else same


def result_phrase(result: float) -> str:
    """'een meevaller van € 2,3 mln', 'een tekort van € 1,4 mln' or 'een resultaat van € 0,0 mln'
    (resultaat = begroting − lasten, in € mln)."""
    rounded = round(result, 1)
    if rounded > 0:
        return f"een meevaller van {fmt.euro_mln(result)}"
    if rounded < 0:
        return f"een tekort van {fmt.euro_mln(-result)}"
    return f"een resultaat van {fmt.euro_mln(0.0)}"


def lasten_without_negative_post(
    lasten: pd.DataFrame, van, tot, total: str = "Totaal", negative: str = "Draaiknoppen"
) -> Conclusion:
    """Monitor tabel 2.3: the change of the total lasten with and without a post booked as
    negative lasten (the draaiknoppen, −3,1 in 2018). `lasten`: rows pijler, columns years."""
    totals = lasten.loc[total, [van, tot]]
    row = lasten.loc[negative, [van, tot]]
    booked = row.fillna(0.0)
    pillars = totals - booked
    change, pillar_change = totals[tot] - totals[van], pillars[tot] - pillars[van]
    name = negative.lower()
    text = (
        f"De totale lasten {_moved(change)} van {fmt.euro_mln(totals[van])} ({van}) naar "
        f"{fmt.euro_mln(totals[tot])} ({tot}), een verschil van {fmt.euro_mln(change)}."
    )
    if (booked != 0).any():
        amounts = [
            f"in {year} geen regel" if pd.isna(value) else f"{fmt.euro_mln(value)} in {year}"
            for year, value in row.items()
        ]
        text += (
            f" In het totaal staan de {name} als negatieve lasten ({'; '.join(amounts)}). Zonder die "
            f"regel {_moved(pillar_change)} de pijlers samen van {fmt.euro_mln(pillars[van])} naar "
            f"{fmt.euro_mln(pillars[tot])}, een verschil van {fmt.euro_mln(pillar_change)}."
        )
        if np.sign(round(change, 1)) != np.sign(round(pillar_change, 1)):
            verb = _moved(change, "steeg", "daalde", "gelijk bleef")
            text += (
                f" Dat het totaal {verb}, komt dus alleen door de boeking van de {name}: de lasten "
                f"van de pijlers samen {_moved(pillar_change)}."
            )
    return Conclusion(text)


def results_per_year(results: pd.DataFrame, total: str = "Totaal", ignore=()) -> Conclusion:
    """The total result of every year (columns) and the rows with a tekort in every year.
    `results`: rows pijler, columns years, € mln; rows in `ignore` are left out."""
    years = list(results.columns)
    parts = [f"{year} met {result_phrase(results.loc[total, year])}" for year in years]
    text = f"Het totaal sloot {_join(parts)}."
    rows = results.drop(index=[total, *ignore], errors="ignore")
    always = rows.index[(rows.round(1) < 0).all(axis=1)].tolist()
    if always:
        text += f" Een tekort in elk jaar: {_join(always)}."
    return Conclusion(text)


def year_result(overview: pd.DataFrame, jaar, total: str = "Totaal", ignore=()) -> Conclusion:
    """The result of the chosen year from finance.overview: the total and which rows had a
    tekort or a meevaller."""
    rows = overview.drop(index=[total, *ignore], errors="ignore")["resultaat"].round(1)
    text = (
        f"In {jaar} sloot het totaal met {result_phrase(overview.loc[total, 'resultaat'])} "
        f"({fmt.percent(overview.loc[total, 'resultaat_pct_begroting'])} van de begroting)."
    )
    for label, selected in (("Tekort", rows[rows < 0]), ("Meevaller", rows[rows > 0])):
        if len(selected):
            listed = [f"{name} ({fmt.signed(value)})" for name, value in selected.items()]
            text += f" {label}: {_join(listed)}."
    return Conclusion(text, jaar=jaar)


def result_change(bridge: pd.Series, van, tot, subject: str) -> Conclusion:
    """Why a result changed (from finance.result_bridge): what was already there, the budget
    and the spending; and which of them the change mostly comes from."""
    before, after = bridge["resultaat_van"], bridge["resultaat_tot"]
    budget, spent = bridge["begroting_verandering"], bridge["lasten_verandering"]
    text = (
        f"{subject}: van {result_phrase(before)} in {van} naar {result_phrase(after)} in {tot} "
        f"(begroting min lasten). De begroting {_moved(budget, 'steeg', 'daalde', 'bleef gelijk')}"
        f"{'' if round(budget, 1) == 0 else ' met ' + fmt.euro_mln(abs(budget))}, de lasten "
        f"{_moved(spent, 'stegen', 'daalden', 'bleven gelijk')}"
        f"{'' if round(spent, 1) == 0 else ' met ' + fmt.euro_mln(abs(spent))}."
    )
    same_sign = np.sign(round(before, 1)) == np.sign(round(after, 1)) != 0
    if same_sign and abs(before) >= abs(after) / 2 and round(budget, 1) == 0:
        kind = "tekort" if after < 0 else "overschot"
        text += (
            f" Het grootste deel van het {kind} van {tot} ({fmt.euro_mln(abs(before))} van "
            f"{fmt.euro_mln(abs(after))}) bestond dus al in {van}, bij dezelfde begroting: die "
            f"dekte de lasten toen al niet. De verandering van de lasten verklaart "
            f"{fmt.euro_mln(abs(spent))}."
        )
    elif abs(budget) > abs(spent):
        text += (
            f" De verandering van het resultaat ({fmt.euro_mln(after - before)}) komt vooral door "
            f"de {'lagere' if budget < 0 else 'hogere'} begroting, niet door de lasten."
        )
    else:
        text += (
            f" De verandering van het resultaat ({fmt.euro_mln(after - before)}) komt vooral door "
            "de lasten."
        )
    return Conclusion(text)


def share_against_printed(
    part: float, whole: float, printed, *, what: str, of: str, jaar, decimals=0
) -> Conclusion:
    """'{jaar}: {part} {what} op {whole} {of} = x%', and whether the printed (rounded)
    percentage holds for that year, or that none is printed for it. `printed`: a number, None,
    or the (zero or one) printed values selected for that year."""
    if isinstance(printed, pd.Series):
        if len(printed) > 1:
            raise ValueError(
                f"share_against_printed: {len(printed)} gedrukte waarden, verwacht 0 of 1."
            )
        printed = printed.iloc[0] if len(printed) else None
    share = indicators.share(part, whole)
    text = f"{jaar}: {fmt.number(part)} {what} op {fmt.number(whole)} {of} = {fmt.percent(share)}."
    if printed is None or pd.isna(printed):
        text += f" De monitor drukt voor {jaar} geen percentage."
    else:
        holds = rounding.rounds_to(share, printed, decimals)
        text += (
            f" Gedrukt: afgerond {fmt.percent(printed, decimals)}, "
            f"{'en dat klopt' if holds else 'en dat klopt niet'}."
        )
    return Conclusion(text, jaar=jaar)


def outcomes(table: pd.DataFrame, label: str, what: str, jaar, total: str = "Totaal") -> Conclusion:
    """The outcomes of bezwaar or klachten in the chosen year: the total and every outcome
    that occurred, with its count (`table`: column `label` and `waarde`, one year)."""
    counts = table.set_index(label)["waarde"]
    n = counts.get(total, counts.sum())
    occurred = counts.drop(index=total, errors="ignore")
    occurred = occurred[occurred > 0]
    listed = [f"{name.lower()} {fmt.number(value)}" for name, value in occurred.items()]
    text = f"In {jaar}: {fmt.number(n)} {what}"
    text += f" ({_join(listed)})." if listed else "."
    return Conclusion(text, jaar=jaar)


def period_change(
    realisatie: pd.DataFrame, saldo: pd.DataFrame, jaar_van, jaar_tot, total: str
) -> Conclusion:
    """Visitatierapport figuur 6: how realisatie changed from jaar_van to jaar_tot per row
    (domein) and the saldo in both years. `realisatie` and `saldo`: rows domein, columns years."""
    parts = [
        f"{name} {_moved(realisatie.loc[name, jaar_tot] - realisatie.loc[name, jaar_van], 'steeg', 'daalde', 'bleef gelijk')} van "
        f"{fmt.euro_mln(realisatie.loc[name, jaar_van])} naar "
        f"{fmt.euro_mln(realisatie.loc[name, jaar_tot])}"
        for name in realisatie.index
    ]
    saldi = [
        f"{name} {fmt.euro_mln(saldo.loc[name, jaar_van])} en {fmt.euro_mln(saldo.loc[name, jaar_tot])}"
        for name in saldo.index
    ]
    text = (
        f"Van {jaar_van} tot {jaar_tot} (realisatie): {_join(parts)}. Saldo in {jaar_van} en "
        f"{jaar_tot}: {_join(saldi)}."
    )
    deficit = saldo.loc[total, jaar_tot] < 0
    text += (
        f" In {jaar_tot} sloot het {total.lower()} met een tekort."
        if deficit
        else f" In {jaar_tot} sloot het {total.lower()} zonder tekort."
    )
    return Conclusion(text, jaar_van=jaar_van, jaar_tot=jaar_tot)


def main_contributors(
    change: pd.DataFrame, names: pd.Series, jaar_van, jaar_tot, share: float = 75.0
) -> Conclusion:
    """Wmo plan: the change of the total begroting between two years and the taakvelden that
    carry it (largest first, until together at least `share` % of the change). `change` from
    taakvelden.decline (index taakveld), `names`: the reader's label per taakveld."""
    total_van, total_tot = change[jaar_van].sum(), change[jaar_tot].sum()
    total_change = total_tot - total_van
    text = (
        f"Van {jaar_van} tot {jaar_tot} {_moved(total_change, 'stijgt', 'daalt', 'blijft gelijk')}"
        f" de begroting (som van de posten) van {fmt.euro_mln(total_van, 3)} naar "
        f"{fmt.euro_mln(total_tot, 3)}, een verschil van {fmt.euro_mln(total_change, 3)}."
    )
    if round(total_change, 3) == 0:
        return Conclusion(text, jaar_van=jaar_van, jaar_tot=jaar_tot)
    ordered = change.sort_values("aandeel_totale_verandering_pct", ascending=False)
    cumulative = ordered["aandeel_totale_verandering_pct"].cumsum()
    carriers = ordered[cumulative.shift(fill_value=0) < share]
    listed = [
        f"{names[code]} ({fmt.signed(row['verschil'], 3)})" for code, row in carriers.iterrows()
    ]
    carried = carriers["aandeel_totale_verandering_pct"].sum()
    text += (
        f" Het grootste deel zit in {_join(listed)}: {'samen ' if len(listed) > 1 else ''}"
        f"{fmt.percent(carried)} van de verandering"
        + (", want andere taakvelden bewegen de andere kant op." if carried > 100 else ".")
    )
    return Conclusion(text, jaar_van=jaar_van, jaar_tot=jaar_tot)


def moved_schemes(table: pd.DataFrame) -> Conclusion:
    """The schemes that two lists of income sources put under different groups (from
    armoede.moved_schemes), as one sentence per scheme."""
    if table.empty:
        return Conclusion("De lijsten delen de regelingen op dezelfde manier in.")
    sentences = [
        f"{scheme}: " + "; ".join(f"{where}: {group}" for where, group in row.items()) + "."
        for scheme, row in table.iterrows()
    ]
    return Conclusion(
        "De groepen bevatten niet in elke lijst dezelfde regelingen. " + " ".join(sentences)
    )


def required_decline(row: pd.Series, label: str, doeljaar) -> Conclusion:
    """What a target asks per year (a row of targets.required_change): from the start value
    to the target in `doeljaar`, linear and as a constant rate."""
    text = (
        f"{label}: van {fmt.printed(row['start'])}% in {int(row['startjaar'])} naar onder "
        f"{fmt.one_decimal(row['doel'])}% in {doeljaar} vraagt "
        f"{fmt.signed(row['lineair_per_jaar'], 2)} procentpunt per jaar "
        f"(of {fmt.percent(row['constant_pct_per_jaar'])} van het jaar ervoor, elk jaar)."
    )
    return Conclusion(text, doeljaar=doeljaar)


def lever_line(line: pd.DataFrame, target: float, jaar) -> Conclusion:
    """The draaiknoppen line of tabel 2.3 (rows stand prognose/realisatie, columns begroting,
    lasten, resultaat) next to the memo's taakstelling (a positive amount, € mln): how the booked
    amount moved, and that the line has no result of its own."""
    planned, booked = line.loc["prognose", "lasten"], line.loc["realisatie", "lasten"]
    moved = booked - planned
    result = line.loc["realisatie", "resultaat"]
    direction = "verlaagd" if abs(booked) < abs(planned) else "verhoogd"
    text = (
        f"Taakstelling {jaar} volgens de memo: {fmt.euro_mln(target)}. Tabel 2.3 boekt de "
        f"draaiknoppen als negatieve begroting én negatieve lasten: in de prognose "
        f"{fmt.euro_mln(planned)}, in de realisatie {fmt.euro_mln(booked)}; het resultaat van de "
        f"regel is {'„–” (geen bedrag)' if pd.isna(result) else fmt.euro_mln(result)}."
    )
    if round(moved, 1) != 0:
        text += (
            f" Het geboekte bedrag is in de loop van {jaar} met {fmt.euro_mln(abs(moved))} "
            f"{direction}: een verschuiving van de regel zelf, geen gemeten tekort op de "
            "taakstelling."
        )
    return Conclusion(text, taakstelling_jaar=jaar)
