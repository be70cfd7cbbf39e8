import pandas as pd

from helpers.data import claims, published
from helpers.display import fmt, headers


def test_label_uses_the_list_first():
    assert headers.label("ci_laag") == "95%-interval laag"
    assert headers.label("helling_pct_gemiddelde") == "helling (% van gemiddelde)"


def test_label_turns_pct_suffix_into_percent_sign():
    assert headers.label("verschil_pct") == "verschil (%)"
    assert headers.label("groei_pct") == "groei (%)"


def test_label_replaces_underscores_and_leaves_other_names():
    assert headers.label("taakveld_plan") == "taakveld plan"
    assert headers.label("gedrukt") == "gedrukt"
    assert headers.label(2019) == 2019


def test_readable_renames_columns_and_index_levels_and_keeps_other_values():
    df = pd.DataFrame(
        {"domein": ["Jeugd"], "jaar": [2017], "verschil_pct": [1.5], "p_waarde": [0.2]}
    ).set_index(["domein", "jaar"])
    out = headers.readable(df)
    assert list(out.columns) == ["verschil (%)", "p-waarde"]
    assert list(out.index.names) == ["domein", "jaar"]
    assert out.iloc[0].tolist() == ["1,5%", 0.2]


def test_readable_override_wins_over_the_list():
    df = pd.DataFrame({"n": [4], "groep": ["x"]})
    out = headers.readable(df, labels={"n": "aantal jaren", "groep": "groep"})
    assert list(out.columns) == ["aantal jaren", "groep"]


def test_readable_keeps_year_columns():
    df = pd.DataFrame({2016: [1.0], 2019: [2.0]}).rename_axis(index="domein")
    assert list(headers.readable(df).columns) == [2016, 2019]


def test_exceptions_table_of_figuur6_names_place_and_figures():
    figuur6 = published.load("visitatie_2021/begroting_realisatie")
    out = headers.exceptions_table(figuur6, fmt.one_decimal)
    assert list(out.columns) == ["volgens de rekensom", "gedrukt", "toelichting"]
    assert out.index.name == "waar"
    assert out.loc["domein Jeugdhulp, jaar 2017", "volgens de rekensom"] == "−9,0"
    assert out.loc["domein Jeugdhulp, jaar 2017", "gedrukt"] == "−6,0"


def test_claims_table_formats_each_row_in_its_own_unit():
    checked = claims.check(
        pd.DataFrame(
            {
                "bewering": ["meer dan 90%", "totaal = som"],
                "berekend": [94.335, 11471947.0],
                "gedrukt": [90.0, 11471974.0],
                "decimalen": [0, 0],
                "relatie": ["meer dan", "gelijk"],
            }
        )
    )
    out = headers.claims_table(checked, ["%", "€"])
    assert out.loc["meer dan 90%"].tolist() == ["94,3%", "meer dan", "90%", "4,3%", "ja"]
    assert out.loc["totaal = som"].tolist() == [
        "€ 11.471.947",
        "gelijk",
        "€ 11.471.974",
        "€ −27",
        "nee",
    ]


def test_readable_formats_and_names_columns_in_dutch():
    df = pd.DataFrame(
        {"lasten": [34.2], "verschil_pct": [0.3], "eigen_kolom": [1]},
        index=pd.Index(["Jeugd"], name="pijler"),
    )
    out = headers.readable(df, {"lasten": fmt.one_decimal, "verschil_pct": fmt.percent})
    assert out.columns.tolist() == ["lasten", "verschil (%)", "eigen kolom"]
    assert out.iloc[0].tolist() == ["34,2", "0,3%", 1]
    assert out.index.tolist() == ["Jeugd"]
    assert out.index.name == "pijler"


def test_readable_lets_the_notebook_override_a_header():
    df = pd.DataFrame({"waarde": [5], "aandeel_pct": [100.0]})
    out = headers.readable(df, labels={"waarde": "aantal", "aandeel_pct": "aandeel"})
    assert out.columns.tolist() == ["aantal", "aandeel"]


def test_readable_hides_bare_row_numbers_but_keeps_named_index():
    rows = pd.DataFrame({"waarde": [1, 2]}, index=[15, 17])
    assert headers.readable(rows).index.tolist() == ["", ""]
    years = pd.DataFrame({"waarde": [1, 2]}, index=pd.Index([2017, 2018], name="jaar"))
    assert headers.readable(years).index.tolist() == [2017, 2018]


def test_readable_renames_every_level_and_index_name():
    df = pd.concat({"leerlingen": pd.DataFrame({"verschil_pct": [1.0]})}, axis=1)
    df.index = pd.MultiIndex.from_tuples([("a", 2018)], names=["onderwijs_type", "jaar"])
    out = headers.readable(df)
    assert out.columns.tolist() == [("leerlingen", "verschil (%)")]
    assert out.index.names == ["onderwijs type", "jaar"]


def test_as_printed_shows_a_published_table_with_its_units():
    table = published.load("monitor_2018/indicaties_kerncijfers")
    shown = headers.as_printed(table).set_index(["grootheid", "jaar"])["waarde"]
    assert shown[("unieke cliënten met indicatie", 2018)] == "20.469"
    assert shown[("inwoners met ondersteuning", 2018)] == "17%"
    assert "eenheid" not in headers.as_printed(table).columns


def test_as_printed_of_a_long_table_uses_each_rows_unit():
    values = pd.DataFrame(
        {"indicator": ["a", "b"], "eenheid": ["%", "aantal"], "waarde": [14.4, 118_636.0]}
    )
    assert headers.as_printed(values)["waarde"].tolist() == ["14,4%", "118.636"]


def test_readable_formats_numeric_columns_by_their_suffix():
    df = pd.DataFrame(
        {
            "aandeel_pct": [14.44],
            "lasten_mln": [34.2],
            "verschil": [0.4],
            "verschil_pctpunt": [-1.26],
            "gelijk": [True],
            "al_tekst_pct": ["14,4%"],
            "aantal": [3],
        }
    )
    out = headers.readable(df)
    assert out.iloc[0].tolist() == ["14,4%", "€ 34,2 mln", "+0,4", "−1,3", "ja", "14,4%", 3]
    assert list(out.columns)[:2] == ["aandeel (%)", "lasten"]


def test_readable_explicit_formats_win_over_the_suffix_defaults():
    df = pd.DataFrame({"aandeel_pct": [14.44], "verschil": [3.0]})
    out = headers.readable(df, {"aandeel_pct": fmt.printed_percent, "verschil": fmt.number})
    assert out.iloc[0].tolist() == ["14,44%", "3"]
