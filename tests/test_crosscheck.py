"""The comparisons between sources resolve against the published tables, and the side-by-side
arithmetic (conversion, factor, differences with the reference) gives known answers."""

import json

import pandas as pd
import pytest

from helpers.data import crosscheck, published
from helpers.display import headers

COMPARISONS = crosscheck.load_comparisons()


def _package(root, name, resources):
    """A minimal published package: resources maps name -> (unit, fields, csv text)."""
    folder = root / name
    folder.mkdir()
    descriptor = {
        "name": name,
        "title": f"Document {name}",
        "sources": [
            {
                "title": f"Document {name}",
                "publisher": "Uitgever",
                "year": 2019,
                "text_sha256": "0" * 64,
            }
        ],
        "known_gaps": [],
        "resources": [],
    }
    for resource, (unit, fields, csv) in resources.items():
        descriptor["resources"].append(
            {
                "name": resource,
                "path": f"{resource}.csv",
                "title": resource,
                "section": "1",
                "label": f"tabel 1 '{resource}'",
                "unit": unit,
                "schema": {"fields": [{"name": f, "type": t} for f, t in fields]},
            }
        )
        (folder / f"{resource}.csv").write_text(csv, encoding="utf-8")
    (folder / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")


@pytest.fixture
def root(tmp_path):
    _package(
        tmp_path,
        "rapport",
        {
            "financien": (
                "€ mln",
                [("pijler", "string"), ("jaar", "integer"), ("waarde", "number")],
                "pijler,jaar,waarde\nJeugd,2017,34.2\nJeugd,2018,40.0\nWmo,2017,0\n",
            ),
            "wmo": (
                "€ mln",
                [("post", "string"), ("jaar", "integer"), ("waarde", "number")],
                "post,jaar,waarde\nBW ZiN,2017,20\nBW ZiN - incidenteel,2017,-1\nBW PGB,2017,3\n"
                "Begeleiding,2017,10\nWmo totaal,2017,50\nWmo totaal,2018,52\n",
            ),
        },
    )
    _package(
        tmp_path,
        "memo",
        {
            "tekst": (
                "gemengd",
                [("grootheid", "string"), ("eenheid", "string"), ("waarde", "number")],
                "grootheid,eenheid,waarde\ntekort jeugd,€,35000000\naandeel,1 op de N,8\n"
                "tevreden,op de 10,8\ngemeenten,aantal gemeenten,6\nlasten jeugd,€ mln,34.2\n",
            ),
        },
    )
    return tmp_path


def _write(tmp_path, comparisons, names=None):
    path = tmp_path / "vergelijkingen.json"
    doc = {
        "bronnen": names or {"rapport": "Rapport", "memo": "Memo"},
        "vergelijkingen": comparisons,
    }
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


def _side_by_side(root, tmp_path, *comparisons):
    """The sources side by side for `comparisons` written to a file in tmp_path."""
    return crosscheck.side_by_side(crosscheck.load_comparisons(_write(tmp_path, comparisons)), root)


def _comparison(id, unit, *sides):
    return {
        "id": id,
        "thema": "test",
        "onderwerp": id,
        "eenheid": unit,
        "verklaring": "reden",
        "kanten": list(sides),
    }


def _side(table, factor=None, **selector):
    side = {"tabel": table, "selectie": selector}
    return side if factor is None else side | {"factor": factor}


def test_every_committed_comparison_resolves_to_one_row_per_side():
    table = crosscheck.side_by_side(COMPARISONS)
    expected_sides = sum(len(c.sides) for c in COMPARISONS.items)
    assert len(table) == expected_sides
    assert table["waarde"].notna().all()


def test_committed_comparisons_cover_every_source_with_a_short_name():
    assert set(published.packages()) <= set(COMPARISONS.source_names)
    used = {side.table_id.split("/")[0] for c in COMPARISONS.items for side in c.sides}
    assert {"monitor_2018", "visitatie_2021", "draaiknoppen_2017", "armoede_aanvalsplan"} <= used


def test_committed_comparisons_include_the_required_subjects():
    ids = {c.id for c in COMPARISONS.items}
    required = {
        "jeugd_lasten_2017",
        "jeugd_lasten_2018",
        "jeugd_begroting_2017",
        "wmo_lasten_2017",
        "sociaal_domein_lasten_2018",
        "armoede_aandeel_huishoudens",
        "jeugdhulp_aandeel_maastricht",
        "jeugdigen_met_jeugdhulp",
        "zorgaanbieders",
    }
    assert required <= ids


def test_jeugd_2017_side_by_side_as_printed():
    table = crosscheck.side_by_side(COMPARISONS)
    jeugd = table[table["vergelijking"] == "jeugd_lasten_2017"]
    assert jeugd["gedrukt"].tolist() == [34.2, 34.1, 35.0]
    assert jeugd["verschil"].iloc[1:].round(6).tolist() == [-0.1, 0.8]


def test_differences_against_the_first_side(root, tmp_path):
    table = _side_by_side(
        root,
        tmp_path,
        _comparison(
            "jeugd",
            "€ mln",
            _side("rapport/financien", pijler="Jeugd", jaar=2017),
            _side("memo/tekst", grootheid="tekort jeugd"),
            _side("rapport/financien", pijler="Jeugd", jaar=2018),
        ),
    )
    # 35.000.000 € = 35,0 € mln; 35,0 − 34,2 = 0,8 = 2,339…% of 34,2; 40,0 − 34,2 = 5,8 = 16,959…%
    assert table["waarde"].tolist() == pytest.approx([34.2, 35.0, 40.0])
    assert pd.isna(table["verschil"].iloc[0]) and pd.isna(table["verschil_pct"].iloc[0])
    assert table["verschil"].iloc[1:].tolist() == pytest.approx([0.8, 5.8])
    assert table["verschil_pct"].iloc[1:].tolist() == pytest.approx(
        [100 * 0.8 / 34.2, 100 * 5.8 / 34.2]
    )
    assert table["bron"].tolist() == ["Rapport, tabel 1", "Memo, tabel 1", "Rapport, tabel 1"]
    assert table["selectie"].iloc[0] == "pijler Jeugd, jaar 2017"
    assert (
        table["bronvermelding"]
        .iloc[0]
        .startswith("Bron: Document rapport, uitgave 2019, tabel 1 'financien'")
    )


def test_conversions_and_factor(root, tmp_path):
    table = _side_by_side(
        root,
        tmp_path,
        _comparison(
            "aandeel",
            "%",
            _side("memo/tekst", grootheid="aandeel"),
            _side("memo/tekst", grootheid="tevreden"),
        ),
        _comparison(
            "teken",
            "€ mln",
            _side("rapport/financien", pijler="Jeugd", jaar=2017),
            _side("rapport/financien", factor=-1, pijler="Jeugd", jaar=2018),
        ),
        _comparison(
            "gemeenten",
            "aantal",
            _side("memo/tekst", grootheid="gemeenten"),
            _side("memo/tekst", grootheid="gemeenten"),
        ),
    )
    # 1 op de 8 = 12,5%; 8 op de 10 = 80%; 80 − 12,5 = 67,5 = 540% of 12,5
    assert table["waarde"].tolist() == pytest.approx([12.5, 80.0, 34.2, -40.0, 6, 6])
    assert table["verschil_pct"].iloc[1] == pytest.approx(540.0)
    assert table["gedrukt"].iloc[3] == 40.0


def test_zero_reference_gives_no_relative_difference(root, tmp_path):
    table = _side_by_side(
        root,
        tmp_path,
        _comparison(
            "nul",
            "€ mln",
            _side("rapport/financien", pijler="Wmo", jaar=2017),
            _side("rapport/financien", pijler="Jeugd", jaar=2017),
        ),
    )
    assert table["verschil"].iloc[1] == pytest.approx(34.2)
    assert pd.isna(table["verschil_pct"].iloc[1])


@pytest.mark.parametrize(
    ("side", "message"),
    [
        (_side("rapport/financien", pijler="Jeugd"), "2 rijen in rapport/financien"),
        (_side("rapport/financien", pijler="Onderwijs", jaar=2017), "0 rijen"),
        (_side("rapport/begroting", pijler="Jeugd", jaar=2017), "Geen tabel 'begroting'"),
        (_side("rapport/financien", domein="Jeugd"), "kolom(men) domein niet in"),
        (_side("memo/tekst", grootheid="gemeenten"), "Geen omrekening van eenheid 'aantal"),
    ],
)
def test_unresolvable_side_names_file_comparison_and_side(root, tmp_path, side, message):
    path = _write(
        tmp_path,
        [_comparison("x", "€ mln", _side("rapport/financien", pijler="Jeugd", jaar=2017), side)],
    )
    with pytest.raises(crosscheck.CrosscheckError) as error:
        crosscheck.side_by_side(crosscheck.load_comparisons(path), root)
    assert "vergelijkingen.json: vergelijking x, kant 2" in str(error.value)
    assert message in str(error.value)


def test_bad_comparisons_file_is_refused(tmp_path):
    one_side = _comparison("x", "%", _side("memo/tekst", grootheid="aandeel"))
    with pytest.raises(crosscheck.CrosscheckError, match="minstens twee kanten"):
        crosscheck.load_comparisons(_write(tmp_path, [one_side]))
    incomplete = {"id": "y", "onderwerp": "y", "kanten": []}
    with pytest.raises(crosscheck.CrosscheckError, match="vergelijking y: ontbrekende .*eenheid"):
        crosscheck.load_comparisons(_write(tmp_path, [incomplete]))
    two = _comparison("z", "%", _side("a/b", k=1), _side("a/b", k=2))
    with pytest.raises(crosscheck.CrosscheckError, match="dubbele id's: z"):
        crosscheck.load_comparisons(_write(tmp_path, [two, two]))
    with pytest.raises(crosscheck.CrosscheckError, match="Geen vergelijkingenbestand"):
        crosscheck.load_comparisons(tmp_path / "bestaat_niet.json")


def test_summary_verdicts():
    table = pd.DataFrame(
        {
            "vergelijking": ["a", "a", "b", "b", "c", "c"],
            "thema": "T",
            "onderwerp": ["A", "A", "B", "B", "C", "C"],
            "verklaring": ["a", "a", "b", "b", "c", "c"],
            "eenheid": "€ mln",
            "kant": [1, 2, 1, 2, 1, 2],
            "waarde": [34.2, 34.2, 35.0, 34.9, 10.0, 12.0],
            "verschil_pct": [None, 0.0, None, -0.2857, None, 20.0],
        }
    )
    out = crosscheck.summary(table, threshold_pct=1.0)
    assert out["oordeel"].tolist() == ["gelijk", "klein verschil", "wijkt af"]
    assert out.loc["c", "laagste"] == 10.0 and out.loc["c", "hoogste"] == 12.0
    assert out.loc["c", "grootste_verschil_pct"] == 20.0
    assert out.loc["c", "verklaring"] == "c"


def test_formatted_shows_printed_and_compared_values_in_dutch(root, tmp_path):
    path = _write(
        tmp_path,
        [
            _comparison(
                "aandeel",
                "%",
                _side("memo/tekst", grootheid="aandeel"),
                _side("memo/tekst", grootheid="tevreden"),
            )
        ],
    )
    shown = headers.comparison_table(
        crosscheck.side_by_side(crosscheck.load_comparisons(path), root)
    )
    assert shown["gedrukt"].tolist() == ["1 op de 8", "8 op de 10"]
    assert shown["vergeleken"].tolist() == ["12,5%", "80%"]
    assert shown["verschil"].tolist() == ["–", "+67,5"]
    assert shown["verschil_pct"].tolist() == ["–", "540,0%"]
    assert shown.index.tolist() == [("aandeel", "Memo, tabel 1"), ("aandeel", "Memo, tabel 1")]


def test_short_label_drops_quoted_title_and_remark():
    assert (
        crosscheck.short_label("tabel §3.6 'Financieel resultaat Jeugdhulp 2018'") == "tabel §3.6"
    )
    assert crosscheck.short_label("tekst §2.1 (en samenvatting)") == "tekst §2.1"
    assert crosscheck.short_label("figuur 6") == "figuur 6"


def test_exceptions_overview_collects_every_documented_exception():
    overview = crosscheck.exceptions_overview(COMPARISONS.source_names)
    expected = sum(
        len(published.descriptor(t)[1].get("exceptions", [])) for t in published.table_ids()
    )
    assert len(overview) == expected
    saldo = overview[(overview["tabel"] == "visitatie_2021/begroting_realisatie")]
    assert saldo["bron"].unique().tolist() == ["Visitatie 2021"]
    assert sorted(saldo["gedrukt"]) == [-13.4, -6.0]
    blocks = (overview["bron"] != overview["bron"].shift()).sum()
    assert blocks == overview["bron"].nunique(), "grouped by source"


def test_exceptions_overview_of_sources_without_exceptions_is_empty(root):
    overview = crosscheck.exceptions_overview(root=root)
    assert overview.empty
    assert list(overview.columns)[:3] == ["bron", "tabel", "label"]


def test_involving_keeps_whole_comparisons_with_a_side_from_the_source():
    memo = COMPARISONS.involving("draaiknoppen_2017")
    assert 0 < len(memo.items) < len(COMPARISONS.items)
    assert all(
        any(s.table_id.startswith("draaiknoppen_2017/") for s in c.sides) for c in memo.items
    )
    assert "jeugd_tekort_2016" in {c.id for c in memo.items}
    assert COMPARISONS.involving(crosscheck.ALL) is COMPARISONS


def test_exceptions_of_one_source_and_their_display():
    overview = crosscheck.exceptions_overview(
        COMPARISONS.source_names, package="armoede_aanvalsplan"
    )
    assert overview["tabel"].tolist() == [
        "armoede_aanvalsplan/inkomensbronnen",
        "armoede_aanvalsplan/armoedebudget_2018",
    ]
    shown = headers.exceptions_overview_table(overview)
    assert shown["gedrukt"].tolist() == ["99,9", "11.471.974"]
    assert shown.index.names == ["bron", "label"]


def test_negative_threshold_is_refused():
    with pytest.raises(ValueError, match="drempel"):
        crosscheck.summary(pd.DataFrame(), threshold_pct=-1)


def test_a_source_without_comparisons_gives_empty_tables():
    none = COMPARISONS.involving("wmo_plan_2024")
    table = crosscheck.side_by_side(none)
    assert table.empty and {"vergelijking", "verschil", "verschil_pct"} <= set(table.columns)
    assert crosscheck.summary(table, 1.0).empty
    assert headers.comparison_table(table).empty


def _derived(table, plus=(), minus=(), **selector):
    return {"tabel": table, "selectie": selector, "plus": list(plus), "min": list(minus)}


def test_derived_side_subtracts_and_adds_rows_of_its_table(root, tmp_path):
    bw = [{"post": "BW ZiN"}, {"post": "BW ZiN - incidenteel"}, {"post": "BW PGB"}]
    table = _side_by_side(
        root,
        tmp_path,
        _comparison(
            "wmo_excl_bw",
            "€ mln",
            _side("rapport/wmo", post="Begeleiding", jaar=2017),
            _derived("rapport/wmo", minus=bw, post="Wmo totaal", jaar=2017),
            _derived("rapport/wmo", plus=[{"post": "Begeleiding"}], post="BW PGB", jaar=2017),
        ),
    )
    # 50 − (20 − 1 + 3) = 28; 3 + 10 = 13; differences with the reference 10: +18 and +3.
    assert table["waarde"].tolist() == pytest.approx([10.0, 28.0, 13.0])
    assert table["verschil"].iloc[1:].tolist() == pytest.approx([18.0, 3.0])
    assert table["afgeleid"].tolist() == [False, True, True]
    assert pd.isna(table["gedrukt"].iloc[1])  # a derived value is not printed anywhere
    assert table["bron"].iloc[1] == "Rapport, tabel 1 (afgeleid)"
    assert table["selectie"].iloc[1] == (
        "post Wmo totaal, jaar 2017 − post BW ZiN − post BW ZiN - incidenteel − post BW PGB"
    )
    shown = headers.comparison_table(table)
    assert shown["gedrukt"].tolist() == ["€ 10 mln", "afgeleid", "afgeleid"]
    assert shown["vergeleken"].tolist() == ["€ 10 mln", "€ 28 mln", "€ 13 mln"]


def test_derived_side_with_a_missing_row_names_it(root, tmp_path):
    path = _write(
        tmp_path,
        [
            _comparison(
                "x",
                "€ mln",
                _side("rapport/wmo", post="Begeleiding", jaar=2017),
                _derived("rapport/wmo", minus=[{"post": "BW PGB"}], post="Wmo totaal", jaar=2018),
            )
        ],
    )
    with pytest.raises(crosscheck.CrosscheckError, match="0 rijen .* post BW PGB, jaar 2018"):
        crosscheck.side_by_side(crosscheck.load_comparisons(path), root)


def test_committed_wmo_excl_bw_is_derived_from_monitor_5_5():
    table = crosscheck.side_by_side(COMPARISONS)
    derived = table[table["afgeleid"]].set_index("vergelijking")
    # 2018: 66,0 − (25,2 − 0,9 + 3,1) = 38,6 against the visitation's 38,9 (Wmo excl. BW).
    assert derived.loc["wmo_lasten_2018", "waarde"] == pytest.approx(38.6)
    # 2017: 64,7 − (25,9 + 0,5 + 3,3) = 35,0 against 34,7.
    assert derived.loc["wmo_lasten_2017", "waarde"] == pytest.approx(35.0)
    visitatie = table[(table["tabel"] == "visitatie_2021/begroting_realisatie")].set_index(
        "vergelijking"
    )
    assert visitatie.loc["wmo_lasten_2018", "waarde"] == pytest.approx(38.9)


def test_figure_6_comparisons_show_the_known_disagreement_of_jeugd_2017():
    figuur6 = COMPARISONS.involving("visitatie_2021/begroting_realisatie")
    assert all(
        any(s.table_id == "visitatie_2021/begroting_realisatie" for s in c.sides)
        for c in figuur6.items
    )
    table = crosscheck.side_by_side(figuur6).set_index(["vergelijking", "tabel"])
    # Jeugdhulp saldo 2017: the visitation prints −6,0, the monitor −8,6 (= 25,6 − 34,2).
    saldo = table.loc[("jeugd_resultaat_2017", "visitatie_2021/begroting_realisatie")]
    assert saldo["verschil"] == pytest.approx(2.6)


def test_no_comparison_dates_the_monitor_to_early_2019():
    # The Monitor 2018 names 16 May 2019 as a past date: it is not the state of early 2019.
    assert not any("begin 2019" in c.explanation for c in COMPARISONS.items)


def test_between_gives_right_minus_left_whatever_the_reference(root, tmp_path):
    table = _side_by_side(
        root,
        tmp_path,
        _comparison(
            "gelijk",
            "€ mln",
            _side("rapport/financien", pijler="Jeugd", jaar=2017),
            _side("memo/tekst", grootheid="lasten jeugd"),
        ),
        # the memo is the reference here; between still gives memo − rapport
        _comparison(
            "omgekeerd",
            "€ mln",
            _side("memo/tekst", grootheid="tekort jeugd"),
            _side("rapport/financien", pijler="Jeugd", jaar=2017),
        ),
        _comparison(
            "zonder memo",
            "€ mln",
            _side("rapport/financien", pijler="Jeugd", jaar=2018),
            _side("rapport/wmo", post="Wmo totaal", jaar=2018),
        ),
    )
    pair = crosscheck.between(table, "rapport/financien", "memo/tekst")
    assert pair.index.tolist() == ["gelijk", "omgekeerd"]
    assert pair.columns.tolist() == ["Rapport, tabel 1", "Memo, tabel 1", "verschil", "gelijk"]
    assert pair["Rapport, tabel 1"].tolist() == [34.2, 34.2]
    assert pair["Memo, tabel 1"].tolist() == [34.2, 35.0]
    assert pair["verschil"].tolist() == [0.0, 0.8]
    assert pair["gelijk"].tolist() == [True, False]
    shown = headers.between_table(pair)
    assert shown["verschil"].tolist() == ["0,0", "+0,8"]
    assert shown["gelijk"].tolist() == ["ja", "nee"]


def test_between_refuses_two_printed_sides_from_one_table(root, tmp_path):
    table = _side_by_side(
        root,
        tmp_path,
        _comparison(
            "dubbel",
            "€ mln",
            _side("rapport/financien", pijler="Jeugd", jaar=2017),
            _side("rapport/financien", pijler="Jeugd", jaar=2018),
            _side("memo/tekst", grootheid="lasten jeugd"),
        ),
    )
    with pytest.raises(crosscheck.CrosscheckError, match="dubbel.*rapport/financien"):
        crosscheck.between(table, "rapport/financien", "memo/tekst")
    with pytest.raises(crosscheck.CrosscheckError, match="rapport/wmo"):
        crosscheck.between(table, "rapport/wmo", "memo/tekst")


def test_between_table_keeps_the_decimals_of_the_table():
    pair = pd.DataFrame(
        {"a": [66.0, 64.7], "b": [66.0, 64.9], "verschil": [0.0, 0.2], "gelijk": [True, False]},
        index=pd.Index(["2018", "2017"], name="onderwerp"),
    )
    shown = headers.between_table(pair)
    assert shown["a"].tolist() == ["66,0", "64,7"]
    assert shown["verschil"].tolist() == ["0,0", "+0,2"]


# Every figure of a pillar in table 2.3 of the monitor is compared with its chapter table; the
# differences are the ones the printed tables show (monitor 2018, tabel 2.3 against §3.6, §4.3,
# §5.5 and §6.7).
@pytest.mark.parametrize(
    "chapter, differences",
    [
        (
            "financien_jeugd",
            {
                "Jeugd: lasten (realisatie) 2017": 0.1,
                "Jeugd: lasten volgens de prognose 2018": -0.1,
            },
        ),
        (
            "financien_onderwijs",
            {"Onderwijs (leerlingenvervoer): lasten volgens de prognose 2018": -0.1},
        ),
        (
            "financien_wmo",
            {"Wmo: lasten (realisatie) 2017": 0.2, "Wmo: begroting 2017": -0.1},
        ),
        (
            "financien_participatie",
            {"Participatie: begroting volgens de prognose 2018": 0.1},
        ),
    ],
)
def test_monitor_chapter_tables_against_table_2_3(chapter, differences):
    table = crosscheck.side_by_side(COMPARISONS.involving(f"monitor_2018/{chapter}"))
    pair = crosscheck.between(table, f"monitor_2018/{chapter}", "monitor_2018/financien_pijlers")
    assert len(pair) == 9  # lasten, begroting, resultaat × realisatie 2017, 2018, prognose 2018
    assert pair.loc[~pair["gelijk"], "verschil"].to_dict() == pytest.approx(differences)
