"""Disclosure control of notebooks/kostendrijvers_jeugd.ipynb on a tiny municipality.

The notebook runs with papermill on a synthetic export of a municipality fifty times smaller
than Maastricht (a few dozen clients a year, so many cells fall below the threshold). Every
table that kostendrijvers.CLIENT_COUNTS names must be shown or written, and in every one of
them a count from client-level data is either suppressed or a multiple of 5 of at least 8, and
the figures derived from a count (costs, cost per client, durations) are empty where the count
is suppressed. A table that is renamed or a count column that is renamed makes these tests
fail instead of escaping them (a shown column may carry its reader's header from
helpers.display.headers.label, nothing else); so does a new CSV that is not classified in
helpers.microdata.protected. The effects per categorie and per verwijzer are exact euros, so no
row of them may belong to a group with fewer than 8 arrangements or clients in jaar_van or
jaar_tot. And no combination of written figures recovers a count more precisely than its
rounding: the attack on the ratio of the volume and stapeling effects is performed here.
"""

import itertools
import math
import re
from pathlib import Path

import nbformat
import pandas as pd
import papermill as pm
import pytest
from bs4 import BeautifulSoup

from helpers.display import fmt, headers
from helpers.microdata import reading as microdata
from helpers.microdata import synthetic
from helpers.microdata.protected import (
    CLIENT_COUNTS,
    MERGED_GROUP,
    STATISTIC_DECIMALS,
    WITHOUT_CLIENT_COUNTS,
)

NOTEBOOK = Path(__file__).parents[1] / "notebooks" / "kostendrijvers_jeugd.ipynb"
THRESHOLD = 8
BASE = 5
WRITTEN = ("stromen", "duur", "duur_per_categorie")  # the CSVs with client counts
SHOWN = tuple(CLIENT_COUNTS)  # every such table is also shown
YEARS = (2018, 2019)  # jaar_van, jaar_tot
GEMEENTE = "Klein"
# Published Maastricht tables: not on the page of another gemeente's export.
PUBLISHED = ("gepubliceerd", "gepubliceerd_keten")
GROUP_EFFECTS = {"effecten_per_categorie": "categorie", "effecten_per_verwijzer": "verwijzer"}

pytestmark = pytest.mark.notebook


@pytest.fixture(scope="module")
def run(tmp_path_factory) -> tuple[nbformat.NotebookNode, Path]:
    folder = tmp_path_factory.mktemp("klein")
    export = folder / "klein.csv"
    synthetic.generate(scale=0.02).to_csv(export, sep=";", index=False)
    output_dir = folder / "tabellen"
    executed = pm.execute_notebook(
        NOTEBOOK,
        folder / "uitvoer.ipynb",
        parameters={
            "data_pad": str(export),
            "output_dir": str(output_dir),
            "jaar_van": YEARS[0],
            "jaar_tot": YEARS[1],
            "gemeente": GEMEENTE,
        },
        kernel_name="python3",
        cwd=str(NOTEBOOK.parent),
        progress_bar=False,
    )
    return executed, output_dir


def _header(name: str) -> str:
    """'kosten (€ mln)' -> 'kosten': the notebook puts units after a column name."""
    return re.sub(r" \(.*\)$", "", name.strip())


# A shown header -> the column name in CLIENT_COUNTS, for the reader's headers (headers.label).
CODE_NAMES = {
    _header(headers.label(column)): column
    for table in CLIENT_COUNTS.values()
    for count, derived in table.items()
    for column in (count, *derived)
}


def shown_tables(notebook: nbformat.NotebookNode) -> list[pd.DataFrame]:
    """Every table in the HTML outputs, as text, with the column names as shown (reader's
    headers of CLIENT_COUNTS columns turned back into their code names)."""
    tables = []
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            html = output.get("data", {}).get("text/html", "")
            for table in BeautifulSoup(html, "html.parser").find_all("table"):
                rows = [
                    [td.get_text(strip=True) for td in tr.find_all("td")]
                    for tr in table.find("tbody").find_all("tr")
                ]
                if not rows:  # an empty table, such as a rejection report without rejections
                    continue
                width = len(rows[0])
                header = table.find("thead").find("tr").find_all("th")[-width:]
                names = [_header(th.get_text()) for th in header]
                tables.append(pd.DataFrame(rows, columns=[CODE_NAMES.get(n, n) for n in names]))
    return tables


def columns_of(name: str) -> set[str]:
    return {c for count, derived in CLIENT_COUNTS[name].items() for c in (count, *derived)}


def tables_named(tables: list[pd.DataFrame], name: str) -> list[pd.DataFrame]:
    """The tables that have every count and derived column of CLIENT_COUNTS[name]."""
    return [t for t in tables if columns_of(name) <= set(t.columns)]


def shown_count(text: str) -> float | None:
    """'1.235' -> 1235; the suppression mark -> None."""
    if text == fmt.MISSING:
        return None
    assert re.fullmatch(r"\d{1,3}(\.\d{3})*", text), f"geen aantal: {text!r}"
    return float(text.replace(".", ""))


def assert_protected(counts: pd.Series, where: str) -> None:
    shown = counts.dropna()
    assert (shown % 1 == 0).all(), f"{where}: geen gehele aantallen: {shown.tolist()}"
    assert (shown >= THRESHOLD).all(), f"{where}: aantal onder {THRESHOLD}: {shown.tolist()}"
    assert (shown % BASE == 0).all(), f"{where}: niet afgerond op {BASE}: {shown.tolist()}"


def test_every_table_with_client_counts_is_shown_and_the_csvs_are_written(run):
    notebook, output_dir = run
    tables = shown_tables(notebook)
    missing = [name for name in SHOWN if not tables_named(tables, name)]
    assert missing == [], f"niet (meer) getoond of kolom hernoemd: {missing}"
    for name in WRITTEN:
        written = pd.read_csv(output_dir / f"{name}.csv")
        assert columns_of(name) <= set(written.columns), name


def test_every_written_table_is_classified(run):
    _, output_dir = run
    written = {path.stem for path in output_dir.glob("*.csv")}
    assert written == set(WRITTEN) | set(WITHOUT_CLIENT_COUNTS) - set(PUBLISHED)
    assert set(WRITTEN) <= set(CLIENT_COUNTS)


def test_the_row_counts_of_the_reading_report_are_not_written(run):
    """Rows in, used and rejected are exact: printed for the analyst, never written."""
    _, output_dir = run
    for path in output_dir.glob("*.csv"):
        columns = set(pd.read_csv(path).columns)
        assert not columns & {"rijen", "rijen in bestand", "gebruikt", "afgewezen", "rij"}, path


def test_published_maastricht_figures_are_not_on_another_gemeentes_page(run):
    notebook, _ = run
    shown = "\n".join(
        str(output.get("text", "")) + str(output.get("data", {}).get("text/plain", ""))
        for cell in notebook.cells
        for output in cell.get("outputs", [])
    )
    assert "gepubliceerde realisatie van Maastricht" not in shown
    assert "realisatie (€ mln)" not in shown
    assert "bij de export van Klein worden ze niet getoond" in shown


def test_shown_counts_are_suppressed_below_8_and_rounded_to_5(run):
    notebook, _ = run
    tables = shown_tables(notebook)
    suppressed = 0
    for name in SHOWN:
        for table in tables_named(tables, name):
            for count in CLIENT_COUNTS[name]:
                values = table[count].map(shown_count).astype("float64")
                assert_protected(values, f"getoond {name}.{count}")
                suppressed += values.isna().sum()
    # The tiny municipality must exercise suppression, or this test proves nothing.
    assert suppressed > 0


def test_written_counts_are_suppressed_below_8_and_rounded_to_5(run):
    _, output_dir = run
    suppressed = 0
    for name in WRITTEN:
        written = pd.read_csv(output_dir / f"{name}.csv")
        for count in CLIENT_COUNTS[name]:
            assert_protected(written[count], f"{name}.csv {count}")
            suppressed += written[count].isna().sum()
    assert suppressed > 0


def test_derived_figures_are_empty_where_their_count_is_suppressed(run):
    notebook, output_dir = run
    tables = [
        (f"getoond {name}", table, fmt.MISSING)
        for name in SHOWN
        for table in tables_named(shown_tables(notebook), name)
    ]
    tables += [
        (f"{name}.csv", pd.read_csv(output_dir / f"{name}.csv", keep_default_na=False), "")
        for name in WRITTEN
    ]
    checked = 0
    for where, table, empty in tables:
        name = where.split()[-1].removesuffix(".csv")
        for count, derived in CLIENT_COUNTS[name].items():
            hidden = table[count] == empty
            for column in derived:
                leaked = table.loc[hidden & (table[column] != empty), [count, column]]
                assert leaked.empty, f"{where}: {column} getoond bij onderdrukt {count}:\n{leaked}"
                checked += hidden.sum()
    assert checked > 0


def test_written_statistics_are_rounded_so_they_do_not_reveal_the_exact_count(run):
    _, output_dir = run
    for name in ("duur", "duur_per_categorie"):
        written = pd.read_csv(output_dir / f"{name}.csv")
        for column, decimals in STATISTIC_DECIMALS.items():
            values = written[column].dropna()
            assert (values.round(decimals) == values).all(), f"{name}.csv {column}: {values}"


def test_printed_text_states_no_client_counts(run):
    """Printed sentences give euros and shares; the only counts printed are the rows of the
    export file in the row balance (exact on purpose: they show that no row was lost)."""
    notebook, _ = run
    printed = "\n".join(
        output["text"]
        for cell in notebook.cells
        for output in cell.get("outputs", [])
        if output["output_type"] == "stream" and output["name"] == "stdout"
    )
    assert "rijen in het bestand" in printed
    pattern = r"\d[\d.]*\s+(cliënt|cliënten|jeugdigen|arrangementen|trajecten)\b"
    assert re.findall(pattern, printed) == []


def test_effects_per_group_show_no_group_below_8_arrangements_or_clients(run):
    """Every row of the group effects is a group with at least 8 arrangements and 8 clients in
    both years, or the merged small groups, which together have at least 8 of each too."""
    _, output_dir = run
    data = microdata.read_export(output_dir.parent / "klein.csv").data
    data = data[data["jaar"].isin(YEARS)]
    merged_somewhere = False
    for name, by in GROUP_EFFECTS.items():
        shown = pd.read_csv(output_dir / f"{name}.csv")[by]
        assert shown.is_unique, f"{name}.csv: {shown.tolist()}"
        group = data[by].astype("string").where(data[by].isin(shown), MERGED_GROUP)
        merged_somewhere |= (group == MERGED_GROUP).any()
        sizes = (
            data.groupby([group, "jaar"])[["arrangement_id", "client_id"]]
            .nunique()
            .unstack("jaar")
            .reindex(
                index=shown,
                columns=pd.MultiIndex.from_product([["arrangement_id", "client_id"], YEARS]),
                fill_value=0,
            )
        )
        small = sizes[(sizes < THRESHOLD).any(axis=1)]
        assert small.empty, f"{name}.csv: groepen onder {THRESHOLD}:\n{small}"
    # The tiny municipality must have small groups, or this test proves nothing.
    assert merged_somewhere


def _rounding_band(shown: int) -> range:
    """The counts that round half up to `shown` (a multiple of 5)."""
    return range(shown - 2, shown + 3)


def ratio_attack(volume: float, stapeling: float, shown: dict) -> list[tuple[int, ...]]:
    """The attack of issue 14: volume = Σ L·ln(N1/N0) and stapeling = Σ L·ln((A1/N1)/(A0/N0))
    share their weights Σ L, so their ratio depends on the counts only. Every tuple of counts
    (N0, N1, A0, A1) that rounds to the shown counts and gives the written ratio is returned."""
    target = volume / stapeling
    found = []
    bands = [_rounding_band(shown[key]) for key in ("N0", "N1", "A0", "A1")]
    for n0, n1, a0, a1 in itertools.product(*bands):
        stacking = math.log(a1 * n0 / (a0 * n1))
        if stacking and math.isclose(math.log(n1 / n0) / stacking, target, rel_tol=1e-9):
            found.append((n0, n1, a0, a1))
    return found


def test_counts_cannot_be_recovered_from_the_ratio_of_written_effects(run):
    _, output_dir = run
    data = microdata.read_export(output_dir.parent / "klein.csv").data
    per_year = data.groupby("jaar").agg(N=("client_id", "nunique"), A=("arrangement_id", "nunique"))
    true = tuple(int(per_year.loc[y, c]) for c in ("N", "A") for y in YEARS)
    # Precondition: some true count is not a multiple of 5, so rounding hides something.
    assert any(count % BASE for count in true)
    keys = ("N0", "N1", "A0", "A1")
    shown = {
        key: (2 * count + BASE) // (2 * BASE) * BASE for key, count in zip(keys, true, strict=True)
    }
    effects = pd.read_csv(output_dir / "decompositie.csv").set_index("effect")["euro"]
    candidates = ratio_attack(effects["volume"], effects["stapeling"], shown)
    assert candidates != [true], "de exacte aantallen zijn terug te rekenen uit de effecten"
    assert true not in candidates or len(candidates) > 1
